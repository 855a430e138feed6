'use strict';
// What the framework adapters share: recognising a SpotDraftKitError (by
// shape, so a verifier from @spotdraft-kit/wasm works too), the response
// body for a rejected delivery, and the body limit to read up to.

const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
// The front layer's key for a verifier's body limit (js/front.js).
const { kMaxBodyBytes } = require('../front.js');

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

function checkVerifier(verifier, adapter) {
  if (!verifier || typeof verifier.open !== 'function') {
    throw new TypeError(`${adapter}: pass a Verifier, e.g. ${adapter}(new Verifier(process.env.SPOTDRAFT_HMAC_KEY))`);
  }
}

module.exports = { isKitError, rejection, maxBodyBytesOf, checkVerifier };
