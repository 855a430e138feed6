// ESM entry of @spotdraft-kit/node: the same module instance as the
// CommonJS entry, so `instanceof SpotDraftKitError` holds across both. The
// names are front.js's EXPORTS (test/types.test.mjs checks them against
// index.d.ts).
import { createRequire } from 'node:module';

const kit = createRequire(import.meta.url)('./index.js');

export const {
  Verifier,
  SpotDraftKitError,
  parseEvent,
  sign,
  diagnose,
  bodySha256,
  SIGNATURE_HEADER,
  LEGACY_SIGNATURE_HEADER,
  ERROR_CODES,
  implementation,
  Api,
  RetryPolicy,
  RateLimiter,
  parseResponse,
} = kit;
export default kit;
