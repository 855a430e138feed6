// Types of @spotdraft-kit/wasm/verify: the webhook part of the shared
// contract (the package's index.d.ts), without the SpotDraft API layer and
// without `diagnose` (import the package's main entry for it).
export {
  Verifier,
  SpotDraftKitError,
  parseEvent,
  sign,
  bodySha256,
  SIGNATURE_HEADER,
  LEGACY_SIGNATURE_HEADER,
  ERROR_CODES,
  implementation,
} from '../index.js';
export type {
  ErrorCode,
  Category,
  KeyEncoding,
  KeyInput,
  BodyInput,
  HeadersInput,
  VerifierOptions,
  Person,
  Counterparty,
  Event,
  LogRecord,
  Delivery,
} from '../index.js';
