// Runs the example Worker in workerd through miniflare, bundled the way
// wrangler bundles it (esbuild, `workerd` condition, .wasm kept as a
// module), with a local KV namespace as the dedupe store: a signed delivery
// is accepted and processed once; the second identical delivery (and a
// re-serialised copy) is reported as duplicate and not processed again.
//
// The tools (miniflare, esbuild) come from the wasm package's dev
// dependencies; the package itself is the local build in wasm/dist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const exampleDir = join(here, '..');
const wasmDir = join(here, '..', '..', '..', 'wasm');
const requireTool = createRequire(join(wasmDir, 'package.json'));
const { Miniflare } = await import(pathToFileURL(requireTool.resolve('miniflare')).href);
const { build } = await import(pathToFileURL(requireTool.resolve('esbuild')).href);

const KEY = 'c2VjcmV0LWtleS1ieXRlcw==';
const hmac = (body) => createHmac('sha512', Buffer.from(KEY, 'base64')).update(body).digest('hex');
const scratch = mkdtempSync(join(tmpdir(), 'spotdraft-kit-worker-example-'));
let outDir;

before(async () => {
  // Resolve '@spotdraft-kit/wasm' to the local package, as npm install would.
  const modules = join(scratch, 'node_modules', '@spotdraft-kit');
  mkdirSync(modules, { recursive: true });
  symlinkSync(wasmDir, join(modules, 'wasm'), 'dir');
  outDir = join(scratch, 'out');
  await build({
    entryPoints: [join(exampleDir, 'src', 'index.js')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    nodePaths: [join(scratch, 'node_modules')],
    loader: { '.wasm': 'copy' },
    outdir: outDir,
    logLevel: 'error',
  });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

function start(withQueue) {
  return new Miniflare({
    modules: true,
    scriptPath: join(outDir, 'index.js'),
    modulesRoot: outDir,
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2026-04-01',
    cf: false, // placeholder request.cf: no fetch of Cloudflare's cf.json
    bindings: { SPOTDRAFT_HMAC_KEYS: JSON.stringify([{ id: 'old', key: 'b2xkLWtleQ==' }, { id: 'current', key: KEY }]) },
    kvNamespaces: ['DEDUPE'],
    ...(withQueue ? {
      queueProducers: { DELIVERIES: { queueName: 'spotdraft-deliveries' } },
      queueConsumers: { 'spotdraft-deliveries': { maxBatchSize: 10, maxBatchTimeout: 0 } },
    } : {}),
  });
}

async function until(what, check) {
  for (let i = 0; i < 200; i += 1) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const body = JSON.stringify({
  activity: 'CONTRACT_SIGNED',
  contract_id: 4242,
  contract_title: 'Master Services',
  activity_data: { timestamp: '2026-11-02T10:00:00Z', performed_by: { name: 'Sam Example', email: 'sam@example.com' } },
});

for (const withQueue of [true, false]) {
  const mode = withQueue ? 'queue' : 'waitUntil';
  test(`example worker (${mode}): accepts once, reports duplicates, processes once`, async () => {
    const mf = start(withQueue);
    try {
      const kv = await mf.getKVNamespace('DEDUPE');
      const send = (b, headers) => mf.dispatchFetch('http://127.0.0.1/webhooks/spotdraft', { method: 'POST', body: b, headers });

      const first = await send(body, { 'content-type': 'application/json', 'x-sd-webhook-content-hash': hmac(body) });
      assert.equal(first.status, 202);
      const accepted = await first.json();
      assert.equal(accepted.status, 'accepted');
      assert.match(accepted.dedupeKey, /^sdk1:[0-9a-f]{64}$/);
      await until('processing', async () => (await kv.get('stats:processed')) === '1');
      assert.equal(await kv.get('contract:4242:last_activity'), 'CONTRACT_SIGNED');

      // The identical redelivery, then a re-serialised copy of the same event.
      const second = await send(body, { 'x-sd-webhook-content-hash': hmac(body) });
      assert.equal(second.status, 200);
      assert.deepEqual(await second.json(), { status: 'duplicate', dedupeKey: accepted.dedupeKey });
      const pretty = JSON.stringify(JSON.parse(body), null, 2);
      const third = await send(pretty, { 'x-sd-webhook-content-hash': hmac(pretty) });
      assert.equal((await third.json()).status, 'duplicate');

      // Give a wrongly enqueued job time to run, then check it did not.
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await kv.get('stats:processed'), '1');
      assert.ok(await kv.get(`done:${accepted.dedupeKey}`));

      // Rejections: the receiver answers the core's status, processes nothing.
      assert.equal((await send(body, {})).status, 401);
      assert.equal((await send(body, { 'x-sd-webhook-content-hash': hmac('other') })).status, 401);
      assert.equal((await send('{}', { 'x-sd-webhook-content-hash': hmac('{}') })).status, 400);
      assert.equal((await mf.dispatchFetch('http://127.0.0.1/')).status, 405);
      assert.equal(await kv.get('stats:processed'), '1');
    } finally {
      await mf.dispose();
    }
  });
}
