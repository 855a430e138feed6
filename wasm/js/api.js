// The SpotDraft API of @spotdraft-kit/wasm over the shared API client
// (js/api-client.js). The webhook API, the error class and the input
// helpers are the shared front layer's (kit.js), so API errors are the same
// SpotDraftKitError and every byte input goes through the one helper.
import * as raw from './spotdraft_kit_wasm.js';
import { attachApiFields, createApi } from './api-client.js';
import { createPlaybook } from './playbook.js';
import front, { SpotDraftKitError } from './kit.js';

// Errors from the wasm side are already SpotDraftKitError (the front
// registers the factory that builds them).
const lift = (e) => e;
const { internal } = front;
const invalidArgument = internal.invalid;
internal.decorateApiErrors(attachApiFields);

// The SpotDraft API client: the file shared with @spotdraft-kit/node.
const client = createApi({
  RawApi: raw.RawApi,
  RawRetryPolicy: raw.RawRetryPolicy,
  RawRateLimiter: raw.RawRateLimiter,
  apiOperations: raw.apiOperations,
  apiParseResponse: raw.apiParseResponse,
  apiTransportError: raw.apiTransportError,
  apiRedact: raw.apiRedact,
  apiLogRecord: raw.apiLogRecord,
  apiResponseLogRecord: raw.apiResponseLogRecord,
  lift,
  invalid: invalidArgument,
  // The front's input helpers, for the API client's own inputs (one
  // detached-buffer check, one reading() wrapper).
  bytesOf: internal.bytesOf,
  reading: internal.reading,
  isKitError: (e) => e instanceof SpotDraftKitError,
});
export const { Api, RetryPolicy, RateLimiter, parseResponse } = client;

// The playbook (reconcile, the webhook registry, escalation bundles): the
// file shared with @spotdraft-kit/node. Here, not in kit.js, so the
// verifier-only entries hold none of it.
export const {
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
} = createPlaybook({
  native: raw,
  invalid: invalidArgument,
  reading: internal.reading,
  bytesOf: internal.bytesOf,
  nativeVerifierOf: internal.nativeVerifierOf,
  headerPairs: client.headerPairs,
  json: client.json,
});
