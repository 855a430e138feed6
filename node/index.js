'use strict';
// @spotdraft-kit/node: the JavaScript face of the native addon.
//
// This file only converts JavaScript values into the few shapes the addon
// accepts (bytes or text, header pairs, key specs) and turns its answers
// into plain objects. Every webhook rule is in the Rust core; every error is
// built by the addon's errors.rs through the factory registered below, so
// there is one mapping from core errors to SpotDraftKitError.
const native = require('./binding.js');
// Copied from js/api-client.js at build time (scripts/sync-types.js): the
// SpotDraft API client shared with @spotdraft-kit/wasm.
const { attachApiFields, createApi } = require('./api-client.js');

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

function makeError(message, code, httpStatus, record, api) {
  const error = attachApiFields(new SpotDraftKitError(message, code, httpStatus, record === null ? null : JSON.parse(record)), api);
  // The stack starts at the caller's frame, not inside this factory.
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(error, makeError);
  return error;
}
native.registerErrorFactory(makeError);

const ERROR_CODES = Object.freeze(native.errorCodes());
const [SIGNATURE_HEADER, LEGACY_SIGNATURE_HEADER] = native.signatureHeaders();

// Bodies at least this large go to the libuv pool in openAsync; below it the
// thread hop costs more than the hashing it would move off the event loop.
const ASYNC_MIN_BYTES = 64 * 1024;
// A signature header longer than 1 KiB is malformed whatever it holds (core
// rule); values are cut well above that so a huge string is never copied
// whole into the addon. The cut value is still over the limit.
const MAX_HEADER_CHARS = 2048;

// Shared with the adapters in this package (not part of the public API).
const kMaxBodyBytes = Symbol.for('@spotdraft-kit/node.maxBodyBytes');
const kInternal = Symbol.for('@spotdraft-kit/node.internal');

const invalid = (message, cause) => {
  const error = native.invalidArgument(message);
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, configurable: true });
  return error;
};

// Names a value's type for messages, never its content.
function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isArrayBuffer(value) {
  return value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) ||
    (value !== null && typeof value === 'object' &&
      /^\[object (Shared)?ArrayBuffer\]$/.test(Object.prototype.toString.call(value)));
}

// Bytes as a Uint8Array view (no copy), or the string itself.
function bytesOrText(value, what) {
  if (typeof value === 'string') return value;
  if (ArrayBuffer.isView(value)) {
    const view = value instanceof Uint8Array
      ? value
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (view.byteLength === 0) {
      try {
        new Uint8Array(view.buffer, 0, 0); // throws once the buffer is detached
      } catch (err) {
        throw invalid(`the ${what}'s ArrayBuffer is detached`, err);
      }
    }
    return view;
  }
  if (isArrayBuffer(value)) {
    try {
      return new Uint8Array(value);
    } catch (err) {
      throw invalid(`the ${what} ArrayBuffer is detached`, err);
    }
  }
  throw invalid(`the ${what} must be a Buffer, Uint8Array, ArrayBuffer or string, got ${kind(value)}`);
}

const bodyArg = (body) => bytesOrText(body, 'body');

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
// The verified body as text, for the lazily parsed payload. Taken at call
// time, so later changes to the caller's buffer cannot change the payload.
function textOf(body) {
  if (typeof body !== 'string') return utf8.decode(body);
  return body.isWellFormed === undefined || body.isWellFormed() ? body : body.toWellFormed();
}

// Header names worth passing to the addon. A superset of what core matches
// (core compares ASCII case-insensitively): core makes the decision.
function candidate(name) {
  if (typeof name !== 'string' || (name.length !== 25 && name.length !== 17)) return false;
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
  const out = [];
  try {
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
  } catch (err) {
    if (err instanceof SpotDraftKitError) throw err;
    throw invalid('reading the headers threw an exception (see `cause`)', err);
  }
  return out;
}

function signatureArg(signature) {
  if (typeof signature !== 'string') {
    throw invalid(`the signature must be a string (the ${SIGNATURE_HEADER} value), got ${kind(signature)}`);
  }
  return signature.length > MAX_HEADER_CHARS ? signature.slice(0, MAX_HEADER_CHARS) : signature;
}

function keySpec(input, index) {
  if (typeof input === 'string') return { text: input };
  if (ArrayBuffer.isView(input) || isArrayBuffer(input)) return { bytes: bytesOrText(input, `key ${index}`) };
  if (input !== null && typeof input === 'object') {
    const { id, key, encoding } = input;
    const spec = {};
    if (id !== undefined && id !== null) {
      if (typeof id !== 'string') throw invalid(`key ${index}: id must be a string, got ${kind(id)}`);
      spec.id = id;
    }
    if (encoding !== undefined && encoding !== null) {
      if (typeof encoding !== 'string') throw invalid(`key ${index}: encoding must be "base64" or "utf8", got ${kind(encoding)}`);
      spec.encoding = encoding;
    }
    if (typeof key === 'string') spec.text = key;
    else if (ArrayBuffer.isView(key) || isArrayBuffer(key)) spec.bytes = bytesOrText(key, `key ${index}`);
    else throw invalid(`key ${index}: key must be a base64 string or bytes, got ${kind(key)}`);
    return spec;
  }
  throw invalid(`key ${index} must be a base64 string, bytes or { id?, key, encoding? }, got ${kind(input)}`);
}

function keySpecs(keys) {
  try {
    return Array.isArray(keys) ? keys.map(keySpec) : [keySpec(keys, 0)];
  } catch (err) {
    if (err instanceof SpotDraftKitError) throw err;
    throw invalid('reading the keys threw an exception (see `cause`)', err);
  }
}

function optionsArgs(options) {
  if (options === undefined || options === null) return [undefined, undefined];
  if (typeof options !== 'object') throw invalid(`options must be an object, got ${kind(options)}`);
  let maxBodyBytes;
  let encoding;
  try {
    ({ maxBodyBytes, encoding } = options);
  } catch (err) {
    throw invalid('reading the options threw an exception (see `cause`)', err);
  }
  if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes >= 0)) {
    throw invalid('maxBodyBytes must be a non-negative integer');
  }
  if (encoding !== undefined && typeof encoding !== 'string') {
    throw invalid(`encoding must be "base64" or "utf8", got ${kind(encoding)}`);
  }
  return [maxBodyBytes, encoding];
}

// The payload is parsed from the verified body on first access: V8's
// JSON.parse builds it faster than any object construction across N-API,
// and receivers that only need the typed fields never pay for it. The same
// goes for `counterparties` (core's typed list, sent as its own JSON text)
// and `externalMetadata`: the payload's `external_metadata` object (null
// when absent or not an object, as core's accessor), read from the payload
// parse instead of making core build a payload tree of its own.
function lazyFields(event, bodyText, counterpartiesText) {
  let payload;
  let metadata;
  let counterparties;
  const parsed = () => {
    if (payload === undefined) payload = JSON.parse(bodyText);
    return payload;
  };
  return Object.defineProperties(event, {
    counterparties: {
      enumerable: true,
      configurable: true,
      get() {
        if (counterparties === undefined) counterparties = JSON.parse(counterpartiesText);
        return counterparties;
      },
      set(value) {
        counterparties = value;
      },
    },
    externalMetadata: {
      enumerable: true,
      configurable: true,
      get() {
        if (metadata === undefined) {
          const value = parsed().external_metadata;
          metadata = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
        }
        return metadata;
      },
      set(value) {
        metadata = value;
      },
    },
    payload: {
      enumerable: true,
      configurable: true,
      get: parsed,
      set(value) {
        payload = value;
      },
    },
  });
}

/** A verified delivery: the event, its dedupe key and what to log. */
class Delivery {
  #record;

  // `text` is the addon's answer: the delivery's JSON, then the log
  // record's and the counterparties' (see node/src/shapes.rs).
  constructor(text, body) {
    const first = text.indexOf('\n');
    const second = text.indexOf('\n', first + 1);
    const raw = JSON.parse(text.slice(0, first));
    this.event = lazyFields(raw.event, body, text.slice(second + 1));
    this.dedupeKey = raw.dedupeKey;
    this.bodySha256 = raw.bodySha256;
    this.bodyLength = raw.bodyLength;
    this.keyIndex = raw.keyIndex;
    this.keyId = raw.keyId;
    this.signatureHeader = raw.signatureHeader;
    this.#record = text.slice(first + 1, second);
  }

  /** What to log: never a key, signature, body, name or email. A fresh object each call. */
  logRecord() {
    return JSON.parse(this.#record);
  }
}

/** A keyring of 1..64 HMAC keys; see js/spotdraft-kit.d.ts. */
class Verifier {
  #native;

  constructor(keys, options) {
    const [maxBodyBytes, encoding] = optionsArgs(options);
    this.#native = new native.NativeVerifier(keySpecs(keys), maxBodyBytes, encoding);
  }

  /** Number of keys. */
  get size() {
    return this.#native.size;
  }

  /** Index of the matching key; throws SpotDraftKitError otherwise. */
  verify(body, signature) {
    return this.#native.verify(bodyArg(body), signatureArg(signature));
  }

  /** `verify` as a boolean. A wrong body type still throws. */
  isValid(body, signature) {
    const bytes = bodyArg(body);
    return typeof signature === 'string' && this.#native.isValid(bytes, signatureArg(signature));
  }

  /** Size check, header lookup, verify, parse, fingerprint. */
  open(headers, body) {
    return this.#open(headerPairs(headers), bodyArg(body));
  }

  #open(pairs, bytes) {
    return new Delivery(this.#native.open(pairs, bytes), textOf(bytes));
  }

  /**
   * `open` with large bodies verified on the libuv thread pool (one copy of
   * the body); small or oversize bodies take the synchronous path, where
   * they cost less. Same result, same errors, always as a promise.
   */
  async openAsync(headers, body) {
    const pairs = headerPairs(headers);
    const bytes = bodyArg(body);
    const size = bytes.length;
    if (size < ASYNC_MIN_BYTES || size > this.#native.maxBodyBytes) return this.#open(pairs, bytes);
    const text = textOf(bytes);
    return new Delivery(await this.#native.openAsync(pairs, bytes), text);
  }

  // For the adapters: the body limit, to stop reading a request early.
  get [kMaxBodyBytes]() {
    return this.#native.maxBodyBytes;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `Verifier { size: ${this.size}, keys: <redacted> }`;
  }
}

/** Parses a body without verifying it. */
function parseEvent(body) {
  const bytes = bodyArg(body);
  const text = native.parseEvent(bytes);
  const cut = text.indexOf('\n');
  return lazyFields(JSON.parse(text.slice(0, cut)), textOf(bytes), text.slice(cut + 1));
}

/** The X-SD-WEBHOOK-CONTENT-HASH value for a body (tests, local senders). */
function sign(key, body) {
  if (Array.isArray(key)) throw invalid('sign takes one key, not a list');
  return native.sign(keySpecs(key)[0], bodyArg(body));
}

/** Explains why a signature does or does not match. */
function diagnose(body, signature, keys) {
  const bytes = bodyArg(body);
  if (typeof signature !== 'string') throw invalid(`the signature must be a string, got ${kind(signature)}`);
  return JSON.parse(native.diagnose(bytes, signature, keySpecs(keys)));
}

/** Lowercase hex SHA-256 of the raw body. */
function bodySha256(body) {
  return native.bodySha256(bodyArg(body));
}

const { Api, RetryPolicy, RateLimiter, parseResponse } = createApi({
  RawApi: native.RawApi,
  RawRetryPolicy: native.RawRetryPolicy,
  RawRateLimiter: native.RawRateLimiter,
  apiCalls: native.apiCalls,
  apiParseResponse: native.apiParseResponse,
  apiTransportError: native.apiTransportError,
  apiRedact: native.apiRedact,
  apiLogRecord: native.apiLogRecord,
  apiResponseLogRecord: native.apiResponseLogRecord,
  lift: (e) => e,
  invalid,
  isKitError: (e) => e instanceof SpotDraftKitError,
});

module.exports = {
  Verifier,
  SpotDraftKitError,
  parseEvent,
  sign,
  diagnose,
  bodySha256,
  SIGNATURE_HEADER,
  LEGACY_SIGNATURE_HEADER,
  ERROR_CODES,
  Api,
  RetryPolicy,
  RateLimiter,
  parseResponse,
};
Object.defineProperty(module.exports, kInternal, { value: Object.freeze({ invalidArgument: invalid, kMaxBodyBytes }) });
