// Runs the example Worker in workerd through miniflare, bundled the way
// wrangler bundles it (esbuild, `workerd` condition, .wasm kept as a
// module), with local bindings as wrangler.toml declares them: the Durable
// Object seen-store, the R2 bucket for bodies and the Queue (a message is at
// most 128 KB in production: it carries a pointer, never the body). A signed
// delivery is accepted once and processed once; repeats (and two copies at
// once) are answered 200; 200 KiB and 4 MiB deliveries are accepted with
// their bodies in R2; everything refused gets {"error", "message"} and its
// status.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { bundleWorker, until } from '../../shared/workerd.mjs';

const KEY = 'c2VjcmV0LWtleS1ieXRlcy1mb3Itd29ya2Vycw==';
const hmac = (body) => createHmac('sha512', Buffer.from(KEY, 'base64')).update(body).digest('hex');

const event = (id, padding = '') => JSON.stringify({
  activity: 'CONTRACT_SIGNED',
  contract_id: id,
  contract_title: 'Master Services',
  activity_data: { timestamp: '2026-11-02T10:00:00Z', performed_by: { name: 'Sam Example', email: 'sam@example.com' }, padding },
});
const body = event(4242);

let worker;
let mf;
let bodies;
const send = (b, headers) => mf.dispatchFetch('http://127.0.0.1/webhooks/spotdraft', { method: 'POST', body: b, headers });
const signed = (b) => ({ 'content-type': 'application/json', 'x-sd-webhook-content-hash': hmac(b) });
const text = async (key) => (await (await bodies.get(key))?.text()) ?? null;
const answer = async (res) => [res.status, await res.json()];

before(async () => {
  worker = await bundleWorker(fileURLToPath(new URL('../src/index.js', import.meta.url)));
  mf = worker.start({
    bindings: { SPOTDRAFT_HMAC_KEYS: `old:b2xkLWtleS1ieXRlcy1mb3Itd29ya2Vycw==,current:${KEY}` },
    durableObjects: { SEEN: 'SeenStore' },
    r2Buckets: ['BODIES'],
    queueProducers: { DELIVERIES: { queueName: 'spotdraft-deliveries' } },
    queueConsumers: { 'spotdraft-deliveries': { maxBatchSize: 10, maxBatchTimeout: 0 } },
  });
  bodies = await mf.getR2Bucket('BODIES');
});
after(async () => {
  await mf?.dispose();
  worker?.cleanup();
});

test('example worker: accepts once, answers repeats 200, processes once', async () => {
  assert.deepEqual(await answer(await send(body, signed(body))), [202, { ok: true, duplicate: false }]);
  await until('processing', async () => (await text('stats/processed')) === '1');
  assert.equal(await text('contracts/4242/last_activity'), 'CONTRACT_SIGNED');

  // The identical redelivery, then a re-serialised copy of the same event.
  assert.deepEqual(await answer(await send(body, signed(body))), [200, { ok: true, duplicate: true }]);
  const pretty = JSON.stringify(JSON.parse(body), null, 2);
  assert.deepEqual(await answer(await send(pretty, signed(pretty))), [200, { ok: true, duplicate: true }]);

  // Two copies at once: the Durable Object lets exactly one through.
  const twin = event(4343);
  const both = await Promise.all([send(twin, signed(twin)), send(twin, signed(twin))]);
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 202]);
  await until('the twin', async () => (await text('stats/processed')) === '2');

  // Give a wrongly enqueued job time to run, then check it did not.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await text('stats/processed'), '2');
});

test('example worker: 200 KiB and 4 MiB deliveries are accepted, their bodies kept in R2', async () => {
  for (const [id, size] of [[1, 200 * 1024], [2, 4 * 1024 * 1024]]) {
    const big = event(id, 'p'.repeat(size));
    const res = await send(big, signed(big));
    assert.deepEqual(await answer(res), [202, { ok: true, duplicate: false }], `${size} bytes`);
    await until(`contract ${id}`, async () => (await text(`contracts/${id}/last_activity`)) === 'CONTRACT_SIGNED');
    const listed = await bodies.list({ prefix: 'deliveries/' });
    const stored = await Promise.all(listed.objects.map((o) => text(o.key)));
    assert.ok(stored.includes(big), 'the exact signed bytes are in R2');
  }
});

test('example worker: refusals carry {"error", "message"} and the code\'s status', async () => {
  const before = await text('stats/processed');
  const refused = async (res, status, code) => {
    const [got, json] = await answer(res);
    assert.equal(got, status);
    assert.equal(json.error, code);
    assert.equal(typeof json.message, 'string');
    assert.ok(!JSON.stringify(json).includes(hmac(body)));
  };
  await refused(await send(body, {}), 401, 'missing_signature');
  await refused(await send(body, { 'x-sd-webhook-content-hash': hmac('other') }), 401, 'signature_mismatch');
  await refused(await send('{}', signed('{}')), 400, 'invalid_payload');
  const latin1 = Buffer.from('{"activity":"\xdf"}', 'latin1');
  await refused(await send(latin1, signed(latin1)), 400, 'invalid_json');
  const over = event(9, 'o'.repeat(5 * 1024 * 1024));
  await refused(await send(over, signed(over)), 413, 'body_too_large');
  const chunks = new ReadableStream({
    start(controller) {
      for (let i = 0; i < over.length; i += 65536) controller.enqueue(new TextEncoder().encode(over.slice(i, i + 65536)));
      controller.close();
    },
  });
  await refused(await mf.dispatchFetch('http://127.0.0.1/webhooks/spotdraft', { method: 'POST', body: chunks, duplex: 'half', headers: signed(over) }), 413, 'body_too_large');
  assert.equal((await mf.dispatchFetch('http://127.0.0.1/')).status, 405);
  assert.equal(await text('stats/processed'), before);
});
