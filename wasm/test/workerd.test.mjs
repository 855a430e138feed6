// The package inside workerd, Cloudflare's real runtime, through miniflare:
// the conformance vectors, and a receiver Worker answering real signed POSTs
// sent with dispatchFetch (202, 401, 400, 413, and a duplicate delivery),
// and the SpotDraft API golden tables.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';

const here = dirname(fileURLToPath(import.meta.url));
const vectorDir = join(here, '..', '..', 'tests', 'vectors');
const KEY = 'c2VjcmV0LWtleS1ieXRlcw==';
const URL_BASE = 'http://127.0.0.1/';

// Signatures computed independently of the package, with Node's crypto.
const hmac = (body) => createHmac('sha512', Buffer.from(KEY, 'base64')).update(body).digest('hex');

let mf;

before(async () => {
  mf = new Miniflare({
    modules: true,
    scriptPath: join(here, 'workerd', 'worker.js'),
    modulesRoot: join(here, '..'),
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js', '**/*.mjs'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2026-04-01',
    cf: false, // placeholder request.cf: no fetch of Cloudflare's cf.json
    bindings: { SPOTDRAFT_HMAC_KEY: KEY, MAX_BODY_BYTES: '65536' },
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
});

const post = (path, body, headers = {}) => mf.dispatchFetch(new URL(path, URL_BASE), { method: 'POST', body, headers });

test('workerd: the package loads without Node globals', async () => {
  const res = await mf.dispatchFetch(new URL('/info', URL_BASE));
  assert.deepEqual(await res.json(), { header: 'x-sd-webhook-content-hash', codes: 14, hasBuffer: false });
});

test('workerd: every conformance vector passes', async () => {
  const files = Object.fromEntries(readdirSync(vectorDir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => [f, JSON.parse(readFileSync(join(vectorDir, f), 'utf8'))]));
  const res = await post('/conformance', JSON.stringify(files), { 'content-type': 'application/json' });
  assert.equal(res.status, 200);
  const report = await res.json();
  assert.deepEqual(report.failed, []);
  assert.ok(report.passed >= 40, `only ${report.passed} vectors ran`);
});

test('workerd: every API golden table case passes (tests/vectors/api)', async () => {
  const apiDir = join(vectorDir, 'api');
  const files = Object.fromEntries(readdirSync(apiDir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => [f, JSON.parse(readFileSync(join(apiDir, f), 'utf8'))]));
  // requests.json pins core's typed Rust builders and the generic `request`;
  // JS has `request` and one method per operation over `call` (calls.json).
  files['requests.json'].cases = files['requests.json'].cases.filter((c) => c.call === 'request');
  const res = await post('/api-tables', JSON.stringify(files), { 'content-type': 'application/json' });
  assert.equal(res.status, 200);
  const report = await res.json();
  assert.deepEqual(report.failed, []);
  // Every case sent ran, among them every call vector of every operation.
  const sent = Object.values(files).reduce((n, doc) => n + doc.cases.length, 0);
  assert.equal(report.passed, sent);
  const operations = JSON.parse(readFileSync(join(here, '..', '..', 'api', 'operations.json'), 'utf8')).operations;
  const called = new Set(files['calls.json'].cases.filter((c) => !c.expect.error).map((c) => c.operation));
  assert.deepEqual(operations.map((o) => o.name).filter((name) => !called.has(name)), []);
});

const delivery = (id) => JSON.stringify({
  activity: 'CONTRACT_EXECUTED',
  contract_id: id,
  contract_title: 'Master Services',
  activity_data: { timestamp: '2026-11-02T10:00:00Z', performed_by: { name: 'SYSTEM' } },
});

test('workerd: a signed POST is accepted, a duplicate is recognised', async () => {
  const body = delivery(4242);
  const first = await post('/webhook', body, { 'X-SD-WEBHOOK-CONTENT-HASH': hmac(body), 'content-type': 'application/json' });
  assert.equal(first.status, 202);
  const a = await first.json();
  assert.equal(a.duplicate, false);
  assert.equal(a.activity, 'CONTRACT_EXECUTED');
  assert.equal(a.contractId, 4242);
  assert.equal(a.log.outcome, 'accepted');
  assert.ok(!JSON.stringify(a.log).includes('Master Services'));
  // SpotDraft redelivers; a re-serialised copy (pretty JSON) is the same event.
  const again = JSON.stringify(JSON.parse(body), null, 2);
  const second = await post('/webhook', again, { 'x-sd-webhook-content-hash': hmac(again).toUpperCase() });
  assert.equal(second.status, 200);
  const b = await second.json();
  assert.equal(b.duplicate, true);
  assert.equal(b.dedupeKey, a.dedupeKey);
  // The legacy header still works.
  const other = delivery(7);
  const legacy = await post('/webhook', other, { 'x-sd-content-hash': hmac(other) });
  assert.equal(legacy.status, 202);
  assert.equal((await legacy.json()).log.signature_header, 'legacy');
});

test('workerd: rejections answer 401, 400 and 413 with a log record', async () => {
  const body = delivery(1);
  const cases = [
    ['missing signature', body, {}, 401, 'missing_signature'],
    ['malformed signature', body, { 'x-sd-webhook-content-hash': 'sha512=abc' }, 401, 'malformed_signature'],
    ['wrong signature', body, { 'x-sd-webhook-content-hash': hmac(`${body} `) }, 401, 'signature_mismatch'],
    ['signed but not JSON', 'not json', { 'x-sd-webhook-content-hash': hmac('not json') }, 400, 'invalid_json'],
    ['signed JSON without activity', '{"contract_id":1}', { 'x-sd-webhook-content-hash': hmac('{"contract_id":1}') }, 400, 'invalid_payload'],
  ];
  const big = `{"activity":"CONTRACT_CREATED","pad":"${'x'.repeat(70000)}"}`;
  cases.push(['oversize body', big, { 'x-sd-webhook-content-hash': hmac(big) }, 413, 'body_too_large']);
  for (const [name, b, headers, status, code] of cases) {
    const res = await post('/webhook', b, headers);
    assert.equal(res.status, status, name);
    const json = await res.json();
    assert.equal(json.error, code, name);
    assert.equal(json.log.reason, code, name);
    assert.equal(json.log.outcome, 'rejected', name);
  }
  // The module keeps working after every rejection.
  const ok = delivery(99);
  assert.equal((await post('/webhook', ok, { 'x-sd-webhook-content-hash': hmac(ok) })).status, 202);
});
