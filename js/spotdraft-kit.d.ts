// The JavaScript API contract of spotdraft-kit, shared by
// @spotdraft-kit/wasm and @spotdraft-kit/node. Both packages ship this file
// as their `index.d.ts`; a test checks each package's runtime exports against
// the names declared here, so the two cannot drift.

/** Stable error codes, identical in Rust, JavaScript and Python. */
export type ErrorCode =
  | 'missing_signature'
  | 'malformed_signature'
  | 'signature_mismatch'
  | 'invalid_key'
  | 'no_keys'
  | 'body_too_large'
  | 'invalid_json'
  | 'invalid_payload'
  | 'invalid_argument'
  | 'invalid_config'
  | 'invalid_id'
  | 'api_error';

export type Category =
  | 'lifecycle' | 'review' | 'signature' | 'execution'
  | 'metadata' | 'counterparty' | 'email' | 'other';

export type KeyEncoding = 'base64' | 'utf8';

/** A key: the base64 `hmac_key` string, raw bytes, or a labelled key. */
export type KeyInput =
  | string
  | Uint8Array
  | { id?: string; key: string | Uint8Array; encoding?: KeyEncoding };

/** A body: raw bytes (Buffer is a Uint8Array), or text taken as UTF-8. */
export type BodyInput = Uint8Array | ArrayBuffer | DataView | string;

/** Headers: Fetch Headers, Node IncomingHttpHeaders, a Map, or a plain object. */
export type HeadersInput =
  | Headers
  | Map<string, string | string[]>
  | Record<string, string | string[] | undefined>
  | Iterable<[string, string]>;

export interface VerifierOptions {
  /** Largest body accepted, in bytes (default 5 MiB). */
  maxBodyBytes?: number;
  /** Encoding of string keys without their own `encoding` (default 'base64'). */
  encoding?: KeyEncoding;
}

export interface Person {
  name: string | null;
  email: string | null;
}

export interface Counterparty {
  type: string | null;
  organizationName: string | null;
  pocName: string | null;
  pocEmail: string | null;
  counterpartyId: number | null;
}

/** A parsed webhook payload. Typed fields are null when absent or of an unexpected type. */
export interface Event {
  activity: string;
  known: boolean;
  category: Category;
  contractId: number | null;
  contractTitle: string | null;
  contractStatus: string | null;
  contractKind: string | null;
  contractType: string | null;
  contractTypeId: number | null;
  occurredAt: string | null;
  performedBy: Person | null;
  externalId: string | null;
  externalMetadata: Record<string, unknown> | null;
  counterparties: Counterparty[];
  businessUser: Person | null;
  legalUser: Person | null;
  /** The whole payload as sent. */
  payload: Record<string, unknown>;
}

/**
 * What to log about a delivery: never a key, signature, body, name or email.
 * Field names are the core's snake_case (`dedupe_key`, `body_sha256`, ...) in
 * every runtime, so log pipelines see one schema.
 */
export type LogRecord = Record<string, string | number | boolean>;

export interface Delivery {
  event: Event;
  dedupeKey: string;
  bodySha256: string;
  bodyLength: number;
  keyIndex: number;
  keyId: string | null;
  signatureHeader: 'current' | 'legacy';
  logRecord(): LogRecord;
}

export type DiagnosisCause =
  | 'valid' | 'body_reserialized' | 'trailing_newline' | 'body_reencoded'
  | 'key_not_base64_decoded' | 'key_should_be_base64_decoded' | 'wrong_algorithm'
  | 'header_has_prefix' | 'signature_base64' | 'missing_signature' | 'malformed_signature'
  | 'no_key' | 'body_changed_or_wrong_key';

export interface Diagnosis {
  cause: DiagnosisCause;
  keyIndex: number | null;
  variant: string | null;
  message: string;
}

/** The one error type. `instanceof SpotDraftKitError` works from user code. */
export declare class SpotDraftKitError extends Error {
  /** The same signature in both packages; errors from the library carry core's code and status. */
  constructor(message: string, code: ErrorCode, httpStatus: number, logRecord?: LogRecord | null);
  readonly name: 'SpotDraftKitError';
  readonly code: ErrorCode;
  /** The status a receiver should answer: 401, 400, 413 (500 for misconfiguration). */
  readonly httpStatus: number;
  /** For rejected deliveries: reason, body hash and length. */
  readonly logRecord: LogRecord | null;
  /** `api_error` only: the response's HTTP status (0 when no response arrived). */
  readonly status?: number;
  /** `api_error` only: whether a retry may succeed (408, 429, 500, 502, 503, 504; no response, unless a non-idempotent call may have been sent). */
  readonly retryable?: boolean;
  /** `api_error` only: SpotDraft's `detail`. */
  readonly detail?: string | null;
  /** `api_error` only: SpotDraft's `code`. */
  readonly apiCode?: string | null;
  /** `api_error` only: SpotDraft's `message`. */
  readonly apiMessage?: string | null;
  /** `api_error` only: field-level validation errors, `[field, message]`. */
  readonly fieldErrors?: Array<[string, string]>;
  /** `api_error` only: the `Retry-After` header, as sent. */
  readonly retryAfter?: RetryAfter | null;
  /** `api_error` only: the `Retry-After` wait in ms, measured when the response was parsed. */
  readonly retryAfterMs?: number | null;
  /** Errors thrown by `Api#send`: how many attempts were made. */
  readonly attempts?: number;
}

export declare class Verifier {
  constructor(keys: KeyInput | KeyInput[], options?: VerifierOptions);
  /** Number of keys. */
  readonly size: number;
  /** Index of the matching key; throws SpotDraftKitError otherwise. */
  verify(body: BodyInput, signature: string): number;
  isValid(body: BodyInput, signature: string): boolean;
  /** Size check, header lookup, verify, parse, fingerprint. */
  open(headers: HeadersInput, body: BodyInput): Delivery;
  /** `open` that keeps large bodies off the event loop where the runtime can (Node addon: libuv pool). */
  openAsync(headers: HeadersInput, body: BodyInput): Promise<Delivery>;
}

export declare function parseEvent(body: BodyInput): Event;
/** The X-SD-WEBHOOK-CONTENT-HASH value for a body (tests, local senders). */
export declare function sign(key: KeyInput, body: BodyInput): string;
export declare function diagnose(body: BodyInput, signature: string, keys: KeyInput | KeyInput[]): Diagnosis;
export declare function bodySha256(body: BodyInput): string;

export declare const SIGNATURE_HEADER: 'x-sd-webhook-content-hash';
export declare const LEGACY_SIGNATURE_HEADER: 'x-sd-content-hash';
export declare const ERROR_CODES: readonly ErrorCode[];
/** Which core runs: the native addon, or WebAssembly (always in @spotdraft-kit/wasm; @spotdraft-kit/node's fallback where no native binary loads). */
export declare const implementation: 'native' | 'wasm';

// --- SpotDraft API ------------------------------------------------------------

export type Region = 'in' | 'us' | 'me' | 'eu';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Where and as whom to call the SpotDraft API: `region` or `baseUrl`, not both. */
export interface ApiConfig {
  /** SpotDraft region: `https://api.<region>.spotdraft.com/api/`. */
  region?: Region;
  /** An explicit base ending in `/api/`: https only (plain http only for loopback test servers). */
  baseUrl?: string;
  /** Environment label for logs and drift checks (default `production`). */
  environment?: string;
  clientId: string;
  /** Never printed: util.inspect and log records show `<redacted>`. */
  clientSecret: string;
  /** Act as this workspace user (`user-email` header). */
  userEmail?: string;
}

export interface RetryPolicyOptions {
  /** Attempts in all, including the first (default 5). */
  maxAttempts?: number;
  /** Backoff base in ms (default 500). */
  baseMs?: number;
  /** Largest delay in ms, Retry-After included (default 30000). */
  capMs?: number;
}

export interface RateLimiterOptions {
  /** Requests allowed in any window (default 10); give both or neither. */
  maxRequests: number;
  /** Window length in ms (default 1050: a second plus a 50 ms guard for the time a request takes to arrive). */
  windowMs: number;
}

export interface ApiOptions {
  retry?: RetryPolicyOptions;
  /** One limiter per Api instance, i.e. per workspace (default 10 per second). */
  rateLimit?: RateLimiterOptions;
}

/** A request ready to send. `headers` holds the client secret: log `api.redact(request)` instead. */
export interface HttpRequest {
  method: HttpMethod;
  url: string;
  /** Lowercase names. */
  headers: Record<string, string>;
  /** JSON text, or null. */
  body: string | null;
  /** Stable operation name, e.g. `webhooks.create`. */
  operation: string;
  environment: string;
}

/** `Retry-After` as sent: a delay, or an HTTP date (Unix epoch ms). */
export type RetryAfter = { delayMs: number } | { atUnixMs: number };

export interface SendOptions {
  /** A Fetch API implementation (default: the global `fetch`). Redirects are never followed. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Per-attempt timeout in ms, body included (default 30000). */
  timeoutMs?: number;
  /** Aborts the whole call, waits included; rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A filter of `contractsList`: `[field, op, value]`, e.g. `['client_name', 'eq', 'Acme']`. */
export type ContractFilter = [field: string, op: string, value: string | number];

/** Query pairs of `Api#request`. */
export type QueryInput = Array<[string, string | number]> | Record<string, string | number>;

export type JsonObject = Record<string, unknown>;

/** Builds, sends and interprets SpotDraft API requests for one workspace. */
export declare class Api {
  constructor(config: ApiConfig, options?: ApiOptions);
  /** Reads SPOTDRAFT_REGION or SPOTDRAFT_BASE_URL, SPOTDRAFT_CLIENT_ID, SPOTDRAFT_CLIENT_SECRET, SPOTDRAFT_ENVIRONMENT, SPOTDRAFT_USER_EMAIL. */
  static fromEnv(env: Record<string, string | undefined>, options?: ApiOptions): Api;
  readonly region: Region | null;
  readonly baseUrl: string;
  readonly environment: string;
  readonly clientId: string;
  readonly userEmail: string | null;
  /** A short fingerprint of the client secret, safe to log and compare. */
  readonly secretFingerprint: string;

  webhooksHmacKey(): HttpRequest;
  webhooksCreate(title: string, url: string, activities: string[]): HttpRequest;
  webhooksDelete(webhookId: string | number): HttpRequest;
  webhooksReTriggerLatest(contractIds: number[]): HttpRequest;
  contractsList(page: number, limit: number, filters?: ContractFilter[]): HttpRequest;
  contractsCreate(body: JsonObject): HttpRequest;
  contractsStatus(contractId: string | number): HttpRequest;
  contractsKeyPointers(contractId: string | number): HttpRequest;
  contractsDownloadLink(contractId: string | number, format?: 'pdf' | 'docx' | null): HttpRequest;
  contractsSendToCounterparties(contractId: string | number, body: JsonObject): HttpRequest;
  contractsMarkForExecution(contractId: string | number): HttpRequest;
  contractsUnmarkForExecution(contractId: string | number): HttpRequest;
  contractsVoid(contractId: string | number, reason?: string | null): HttpRequest;
  contractsByExternalMetadata(externalId: string | number): HttpRequest;
  contractsExternalMetadata(contractId: string | number): HttpRequest;
  contractsUpdateExternalMetadata(contractId: string | number, metadata: JsonObject): HttpRequest;
  templatesList(page: number, limit: number): HttpRequest;
  templatesGet(templateId: string | number): HttpRequest;
  templatesMetadata(templateId: string | number): HttpRequest;
  contractTypesList(): HttpRequest;
  contractTypesIntakeForm(contractTypeId: string | number): HttpRequest;
  counterpartiesList(page: number, limit: number): HttpRequest;
  counterpartiesGet(counterpartyId: string | number): HttpRequest;
  counterpartiesCreate(body: JsonObject): HttpRequest;
  usersList(page: number, limit: number): HttpRequest;
  rolesList(): HttpRequest;
  /** Any other endpoint, checked: `path` starts with `v2.1/public/` (relative to the `/api/` base). */
  request(method: HttpMethod, path: string, query?: QueryInput | null, body?: unknown): HttpRequest;

  /** The JSON of a 2xx response (null for 204); throws `api_error` otherwise (redirects name their cause). */
  parseResponse(request: HttpRequest, status: number, headers: HeadersInput | null, body: BodyInput | null): unknown;
  /** Sends with the rate limiter, a per-attempt timeout and core's retry policy; resolves to the JSON. */
  send(request: HttpRequest, options?: SendOptions): Promise<unknown>;
  /** A copy safe to log: secret headers and query values redacted, no body. */
  redact(request: HttpRequest): HttpRequest;
  /** What to log about a request: operation, method, host, path, environment. */
  logRecord(request: HttpRequest): LogRecord;
  /** What to log about a completed call: plus status, retries and the request id header. */
  responseLogRecord(request: HttpRequest, status: number, retries: number, headers: HeadersInput | null): LogRecord;
}

/** Core's bounded exponential backoff with full jitter, honouring Retry-After. */
export declare class RetryPolicy {
  constructor(options?: RetryPolicyOptions);
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly capMs: number;
  /** The delay before the next attempt, or null to stop; `attempt` counts attempts made so far. */
  nextDelayMs(attempt: number, error: { retryable?: boolean; retryAfter?: RetryAfter | null }, random: number, nowMs: number): number | null;
}

/** Core's rate limiter: at most `maxRequests` in any `windowMs` window (default 10 per second). */
export declare class RateLimiter {
  constructor(options?: RateLimiterOptions);
  /** Reserves the next slot; how long to wait (ms) before sending. `nowMs` is any monotonic clock. */
  acquire(nowMs: number): number;
}

/** Core's response parsing without a request: the JSON, or throws `api_error`. */
export declare function parseResponse(status: number, headers: HeadersInput | null, body: BodyInput | null): unknown;
