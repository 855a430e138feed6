// The verifier-only entry, `@spotdraft-kit/wasm/verify`: a module built
// without the SpotDraft API layer, for Workers that only receive webhooks.
// It stays inside its size budgets, exports the webhook API and nothing of
// the API layer, passes the shared argument-shape table and conformance
// vectors like the full package, and runs in workerd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const verifyDir = join(here, '..', 'dist', 'verify');
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

// Budgets as measured, so growth fails here. The targets (60 KiB for the
// module, 80 KiB for what a Worker loads) are not met: the core's event
// reader (serde_json) is most of the module; see BENCHMARKS.md.
// Both grew by about 2 KiB when the log record moved to its own export
// (built on first read, from the delivery's fields, instead of on every
// open) and events became one class.
const MODULE_BUDGET = 98 * 1024;
const WORKER_BUDGET = 108 * 1024;

test('verifier-only module and what a verify-only Worker loads stay inside their budgets, well under the full module', () => {
  const wasm = gz(join(verifyDir, 'spotdraft_kit_wasm_bg.wasm'));
  assert.ok(wasm <= MODULE_BUDGET, `verifier-only .wasm is ${wasm} bytes gzipped`);
  const loaded = wasm + gz(join(verifyDir, 'workerd.js'));
  assert.ok(loaded <= WORKER_BUDGET, `a verify-only Worker loads ${loaded} bytes gzipped`);
  const full = gz(join(here, '..', 'dist', 'spotdraft_kit_wasm_bg.wasm')) + gz(join(here, '..', 'dist', 'workerd.js'));
  assert.ok(loaded < full * 0.75, `verify-only ${loaded} bytes against ${full} for the full package`);
});

// The names of the API layer and the playbook, which the full entries add.
const API_NAMES = ['Api', 'RetryPolicy', 'RateLimiter', 'parseResponse'];
const PLAYBOOK_NAMES = ['Sanitizer', 'deliveryBundle', 'apiBundle', 'Reconcile', 'recordFromCreated', 'planCreate',
  'planDelete', 'sharedUrls', 'Rotation', 'BUNDLE_FORMAT', 'CONTRACTS_LIST_OPERATION', 'RE_TRIGGER_OPERATION',
  'RECONCILE_PAGE_LIMIT', 'RE_TRIGGER_BATCH_SIZE', 'MAX_RECONCILE_PAGES', 'RECONCILED_ACTIVITY',
  'WEBHOOK_CREATE_OPERATION', 'WEBHOOK_DELETE_OPERATION'];

test('the verify entry exports the webhook API only, and bundles no API or playbook code', async () => {
  const kit = await import(join(verifyDir, 'node.mjs'));
  const full = await import(join(here, '..', 'dist', 'node.mjs'));
  const names = Object.keys(kit).filter((k) => k !== 'default').sort();
  for (const name of PLAYBOOK_NAMES) assert.ok(name in full, name);
  const extra = new Set([...API_NAMES, ...PLAYBOOK_NAMES]);
  assert.deepEqual(names, Object.keys(full).filter((k) => !extra.has(k)).sort());
  for (const file of ['workerd.js', 'browser.js', 'index.cjs']) {
    const text = readFileSync(join(verifyDir, file), 'utf8');
    assert.ok(!/RawApi|apiOperations|createApi/.test(text), `${file} holds API code`);
    assert.ok(!/RawReconcile|playbook[A-Z]|createPlaybook/.test(text), `${file} holds playbook code`);
  }
  const exported = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(verifyDir, 'spotdraft_kit_wasm_bg.wasm'))));
  assert.deepEqual(exported.map((e) => e.name).filter((n) => /playbook|rawreconcile|rawrotation|rawsanitizer/i.test(n)), []);
});

test('the verify entry passes the argument-shape table and the conformance vectors', () => {
  // A child `node --test` reports in the parent's protocol unless
  // NODE_TEST_CONTEXT is cleared.
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap',
    join(root, 'tests', 'js', 'shapes.test.mjs'), join(root, 'tests', 'js', 'conformance.test.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...env, SPOTDRAFT_KIT_IMPL: join(verifyDir, 'node.mjs') },
  });
  assert.equal(run.status, 0, run.stdout.split('\n').filter((l) => /^not ok|^# (pass|fail)/.test(l)).join('\n'));
  assert.match(run.stdout, /^# fail 0$/m);
  assert.match(run.stdout, /^# pass [1-9]/m);
});

test('the verify entry runs in workerd', async () => {
  const KEY = 'c2VjcmV0LWtleS1ieXRlcw==';
  const mf = new Miniflare({
    modules: [
      {
        type: 'ESModule',
        path: join(verifyDir, 'worker.mjs'),
        contents: `import { Verifier } from './workerd.js';
export default {
  async fetch(request, env) {
    try {
      const d = new Verifier(env.KEY).open(request.headers, await request.arrayBuffer());
      return Response.json({ activity: d.event.activity, keyIndex: d.keyIndex });
    } catch (err) {
      return Response.json({ code: err.code }, { status: err.httpStatus });
    }
  },
};`,
      },
      { type: 'ESModule', path: join(verifyDir, 'workerd.js') },
      { type: 'CompiledWasm', path: join(verifyDir, 'spotdraft_kit_wasm_bg.wasm') },
    ],
    compatibilityDate: '2026-04-01',
    cf: false,
    bindings: { KEY },
  });
  try {
    const body = '{"activity":"CONTRACT_SIGNED","contract_id":7}';
    const signature = createHmac('sha512', Buffer.from(KEY, 'base64')).update(body).digest('hex');
    const ok = await mf.dispatchFetch('http://127.0.0.1/', { method: 'POST', body, headers: { 'x-sd-webhook-content-hash': signature } });
    assert.deepEqual(await ok.json(), { activity: 'CONTRACT_SIGNED', keyIndex: 0 });
    const bad = await mf.dispatchFetch('http://127.0.0.1/', { method: 'POST', body, headers: { 'x-sd-webhook-content-hash': '0'.repeat(128) } });
    assert.equal(bad.status, 401);
    assert.deepEqual(await bad.json(), { code: 'signature_mismatch' });
  } finally {
    await mf.dispose();
  }
});
