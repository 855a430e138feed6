// The addon's own behaviour beyond the shared vectors: every error code
// reaches JavaScript as a SpotDraftKitError, malformed inputs of every type
// are rejected without a crash, secrets never show, and openAsync equals open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import * as kit from '../index.mjs';

const require = createRequire(import.meta.url);
const { Verifier, SpotDraftKitError, parseEvent, sign, diagnose, bodySha256, ERROR_CODES } = kit;

const KEY = 'c3VwZXItc2VjcmV0LWtleS1mb3ItdGVzdHM='; // base64 of a test-only key
const OTHER = 'b3RoZXIta2V5LW5vdC11c2Vk';
const BODY = JSON.stringify({
  activity: 'CONTRACT_SIGNED',
  contract_id: 42,
  contract_title: 'Confidential Title',
  activity_data: { timestamp: '2026-11-02T10:00:00Z', performed_by: { name: 'Pat Example', email: 'pat@example.com' } },
});
const SIG = sign(KEY, BODY);
const H = 'x-sd-webhook-content-hash';

function codeOf(fn) {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SpotDraftKitError, `not a SpotDraftKitError: ${err}`);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'SpotDraftKitError');
    assert.equal(typeof err.httpStatus, 'number');
    assert.ok(ERROR_CODES.includes(err.code));
    return err;
  }
  assert.fail('expected a SpotDraftKitError');
}

function assertNoSecrets(err, secrets = [KEY, SIG, BODY, 'Pat Example', 'pat@example.com', 'Confidential']) {
  for (const text of [err.message, String(err), inspect(err), inspect(err, { showHidden: true, depth: 10 }), err.stack, JSON.stringify(err.logRecord)]) {
    for (const secret of secrets) assert.ok(!String(text).includes(secret), `leaks ${secret.slice(0, 12)}...: ${text}`);
  }
}

test('CommonJS and ESM entries share one module instance', () => {
  const cjs = require('../index.js');
  assert.equal(cjs.SpotDraftKitError, SpotDraftKitError);
  assert.equal(cjs.Verifier, Verifier);
  assert.equal(kit.SIGNATURE_HEADER, 'x-sd-webhook-content-hash');
  assert.equal(kit.LEGACY_SIGNATURE_HEADER, 'x-sd-content-hash');
  assert.deepEqual([...ERROR_CODES].sort(), [
    'api_error', 'body_too_large', 'invalid_argument', 'invalid_config', 'invalid_id', 'invalid_json',
    'invalid_key', 'invalid_payload', 'length_required', 'malformed_signature', 'missing_signature', 'no_keys',
    'signature_mismatch', 'store_unavailable',
  ]);
  assert.ok(Object.isFrozen(ERROR_CODES));
});

test('every webhook error code crosses with core status and log record', () => {
  const v = new Verifier([{ id: 'prod', key: KEY }], { maxBodyBytes: 4096 });
  const cases = [
    ['missing_signature', 401, () => v.open({ 'content-type': 'application/json' }, BODY)],
    ['malformed_signature', 401, () => v.open({ [H]: 'sha512=abc' }, BODY)],
    ['malformed_signature', 401, () => v.open([[H, SIG], [H.toUpperCase(), sign(OTHER, BODY)]], BODY)],
    ['signature_mismatch', 401, () => v.open({ [H]: sign(OTHER, BODY) }, BODY)],
    ['body_too_large', 413, () => v.open({ [H]: SIG }, 'x'.repeat(5000))],
    ['invalid_json', 400, () => v.open({ [H]: sign(KEY, '{nope') }, '{nope')],
    ['invalid_payload', 400, () => v.open({ [H]: sign(KEY, '[1]') }, '[1]')],
  ];
  for (const [code, status, fn] of cases) {
    const err = codeOf(fn);
    assert.equal(err.code, code);
    assert.equal(err.httpStatus, status);
    assert.equal(err.logRecord.reason, code);
    assert.equal(err.logRecord.outcome, 'rejected');
    assertNoSecrets(err);
  }
  const keyErrors = [
    ['invalid_key', 500, () => new Verifier('not base64 at all!')],
    ['invalid_key', 500, () => new Verifier('')],
    ['no_keys', 500, () => new Verifier([])],
    ['no_keys', 500, () => new Verifier(Array.from({ length: 65 }, () => KEY))],
    ['invalid_argument', 500, () => new Verifier(KEY, { encoding: 'hex' })],
  ];
  for (const [code, status, fn] of keyErrors) {
    const err = codeOf(fn);
    assert.equal(err.code, code);
    assert.equal(err.httpStatus, status);
    assert.equal(err.logRecord, null);
  }
  // The API-only codes are not reachable from the webhook surface; they are
  // still listed so receivers can match on them.
  for (const code of ['invalid_config', 'invalid_id', 'api_error']) assert.ok(ERROR_CODES.includes(code));
});

test('malformed inputs of every type: invalid_argument, never a crash', () => {
  const v = new Verifier(KEY);
  const detached = new ArrayBuffer(8);
  structuredClone(detached, { transfer: [detached] });
  const detachedView = new Uint8Array(new ArrayBuffer(8));
  structuredClone(detachedView.buffer, { transfer: [detachedView.buffer] });
  const throwing = { get [H]() { throw new Error('getter exploded'); } };
  const throwingIterable = { [Symbol.iterator]() { throw new Error('iterator exploded'); } };
  const hostile = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
  const badBodies = [null, undefined, 42, 1n, true, {}, [], Symbol('s'), () => {}, detached, detachedView, new Date()];
  for (const body of badBodies) {
    assert.equal(codeOf(() => v.verify(body, SIG)).code, 'invalid_argument');
    assert.equal(codeOf(() => v.open({ [H]: SIG }, body)).code, 'invalid_argument');
    assert.equal(codeOf(() => parseEvent(body)).code, 'invalid_argument');
    assert.equal(codeOf(() => bodySha256(body)).code, 'invalid_argument');
    assert.equal(codeOf(() => sign(KEY, body)).code, 'invalid_argument');
  }
  const badHeaders = [null, undefined, 7, 'x-sd-webhook-content-hash: abc', throwing, throwingIterable, hostile,
    [['only-a-name']], [[1, 2]], { [H]: 12345 }, { [H]: [SIG, 5] }, new Map([[H, {}]])];
  for (const headers of badHeaders) {
    const err = codeOf(() => v.open(headers, BODY));
    assert.equal(err.code, 'invalid_argument', inspect(headers));
    assertNoSecrets(err);
  }
  for (const signature of [null, undefined, 5, {}, ['a']]) {
    assert.equal(codeOf(() => v.verify(BODY, signature)).code, 'invalid_argument');
    assert.equal(v.isValid(BODY, signature), false);
  }
  const badKeys = [null, undefined, 5, {}, { key: 5 }, { key: KEY, id: 5 }, { key: KEY, encoding: 1 }, [KEY, null],
    { get key() { throw new Error('key getter'); } }];
  for (const keys of badKeys) assert.equal(codeOf(() => new Verifier(keys)).code, 'invalid_argument', inspect(keys));
  for (const options of [5, 'big', { maxBodyBytes: -1 }, { maxBodyBytes: 1.5 }, { maxBodyBytes: '10' },
    { maxBodyBytes: Number.MAX_VALUE }, { get maxBodyBytes() { throw new Error('x'); } }]) {
    assert.equal(codeOf(() => new Verifier(KEY, options)).code, 'invalid_argument');
  }
  // Huge and hostile strings are bounded by core's limits.
  const huge = 'a'.repeat(8 * 1024 * 1024);
  assert.equal(codeOf(() => v.verify(BODY, huge)).code, 'malformed_signature');
  assert.equal(codeOf(() => v.open({ [H]: huge }, BODY)).code, 'malformed_signature');
  assert.equal(codeOf(() => v.open({ [H]: SIG }, huge)).code, 'body_too_large');
  assert.equal(codeOf(() => parseEvent('['.repeat(100000))).code, 'invalid_json');
  assert.equal(codeOf(() => parseEvent('\ud800')).code, 'invalid_json');
  assert.equal(codeOf(() => v.verify(BODY, '\u0000'.repeat(128))).code, 'malformed_signature');
  // The module still works afterwards.
  assert.equal(v.open({ [H]: SIG }, BODY).event.contractId, 42);
});

test('bodies: Buffer, Uint8Array views, ArrayBuffer, string and non-UTF-8 bytes', () => {
  const v = new Verifier([OTHER, { id: 'main', key: KEY }]);
  const bytes = Buffer.from(BODY);
  const padded = new Uint8Array(bytes.length + 10);
  padded.set(bytes, 5);
  const view = padded.subarray(5, 5 + bytes.length);
  for (const body of [BODY, bytes, new Uint8Array(bytes), view, view.slice().buffer, new DataView(view.slice().buffer)]) {
    assert.equal(v.verify(body, SIG), 1);
    assert.equal(bodySha256(body), bodySha256(BODY));
    const d = v.open({ [H]: SIG }, body);
    assert.equal(d.keyId, 'main');
    assert.equal(d.event.payload.contract_title, 'Confidential Title');
  }
  const binary = Uint8Array.from([0xff, 0xfe, 0x00, 0x7b]);
  assert.equal(v.verify(binary, sign(KEY, binary)), 1);
  assert.equal(codeOf(() => v.open({ [H]: sign(KEY, binary) }, binary)).code, 'invalid_json');
  // Raw-byte keys and labelled keys in bytes.
  const raw = Buffer.from('raw key bytes');
  assert.equal(new Verifier(raw).verify(BODY, sign(raw, BODY)), 0);
  assert.equal(new Verifier({ id: 'b', key: new Uint8Array(raw) }).verify(BODY, sign(raw, BODY)), 0);
  assert.equal(new Verifier({ key: 'legacy secret', encoding: 'utf8' }).size, 1);
  assert.equal(new Verifier('legacy secret', { encoding: 'utf8' }).verify(BODY, sign({ key: 'legacy secret', encoding: 'utf8' }, BODY)), 0);
});

test('headers: IncomingHttpHeaders, Headers, Map, pairs, mixed case, legacy', () => {
  const v = new Verifier(KEY);
  const incoming = Object.assign(Object.create(null), { host: '127.0.0.1', [H]: SIG, 'content-type': 'application/json' });
  const shapes = [
    incoming,
    new Headers({ [H]: SIG }),
    new Map([['X-SD-Webhook-Content-Hash', SIG]]),
    [['X-SD-WEBHOOK-CONTENT-HASH', SIG]],
    { 'X-Sd-Webhook-Content-Hash': SIG },
    { [H]: [SIG, `  ${SIG} `] }, // repeated with the same value: fine
    { [H]: undefined, 'x-sd-content-hash': SIG },
  ];
  for (const headers of shapes) assert.equal(v.open(headers, BODY).keyIndex, 0, inspect(headers));
  assert.equal(v.open({ 'x-sd-content-hash': SIG }, BODY).signatureHeader, 'legacy');
  assert.equal(v.open({ [H]: SIG, 'x-sd-content-hash': 'junk' }, BODY).signatureHeader, 'current');
  assert.equal(codeOf(() => v.open({ [H]: [SIG, sign(OTHER, BODY)] }, BODY)).code, 'malformed_signature');
});

test('events: typed fields, payload parsed on demand, every field JSON-serialised in order', () => {
  const v = new Verifier(KEY);
  const d = v.open({ [H]: SIG }, BODY);
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(d.event))), [
    'activity', 'known', 'category', 'contractId', 'contractTitle', 'contractStatus', 'contractKind',
    'contractType', 'contractTypeId', 'occurredAt', 'performedBy', 'externalId', 'externalMetadata',
    'counterparties', 'businessUser', 'legalUser', 'payload',
  ]);
  // Assigning to a lazy field replaces it, and JSON sees the new value.
  const copy = v.open({ [H]: SIG }, BODY).event;
  copy.performedBy = null;
  copy.note = 'added';
  const json = JSON.parse(JSON.stringify(copy));
  assert.equal(json.performedBy, null);
  assert.equal(json.note, 'added');
  // The delivery's body hash and log record are built on first read, with
  // the values open gave; JSON sees every delivery field in order.
  const lazy = v.open({ [H]: SIG }, BODY);
  const whole = JSON.parse(JSON.stringify(lazy));
  assert.deepEqual(Object.keys(whole), ['event', 'dedupeKey', 'bodySha256', 'bodyLength', 'keyIndex', 'keyId', 'signatureHeader']);
  assert.equal(whole.bodySha256, createHash('sha256').update(BODY).digest('hex'));
  assert.equal(lazy.logRecord().body_sha256, whole.bodySha256);
  assert.equal(lazy.logRecord().dedupe_key, lazy.dedupeKey);
  // Built from the fields when the contract id is a number, from the body
  // when it is not (absent, or beyond 2^53): the same record either way.
  for (const [body, want] of [
    ['{"activity":"CONTRACT_SIGNED","contract_id":12,"external_metadata":{"id":"crm-9"}}', { contract_id: 12, external_id: 'crm-9' }],
    ['{"activity":"CONTRACT_SIGNED","contract_id":9007199254740993}', { contract_id: JSON.parse('9007199254740993') }],
    ['{"activity":"CONTRACT_SIGNED","external_metadata":{"id":7}}', { contract_id: undefined, external_id: '7' }],
  ]) {
    const record = v.open({ [H]: sign(KEY, body) }, body).logRecord();
    for (const [name, value] of Object.entries(want)) assert.equal(record[name], value, body);
    assert.equal(record.body_sha256, createHash('sha256').update(body).digest('hex'));
    assert.equal(record.activity, 'CONTRACT_SIGNED');
  }
  const changed = v.open({ [H]: SIG }, BODY);
  changed.keyIndex = 7; // a caller's change to a field does not change what is logged
  changed.signatureHeader = 'legacy';
  assert.deepEqual(changed.logRecord(), lazy.logRecord());
  assert.equal(d.event.activity, 'CONTRACT_SIGNED');
  assert.equal(d.event.category, 'signature');
  assert.equal(d.event.known, true);
  assert.deepEqual(d.event.performedBy, { name: 'Pat Example', email: 'pat@example.com' });
  assert.deepEqual(JSON.parse(JSON.stringify(d.event)).payload, JSON.parse(BODY));
  assert.equal(d.event.payload, d.event.payload, 'parsed once');
  assert.ok(d.dedupeKey.startsWith('sdk1:'));
  assert.equal(d.bodyLength, Buffer.byteLength(BODY));
  const record = d.logRecord();
  assert.equal(record.outcome, 'accepted');
  assert.equal(record.contract_id, 42);
  record.outcome = 'changed';
  assert.equal(d.logRecord().outcome, 'accepted', 'logRecord returns a copy');
  for (const secret of ['Pat Example', 'pat@example.com', 'Confidential', SIG, KEY]) {
    assert.ok(!JSON.stringify(d.logRecord()).includes(secret));
  }
  // The payload reflects the bytes verified, even if the caller's buffer changes afterwards.
  const buf = Buffer.from(BODY);
  const d2 = v.open({ [H]: SIG }, buf);
  buf.fill(0x20);
  assert.equal(d2.event.payload.contract_id, 42);
  const e = parseEvent('{"activity":"SOMETHING_NEW","__proto__":{"polluted":true}}');
  assert.equal(e.known, false);
  assert.equal(e.category, 'other');
  assert.equal({}.polluted, undefined);
});

test('secrets never appear in inspect output or messages', () => {
  const v = new Verifier([{ id: 'prod', key: KEY }]);
  for (const text of [inspect(v), inspect(v, { showHidden: true, depth: 5 }), JSON.stringify(v), String(v)]) {
    assert.ok(!text.includes(KEY));
    assert.ok(!text.includes('c3VwZXI'));
  }
  const err = codeOf(() => v.verify(BODY, sign(OTHER, BODY)));
  assertNoSecrets(err, [KEY, OTHER, sign(OTHER, BODY), BODY]);
  const keyErr = codeOf(() => new Verifier('not-base64-$ecret-value!'));
  assert.ok(!inspect(keyErr).includes('$ecret'));
  const d = diagnose(BODY, sign(OTHER, BODY), [KEY]);
  assert.equal(d.cause, 'body_changed_or_wrong_key');
  assert.ok(!d.message.includes(KEY));
});

test('openAsync: same result and same errors as open, small and large bodies', async () => {
  const v = new Verifier([OTHER, KEY], { maxBodyBytes: 2 * 1024 * 1024 });
  const large = JSON.stringify({ activity: 'CONTRACT_CREATED', contract_id: 7, filler: 'z'.repeat(1024 * 1024) });
  for (const body of [BODY, Buffer.from(BODY), large, Buffer.from(large)]) {
    const headers = { [H]: sign(KEY, body) };
    const sync = v.open(headers, body);
    const viaPool = await v.openAsync(headers, body);
    // Every field, the lazy ones included (toJSON reads them all).
    assert.deepEqual(JSON.parse(JSON.stringify(viaPool)), JSON.parse(JSON.stringify(sync)));
    assert.deepEqual(viaPool.logRecord(), sync.logRecord());
  }
  const tampered = Buffer.from(large.replace('"contract_id":7', '"contract_id":8'));
  await assert.rejects(v.openAsync({ [H]: sign(KEY, large) }, tampered), (err) => {
    assert.ok(err instanceof SpotDraftKitError);
    assert.equal(err.code, 'signature_mismatch');
    assert.equal(err.logRecord.body_bytes, tampered.length);
    return true;
  });
  await assert.rejects(v.openAsync({ [H]: SIG }, 'x'.repeat(3 * 1024 * 1024)), { code: 'body_too_large' });
  await assert.rejects(v.openAsync(null, BODY), { code: 'invalid_argument' });
  await assert.rejects(v.openAsync({}, large), { code: 'missing_signature' });
  // Many in flight at once.
  const results = await Promise.all(Array.from({ length: 16 }, () => v.openAsync({ [H]: sign(KEY, large) }, large)));
  assert.ok(results.every((d) => d.event.contractId === 7));
});

test('works in a worker thread (one error class per environment)', async () => {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const kit = require(${JSON.stringify(require.resolve('../index.js'))});
    const v = new kit.Verifier(${JSON.stringify(KEY)});
    let code;
    try { v.verify('x', '0'.repeat(128)); } catch (e) { code = (e instanceof kit.SpotDraftKitError) && e.code; }
    parentPort.postMessage({ code, size: v.size });
  `;
  const worker = new Worker(source, { eval: true });
  const [message] = await Promise.all([
    new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); }),
  ]);
  await worker.terminate();
  assert.deepEqual(message, { code: 'signature_mismatch', size: 1 });
  // The main thread's factory is untouched.
  assert.equal(codeOf(() => new Verifier([])).code, 'no_keys');
});

test('loader: a platform without a binary gets an error naming it', async () => {
  const { mkdtempSync, copyFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'spotdraft-kit-loader-'));
  try {
    copyFileSync(require.resolve('../binding.js'), join(dir, 'binding.js'));
    assert.throws(() => require(join(dir, 'binding.js')), (err) => {
      assert.equal(err.code, 'ERR_SPOTDRAFT_KIT_NO_BINARY');
      assert.match(err.message, new RegExp(`${process.platform}-${process.arch}`));
      assert.match(err.message, /napi build --platform --release/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
