'use strict';
// The JavaScript front layer of spotdraft-kit, shared by @spotdraft-kit/node
// (the native addon) and @spotdraft-kit/wasm (the WebAssembly module): input
// normalisation, the Verifier / Delivery / Event classes, SpotDraftKitError
// and the helpers the adapters and the API client share. Each package's
// build copies or bundles this one file, so the two cannot drift. It uses no
// Node globals: the same code runs in Node, workerd and browsers.
//
// Every webhook rule is the Rust core's. `createFront(native)` takes the
// package's native module, which the addon and the wasm module implement
// identically:
//
//   registerErrorFactory(f)  f(message, code, httpStatus, logRecordJson, apiJson)
//                            builds every error the native side throws
//   invalidArgument(message) an `invalid_argument` error (core's status)
//   codeError(code)          the error of a stable code with core's message
//                            for it (what an adapter detects itself)
//   errorCodes()             every stable code, in core's order
//   signatureHeaders()       [current, legacy] header names, lowercase
//   maxSignatureHeaderBytes() core's limit on a signature header value
//   new Keyring()            .allowShortKeys(), .addText(text, encoding?, id?), .addBytes(bytes, id?),
//                            .addEnvList(text), .free?()
//   newVerifier(ring, maxBodyBytes?) -> v, an opaque verifier handle that
//                            the functions below take first (no `this`: napi's
//                            unwrap of a class instance cost more than an external)
//   verifierSize(v), maxBodyBytes(v), checkBodyLength(v, n),
//   verify(v, bytes, sig), isValid(v, bytes, sig)
//   open(v, bytes, slots, sig) -> the delivery packed, for a request whose one
//                            signature header is the current name, lowercase,
//                            with value `sig`: its texts end to end, returned,
//                            and its other fields written into `slots`, a
//                            Float64Array (wasm/src/packed.rs)
//   openHeaders(v, bytes, slots, pairs) -> the same for any other header set
//   logRecord(v, bytes, slots, text) -> log record JSON of the delivery
//                            `open` gave, its fields packed again as `open`
//                            packed them (built on first read)
//   openAsync?(v, pairs, bytes) -> Promise<delivery fields>
//   fieldKinds()             a packed delivery's slot kinds (packed.rs KINDS)
//   deliveryFields()         how many of them come before the event's (shape.rs)
//   parseEvent(bytes, slots) -> the event packed as `open` packs a delivery, its
//                            slots from the event's first (KINDS from DELIVERY_FIELDS)
//   eventDetails(bytes)      -> [people JSON, counterparties JSON]
//   sign(ring, bytes), bodySha256(bytes)
//   diagnose(bytes, sig, ring) (JSON text; optional: without it the front has no diagnose)
//
// A delivery and an event cross packed (above); other results are flat arrays of
// scalars in the order of wasm/src/shape.rs (no native object per call, no
// JSON text; a delivery's log record crosses as JSON text when first read).
//
// Bodies and key bytes always cross as Uint8Array; header pairs as a flat
// [name, value, ...] array of strings.

// Bodies at least this large go to the native thread pool in openAsync
// (where the native side has one); below it the hop costs more than the
// hashing it would move off the event loop.
const ASYNC_MIN_BYTES = 64 * 1024;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

// Shared with the adapters and the API client (not part of the public API).
const kMaxBodyBytes = Symbol.for('@spotdraft-kit.maxBodyBytes');
const kInternal = Symbol.for('@spotdraft-kit.internal');

/** The one error type. `instanceof SpotDraftKitError` works from user code. */
class SpotDraftKitError extends Error {
  constructor(message, code, httpStatus, logRecord) {
    super(message);
    Object.defineProperties(this, {
      code: { value: code, enumerable: true },
      httpStatus: { value: httpStatus, enumerable: true },
      logRecord: { value: logRecord ?? null, enumerable: true },
    });
  }
}
Object.defineProperty(SpotDraftKitError.prototype, 'name', {
  value: 'SpotDraftKitError',
  configurable: true,
  writable: true,
});

// Names a value's type for messages, never its content.
function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isArrayBuffer(value) {
  return value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) ||
    /^\[object (Shared)?ArrayBuffer\]$/.test(Object.prototype.toString.call(value));
}

const encoder = new TextEncoder();
const zeroed = (n) => new Uint8Array(n);
// Verified bodies up to SLAB_MAX_BODY bytes are kept end to end in shared
// slabs of SLAB_BYTES (see `keep`); larger ones in an array of their own.
const SLAB_BYTES = 64 * 1024;
const SLAB_MAX_BODY = 8 * 1024;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Builds the package's public API over its native module (see above);
 * `implementation` ("native" or "wasm") says which one it is.
 * `allocate(n)` makes the Uint8Array of `n` bytes the private copies of
 * verified bodies are kept in (default `new Uint8Array(n)`; a host may know
 * one that is not zeroed first, as Node's `Buffer.allocUnsafeSlow`).
 * `decorate(error, apiJson)` adds the API fields to `api_error`s; the API
 * layer sets it (`internal.decorateApiErrors`), so a verifier-only build
 * carries no API code.
 */
function createFront(native, { implementation = 'wasm', allocate = zeroed } = {}) {
  let decorate = (error) => error;

  function makeError(message, code, httpStatus, record, api) {
    const error = new SpotDraftKitError(message, code, httpStatus, record === null || record === undefined ? null : JSON.parse(record));
    if (api !== null && api !== undefined) decorate(error, api);
    // The stack starts at the caller's frame, not inside this factory.
    if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(error, makeError);
    return error;
  }
  native.registerErrorFactory(makeError);

  const invalid = (message, cause) => {
    const error = native.invalidArgument(message);
    if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, configurable: true });
    return error;
  };

  // Runs `read` over a caller's value; an exception the value itself throws
  // (a Proxy trap, a getter, an iterator) becomes `invalid_argument` with
  // the exception as `cause`.
  function reading(what, read) {
    try {
      return read();
    } catch (err) {
      if (err instanceof SpotDraftKitError) throw err;
      throw invalid(`reading the ${what} threw an exception (see \`cause\`)`, err);
    }
  }

  // A view over a detached ArrayBuffer reads as empty; say so instead.
  function attached(view, what) {
    if (view.byteLength === 0) {
      try {
        new Uint8Array(view.buffer, 0, 0); // throws once the buffer is detached
      } catch (err) {
        throw invalid(`the ${what}'s ArrayBuffer is detached`, err);
      }
    }
    return view;
  }

  // Bytes as a Uint8Array view (no copy), strings as UTF-8.
  function bytesOf(value, what) {
    if (typeof value === 'string') return encoder.encode(value);
    return reading(what, () => {
      if (value instanceof Uint8Array) return attached(value, what);
      if (ArrayBuffer.isView(value)) return attached(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), what);
      if (value !== null && typeof value === 'object' && isArrayBuffer(value)) {
        try {
          return new Uint8Array(value);
        } catch (err) {
          throw invalid(`the ${what}'s ArrayBuffer is detached`, err);
        }
      }
      throw invalid(`the ${what} must be a Buffer, Uint8Array, ArrayBuffer, DataView or string, got ${kind(value)}`);
    });
  }
  const bodyOf = (body) => bytesOf(body, 'body');

  const ERROR_CODES = Object.freeze(native.errorCodes());

  // A delivery crosses packed (wasm/src/packed.rs): its texts as one string,
  // the rest in the slots of this front's own Float64Array, written by each
  // `open` and read at once. The slot kinds are the native side's.
  const KINDS = native.fieldKinds();
  const SLOTS = new Float64Array(KINDS.length);
  const TEXT = 't'.charCodeAt(0);
  const NUMBER = 'n'.charCodeAt(0);
  // The flat field array (shape.rs order) from packed texts and the slots:
  // a delivery's, or from `at` (where its event starts) an event's.
  function unpack(text, at = 0) {
    const fields = new Array(KINDS.length - at);
    let start = 0;
    for (let i = 0; i < fields.length; i += 1) {
      const slot = SLOTS[i];
      const kind = KINDS.charCodeAt(at + i);
      if (kind === TEXT) {
        if (slot < 0) {
          fields[i] = null;
        } else {
          fields[i] = text.slice(start, slot);
          start = slot;
        }
      } else if (kind === NUMBER) {
        fields[i] = Number.isNaN(slot) ? null : slot;
      } else {
        fields[i] = slot === 1;
      }
    }
    return fields;
  }
  // `unpack` undone: a delivery's field array into the slots, its texts
  // returned end to end, for `logRecord` (one string and the slots cost
  // napi far less than reading each field out of an array).
  function packFields(fields) {
    let text = '';
    for (let i = 0; i < fields.length; i += 1) {
      const value = fields[i];
      const kind = KINDS.charCodeAt(i);
      if (kind === TEXT) {
        if (value === null) {
          SLOTS[i] = -1;
        } else {
          text += value;
          SLOTS[i] = text.length;
        }
      } else if (kind === NUMBER) {
        SLOTS[i] = value === null ? NaN : value;
      } else {
        SLOTS[i] = value ? 1 : 0;
      }
    }
    return text;
  }
  const [SIGNATURE_HEADER, LEGACY_SIGNATURE_HEADER] = native.signatureHeaders();
  // A signature header value over core's limit is malformed whatever it
  // holds. Longer strings are cut one UTF-16 unit past the limit, so a huge
  // string is never copied whole into the native side: a string encodes to
  // at least one UTF-8 byte per unit, so the cut value is still over the
  // limit and fails as the whole one would.
  const MAX_HEADER_CHARS = native.maxSignatureHeaderBytes() + 1;
  // The one header Node and Fetch give, by its lowercase name, crosses as
  // its value alone (a string argument costs napi ~0.15 µs); any other
  // header set crosses whole for core to decide.
  const openPacked = (verifier, pairs, bytes) =>
    unpack(pairs.length === 2 && pairs[0] === SIGNATURE_HEADER
      ? native.open(verifier, bytes, SLOTS, pairs[1])
      : native.openHeaders(verifier, bytes, SLOTS, pairs));

  // Header names worth passing on. A superset of what core matches (core
  // compares ASCII case-insensitively): core makes the decision.
  function candidate(name) {
    if (name.length !== SIGNATURE_HEADER.length && name.length !== LEGACY_SIGNATURE_HEADER.length) return false;
    const lower = name.toLowerCase();
    return lower === SIGNATURE_HEADER || lower === LEGACY_SIGNATURE_HEADER;
  }

  function pushValue(out, name, value) {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) pushValue(out, name, item);
      return;
    }
    if (typeof value !== 'string') {
      throw invalid(`the ${name.toLowerCase()} header value must be a string, got ${kind(value)}`);
    }
    out.push(name, value.length > MAX_HEADER_CHARS ? value.slice(0, MAX_HEADER_CHARS) : value);
  }

  // Any header shape -> [name, value, name, value, ...] of the signature headers.
  function headerPairs(headers) {
    if (headers === null || typeof headers !== 'object') {
      throw invalid(`headers must be a Headers, Map, IncomingHttpHeaders object or [name, value] pairs, got ${kind(headers)}`);
    }
    return reading('headers', () => {
      const out = [];
      if (typeof headers[Symbol.iterator] === 'function') {
        // Fetch Headers, Map and arrays of pairs all iterate as [name, value].
        for (const entry of headers) {
          if (entry === null || typeof entry !== 'object' || entry.length !== 2) {
            throw invalid('header pairs must be [name, value] arrays');
          }
          const name = entry[0];
          if (typeof name !== 'string') throw invalid(`a header name must be a string, got ${kind(name)}`);
          if (candidate(name)) pushValue(out, name, entry[1]);
        }
      } else {
        for (const name of Object.keys(headers)) {
          if (candidate(name)) pushValue(out, name, headers[name]);
        }
      }
      return out;
    });
  }

  function signatureOf(signature) {
    if (typeof signature !== 'string') {
      throw invalid(`the signature must be a string (the ${SIGNATURE_HEADER} value), got ${kind(signature)}`);
    }
    return signature.length > MAX_HEADER_CHARS ? signature.slice(0, MAX_HEADER_CHARS) : signature;
  }

  function addKey(ring, input, index, defaultEncoding) {
    let id;
    let encoding = defaultEncoding;
    let material = input;
    if (input !== null && typeof input === 'object' && !ArrayBuffer.isView(input) && !isArrayBuffer(input)) {
      ({ id, key: material } = input);
      if (id !== undefined && id !== null && typeof id !== 'string') throw invalid(`key ${index}: id must be a string, got ${kind(id)}`);
      if (input.encoding !== undefined && input.encoding !== null) encoding = input.encoding;
    }
    id = id ?? undefined;
    if (typeof material === 'string') {
      if (encoding !== undefined && typeof encoding !== 'string') {
        throw invalid(`key ${index}: encoding must be "base64" or "utf8", got ${kind(encoding)}`);
      }
      ring.addText(material, encoding, id);
    } else if (material !== null && typeof material === 'object' && (ArrayBuffer.isView(material) || isArrayBuffer(material))) {
      ring.addBytes(bytesOf(material, `key ${index}`), id);
    } else {
      throw invalid(`key ${index} must be a base64 string, bytes or { id?, key, encoding? }, got ${kind(material)}`);
    }
  }

  // KeyInput | KeyInput[] -> a native Keyring (the caller frees it).
  function keyringOf(keys, defaultEncoding, allowShortKeys) {
    const ring = new native.Keyring();
    try {
      if (allowShortKeys) ring.allowShortKeys();
      reading('keys', () => {
        const list = Array.isArray(keys) ? keys : [keys];
        list.forEach((key, index) => addKey(ring, key, index, defaultEncoding));
      });
    } catch (err) {
      free(ring);
      throw err;
    }
    return ring;
  }
  const free = (ring) => {
    if (typeof ring.free === 'function') ring.free();
  };

  function optionsOf(opts) {
    if (opts === undefined || opts === null) return {};
    if (typeof opts !== 'object') throw invalid(`options must be an object, got ${kind(opts)}`);
    const { maxBodyBytes, encoding, allowShortKeys } = reading('options', () => ({
      maxBodyBytes: opts.maxBodyBytes, encoding: opts.encoding, allowShortKeys: opts.allowShortKeys,
    }));
    if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes >= 0)) {
      throw invalid('maxBodyBytes must be a non-negative integer');
    }
    if (encoding !== undefined && typeof encoding !== 'string') {
      throw invalid(`encoding must be "base64" or "utf8", got ${kind(encoding)}`);
    }
    if (allowShortKeys !== undefined && typeof allowShortKeys !== 'boolean') {
      throw invalid(`allowShortKeys must be a boolean, got ${kind(allowShortKeys)}`);
    }
    return { maxBodyBytes, encoding, allowShortKeys };
  }

  // Shadows a lazy accessor with the value assigned to it.
  const assign = (target, name, value) =>
    Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });

  // `target`'s fields named in `keys` (the contract's order), then its other
  // own enumerable ones: what JSON.stringify writes for a class instance
  // whose lazy fields are accessors.
  function ordered(target, keys) {
    const out = {};
    for (const key of keys) out[key] = target[key];
    for (const key of Object.keys(target)) if (!Object.hasOwn(out, key)) out[key] = target[key];
    return out;
  }

  // The event's fields in the contract's order (spotdraft-kit.d.ts), for
  // JSON.stringify.
  const EVENT_KEYS = Object.freeze([
    'activity', 'known', 'category', 'contractId', 'contractTitle', 'contractStatus', 'contractKind',
    'contractType', 'contractTypeId', 'occurredAt', 'performedBy', 'externalId', 'externalMetadata',
    'counterparties', 'businessUser', 'legalUser', 'payload',
  ]);

  // The private copy of a verified body, which a delivery's and its event's
  // lazy fields read (so later changes to the caller's buffer change
  // nothing). Small bodies are copied end to end into a shared slab and a
  // view over the copy is made only when a lazy field first reads it:
  // making a typed array for every delivery cost more than copying the
  // bytes (BENCHMARKS.md, Node; `node bench/front.mjs`). A slab lives as
  // long as any delivery kept in it, as a pooled Buffer keeps its pool.
  class Kept {
    #slab;
    #at;
    #length;
    #view;

    constructor(slab, at, length) {
      this.#slab = slab;
      this.#at = at;
      this.#length = length;
    }

    get bytes() {
      if (this.#view === undefined) this.#view = this.#slab.subarray(this.#at, this.#at + this.#length);
      return this.#view;
    }
  }
  let slab = null;
  let slabUsed = 0;
  function keep(bytes) {
    const n = bytes.byteLength;
    if (n > SLAB_MAX_BODY) {
      const own = allocate(n);
      own.set(bytes);
      return new Kept(own, 0, n);
    }
    if (slab === null || SLAB_BYTES - slabUsed < n) {
      slab = allocate(SLAB_BYTES);
      slabUsed = 0;
    }
    slab.set(bytes, slabUsed);
    const kept = new Kept(slab, slabUsed, n);
    slabUsed += n;
    return kept;
  }

  // The event: typed scalars from a native flat field array (from `at`, in
  // shape.rs's order) as own properties, the rest computed on first read
  // by the class's accessors. One class instance per event: defining
  // accessors on each object cost more than the native call it follows.
  // JSON.stringify sees every field in the contract's order (`toJSON`).
  // `body` is the private copy of the verified body (`Kept`). `payload` is
  // the host's JSON.parse of it; `externalMetadata` is the payload's
  // `external_metadata` object (null when absent or not an object, as
  // core's accessor), read from that parse instead of making core build a
  // payload tree; people and
  // counterparties are computed natively from the same bytes when first
  // read. Assigning to a lazy field replaces it, as for a plain object.
  class Event {
    #body;
    #details;
    #people;
    #counterparties;
    #payload;

    constructor(f, at, body) {
      this.activity = f[at];
      this.known = f[at + 1];
      this.category = f[at + 2];
      this.contractId = f[at + 3];
      this.contractTitle = f[at + 4];
      this.contractStatus = f[at + 5];
      this.contractKind = f[at + 6];
      this.contractType = f[at + 7];
      this.contractTypeId = f[at + 8];
      this.occurredAt = f[at + 9];
      this.externalId = f[at + 10];
      this.#body = body;
    }

    #detail(i) {
      if (this.#details === undefined) this.#details = native.eventDetails(this.#body.bytes);
      return JSON.parse(this.#details[i]);
    }

    #person(i) {
      if (this.#people === undefined) this.#people = this.#detail(0);
      return this.#people[i];
    }

    #parsed() {
      if (this.#payload === undefined) this.#payload = JSON.parse(decoder.decode(this.#body.bytes));
      return this.#payload;
    }

    get performedBy() { return this.#person(0); }
    set performedBy(value) { assign(this, 'performedBy', value); }
    get externalMetadata() {
      const value = this.#parsed().external_metadata;
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
    }
    set externalMetadata(value) { assign(this, 'externalMetadata', value); }
    get counterparties() {
      if (this.#counterparties === undefined) this.#counterparties = this.#detail(1);
      return this.#counterparties;
    }
    set counterparties(value) { assign(this, 'counterparties', value); }
    get businessUser() { return this.#person(1); }
    set businessUser(value) { assign(this, 'businessUser', value); }
    get legalUser() { return this.#person(2); }
    set legalUser(value) { assign(this, 'legalUser', value); }
    get payload() { return this.#parsed(); }
    set payload(value) { this.#payload = value; }

    /** Every field, in the contract's order, then any added by the caller. */
    toJSON() {
      return ordered(this, EVENT_KEYS);
    }
  }

  // Where the event starts in a delivery's field array (shape.rs).
  const DELIVERY_FIELDS = native.deliveryFields();
  const DELIVERY_KEYS = Object.freeze(['event', 'dedupeKey', 'bodySha256', 'bodyLength', 'keyIndex', 'keyId', 'signatureHeader']);

  /**
   * A verified delivery: the event, its dedupe key and what to log. The
   * body's SHA-256 and the log record are computed natively on first read,
   * from the private copy of the verified bytes and the native field array,
   * with the values `open` would have given then (a receiver that never logs never hashes the body
   * twice); JSON.stringify sees every field (`toJSON`).
   */
  class Delivery {
    #verifier;
    #body;
    #fields;
    #sha256;
    #record;

    constructor(f, body, verifier) {
      this.event = new Event(f, DELIVERY_FIELDS, body);
      this.dedupeKey = f[0];
      this.bodyLength = f[1];
      this.keyIndex = f[2];
      this.keyId = f[3];
      this.signatureHeader = f[4];
      this.#verifier = verifier;
      this.#body = body;
      this.#fields = f;
    }

    /** Lowercase hex SHA-256 of the verified body. */
    get bodySha256() {
      if (this.#sha256 === undefined) this.#sha256 = native.bodySha256(this.#body.bytes);
      return this.#sha256;
    }

    set bodySha256(value) {
      assign(this, 'bodySha256', value);
    }

    /** What to log: never a key, signature, body, name or email. A fresh object each call. */
    logRecord() {
      if (this.#record === undefined) this.#record = native.logRecord(this.#verifier, this.#body.bytes, SLOTS, packFields(this.#fields));
      return JSON.parse(this.#record);
    }

    /** Every field, in the contract's order, then any added by the caller. */
    toJSON() {
      return ordered(this, DELIVERY_KEYS);
    }
  }

  // SPOTDRAFT_HMAC_KEYS values on their way from Verifier.fromEnv to the
  // constructor (only fromEnv makes one). A WeakSet lookup runs no trap of a
  // Proxy given as keys, where `instanceof` would.
  const envLists = new WeakSet();
  const envKeys = (list) => {
    const keys = { list };
    envLists.add(keys);
    return keys;
  };
  function envKeyringOf(list, allowShortKeys) {
    const ring = new native.Keyring();
    try {
      if (allowShortKeys) ring.allowShortKeys();
      if (list !== undefined) ring.addEnvList(list);
    } catch (err) {
      free(ring);
      throw err;
    }
    return ring;
  }

  /** A keyring of 1..64 HMAC keys; see spotdraft-kit.d.ts. */
  let nativeVerifierOf;
  class Verifier {
    #native;
    #max;
    // For the playbook's escalation bundles (internal.nativeVerifierOf).
    static {
      nativeVerifierOf = (v) => (v !== null && typeof v === 'object' && #native in v ? v.#native : undefined);
    }

    /** From `env.SPOTDRAFT_HMAC_KEYS` (a key, or `label:key,...`), parsed by core. */
    static fromEnv(env, opts) {
      if (env === null || typeof env !== 'object') throw invalid(`env must be an object of environment variables, got ${kind(env)}`);
      const list = reading('env', () => env.SPOTDRAFT_HMAC_KEYS);
      if (list !== undefined && typeof list !== 'string') throw invalid(`SPOTDRAFT_HMAC_KEYS must be a string, got ${kind(list)}`);
      return new Verifier(envKeys(list), opts);
    }

    constructor(keys, opts) {
      const { maxBodyBytes, encoding, allowShortKeys } = optionsOf(opts);
      const ring = envLists.has(keys)
        ? envKeyringOf(keys.list, allowShortKeys)
        : keyringOf(keys, encoding, allowShortKeys);
      try {
        this.#native = native.newVerifier(ring, maxBodyBytes);
      } finally {
        free(ring);
      }
      this.#max = native.maxBodyBytes(this.#native);
    }

    /** Number of keys. */
    get size() {
      return native.verifierSize(this.#native);
    }

    // Refuses an oversize body before it crosses (the wasm side copies it
    // into memory that never shrinks): the same error as `open`'s.
    #sized(bytes) {
      if (bytes.byteLength > this.#max) native.checkBodyLength(this.#native, bytes.byteLength);
      return bytes;
    }

    /** Throws body_too_large (413) when a body of `length` bytes is over the limit. */
    checkBodyLength(length) {
      if (!(Number.isSafeInteger(length) && length >= 0)) throw invalid('length must be a non-negative integer');
      if (length > this.#max) native.checkBodyLength(this.#native, length);
    }

    /** Index of the matching key; throws SpotDraftKitError otherwise. */
    verify(body, signature) {
      const bytes = this.#sized(bodyOf(body));
      return native.verify(this.#native, bytes, signatureOf(signature));
    }

    /** `verify` as a boolean. A wrong body type still throws. */
    isValid(body, signature) {
      const bytes = bodyOf(body);
      if (typeof signature !== 'string' || bytes.byteLength > this.#max) return false;
      return native.isValid(this.#native, bytes, signatureOf(signature));
    }

    /** Size check, header lookup, verify, parse, fingerprint. */
    open(headers, body) {
      const pairs = headerPairs(headers);
      const bytes = this.#sized(bodyOf(body));
      return new Delivery(openPacked(this.#native, pairs, bytes), keep(bytes), this.#native);
    }

    /**
     * `open` with large bodies verified on the native thread pool where
     * there is one (one copy of the body); small or oversize bodies take the
     * synchronous path, where they cost less. Same result, same errors,
     * always as a promise.
     */
    async openAsync(headers, body) {
      const pairs = headerPairs(headers);
      const bytes = this.#sized(bodyOf(body));
      if (bytes.byteLength < ASYNC_MIN_BYTES || typeof native.openAsync !== 'function') {
        return new Delivery(openPacked(this.#native, pairs, bytes), keep(bytes), this.#native);
      }
      const kept = keep(bytes);
      return new Delivery(await native.openAsync(this.#native, pairs, kept.bytes), kept, this.#native);
    }

    // For the adapters: the body limit, to stop reading a request early.
    get [kMaxBodyBytes]() {
      return this.#max;
    }

    get [Symbol.toStringTag]() {
      return 'Verifier';
    }

    [INSPECT]() {
      return `Verifier { size: ${this.size}, keys: <redacted> }`;
    }
  }

  /** Parses a body without verifying it. */
  function parseEvent(body) {
    const bytes = bodyOf(body);
    return new Event(unpack(native.parseEvent(bytes, SLOTS), DELIVERY_FIELDS), 0, keep(bytes));
  }

  /** The X-SD-WEBHOOK-CONTENT-HASH value for a body (tests, local senders). */
  function sign(key, body) {
    const bytes = bodyOf(body);
    if (Array.isArray(key)) throw invalid('sign takes one key, not a list');
    const ring = keyringOf(key);
    try {
      return native.sign(ring, bytes);
    } finally {
      free(ring);
    }
  }

  /** Explains why a signature does or does not match. */
  function diagnose(body, signature, keys) {
    const bytes = bodyOf(body);
    if (typeof signature !== 'string') throw invalid(`the signature must be a string, got ${kind(signature)}`);
    const ring = keyringOf(keys);
    try {
      return JSON.parse(native.diagnose(bytes, signature, ring));
    } finally {
      free(ring);
    }
  }

  /** Lowercase hex SHA-256 of the raw body. */
  function bodySha256(body) {
    return native.bodySha256(bodyOf(body));
  }

  const decorateApiErrors = (fn) => {
    decorate = fn;
  };
  // The error of a stable code an adapter detects itself (store_unavailable,
  // length_required): code, status and message are core's.
  const codeError = (code) => native.codeError(code);
  const internal = Object.freeze({
    invalid, codeError, reading, bytesOf, kind, kMaxBodyBytes, decorateApiErrors, nativeVerifierOf,
    // What the front was made with (bench/front.mjs makes its variants with them).
    options: Object.freeze({ implementation, allocate }),
  });

  return {
    api: {
      Verifier, SpotDraftKitError, parseEvent, sign, bodySha256,
      SIGNATURE_HEADER, LEGACY_SIGNATURE_HEADER, ERROR_CODES, implementation,
      // Not where the native side has no diagnosis (the verifier-only wasm module).
      ...(native.diagnose ? { diagnose } : {}),
    },
    internal,
  };
}

/**
 * The names every package exports, in the order of spotdraft-kit.d.ts, but
 * the playbook's (js/playbook.js PLAYBOOK_EXPORTS, which follow them).
 */
const EXPORTS = Object.freeze([
  'Verifier', 'SpotDraftKitError', 'parseEvent', 'sign', 'diagnose', 'bodySha256',
  'SIGNATURE_HEADER', 'LEGACY_SIGNATURE_HEADER', 'ERROR_CODES', 'implementation',
  'Api', 'RetryPolicy', 'RateLimiter', 'parseResponse',
]);

/**
 * The EXPORTS the verifier-only wasm entries (`@spotdraft-kit/wasm/verify`)
 * leave out, with the playbook's: the diagnosis (their module is built
 * without it) and the SpotDraft API layer.
 */
const VERIFY_OMITS = Object.freeze(['diagnose', 'Api', 'RetryPolicy', 'RateLimiter', 'parseResponse']);

module.exports = { createFront, SpotDraftKitError, EXPORTS, VERIFY_OMITS, kMaxBodyBytes, kInternal };
