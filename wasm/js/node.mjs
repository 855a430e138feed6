// Entry for Node's `import`: the CommonJS build re-exported, so `import` and
// `require` in one process share one wasm instance and one error class.
import kit from './index.cjs';

export const {
  SpotDraftKitError,
  Verifier,
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
} = kit;
