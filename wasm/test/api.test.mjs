// The package's own API tests in Node: exports against the shared contract,
// input shapes, the error class, error paths (the module must keep working
// after each) and the built .wasm's imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';

import * as kit from '../dist/node.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const require = createRequire(import.meta.url);
const cjs = require('../dist/index.cjs');

const { Verifier, SpotDraftKitError, parseEvent, sign, diagnose, bodySha256 } = kit;
const KEY = 'c2VjcmV0LWtleS1ieXRlcw==';
const BODY = '{"activity":"CONTRACT_SIGNED","contract_id":42,"contract_title":"Master Services","activity_data":{"timestamp":"2026-11-02T10:00:00Z","performed_by":{"name":"Sam Example","email":"sam@example.com"}}}';
const SIG = sign(KEY, BODY);

function declaredNames() {
  const dts = readFileSync(join(here, '..', '..', 'js', 'spotdraft-kit.d.ts'), 'utf8');
  return [...dts.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]).sort();
}

test('runtime exports are exactly the names declared in the shared .d.ts', () => {
  const names = declaredNames();
  assert.ok(names.length >= 9);
  assert.deepEqual(Object.keys(kit).sort(), names);
  assert.deepEqual(Object.keys(cjs).filter((k) => k !== '__esModule').sort(), names);
});

test('the shipped index.d.ts is the shared contract, unchanged', () => {
  const contract = readFileSync(join(here, '..', '..', 'js', 'spotdraft-kit.d.ts'), 'utf8');
  assert.equal(readFileSync(join(dist, 'index.d.ts'), 'utf8'), contract);
  assert.equal(readFileSync(join(dist, 'index.d.cts'), 'utf8'), contract);
});

test('import and require share one instance and one error class', () => {
  assert.equal(kit.SpotDraftKitError, cjs.SpotDraftKitError);
  assert.equal(kit.Verifier, cjs.Verifier);
  let caught;
  try {
    new cjs.Verifier([]);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof SpotDraftKitError);
});

test('constants', () => {
  assert.equal(kit.SIGNATURE_HEADER, 'x-sd-webhook-content-hash');
  assert.equal(kit.LEGACY_SIGNATURE_HEADER, 'x-sd-content-hash');
  assert.ok(Object.isFrozen(kit.ERROR_CODES));
  assert.deepEqual([...kit.ERROR_CODES], [
    'missing_signature', 'malformed_signature', 'signature_mismatch', 'invalid_key', 'no_keys',
    'body_too_large', 'invalid_json', 'invalid_payload', 'invalid_argument', 'invalid_config',
    'invalid_id', 'api_error', 'length_required', 'store_unavailable',
  ]);
});

test('SpotDraftKitError is a real Error subclass with code, httpStatus, logRecord', () => {
  const v = new Verifier(KEY);
  let err;
  try {
    v.open({ 'x-sd-webhook-content-hash': '0'.repeat(128) }, BODY);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof SpotDraftKitError);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'SpotDraftKitError');
  assert.equal(err.code, 'signature_mismatch');
  assert.equal(err.httpStatus, 401);
  assert.equal(err.logRecord.reason, 'signature_mismatch');
  assert.equal(err.logRecord.outcome, 'rejected');
  assert.equal(err.logRecord.body_sha256, bodySha256(BODY));
  assert.match(String(err), /^SpotDraftKitError: /);
  assert.ok(typeof err.stack === 'string');
  for (const text of [err.message, String(err), inspect(err), JSON.stringify(err)]) {
    for (const secret of [KEY, 'Sam Example', 'sam@example.com', 'Master Services']) {
      assert.ok(!text.includes(secret), `leaks ${secret}`);
    }
  }
  // Errors without a delivery carry no log record.
  assert.throws(() => new Verifier([]), (e) => e.code === 'no_keys' && e.logRecord === null && e.httpStatus === 500);
});

test('bodies: Uint8Array, Buffer, ArrayBuffer, DataView, string are the same bytes', () => {
  const bytes = new TextEncoder().encode(BODY);
  const padded = new Uint8Array(bytes.length + 8);
  padded.set(bytes, 4);
  const view = padded.subarray(4, 4 + bytes.length);
  const v = new Verifier(KEY);
  for (const body of [bytes, Buffer.from(bytes), bytes.buffer.slice(0), view, new DataView(padded.buffer, 4, bytes.length), BODY]) {
    assert.equal(sign(KEY, body), SIG);
    assert.equal(bodySha256(body), bodySha256(bytes));
    assert.equal(v.verify(body, SIG), 0);
    assert.equal(v.open([['X-SD-WEBHOOK-CONTENT-HASH', SIG]], body).event.contractId, 42);
  }
  for (const bad of [undefined, null, 42, {}, [1, 2]]) {
    assert.throws(() => v.verify(bad, SIG), (e) => e instanceof SpotDraftKitError && e.code === 'invalid_argument');
    // A wrong body type is a caller's bug, in isValid too (as in @spotdraft-kit/node).
    assert.throws(() => v.isValid(bad, SIG), (e) => e instanceof SpotDraftKitError && e.code === 'invalid_argument');
  }
  assert.throws(() => v.verify(BODY, 42), (e) => e.code === 'invalid_argument');
});

test('headers: Headers, plain objects (array values), Map, pairs, any case', () => {
  const v = new Verifier(KEY);
  const shapes = [
    new Headers({ 'X-SD-Webhook-Content-Hash': SIG, 'content-type': 'application/json' }),
    { 'x-sd-webhook-content-hash': SIG, host: 'example.com' },
    { 'X-SD-WEBHOOK-CONTENT-HASH': [SIG] },
    { 'x-sd-webhook-content-hash': [SIG, SIG] },
    new Map([['x-sd-webhook-content-hash', SIG]]),
    new Map([['x-sd-webhook-content-hash', [SIG]]]),
    [['x-sd-webhook-content-hash', SIG]],
    new Map([['x-sd-content-hash', SIG]]).entries(),
  ];
  for (const headers of shapes) assert.equal(v.open(headers, BODY).keyIndex, 0);
  assert.equal(v.open({ 'x-sd-content-hash': SIG }, BODY).signatureHeader, 'legacy');
  // Precedence and duplicates are core's: current wins over legacy,
  // conflicting duplicates are malformed.
  assert.equal(v.open({ 'x-sd-content-hash': '0'.repeat(128), 'x-sd-webhook-content-hash': SIG }, BODY).signatureHeader, 'current');
  assert.throws(() => v.open({ 'x-sd-webhook-content-hash': [SIG, '0'.repeat(128)] }, BODY), (e) => e.code === 'malformed_signature');
  assert.throws(() => v.open({ 'x-sd-webhook-content-hash': undefined }, BODY), (e) => e.code === 'missing_signature');
  for (const bad of [null, undefined, 'x-sd-webhook-content-hash', 7, [['only-name']]]) {
    assert.throws(() => v.open(bad, BODY), (e) => e instanceof SpotDraftKitError && e.code === 'invalid_argument');
  }
});

test('keys: strings, bytes, labelled, encodings, options', () => {
  const raw = Buffer.from(KEY, 'base64');
  const labelled = new Verifier([{ id: 'old', key: 'c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBvbGQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw' }, { id: 'new', key: KEY }]);
  assert.equal(labelled.size, 2);
  const d = labelled.open({ 'x-sd-webhook-content-hash': SIG }, BODY);
  assert.equal(d.keyIndex, 1);
  assert.equal(d.keyId, 'new');
  assert.equal(d.logRecord().key_id, 'new');
  assert.equal(new Verifier(new Uint8Array(raw)).verify(BODY, SIG), 0);
  assert.equal(new Verifier({ key: raw }).verify(BODY, SIG), 0);
  assert.equal(sign({ key: 'legacy secret', encoding: 'utf8' }, BODY), sign(new TextEncoder().encode('legacy secret'), BODY));
  assert.equal(new Verifier('legacy secret', { encoding: 'utf8' }).verify(BODY, sign({ key: 'legacy secret', encoding: 'utf8' }, BODY)), 0);
  assert.throws(() => new Verifier('legacy secret'), (e) => e.code === 'invalid_key' && !e.message.includes('legacy secret'));
  assert.throws(() => new Verifier(KEY, { encoding: 'hex' }), (e) => e.code === 'invalid_argument');
  assert.throws(() => new Verifier(KEY, { maxBodyBytes: -1 }), (e) => e.code === 'invalid_argument');
  assert.throws(() => new Verifier(KEY, { maxBodyBytes: '10' }), (e) => e.code === 'invalid_argument');
  assert.equal(new Verifier(KEY, null).size, 1, 'null options are no options (as in @spotdraft-kit/node)');
  assert.throws(() => new Verifier([42]), (e) => e.code === 'invalid_argument');
  assert.throws(() => new Verifier({ id: 5, key: KEY }), (e) => e.code === 'invalid_argument');
  assert.throws(() => new Verifier(Array(65).fill(KEY)), (e) => e.code === 'no_keys');
  assert.throws(() => sign([KEY, KEY], BODY), (e) => e.code === 'invalid_argument');
  assert.ok(!inspect(labelled).includes(KEY));
});

test('body size limit: 413 without hashing', () => {
  const v = new Verifier(KEY, { maxBodyBytes: 16 });
  assert.throws(() => v.open({ 'x-sd-webhook-content-hash': SIG }, BODY), (e) => {
    assert.equal(e.code, 'body_too_large');
    assert.equal(e.httpStatus, 413);
    assert.equal(e.logRecord.body_sha256, undefined);
    assert.equal(e.logRecord.body_bytes, BODY.length);
    return true;
  });
});

test('events and deliveries are data with camelCase fields and payload, all of it in their JSON', () => {
  const event = parseEvent(BODY);
  assert.deepEqual(JSON.parse(JSON.stringify(event)).payload, JSON.parse(BODY));
  assert.equal(event.activity, 'CONTRACT_SIGNED');
  assert.equal(event.category, 'signature');
  assert.equal(event.known, true);
  assert.equal(event.contractId, 42);
  assert.deepEqual(event.performedBy, { name: 'Sam Example', email: 'sam@example.com' });
  assert.deepEqual(event.payload, JSON.parse(BODY));
  assert.deepEqual(event.counterparties, []);
  assert.equal(event.externalMetadata, null);
  const d = new Verifier(KEY).open({ 'x-sd-webhook-content-hash': SIG }, BODY);
  assert.deepEqual(d.event, event);
  assert.match(d.dedupeKey, /^sdk1:[0-9a-f]{64}$/);
  assert.equal(d.bodyLength, BODY.length);
  const record = d.logRecord();
  record.outcome = 'mutated';
  assert.equal(d.logRecord().outcome, 'accepted');
  const recordText = JSON.stringify(d.logRecord());
  for (const secret of ['Sam Example', 'sam@example.com', 'Master Services', SIG, KEY]) assert.ok(!recordText.includes(secret));
  assert.deepEqual(JSON.parse(JSON.stringify(d)).dedupeKey, d.dedupeKey);
  assert.equal(JSON.parse(JSON.stringify(d)).bodySha256, d.logRecord().body_sha256);
});

test('openAsync resolves like open and rejects with SpotDraftKitError', async () => {
  const v = new Verifier(KEY);
  const d = await v.openAsync(new Headers({ 'x-sd-webhook-content-hash': SIG }), BODY);
  assert.equal(d.keyIndex, 0);
  await assert.rejects(v.openAsync({}, BODY), (e) => e instanceof SpotDraftKitError && e.code === 'missing_signature');
});

test('diagnose explains a re-serialised body', () => {
  const reparsed = JSON.stringify(JSON.parse(BODY), null, 2);
  const d = diagnose(reparsed, SIG, [KEY]);
  assert.equal(d.cause, 'body_reserialized');
  assert.equal(d.keyIndex, 0);
  assert.equal(typeof d.message, 'string');
  assert.equal(diagnose(BODY, SIG, KEY).cause, 'valid');
});

test('the module keeps working after every error path, many times over', () => {
  const v = new Verifier(KEY, { maxBodyBytes: 1 << 20 });
  const big = new Uint8Array((1 << 20) + 1);
  const attempts = [
    () => new Verifier([]),
    () => new Verifier('***'),
    () => new Verifier(KEY, { encoding: 'nope' }),
    () => new Verifier([KEY, {}]),
    () => v.verify('x', ''),
    () => v.verify('x', 'z'.repeat(5000)),
    () => v.verify('x', '0'.repeat(128)),
    () => v.verify(big, SIG),
    () => v.open({}, '{}'),
    () => v.open({ 'x-sd-webhook-content-hash': 'nothex' }, BODY),
    () => v.open({ 'x-sd-webhook-content-hash': sign(KEY, 'not json') }, 'not json'),
    () => v.open({ 'x-sd-webhook-content-hash': sign(KEY, '[1]') }, '[1]'),
    () => v.open({ 'x-sd-webhook-content-hash': sign(KEY, '\xff') }, new Uint8Array([0xff])),
    () => v.open({ 'x-sd-webhook-content-hash': SIG }, big),
    () => parseEvent('['.repeat(100000)),
    () => parseEvent('{"a":'.repeat(100000)),
    () => parseEvent('null'),
    () => parseEvent(new Uint8Array([0xc3, 0x28])),
    () => sign('', 'x'),
    () => sign(new Uint8Array(0), 'x'),
    () => diagnose('x', 42, KEY),
  ];
  for (let round = 0; round < 50; round += 1) {
    for (const attempt of attempts) {
      assert.throws(attempt, (e) => e instanceof SpotDraftKitError && typeof e.code === 'string', attempt.toString());
    }
    assert.equal(v.open({ 'x-sd-webhook-content-hash': SIG }, BODY).keyIndex, 0);
  }
  // diagnose never throws for odd inputs: it explains them.
  assert.equal(typeof diagnose('x', 'garbage', KEY).cause, 'string');
  assert.equal(diagnose('x', SIG, []).cause, 'no_key');
});

test('the .wasm imports nothing but wasm-bindgen glue (no env imports)', () => {
  const module = new WebAssembly.Module(readFileSync(join(dist, 'spotdraft_kit_wasm_bg.wasm')));
  const imports = WebAssembly.Module.imports(module);
  for (const imp of imports) assert.equal(imp.module, './spotdraft_kit_wasm_bg.js', JSON.stringify(imp));
  for (const imp of imports) assert.match(imp.name, /^__wbg|^__wbindgen/, JSON.stringify(imp));
  const exports = WebAssembly.Module.exports(module).map((e) => e.name);
  assert.ok(exports.includes('memory'));
});

// The full module carries the whole API table (111 operations with their
// body schemas) and the playbook planners (sanitiser, escalation bundles,
// reconcile, webhook registry and rotation): 246,029 bytes measured, as zlib
// -9 counts (the core's own number reader, 6 KB, is in it beside std's float
// parser and serde_json's formatter, which the API needs). A Worker that only
// verifies loads the verifier-only module instead, whose budget is in
// verify.test.mjs.
test('the .wasm stays inside the 241 KiB gzipped budget', () => {
  const gz = gzipSync(readFileSync(join(dist, 'spotdraft_kit_wasm_bg.wasm')), { level: 9 }).length;
  assert.ok(gz < 241 * 1024, `${gz} bytes gzipped`);
});

test('no Node globals in the code that runs in workerd and browsers', () => {
  for (const file of ['workerd.js', 'browser.js']) {
    const text = readFileSync(join(dist, file), 'utf8').replace(/\/\/.*$/gm, '');
    for (const pattern of [/\bBuffer\s*[.(]/, /\brequire\(/, /\bprocess\./, /['"]node:/, /__dirname/, /from ['"]fs['"]/]) {
      assert.ok(!pattern.test(text), `${file} matches ${pattern}`);
    }
  }
});
