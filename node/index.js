'use strict';
// @spotdraft-kit/node: the shared front layer (front.js, copied from
// js/front.js at build time) over the native addon, or its wasm fallback. Every webhook rule is
// in the Rust core; every input check and public class is in the front.
const { createFront, EXPORTS, kInternal } = require('./front.js');

// The native addon, or where no native binary loads for this platform, the
// same core compiled to WebAssembly (wasm/native.cjs), which implements
// the same native interface: same API, same errors, same front.
function load() {
  try {
    return { native: require('./binding.js'), implementation: 'native' };
  } catch (err) {
    if (err?.code !== 'ERR_SPOTDRAFT_KIT_NO_BINARY') throw err;
    try {
      return { native: require('./wasm/native.cjs'), implementation: 'wasm' };
    } catch (wasmErr) {
      // Even the fallback is unavailable: say so after what else was tried.
      err.message += ` The wasm fallback ./wasm/native.cjs did not load either (${String(wasmErr?.message ?? wasmErr).split('\n')[0]}).`;
      err.tried.push('./wasm/native.cjs');
      throw err;
    }
  }
}
const { native, implementation } = load();
// The SpotDraft API client shared with @spotdraft-kit/wasm (copied from
// js/api-client.js at build time).
const { attachApiFields, createApi } = require('./api-client.js');

// The front keeps verified bodies' private copies in arrays it fills
// before anything reads them, so they need not be zeroed first.
const allocate = (n) => Buffer.allocUnsafeSlow(n);
const { api, internal } = createFront(native, { implementation, allocate });
internal.decorateApiErrors(attachApiFields);

const { Api, RetryPolicy, RateLimiter, parseResponse, headerPairs, json } = createApi({
  RawApi: native.RawApi,
  RawRetryPolicy: native.RawRetryPolicy,
  RawRateLimiter: native.RawRateLimiter,
  apiOperations: native.apiOperations,
  apiParseResponse: native.apiParseResponse,
  apiTransportError: native.apiTransportError,
  apiRedact: native.apiRedact,
  apiLogRecord: native.apiLogRecord,
  apiResponseLogRecord: native.apiResponseLogRecord,
  lift: (e) => e,
  invalid: internal.invalid,
  // The front's input helpers, for the API client's own inputs (one
  // detached-buffer check, one reading() wrapper).
  bytesOf: internal.bytesOf,
  reading: internal.reading,
  isKitError: (e) => e instanceof api.SpotDraftKitError,
});

// The playbook shared with @spotdraft-kit/wasm (copied from js/playbook.js
// at build time).
const { createPlaybook, PLAYBOOK_EXPORTS } = require('./playbook.js');

const playbook = createPlaybook({
  native,
  invalid: internal.invalid,
  reading: internal.reading,
  bytesOf: internal.bytesOf,
  nativeVerifierOf: internal.nativeVerifierOf,
  headerPairs,
  json,
});

const all = { ...api, Api, RetryPolicy, RateLimiter, parseResponse, ...playbook };
module.exports = Object.fromEntries([...EXPORTS, ...PLAYBOOK_EXPORTS].map((name) => [name, all[name]]));
Object.defineProperty(module.exports, kInternal, { value: internal });
