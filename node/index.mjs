// ESM entry of @spotdraft-kit/node: the same module instance as the
// CommonJS entry, so `instanceof SpotDraftKitError` holds across both. The
// names are front.js's EXPORTS and playbook.js's PLAYBOOK_EXPORTS
// (test/types.test.mjs checks them against index.d.ts).
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
  Sanitizer,
  deliveryBundle,
  apiBundle,
  Reconcile,
  recordFromCreated,
  planCreate,
  planDelete,
  sharedUrls,
  Rotation,
  BUNDLE_FORMAT,
  CONTRACTS_LIST_OPERATION,
  RE_TRIGGER_OPERATION,
  RECONCILE_PAGE_LIMIT,
  RE_TRIGGER_BATCH_SIZE,
  MAX_RECONCILE_PAGES,
  RECONCILED_ACTIVITY,
  WEBHOOK_CREATE_OPERATION,
  WEBHOOK_DELETE_OPERATION,
} = kit;
export default kit;
