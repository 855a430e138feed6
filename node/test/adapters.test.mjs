// The Express, Fastify and Hono adapters against real HTTP servers on
// 127.0.0.1, driven with fetch: valid, tampered, missing header, oversize,
// repeated deliveries, conflicting signature headers, and (Express) a body
// already consumed by express.json().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { Verifier, sign } from '@spotdraft-kit/node';
import { spotdraftWebhook as expressWebhook } from '@spotdraft-kit/node/express';
import { spotdraftWebhook as fastifyWebhook } from '@spotdraft-kit/node/fastify';
import { spotdraftWebhook as honoWebhook } from '@spotdraft-kit/node/hono';

const KEY = 'YWRhcHRlci10ZXN0LWtleS1ieXRlcw==';
const MAX = 64 * 1024;
const verifier = new Verifier([{ id: 'test', key: KEY }], { maxBodyBytes: MAX });
const H = 'x-sd-webhook-content-hash';
// Deliberately not compact JSON: re-serialising it would break the signature.
const BODY = '{ "activity": "CONTRACT_EXECUTED", "contract_id": 77,\n  "activity_data": { "timestamp": "2026-11-02T10:00:00Z" } }';

async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, json, text };
}

// The behaviour every adapter must have, given the URL of its webhook route
// whose handler answers { dedupeKey, contractId, keyId, raw }.
async function commonCases(url) {
  const ok = await post(url, BODY, { [H]: sign(KEY, BODY) });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.contractId, 77);
  assert.equal(ok.json.keyId, 'test');
  assert.ok(ok.json.dedupeKey.startsWith('sdk1:'));

  const again = await post(url, BODY, { [H]: sign(KEY, BODY) });
  assert.equal(again.json.dedupeKey, ok.json.dedupeKey, 'a repeated delivery has the same dedupe key');

  const legacy = await post(url, BODY, { 'x-sd-content-hash': sign(KEY, BODY) });
  assert.equal(legacy.status, 200);

  const tampered = await post(url, BODY.replace('77', '78'), { [H]: sign(KEY, BODY) });
  assert.equal(tampered.status, 401);
  assert.equal(tampered.json.error, 'signature_mismatch');
  assert.ok(!tampered.text.includes(sign(KEY, BODY)));

  const missing = await post(url, BODY);
  assert.equal(missing.status, 401);
  assert.equal(missing.json.error, 'missing_signature');

  const conflicting = await post(url, BODY, { [H]: sign(KEY, BODY), 'X-SD-Webhook-Content-Hash': sign('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBvdGhlciwgNjQgYnl0ZXMgbGlrZSBhIFNwb3REcmFmdCBobWFjX2tleQ==', BODY) });
  assert.equal(conflicting.status, 401);
  assert.equal(conflicting.json.error, 'malformed_signature');

  const notJson = 'hello';
  const invalid = await post(url, notJson, { [H]: sign(KEY, notJson) });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.json.error, 'invalid_json');

  const big = JSON.stringify({ activity: 'CONTRACT_CREATED', filler: 'x'.repeat(MAX) });
  const oversize = await post(url, big, { [H]: sign(KEY, big) });
  assert.equal(oversize.status, 413);
}

function handlerResult(delivery) {
  return { dedupeKey: delivery.dedupeKey, contractId: delivery.event.contractId, keyId: delivery.keyId };
}

async function listen(server) {
  if (!server.listening) await once(server, 'listening');
  const { port } = server.address();
  return `http://127.0.0.1:${port}`;
}

test('express: raw body captured by the middleware itself', async () => {
  const app = express();
  app.post('/hook', expressWebhook(verifier), (req, res) => {
    res.json({ ...handlerResult(req.spotdraft), raw: req.rawBody.toString() === BODY });
  });
  // Other routes keep their JSON parser.
  app.post('/other', express.json(), (req, res) => res.json(req.body));
  const server = app.listen(0, '127.0.0.1');
  try {
    const base = await listen(server);
    await commonCases(`${base}/hook`);
    const other = await post(`${base}/other`, '{"a":1}');
    assert.deepEqual(other.json, { a: 1 });
  } finally {
    server.close();
  }
});

test('express: express.json() mounted first is answered with how to mount it (with the right limit); express.raw() first works', async () => {
  const app = express();
  app.use('/parsed', express.json());
  app.post('/parsed', expressWebhook(verifier), (req, res) => res.json({ reached: true }));
  app.use('/raw', express.raw({ type: () => true, limit: MAX }));
  app.post('/raw', expressWebhook(verifier), (req, res) => res.json(handlerResult(req.spotdraft)));
  // A JSON parser after the middleware does not hang on the consumed stream.
  app.post('/after', expressWebhook(verifier), express.json(), (req, res) => res.json(handlerResult(req.spotdraft)));
  // No error handler of our own: Express's default one (an HTML page with a
  // stack trace outside production mode) must never answer for the adapter.
  const server = app.listen(0, '127.0.0.1');
  try {
    const base = await listen(server);
    const parsed = await post(`${base}/parsed`, BODY, { [H]: sign(KEY, BODY) });
    assert.equal(parsed.status, 500);
    assert.deepEqual(Object.keys(parsed.json), ['error', 'message']);
    assert.equal(parsed.json.error, 'invalid_argument');
    assert.match(parsed.json.message, /before any body parser/);
    assert.match(parsed.json.message, new RegExp(`express\\.raw\\(\\{ type: \\(\\) => true, limit: ${MAX} \\}\\)`));
    const raw = await post(`${base}/raw`, BODY, { [H]: sign(KEY, BODY) });
    assert.equal(raw.status, 200);
    assert.equal(raw.json.contractId, 77);
    const after = await post(`${base}/after`, BODY, { [H]: sign(KEY, BODY) });
    assert.equal(after.status, 200);
  } finally {
    server.close();
  }
});

test('every adapter answers oversize bodies in the one error body, stating the size (Content-Length and chunked)', async () => {
  const big = Buffer.from(JSON.stringify({ activity: 'CONTRACT_CREATED', filler: 'x'.repeat(MAX) }));
  const chunked = (bytes) => new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.subarray(i, i + 8192));
      controller.close();
    },
  });
  const check = async (url) => {
    const declared = await post(url, big, { [H]: sign(KEY, big) });
    assert.equal(declared.status, 413, declared.text);
    assert.deepEqual(declared.json, { error: 'body_too_large', message: `the body is ${big.length} bytes, over the limit of ${MAX} bytes` });
    const res = await fetch(url, { method: 'POST', body: chunked(big), duplex: 'half', headers: { [H]: sign(KEY, big) } });
    const json = await res.json();
    assert.equal(res.status, 413);
    assert.equal(json.error, 'body_too_large');
    assert.match(json.message, new RegExp(`over the limit of ${MAX} bytes`));
  };
  const app = express();
  app.post('/hook', expressWebhook(verifier), (req, res) => res.json({}));
  const server = app.listen(0, '127.0.0.1');
  const fastify = Fastify();
  fastify.register(async (scope) => {
    await scope.register(fastifyWebhook, { verifier });
    scope.post('/hook', async () => ({}));
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const hono = new Hono();
  hono.post('/hook', honoWebhook(verifier), (c) => c.json({}));
  const honoServer = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' });
  try {
    await check(`${await listen(server)}/hook`);
    await check(`http://127.0.0.1:${fastify.server.address().port}/hook`);
    await check(`${await listen(honoServer)}/hook`);
  } finally {
    server.close();
    honoServer.close();
    await fastify.close();
  }
});

test('fastify: used as a hook or handler factory, it throws at once with the plugin form in the message', () => {
  assert.throws(() => fastifyWebhook(verifier), (err) => err instanceof TypeError && /app\.register\(async \(scope\)/.test(err.message));
  const app = Fastify();
  assert.throws(() => app.post('/hook', { preHandler: fastifyWebhook(verifier) }, async () => ({})), /is a Fastify plugin/);
});

test('fastify: raw-body parser in its scope, JSON elsewhere', async () => {
  const app = Fastify();
  const rejected = [];
  app.register(async (scope) => {
    await scope.register(fastifyWebhook, { verifier, onReject: (err) => rejected.push(err.logRecord) });
    scope.post('/hook', async (request) => handlerResult(request.spotdraft));
  });
  app.post('/other', async (request) => request.body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const base = `http://127.0.0.1:${app.server.address().port}`;
    await commonCases(`${base}/hook`);
    assert.ok(rejected.some((r) => r.reason === 'signature_mismatch'));
    const other = await post(`${base}/other`, '{"a":1}');
    assert.deepEqual(other.json, { a: 1 });
  } finally {
    await app.close();
  }
});

test('hono: middleware on @hono/node-server', async () => {
  const app = new Hono();
  app.post('/hook', honoWebhook(verifier), async (c) => {
    const payload = await c.req.json(); // the cached raw body is still readable
    assert.equal(payload.contract_id, 77);
    return c.json(handlerResult(c.get('spotdraft')));
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  try {
    const base = await listen(server);
    await commonCases(`${base}/hook`);
  } finally {
    server.close();
  }
});

test('adapters refuse a missing verifier at setup time', () => {
  assert.throws(() => expressWebhook(undefined), TypeError);
  assert.throws(() => honoWebhook({}), TypeError);
});
