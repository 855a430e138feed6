// The SpotDraft API of @spotdraft-kit/wasm over the shared API client
// (js/api-client.js). The webhook API, the error class and the input
// helpers are the shared front layer's (kit.js), so API errors are the same
// SpotDraftKitError and every byte input goes through the one helper.
import * as raw from './spotdraft_kit_wasm.js';
import { attachApiFields, createApi } from './api-client.js';
import internal, { SpotDraftKitError } from './kit.js';

// Errors from the wasm side are already SpotDraftKitError (the front
// registers the factory that builds them).
const lift = (e) => e;
const invalidArgument = internal.invalid;
internal.decorateApiErrors(attachApiFields);

// The SpotDraft API client: the file shared with @spotdraft-kit/node.
export const { Api, RetryPolicy, RateLimiter, parseResponse } = createApi({
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
