'use strict';
// What the framework adapters share: recognising a SpotDraftKitError (by
// shape, so a verifier from @spotdraft-kit/wasm works too), the one response
// body of every answer, the body limit to read up to, and the seen-store
// claim that makes a delivery's handler run once.

const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
// The front layer's key for a verifier's body limit (js/front.js).
const { kMaxBodyBytes } = require('../front.js');

// The answers of an accepted delivery, the same in every runtime's adapters.
const ACCEPTED = Object.freeze({ ok: true, duplicate: false });
const DUPLICATE = Object.freeze({ ok: true, duplicate: true });

function isKitError(err) {
  return err instanceof Error && err.name === 'SpotDraftKitError' &&
    typeof err.code === 'string' && typeof err.httpStatus === 'number';
}

// The JSON a rejected sender gets: the stable code and core's message, which
// never holds a key, signature or body.
function rejection(err) {
  return { error: err.code, message: err.message };
}

function maxBodyBytesOf(verifier, options) {
  if (options && Number.isSafeInteger(options.maxBodyBytes)) return options.maxBodyBytes;
  const own = verifier[kMaxBodyBytes];
  return Number.isSafeInteger(own) ? own : DEFAULT_MAX_BODY_BYTES;
}

// Refuses, when the adapter is set up, what would otherwise fail on the
// first delivery: a key where the Verifier goes, a path where the store goes.
function checkArguments(verifier, options, adapter) {
  if (!verifier || typeof verifier.open !== 'function') {
    throw new TypeError(`${adapter}: pass a Verifier, e.g. ${adapter}(Verifier.fromEnv(process.env)), got ${typeof verifier}`);
  }
  const store = options ? options.store : undefined;
  if (store !== undefined && store !== null && (typeof store.claim !== 'function' || typeof store.release !== 'function')) {
    throw new TypeError(`${adapter}: store takes an object with claim(key) and release(key), e.g. new MemoryStore() ` +
      'or new SQLiteStore(db) from @spotdraft-kit/node/stores');
  }
  return store ?? null;
}

// A declared Content-Length over the limit is refused before a byte is read,
// with the declared size in the message.
function checkDeclaredLength(verifier, headerValue) {
  if (typeof headerValue === 'string' && /^\s*\d+\s*$/.test(headerValue) && typeof verifier.checkBodyLength === 'function') {
    const length = Number(headerValue);
    if (Number.isSafeInteger(length)) verifier.checkBodyLength(length);
  }
}

// Collects a Node request stream until its end, or until it passes `limit`
// (then `done` gets what was read, for core to refuse with body_too_large):
// never more than the limit plus one chunk in memory.
function collectBody(stream, limit, done) {
  const chunks = [];
  let size = 0;
  let finished = false;
  const finish = (err, body) => {
    if (finished) return;
    finished = true;
    stream.removeListener('data', onData);
    stream.removeListener('end', onEnd);
    stream.removeListener('error', finish);
    stream.removeListener('close', onClose);
    done(err, body);
  };
  const onData = (chunk) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) {
      stream.pause();
      finish(null, Buffer.concat(chunks, size));
    }
  };
  const onEnd = () => finish(null, Buffer.concat(chunks, size));
  const onClose = () => finish(new Error('the request was closed before its body was complete'));
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('error', finish);
  stream.on('close', onClose);
}

// Claims the delivery's dedupe key: true for the first copy (always without
// a store). The store persists the claim before it resolves.
// A store that fails (its database is down) rejects with core's
// `store_unavailable` (503, so SpotDraft retries), its own error as `cause`:
// answered with the one error body, never the framework's error page.
async function claim(store, delivery) {
  if (store === null) return true;
  let claimed;
  try {
    claimed = await store.claim(delivery.dedupeKey);
  } catch (cause) {
    throw storeUnavailable(cause);
  }
  return claimed === true;
}

function storeUnavailable(cause) {
  // Loaded here, not at the top: an adapter given a wasm verifier loads the
  // addon only when its store fails.
  const { codeError } = require('../index.js')[Symbol.for('@spotdraft-kit.internal')];
  const err = codeError('store_unavailable');
  Object.defineProperty(err, 'cause', { value: cause, configurable: true });
  return err;
}

// For a Node response of a claimed delivery: a handler that answers other
// than 2xx (it failed) releases the claim before that answer leaves, so
// SpotDraft's retry is handled again; so does a connection that closes
// before any answer.
function releaseUnlessAccepted(store, delivery, res) {
  if (store === null) return;
  let released = null;
  const release = () => {
    released ??= Promise.resolve().then(() => store.release(delivery.dedupeKey));
    return released;
  };
  const end = res.end;
  res.end = function endAfterRelease(...args) {
    res.end = end;
    if (res.statusCode >= 200 && res.statusCode < 300) return end.apply(res, args);
    release().then(() => end.apply(res, args), () => end.apply(res, args));
    return res;
  };
  res.once('close', () => {
    if (!res.writableFinished && !res.headersSent) release().catch(() => {});
  });
}

module.exports = {
  ACCEPTED,
  DUPLICATE,
  isKitError,
  rejection,
  maxBodyBytesOf,
  checkArguments,
  checkDeclaredLength,
  collectBody,
  claim,
  releaseUnlessAccepted,
};
