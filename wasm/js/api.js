// The public API of @spotdraft-kit/wasm (declared in index.d.ts, the contract
// shared with @spotdraft-kit/node). This layer only normalises JavaScript
// inputs (bodies, headers, keys) and turns the Rust side's error descriptors
// into SpotDraftKitError; every rule lives in the Rust core.
//
// It uses no Node globals (no Buffer, no fs, no process): the same file runs
// in workerd, browsers and Node. Each runtime's entry (workerd.js,
// browser.js, entry-node-cjs.mjs) imports its init module first and is
// bundled into one module at build time, so the wasm is instantiated before
// the top-level code below runs.
import * as raw from './spotdraft_kit_wasm.js';
import { attachApiFields, createApi } from './api-client.js';

const DESCRIPTOR_PREFIX = 'spotdraft-kit-error:';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The one error type. `instanceof SpotDraftKitError` works from user code. */
export class SpotDraftKitError extends Error {
  constructor(code, message, httpStatus, logRecord) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'SpotDraftKitError', enumerable: false, configurable: true, writable: true });
    Object.defineProperty(this, 'code', { value: code, enumerable: true });
    Object.defineProperty(this, 'httpStatus', { value: httpStatus, enumerable: true });
    Object.defineProperty(this, 'logRecord', { value: logRecord ?? null, enumerable: true });
  }
}

// Every exception from the Rust side passes through here. Descriptors built
// by the crate's errors.rs become SpotDraftKitError; anything else (a wasm
// trap, which the bindings are written never to cause) is rethrown as is.
function lift(e) {
  if (typeof e === 'string' && e.startsWith(DESCRIPTOR_PREFIX)) {
    const d = JSON.parse(e.slice(DESCRIPTOR_PREFIX.length));
    return attachApiFields(new SpotDraftKitError(d.code, d.message, d.httpStatus, d.logRecord), d.api);
  }
  return e;
}

function invalidArgument(message, cause) {
  const error = lift(raw.invalidArgument(message));
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, configurable: true });
  return error;
}

// Runs `read` over a caller's value; an exception the value itself throws
// (a Proxy trap, a getter, an iterator) becomes `invalid_argument` with the
// exception as `cause`, as in @spotdraft-kit/node.
function reading(what, read) {
  try {
    return read();
  } catch (e) {
    if (e instanceof SpotDraftKitError) throw e;
    throw invalidArgument(`reading the ${what} threw an exception (see \`cause\`)`, e);
  }
}

// A view over a detached ArrayBuffer reads as empty; say so instead.
function attached(view, what) {
  if (view.byteLength === 0) {
    try {
      new Uint8Array(view.buffer, 0, 0); // throws once the buffer is detached
    } catch (e) {
      throw invalidArgument(`the ${what}'s ArrayBuffer is detached`, e);
    }
  }
  return view;
}

// --- inputs ---------------------------------------------------------------

// BodyInput -> Uint8Array (no copy for byte views; strings as UTF-8).
function bytesOf(body, what = 'body') {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return attached(body, what);
  if (ArrayBuffer.isView(body)) return attached(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), what);
  const shared = typeof SharedArrayBuffer !== 'undefined' && body instanceof SharedArrayBuffer;
  if (body instanceof ArrayBuffer || shared) {
    try {
      return new Uint8Array(body);
    } catch (e) {
      throw invalidArgument(`the ${what}'s ArrayBuffer is detached`, e);
    }
  }
  throw invalidArgument(`${what} must be a Uint8Array, Buffer, ArrayBuffer or string`);
}

// The event as plain data: the typed fields from core, then `payload`, the
// verified body exactly as sent (JSON.parse), and `externalMetadata`, which
// is payload.external_metadata when that is an object (core's rule; read
// here so core never has to build the payload tree on the hot path).
function eventOf(fields, body, bytes) {
  const payload = JSON.parse(typeof body === 'string' ? body : decoder.decode(bytes));
  const meta = payload.external_metadata;
  const event = {};
  for (const name of Object.keys(fields)) {
    event[name] = fields[name];
    if (name === 'externalId') event.externalMetadata = meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? meta : null;
  }
  event.payload = payload;
  return event;
}

function signatureOf(signature) {
  if (typeof signature !== 'string') throw invalidArgument('signature must be a string');
  return signature;
}

function addKey(ring, key, defaultEncoding) {
  let id;
  let encoding = defaultEncoding;
  let material = key;
  if (key !== null && typeof key === 'object' && !(key instanceof Uint8Array) && !(key instanceof ArrayBuffer) && !ArrayBuffer.isView(key)) {
    material = key.key;
    if (key.id !== undefined && key.id !== null) {
      if (typeof key.id !== 'string') throw invalidArgument('a key id must be a string');
      id = key.id;
    }
    if (key.encoding !== undefined && key.encoding !== null) encoding = key.encoding;
  }
  if (encoding !== undefined && typeof encoding !== 'string') throw invalidArgument('a key encoding must be "base64" or "utf8"');
  try {
    if (typeof material === 'string') ring.addText(material, encoding, id);
    else if (material instanceof Uint8Array || material instanceof ArrayBuffer || ArrayBuffer.isView(material)) ring.addBytes(bytesOf(material, 'a key'), id);
    else throw invalidArgument('a key must be a string, a Uint8Array or {id?, key, encoding?}');
  } catch (e) {
    throw lift(e);
  }
}

// KeyInput | KeyInput[] -> a Keyring on the Rust side (caller frees it).
function keyringOf(keys, defaultEncoding) {
  const ring = new raw.Keyring();
  try {
    reading('keys', () => {
      const list = Array.isArray(keys) ? keys : [keys];
      for (const key of list) addKey(ring, key, defaultEncoding);
    });
  } catch (e) {
    ring.free();
    throw e;
  }
  return ring;
}

const SIGNATURE_NAMES = new Set([raw.signatureHeader(), raw.legacySignatureHeader()]);

function pushHeader(out, name, value) {
  if (value === undefined || value === null) return;
  const key = String(name);
  // Only the two signature headers matter; core decides precedence and
  // duplicates among them.
  if (!SIGNATURE_NAMES.has(key.toLowerCase())) return;
  if (Array.isArray(value)) {
    for (const v of value) if (v !== undefined && v !== null) out.push(key, String(v));
  } else {
    out.push(key, String(value));
  }
}

// HeadersInput -> [name, value, name, value, ...] (signature headers only).
function headerPairs(headers) {
  if (headers === null || headers === undefined || typeof headers !== 'object') {
    throw invalidArgument('headers must be a Headers, Map, plain object or iterable of [name, value] pairs');
  }
  return reading('headers', () => readHeaders(headers));
}

function readHeaders(headers) {
  const out = [];
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    for (const name of SIGNATURE_NAMES) pushHeader(out, name, headers.get(name));
  } else if (headers instanceof Map) {
    for (const [name, value] of headers) pushHeader(out, name, value);
  } else if (typeof headers[Symbol.iterator] === 'function') {
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) throw invalidArgument('header pairs must be [name, value] arrays');
      pushHeader(out, pair[0], pair[1]);
    }
  } else if (typeof headers.get === 'function' && typeof headers.forEach === 'function') {
    // A Headers-like object from another realm or polyfill.
    for (const name of SIGNATURE_NAMES) pushHeader(out, name, headers.get(name));
  } else {
    for (const name of Object.keys(headers)) pushHeader(out, name, headers[name]);
  }
  return out;
}

// --- results --------------------------------------------------------------

class Delivery {
  #record;

  constructor(fields, event) {
    this.event = event;
    this.dedupeKey = fields.dedupeKey;
    this.bodySha256 = fields.bodySha256;
    this.bodyLength = fields.bodyLength;
    this.keyIndex = fields.keyIndex;
    this.keyId = fields.keyId;
    this.signatureHeader = fields.signatureHeader;
    this.#record = fields.logRecord;
  }

  /** What to log: never a key, signature, body, name or email. */
  logRecord() {
    return { ...this.#record };
  }
}

// --- API ------------------------------------------------------------------

/** Verifies SpotDraft deliveries against one or more keys. */
export class Verifier {
  #raw;

  constructor(keys, options = {}) {
    if (options === null || typeof options !== 'object') throw invalidArgument('options must be an object');
    const { maxBodyBytes, encoding } = reading('options', () => {
      const { maxBodyBytes: max, encoding: enc } = options;
      return { maxBodyBytes: max, encoding: enc };
    });
    if (maxBodyBytes !== undefined && typeof maxBodyBytes !== 'number') {
      throw invalidArgument('options.maxBodyBytes must be a non-negative integer');
    }
    const ring = keyringOf(keys, encoding);
    try {
      this.#raw = new raw.RawVerifier(ring, maxBodyBytes);
    } catch (e) {
      throw lift(e);
    } finally {
      ring.free();
    }
  }

  /** Number of keys. */
  get size() {
    return this.#raw.size;
  }

  /** Index of the matching key; throws SpotDraftKitError otherwise. */
  verify(body, signature) {
    const bytes = bytesOf(body);
    const sig = signatureOf(signature);
    try {
      this.#raw.checkBodyLength(bytes.byteLength);
      return this.#raw.verify(bytes, sig);
    } catch (e) {
      throw lift(e);
    }
  }

  isValid(body, signature) {
    let bytes;
    try {
      bytes = bytesOf(body);
    } catch {
      return false;
    }
    if (typeof signature !== 'string') return false;
    return this.#raw.isValid(bytes, signature);
  }

  /** Size check, header lookup, verify, parse, fingerprint. */
  open(headers, body) {
    const bytes = bytesOf(body);
    const pairs = headerPairs(headers);
    let json;
    try {
      this.#raw.checkBodyLength(bytes.byteLength);
      json = this.#raw.open(pairs, bytes);
    } catch (e) {
      throw lift(e);
    }
    const fields = JSON.parse(json);
    return new Delivery(fields, eventOf(fields.event, body, bytes));
  }

  /** `open` as a promise (WebAssembly runs on the calling thread). */
  async openAsync(headers, body) {
    return this.open(headers, body);
  }

  get [Symbol.toStringTag]() {
    return 'Verifier';
  }
}

export function parseEvent(body) {
  const bytes = bytesOf(body);
  let json;
  try {
    json = raw.parseEvent(bytes);
  } catch (e) {
    throw lift(e);
  }
  return eventOf(JSON.parse(json), body, bytes);
}

/** The X-SD-WEBHOOK-CONTENT-HASH value for a body (tests, local senders). */
export function sign(key, body) {
  const bytes = bytesOf(body);
  if (Array.isArray(key)) throw invalidArgument('sign takes one key');
  const ring = keyringOf(key);
  try {
    return raw.sign(ring, bytes);
  } catch (e) {
    throw lift(e);
  } finally {
    ring.free();
  }
}

export function diagnose(body, signature, keys) {
  const bytes = bytesOf(body);
  const sig = signatureOf(signature);
  const ring = keyringOf(keys);
  try {
    return JSON.parse(raw.diagnose(bytes, sig, ring));
  } catch (e) {
    throw lift(e);
  } finally {
    ring.free();
  }
}

export function bodySha256(body) {
  return raw.bodySha256(bytesOf(body));
}

export const SIGNATURE_HEADER = raw.signatureHeader();
export const LEGACY_SIGNATURE_HEADER = raw.legacySignatureHeader();
export const ERROR_CODES = Object.freeze(raw.errorCodes());

// The SpotDraft API client: the file shared with @spotdraft-kit/node.
export const { Api, RetryPolicy, RateLimiter, parseResponse } = createApi({
  RawApi: raw.RawApi,
  RawRetryPolicy: raw.RawRetryPolicy,
  RawRateLimiter: raw.RawRateLimiter,
  apiCalls: raw.apiCalls,
  apiParseResponse: raw.apiParseResponse,
  apiTransportError: raw.apiTransportError,
  apiRedact: raw.apiRedact,
  apiLogRecord: raw.apiLogRecord,
  apiResponseLogRecord: raw.apiResponseLogRecord,
  lift,
  invalid: invalidArgument,
  isKitError: (e) => e instanceof SpotDraftKitError,
});
