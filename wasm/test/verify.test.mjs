// The verifier-only entry, `@spotdraft-kit/wasm/verify`: a module built
// without the SpotDraft API layer and the diagnosis, for Workers that only
// receive webhooks. It stays inside its size budgets, exports the webhook
// API but `diagnose` and nothing of the API layer, passes the shared argument-shape table and conformance
// vectors like the full package, and runs in workerd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const verifyDir = join(here, '..', 'dist', 'verify');
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

// The module's budget is as measured, with a little margin, so growth fails
// here: 58,528 bytes as zlib -9 counts when it was set, with the one-header
// `open` beside `openHeaders` (its target, 60 KiB, met; see BENCHMARKS.md).
// What a verify-only Worker loads is held to its target, 80 KiB, which it
// meets.
const MODULE_BUDGET = 58 * 1024;
const WORKER_BUDGET = 80 * 1024;

test('verifier-only module and what a verify-only Worker loads stay inside their budgets, well under the full module', () => {
  const wasm = gz(join(verifyDir, 'spotdraft_kit_wasm_bg.wasm'));
  assert.ok(wasm <= MODULE_BUDGET, `verifier-only .wasm is ${wasm} bytes gzipped`);
  const loaded = wasm + gz(join(verifyDir, 'workerd.js'));
  assert.ok(loaded <= WORKER_BUDGET, `a verify-only Worker loads ${loaded} bytes gzipped`);
  const full = gz(join(here, '..', 'dist', 'spotdraft_kit_wasm_bg.wasm')) + gz(join(here, '..', 'dist', 'workerd.js'));
  assert.ok(loaded < full * 0.75, `verify-only ${loaded} bytes against ${full} for the full package`);
});

// The one export list: front.js's EXPORTS and playbook.js's PLAYBOOK_EXPORTS;
// the verify entry's is that list without the playbook's and VERIFY_OMITS.
const require = createRequire(import.meta.url);
const { EXPORTS, VERIFY_OMITS } = require(join(root, 'js', 'front.js'));
const { PLAYBOOK_EXPORTS } = require(join(root, 'js', 'playbook.js'));
const sorted = (kit) => Object.keys(kit).filter((k) => k !== 'default').sort();
const wasmExports = (file) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);

test('the verify entry exports the one list without the API layer, the playbook and the diagnosis', async () => {
  const kit = await import(join(verifyDir, 'node.mjs'));
  const full = await import(join(here, '..', 'dist', 'node.mjs'));
  assert.deepEqual(sorted(full), [...EXPORTS, ...PLAYBOOK_EXPORTS].sort());
  assert.ok(VERIFY_OMITS.includes('diagnose') && VERIFY_OMITS.every((n) => EXPORTS.includes(n)));
  assert.deepEqual(sorted(kit), EXPORTS.filter((n) => !VERIFY_OMITS.includes(n)).sort());
  assert.equal(kit.diagnose, undefined);
  assert.equal(typeof full.diagnose, 'function');
  for (const file of ['workerd.js', 'browser.js', 'index.cjs']) {
    const text = readFileSync(join(verifyDir, file), 'utf8');
    // The markers survive the workerd entry's minification: the full
    // entry's file holds each of them.
    const fullText = readFileSync(join(here, '..', 'dist', file), 'utf8');
    for (const marker of ['RawApi', 'apiOperations', 'createApi', 'RawReconcile', 'createPlaybook']) {
      assert.ok(fullText.includes(marker), `full ${file} lacks ${marker}`);
    }
    assert.ok(!/RawApi|apiOperations|createApi/.test(text), `${file} holds API code`);
    assert.ok(!/RawReconcile|playbook[A-Z]|createPlaybook/.test(text), `${file} holds playbook code`);
    assert.ok(/\bexport\s*\{/.test(text) === (file !== 'index.cjs'), `${file} is an ES module`);
  }
  const exported = wasmExports(join(verifyDir, 'spotdraft_kit_wasm_bg.wasm'));
  assert.deepEqual(exported.filter((n) => /playbook|rawreconcile|rawrotation|rawsanitizer|^diagnose$|^api/i.test(n)), []);
  assert.ok(wasmExports(join(here, '..', 'dist', 'spotdraft_kit_wasm_bg.wasm')).includes('diagnose'));
  // The diagnosis's texts (the names of the body variants it tries, its
  // messages) are in the full module's data and not in the verifier's.
  const data = (dir) => readFileSync(join(dir, 'spotdraft_kit_wasm_bg.wasm'), 'latin1');
  for (const marker of ['pretty-2-sorted', 'a trailing newline is added or removed']) {
    assert.ok(data(join(here, '..', 'dist')).includes(marker), marker);
    assert.ok(!data(verifyDir).includes(marker), `verifier-only module holds "${marker}"`);
  }
});

test('kit.js, api.js and verify.d.ts hold the export lists js/gen-entries.mjs writes from the one list', () => {
  const { status, stderr } = spawnSync(process.execPath, [join(root, 'js', 'gen-entries.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(status, 0, stderr);
});

test('the package README lists what the verify entry holds', async () => {
  const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
  const para = readme.slice(readme.indexOf('can import `@spotdraft-kit/wasm/verify`'), readme.indexOf('from a\nmodule built without'));
  assert.ok(para.length > 0 && para.length < 400);
  const listed = [...para.matchAll(/`([A-Za-z_0-9]+)`/g)].map((m) => m[1]).sort();
  assert.deepEqual(listed, sorted(await import(join(verifyDir, 'node.mjs'))));
});

test('the verify entry passes the argument-shape table and the conformance vectors', () => {
  // A child `node --test` reports in the parent's protocol unless
  // NODE_TEST_CONTEXT is cleared.
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap',
    join(root, 'tests', 'js', 'shapes.test.mjs'), join(root, 'tests', 'js', 'conformance.test.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...env, SPOTDRAFT_KIT_IMPL: join(verifyDir, 'node.mjs'), SPOTDRAFT_KIT_VERIFY_ONLY: '1' },
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
