// Runs the Worker quickstart (src/index.js, as the README shows it) in
// workerd through miniflare with its Durable Object seen-store, and drives it
// with requests: valid 202, duplicate 200, rotation key 202, tampered and
// unsigned 401, oversize 413 (Content-Length and chunked), chunked 202,
// non-UTF-8 bytes 400 invalid_json, two copies at once told apart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '../../../shared/workerd.mjs';

const KEY = 'd29ya2VyLXF1aWNrc3RhcnQta2V5LWJ5dGVzLTE=';
const OLD_KEY = 'd29ya2VyLXF1aWNrc3RhcnQtb2xkLWtleS1ieXRlcw==';
const LIMIT = 5 * 1024 * 1024;
const hmac = (body, key = KEY) => createHmac('sha512', Buffer.from(key, 'base64')).update(body).digest('hex');
const body = (id, padding = '') => Buffer.from(`{"activity":"CONTRACT_SIGNED","contract_id":${id},"activity_data":{"padding":"${padding}"}}`);

let worker;
let mf;
before(async () => {
  worker = await bundleWorker(fileURLToPath(new URL('../src/index.js', import.meta.url)));
  mf = worker.start({ bindings: { SPOTDRAFT_HMAC_KEYS: `old:${OLD_KEY},new:${KEY}` }, durableObjects: { SEEN: 'SeenStore' } });
});
after(async () => {
  await mf?.dispose();
  worker?.cleanup();
});

const chunked = (bytes) => new ReadableStream({
  start(controller) {
    for (let i = 0; i < bytes.length; i += 65536) controller.enqueue(bytes.subarray(i, i + 65536));
    controller.close();
  },
});
async function post(bytes, signature, { stream = false } = {}) {
  const headers = signature === null ? {} : { 'x-sd-webhook-content-hash': signature };
  const init = stream ? { body: chunked(bytes), duplex: 'half' } : { body: bytes };
  const res = await mf.dispatchFetch('http://127.0.0.1/webhooks/spotdraft', { method: 'POST', headers, ...init });
  return [res.status, await res.json()];
}
const refused = ([status, json], want, code) => {
  assert.equal(status, want);
  assert.equal(json.error, code);
  assert.equal(typeof json.message, 'string');
};

test('worker quickstart: runs as written', async () => {
  const first = body(1);
  assert.deepEqual(await post(first, hmac(first)), [202, { ok: true, duplicate: false }]);
  assert.deepEqual(await post(first, hmac(first)), [200, { ok: true, duplicate: true }]);
  const rotated = body(2);
  assert.equal((await post(rotated, hmac(rotated, OLD_KEY)))[0], 202);

  refused(await post(body(3), hmac(first)), 401, 'signature_mismatch');
  refused(await post(first, null), 401, 'missing_signature');
  const over = body(4, 'o'.repeat(LIMIT));
  const [status, json] = await post(over, hmac(over));
  refused([status, json], 413, 'body_too_large');
  assert.equal(json.message, `the body is ${over.length} bytes, over the limit of ${LIMIT} bytes`);
  refused(await post(over, hmac(over), { stream: true }), 413, 'body_too_large');

  const streamed = body(5, 'c'.repeat(100000));
  assert.deepEqual(await post(streamed, hmac(streamed), { stream: true }), [202, { ok: true, duplicate: false }]);
  const large = body(6, 'l'.repeat(4 * 1024 * 1024));
  assert.equal((await post(large, hmac(large)))[0], 202);
  const latin1 = Buffer.concat([body(7).subarray(0, 20), Buffer.from([0xdf]), body(7).subarray(20)]);
  refused(await post(latin1, hmac(latin1)), 400, 'invalid_json');

  const twin = body(8);
  const both = await Promise.all([post(twin, hmac(twin)), post(twin, hmac(twin))]);
  assert.deepEqual(both.map(([s]) => s).sort(), [200, 202]);
});
