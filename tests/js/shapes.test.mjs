// The argument-shape table: every export of a JavaScript implementation of
// spotdraft-kit, called with every input shape a caller may pass. Each cell
// states its outcome (a value, or an error code), and the values are pinned
// against node:crypto and literals, so the Node addon and the WASM package
// pass this table only by giving identical results and identical codes.
// The implementation is chosen like in conformance.test.mjs:
//
//   SPOTDRAFT_KIT_IMPL=@spotdraft-kit/wasm node --test tests/js/shapes.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { kit, withDiagnose } from './impl.mjs';

const { Verifier, SpotDraftKitError, parseEvent, sign, diagnose, bodySha256 } = kit;

const KEY_BYTES = Buffer.from('shape-table-hmac-key-5c1e');
const KEY = KEY_BYTES.toString('base64');
const H = 'x-sd-webhook-content-hash';
const LEGACY = 'x-sd-content-hash';
const TEXT = JSON.stringify({
  activity: 'CONTRACT_SIGNED',
  contract_id: 4242,
  contract_title: 'Soci\u00e9t\u00e9 MSA',
  external_metadata: { ref: 'r-1' },
  counterparties: [{ type: 'ORG', organization_name: 'Acme', counterparty_id: 7 }],
}, null, 2);
const BYTES = new TextEncoder().encode(TEXT);
const SIG = createHmac('sha512', KEY_BYTES).update(BYTES).digest('hex');
const SHA = createHash('sha256').update(BYTES).digest('hex');

class Thrown extends Error {}
const boom = () => {
  throw new Thrown('thrown by the value');
};
const TRAPS = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'apply'];
const throwingProxy = (target) => new Proxy(target, Object.fromEntries(TRAPS.map((t) => [t, boom])));

const detachedBuffer = () => {
  const buf = new ArrayBuffer(BYTES.length);
  new Uint8Array(buf).set(BYTES);
  structuredClone(buf, { transfer: [buf] });
  return buf;
};
const detachedView = () => {
  const view = new Uint8Array(BYTES.length);
  view.set(BYTES);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
};
const offsetView = (Kind) => {
  const buf = new ArrayBuffer(BYTES.length + 3);
  new Uint8Array(buf, 3).set(BYTES);
  return new Kind(buf, 3, BYTES.length);
};

// Body shapes: [label, () => value, accepted].
const BODIES = [
  ['string', () => TEXT, true],
  ['Uint8Array', () => BYTES.slice(), true],
  ['Uint8Array at an offset', () => offsetView(Uint8Array), true],
  ['Buffer', () => Buffer.from(BYTES), true],
  ['ArrayBuffer', () => BYTES.slice().buffer, true],
  ['DataView', () => offsetView(DataView), true],
  ['detached ArrayBuffer', detachedBuffer, false],
  ['detached Uint8Array', detachedView, false],
  ['number', () => 42, false],
  ['null', () => null, false],
  ['undefined', () => undefined, false],
  ['plain object', () => ({ length: 3 }), false],
  ['array of bytes', () => [...BYTES], false],
  ['throwing Proxy', () => throwingProxy({}), false],
];

// Header shapes: [label, () => value, outcome] where outcome is 'current',
// 'legacy' (the header the delivery was verified by) or an error code.
const HEADERS = [
  ['plain object', () => ({ [H]: SIG }), 'current'],
  ['plain object, mixed case', () => ({ 'X-SD-Webhook-Content-Hash': SIG }), 'current'],
  ['Headers', () => new Headers({ [H]: SIG, 'content-type': 'application/json' }), 'current'],
  ['Map', () => new Map([[H, SIG]]), 'current'],
  ['pairs', () => [[H, SIG], ['content-type', 'application/json']], 'current'],
  ['pairs, legacy only', () => [[LEGACY, SIG]], 'legacy'],
  ['IncomingHttpHeaders, array value', () => ({ [H]: [SIG], 'set-cookie': ['a', 'b'] }), 'current'],
  ['IncomingHttpHeaders, undefined value', () => ({ [H]: undefined, [LEGACY]: SIG }), 'legacy'],
  ['non-string signature value', () => ({ [H]: 12345 }), 'invalid_argument'],
  ['non-string value in a Map', () => new Map([[H, { toString: () => SIG }]]), 'invalid_argument'],
  ['non-string value elsewhere', () => ({ [H]: SIG, 'x-count': 3 }), 'current'],
  ['non-string name in pairs', () => [[1, 'x'], [H, SIG]], 'invalid_argument'],
  ['pairs of three', () => [[H, SIG, 'x']], 'invalid_argument'],
  ['no signature header', () => ({ 'content-type': 'application/json' }), 'missing_signature'],
  ['throwing Proxy', () => throwingProxy({}), 'invalid_argument'],
  ['throwing getter', () => ({ get [H]() { return boom(); } }), 'invalid_argument'],
  ['throwing iterator', () => ({ [Symbol.iterator]: boom }), 'invalid_argument'],
  ['string', () => `${H}: ${SIG}`, 'invalid_argument'],
  ['null', () => null, 'invalid_argument'],
  ['undefined', () => undefined, 'invalid_argument'],
];

// Key shapes: [label, () => value, accepted].
const KEYS = [
  ['base64 string', () => KEY, true],
  ['Uint8Array', () => new Uint8Array(KEY_BYTES), true],
  ['Buffer', () => Buffer.from(KEY_BYTES), true],
  ['ArrayBuffer', () => new Uint8Array(KEY_BYTES).buffer, true],
  ['DataView', () => new DataView(new Uint8Array(KEY_BYTES).buffer), true],
  ['{ key }', () => ({ key: KEY }), true],
  ['{ id, key: bytes }', () => ({ id: 'k1', key: new Uint8Array(KEY_BYTES) }), true],
  ['{ key, encoding: utf8 }', () => ({ key: KEY_BYTES.toString('latin1'), encoding: 'utf8' }), true],
  ['detached ArrayBuffer', detachedBuffer, false],
  ['number', () => 7, false],
  ['null', () => null, false],
  ['{ key: number }', () => ({ key: 7 }), false],
  ['{ id: number, key }', () => ({ id: 7, key: KEY }), false],
  ['{ key, encoding: number }', () => ({ key: KEY, encoding: 1 }), false],
  ['throwing Proxy', () => throwingProxy({}), false],
];

// A cell's outcome as plain data: the value, or the error's class and code.
function outcome(fn) {
  let value;
  try {
    value = fn();
  } catch (err) {
    if (!(err instanceof SpotDraftKitError)) return { threw: String(err) };
    return { error: err.code, httpStatus: err.httpStatus, isError: err instanceof Error };
  }
  return { value };
}
// The statuses are core's (ErrorCode::http_status).
const STATUS = { invalid_argument: 500, missing_signature: 401, malformed_signature: 401, body_too_large: 413 };
const failure = (code) => ({ error: code, httpStatus: STATUS[code], isError: true });

// A delivery or event as plain data, every field read.
const person = (p) => (p === null ? null : { name: p.name, email: p.email });
const eventData = (e) => ({
  activity: e.activity, known: e.known, category: e.category, contractId: e.contractId,
  contractTitle: e.contractTitle, contractStatus: e.contractStatus, contractKind: e.contractKind,
  contractType: e.contractType, contractTypeId: e.contractTypeId, occurredAt: e.occurredAt,
  performedBy: person(e.performedBy), externalId: e.externalId, externalMetadata: e.externalMetadata,
  counterparties: e.counterparties, businessUser: person(e.businessUser), legalUser: person(e.legalUser),
  payload: e.payload,
});
const deliveryData = (d) => ({
  event: eventData(d.event), dedupeKey: d.dedupeKey, bodySha256: d.bodySha256, bodyLength: d.bodyLength,
  keyIndex: d.keyIndex, keyId: d.keyId, signatureHeader: d.signatureHeader, logRecord: d.logRecord(),
});

// The event every accepted body must give, pinned here so both packages
// give the same one.
const EVENT = {
  activity: 'CONTRACT_SIGNED', known: true, category: 'signature', contractId: 4242,
  contractTitle: 'Soci\u00e9t\u00e9 MSA', contractStatus: null, contractKind: null, contractType: null,
  contractTypeId: null, occurredAt: null, performedBy: null, externalId: null,
  externalMetadata: { ref: 'r-1' },
  counterparties: [{ type: 'ORG', organizationName: 'Acme', pocName: null, pocEmail: null, counterpartyId: 7 }],
  businessUser: null, legalUser: null, payload: JSON.parse(TEXT),
};

const verifier = new Verifier(KEY);
const reference = deliveryData(verifier.open({ [H]: SIG }, BYTES));

test('the reference delivery is the pinned one', () => {
  assert.deepEqual(reference.event, EVENT);
  assert.equal(reference.bodySha256, SHA);
  assert.equal(reference.bodyLength, BYTES.length);
  assert.equal(reference.keyIndex, 0);
  assert.equal(reference.keyId, null);
  assert.equal(reference.signatureHeader, 'current');
  assert.match(reference.dedupeKey, /^[0-9a-z:_-]+$/i);
  assert.equal(reference.logRecord.body_sha256, SHA);
});

for (const [label, make, accepted] of BODIES) {
  const cell = (fn, want) => assert.deepEqual(outcome(fn), accepted ? { value: want } : failure('invalid_argument'));
  test(`body shape: ${label}`, async () => {
    cell(() => bodySha256(make()), SHA);
    cell(() => sign(KEY, make()), SIG);
    cell(() => verifier.verify(make(), SIG), 0);
    cell(() => verifier.isValid(make(), SIG), true);
    cell(() => verifier.isValid(make(), 'f'.repeat(128)), false);
    cell(() => verifier.isValid(make(), 42), false);
    cell(() => deliveryData(verifier.open({ [H]: SIG }, make())), reference);
    cell(() => eventData(parseEvent(make())), EVENT);
    withDiagnose(() => cell(() => diagnose(make(), SIG, KEY).cause, 'valid'));
    let settled;
    try {
      settled = { value: deliveryData(await verifier.openAsync({ [H]: SIG }, make())) };
    } catch (err) {
      settled = err instanceof SpotDraftKitError
        ? { error: err.code, httpStatus: err.httpStatus, isError: err instanceof Error }
        : { threw: String(err) };
    }
    assert.deepEqual(settled, accepted ? { value: reference } : failure('invalid_argument'), 'openAsync');
  });
}

for (const [label, make, want] of HEADERS) {
  test(`header shape: ${label}`, async () => {
    const got = outcome(() => deliveryData(verifier.open(make(), BYTES)));
    if (want === 'current' || want === 'legacy') {
      assert.deepEqual(got, { value: { ...reference, signatureHeader: want, logRecord: got.value?.logRecord } });
      assert.equal(got.value.logRecord.signature_header, want);
    } else {
      assert.deepEqual(got, failure(want));
    }
    const rejected = await verifier.openAsync(make(), BYTES).then(() => null, (err) => err);
    if (want === 'current' || want === 'legacy') assert.equal(rejected, null, 'openAsync resolves');
    else assert.equal(rejected?.code, want, 'openAsync rejects with the same code');
  });
}

for (const [label, make, accepted] of KEYS) {
  const cell = (fn, want) => assert.deepEqual(outcome(fn), accepted ? { value: want } : failure('invalid_argument'));
  test(`key shape: ${label}`, () => {
    cell(() => new Verifier(make()).verify(BYTES, SIG), 0);
    cell(() => new Verifier([make()]).size, 1);
    cell(() => sign(make(), BYTES), SIG);
    withDiagnose(() => cell(() => diagnose(BYTES, SIG, [make()]).keyIndex, 0));
  });
}

test('verifier options: shapes', () => {
  const size = (options) => outcome(() => new Verifier(KEY, options).size);
  assert.deepEqual(size(undefined), { value: 1 });
  assert.deepEqual(size(null), { value: 1 });
  assert.deepEqual(size({}), { value: 1 });
  assert.deepEqual(size({ maxBodyBytes: 10 }), { value: 1 });
  for (const bad of [{ maxBodyBytes: -1 }, { maxBodyBytes: 1.5 }, { maxBodyBytes: '10' }, { encoding: 3 },
    { encoding: 'rot13' }, 'options', 5, throwingProxy({})]) {
    assert.deepEqual(size(bad), failure('invalid_argument'), `options ${String(typeof bad)}`);
  }
  const small = new Verifier(KEY, { maxBodyBytes: 10 });
  assert.deepEqual(outcome(() => small.open({ [H]: SIG }, BYTES)), failure('body_too_large'));
});

test('signatures: shapes', () => {
  assert.deepEqual(outcome(() => verifier.verify(BYTES, SIG.toUpperCase())), { value: 0 });
  for (const bad of [42, null, undefined, Buffer.from(SIG), throwingProxy({})]) {
    assert.deepEqual(outcome(() => verifier.verify(BYTES, bad)), failure('invalid_argument'));
    withDiagnose(() => assert.deepEqual(outcome(() => diagnose(BYTES, bad, KEY)), failure('invalid_argument')));
    assert.deepEqual(outcome(() => verifier.isValid(BYTES, bad)), { value: false });
  }
  assert.deepEqual(outcome(() => verifier.verify(BYTES, 'f'.repeat(5000))), failure('malformed_signature'));
  assert.deepEqual(outcome(() => verifier.verify(BYTES, '')), failure('malformed_signature'));
  assert.deepEqual(outcome(() => sign([KEY], BYTES)), failure('invalid_argument'));
});

// The one lowercase current header crosses as its value alone; every other
// header set crosses whole for core to decide (js/front.js openPacked). Both
// must give the same delivery, or the same error with the same message and
// log record, for any value.
test('the one-header path and the whole-header path agree on every signature value', () => {
  const full = (fn) => {
    try {
      return { value: deliveryData(fn()) };
    } catch (err) {
      return { code: err.code, httpStatus: err.httpStatus, message: err.message, logRecord: err.logRecord };
    }
  };
  const values = [
    SIG, SIG.toUpperCase(), ` ${SIG}\t`, 'f'.repeat(128), '', 'g'.repeat(128), SIG.slice(2),
    'f'.repeat(5000), '\u0161'.repeat(128), `${SIG}\u00e9`, `sha512=${SIG}`,
  ];
  for (const value of values) {
    const one = full(() => verifier.open({ [H]: value }, BYTES));
    for (const [label, headers] of [
      ['mixed-case name', { 'X-SD-Webhook-Content-Hash': value }],
      ['the same value twice', [[H, value], [H, value]]],
      ['beside an empty legacy header list', { [H]: value, [LEGACY]: [] }],
    ]) {
      assert.deepEqual(full(() => verifier.open(headers, BYTES)), one, `${label}: ${JSON.stringify(value.slice(0, 40))}`);
    }
  }
});

// The front cuts a signature value one UTF-16 unit past core's 1 KiB limit
// before it crosses (js/front.js): a string has at least as many UTF-8
// bytes as units, so the cut must never change the outcome, whatever the
// value's characters or where the cut falls.
test('signature values around the 1 KiB limit give the outcome of the whole value', () => {
  const LIMIT = 1024;
  const padded = (units) => ' '.repeat(units - SIG.length) + SIG;
  const values = [
    padded(LIMIT), padded(LIMIT + 1), padded(LIMIT + 2), padded(5000),
    'f'.repeat(LIMIT + 1), '\u0161'.repeat(LIMIT / 2), '\u0161'.repeat(LIMIT / 2 + 1), '\u0161'.repeat(LIMIT + 1),
    // A surrogate pair at the cut, and one just before it.
    `${'f'.repeat(LIMIT)}\u{1F980}`, `${'f'.repeat(LIMIT - 1)}\u{1F980}`, `${SIG}${'\u{1F980}'.repeat(600)}`,
  ];
  const error = (fn) => {
    try {
      return { value: fn() };
    } catch (err) {
      return { code: err.code, tooLong: /longer than 1 KiB/.test(err.message) };
    }
  };
  for (const value of values) {
    const label = `${value.length} units, ${Buffer.byteLength(value)} bytes`;
    const want = Buffer.byteLength(value) > LIMIT
      ? { code: 'malformed_signature', tooLong: true }
      : error(() => verifier.verify(BYTES, value));
    if (Buffer.byteLength(value) <= LIMIT) assert.notEqual(want.tooLong, true, label);
    assert.deepEqual(error(() => verifier.verify(BYTES, value)), want, `verify: ${label}`);
    for (const headers of [{ [H]: value }, { 'X-SD-Webhook-Content-Hash': value }]) {
      const got = error(() => verifier.open(headers, BYTES).keyIndex);
      assert.deepEqual(got, want.code === undefined ? { value: 0 } : want, `open: ${label}`);
    }
  }
  assert.deepEqual(error(() => verifier.verify(BYTES, padded(LIMIT))), { value: 0 });
});

test('SpotDraftKitError: one constructor, (message, code, httpStatus, logRecord)', () => {
  const record = { reason: 'signature_mismatch' };
  const err = new SpotDraftKitError('no match', 'signature_mismatch', 401, record);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'SpotDraftKitError');
  assert.equal(err.message, 'no match');
  assert.equal(err.code, 'signature_mismatch');
  assert.equal(err.httpStatus, 401);
  assert.deepEqual(err.logRecord, record);
  assert.equal(new SpotDraftKitError('m', 'invalid_argument', 400).logRecord, null);
  assert.deepEqual(Object.keys(err).sort(), ['code', 'httpStatus', 'logRecord']);
});

test('errors from the native side are SpotDraftKitError with structured fields', () => {
  let caught;
  try {
    verifier.open({ [H]: 'f'.repeat(128) }, BYTES);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof SpotDraftKitError);
  assert.equal(caught.code, 'signature_mismatch');
  assert.equal(caught.httpStatus, 401);
  assert.ok(!caught.message.startsWith('spotdraft-kit-error'), 'no descriptor prefix in the message');
  assert.equal(caught.logRecord.reason, 'signature_mismatch');
  assert.equal(caught.logRecord.body_sha256, SHA);
  assert.match(caught.stack, /shapes\.test\.mjs/, 'the stack starts in the caller');
});

test('contract ids beyond 2**53 are exact or null, never rounded', () => {
  for (const digits of ['9007199254740993', '-9007199254740993', '9223372036854775807']) {
    const id = parseEvent(`{"activity":"CONTRACT_CREATED","contract_id":${digits}}`).contractId;
    assert.ok(id === null || (Number.isSafeInteger(id) && String(id) === digits), `${digits} -> ${id}`);
  }
  assert.equal(parseEvent('{"activity":"CONTRACT_CREATED","contract_id":9007199254740991}').contractId, 2 ** 53 - 1);
});

// A delivery's log record is built on first read from its fields, packed
// again by the front (js/front.js packFields): non-ASCII in the key id and
// in the texts before and between the record's fields checks the offsets.
test('a delivery\'s log record carries the delivery\'s own fields, whatever their characters', () => {
  const value = {
    activity: 'CONTRACT_\u00C9\u{1F980}',
    contract_id: 77,
    contract_title: '\u{1F980}\u{1F980} \u5408\u540C',
    contract_status: '\u00C9TAT',
    activity_data: { timestamp: '2026-01-02T03:04:05Z' },
    external_metadata: { id: '\u{1F980}-ext-\u00F1' },
  };
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const sig = createHmac('sha512', KEY_BYTES).update(bytes).digest('hex');
  const keyed = new Verifier([{ id: 'other', key: Buffer.from('another-shape-table-key').toString('base64') }, { id: 'k\u00E9y-\u{1F980}', key: KEY }]);
  for (const headers of [{ [H]: sig }, { [LEGACY]: sig }]) {
    const delivery = keyed.open(headers, bytes);
    assert.equal(delivery.keyId, 'k\u00E9y-\u{1F980}');
    const record = delivery.logRecord();
    assert.equal(record.activity, value.activity);
    assert.equal(record.external_id, value.external_metadata.id);
    assert.equal(record.contract_id, 77);
    assert.equal(record.dedupe_key, delivery.dedupeKey);
    assert.equal(record.key_index, 1);
    assert.equal(record.key_id, 'k\u00E9y-\u{1F980}');
    assert.equal(record.signature_header, headers[H] === undefined ? 'legacy' : 'current');
    assert.equal(record.body_bytes, bytes.length);
  }
});

// The front keeps small bodies' copies end to end in shared slabs and
// larger ones apart (js/front.js `keep`): many deliveries of mixed sizes,
// all through one reused buffer, each keep their own bytes, whichever
// lazy field is read first and however late.
test('deliveries of mixed sizes opened through one reused buffer each keep their own bytes', async () => {
  const sizes = [2, 1873, 9000, 0, 4096, 8192, 8193, 65 * 1024, 3000, 70_000, 1, 2048];
  const reused = Buffer.alloc(80 * 1024);
  const opened = [];
  for (let round = 0; round < 4; round += 1) {
    for (const [i, size] of sizes.entries()) {
      // A JSON string of `size` bytes or so, different in every delivery.
      const text = JSON.stringify({ activity: 'CONTRACT_SIGNED', contract_id: round * 100 + i, pad: 'x'.repeat(Math.max(0, size - 60)) });
      const n = reused.write(text);
      const view = reused.subarray(0, n);
      const sig = createHmac('sha512', KEY_BYTES).update(view).digest('hex');
      const want = { sha: createHash('sha256').update(view).digest('hex'), payload: JSON.parse(text), n };
      const readFirst = (round + i) % 3;
      if (round === 3) opened.push([await verifier.openAsync({ [H]: sig }, view), want, readFirst]);
      else if (i % 4 === 3) opened.push([{ event: parseEvent(view) }, want, readFirst]);
      else opened.push([verifier.open({ [H]: sig }, view), want, readFirst]);
      reused.fill(0x20, 0, n);
    }
  }
  for (const [delivery, want, readFirst] of opened) {
    const label = `contract ${want.payload.contract_id}, ${want.n} bytes`;
    if (delivery.bodySha256 === undefined) {
      assert.deepEqual(delivery.event.payload, want.payload, label);
      continue;
    }
    const reads = [
      () => assert.equal(delivery.bodySha256, want.sha, label),
      () => assert.deepEqual(delivery.event.payload, want.payload, label),
      () => assert.equal(delivery.logRecord().body_sha256, want.sha, label),
    ];
    for (let k = 0; k < reads.length; k += 1) reads[(readFirst + k) % reads.length]();
    assert.equal(delivery.bodyLength, want.n, label);
    assert.equal(delivery.event.contractId, want.payload.contract_id, label);
  }
});

test('a delivery and an event keep the verified bytes: reusing the caller\'s buffer changes no field', () => {
  // Non-ASCII in every text field (two- to four-byte UTF-8, UTF-16
  // surrogate pairs) checks the packed texts' offsets and the private copy.
  const value = {
    activity: 'CONTRACT_SIGNED',
    contract_id: 9,
    contract_title: 'Vertrag \u{1F980} \u2014 \u5408\u540C \u2713',
    contract_status: '\u00C9TAT',
    contract_kind: 'K',
    contract_type: 'Typ \u00DF',
    contract_type_id: 3,
    activity_data: { timestamp: '2026-01-02T03:04:05Z', performed_by: { name: 'Zo\u00EB \u{1F980}', email: 'z@example.com' } },
    external_metadata: { id: 'ext-\u00F1' },
  };
  const bytes = new TextEncoder().encode(JSON.stringify(value, null, 2));
  const sig = createHmac('sha512', KEY_BYTES).update(bytes).digest('hex');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const buf = Buffer.from(bytes);
  const eventBuf = Buffer.from(bytes);
  const delivery = verifier.open({ [H]: sig }, buf);
  const event = parseEvent(eventBuf);
  buf.fill(0x20);
  eventBuf.fill(0x7b);
  for (const e of [delivery.event, event]) {
    assert.equal(e.contractTitle, value.contract_title);
    assert.equal(e.contractStatus, value.contract_status);
    assert.equal(e.contractType, value.contract_type);
    assert.equal(e.contractTypeId, 3);
    assert.equal(e.occurredAt, '2026-01-02T03:04:05Z');
    assert.equal(e.externalId, 'ext-\u00F1');
    assert.deepEqual(e.performedBy, value.activity_data.performed_by);
    assert.deepEqual(e.payload, value);
  }
  assert.equal(delivery.bodySha256, sha);
  assert.equal(delivery.logRecord().body_sha256, sha);
  assert.equal(delivery.bodyLength, bytes.length);
});
