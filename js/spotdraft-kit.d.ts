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
  | 'api_error'
  | 'length_required'
  | 'store_unavailable';

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
  /**
   * Accept base64 keys that decode to fewer than 16 bytes (default false:
   * such a key throws `invalid_key`; SpotDraft's decode to 64). For demo and
   * test keys only.
   */
  allowShortKeys?: boolean;
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

/**
 * A verified delivery. It keeps a private copy of the verified body, which
 * its lazy fields read (`event.payload`, `bodySha256`, `logRecord()`, the
 * event's people and counterparties): changing or reusing the buffer given
 * to `open` afterwards changes none of them.
 */
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
  /**
   * From `env.SPOTDRAFT_HMAC_KEYS`: one base64 key, or `label:key,...` for
   * rotation. Accepts `process.env` or a Workers `env` as they are.
   */
  static fromEnv(env: { readonly [name: string]: unknown }, options?: Pick<VerifierOptions, 'maxBodyBytes'>): Verifier;
  /** Number of keys. */
  readonly size: number;
  /** Throws `body_too_large` (413) when a body of `length` bytes is over the limit (e.g. a declared Content-Length). */
  checkBodyLength(length: number): void;
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
  /** With `clientSecret`; or give `oauthToken` instead of both. */
  clientId?: string;
  /** Never printed: util.inspect and log records show `<redacted>`. */
  clientSecret?: string;
  /** Act as this workspace user (`user-email` header). */
  userEmail?: string;
  /** A user-scoped OAuth JWT (`Authorization: Bearer`), instead of the client pair; redacted like the secret. */
  oauthToken?: string;
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
  /** Stable operation name (the table's), e.g. `webhooks_create`. */
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

/** Query pairs of `Api#request`. */
export type QueryInput = Array<[string, string | number]> | Record<string, string | number>;

export type JsonObject = Record<string, unknown>;

// BEGIN operation parameters (generated by api/generate.py from api/operations.json)
/** `POST /api/v2.1/public/analytics/query/`: Execute Read-only Analytics SQL (GoogleSQL) */
export interface AnalyticsQueryCreateParams {
  body: { query: string; user_scoped?: boolean | null; [field: string]: unknown };
}
/** `POST /api/v2.1/public/auth/roles/{role_id}/members`: Add Role Member */
export interface AuthRolesMembersCreateParams {
  role_id: number | string;
  body?: { user_ids_to_add?: Array<number>; [field: string]: unknown };
}
/** `DELETE /api/v2.1/public/auth/roles/{role_id}/members`: Delete Role Member */
export interface AuthRolesMembersDestroyParams {
  role_id: number | string;
}
/** `GET /api/v2.1/public/auth/roles/`: Get Active Roles */
export interface AuthRolesRetrieveParams {
}
/** `POST /api/v2.1/public/auth/users/`: Create and Invite User */
export interface AuthUsersCreateParams {
  body: { designation?: string; email: string; first_name: string; last_name?: string; role_ids?: Array<number>; [field: string]: unknown };
}
/** `DELETE /api/v1/public/auth/users/{user_id}`: Deactivate a User */
export interface AuthUsersDestroyParams {
  user_id: number | string;
}
/** `PATCH /api/v1/public/auth/users/{user_id}`: Update User Roles */
export interface AuthUsersPartialUpdateParams {
  user_id: number | string;
  body?: { roles?: Array<number>; [field: string]: unknown };
}
/** `GET /api/v2.1/public/auth/users/`: Get User List */
export interface AuthUsersRetrieveParams {
  limit?: number | string;
  page?: number | string;
  user_email?: string;
  user_name?: string;
}
/** `POST /api/v2.1/public/clickwrap/{clickwrap_id}/agreements/preview/`: Preview Clickwrap Agreement */
export interface ClickwrapAgreementsPreviewCreateParams {
  clickwrap_id: number | string;
  body: { agreement_id: number; auth_user_id: number; html_content: string; name: string; org_user_id: number; workspace_id: number; [field: string]: unknown };
}
/** `POST /api/v2.1/public/clickwrap/{clickwrap_public_id}/consent_status/`: Get Consent Status */
export interface ClickwrapConsentStatusCreateParams {
  clickwrap_public_id: string | number;
  body: { user_identifier: string; [field: string]: unknown };
}
/** `POST /api/v2.1/public/clickwrap/{clickwrap_public_id}/execute/`: Create Clickwrap Contract */
export interface ClickwrapExecuteCreateParams {
  clickwrap_public_id: string | number;
  body: { additional_custom_information?: Record<string, unknown>; agreements: Array<{ has_clicked?: boolean; id: number; version_id: number; [field: string]: unknown }>; clickwrap_id: number; clickwrap_public_id: string; external_metadata?: Record<string, unknown>; first_name?: string; ip_address?: string; key_pointer_information?: Record<string, unknown>; last_name?: string; user_email?: string; user_identifier: string; [field: string]: unknown };
}
/** `GET /api/v2.1/public/clickwrap/{clickwrap_public_id}/`: Get Clickwrap */
export interface ClickwrapRetrieveParams {
  clickwrap_public_id: string | number;
}
/** `POST /api/v2.1/public/contract_types/{contract_type_id}/access_control`: Get Access Control List for Contract Type */
export interface ContractTypesAccessControlCreateParams {
  contract_type_id: number | string;
  body: { permission_filter_list: Array<'READ' | 'SUGGEST' | 'EDIT' | 'SIGN' | 'CREATE'>; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contract_types/{contract_type_id}/entities`: List Contract Type Entities */
export interface ContractTypesEntitiesRetrieveParams {
  contract_type_id: number | string;
}
/** `GET /api/v2.1/public/contract_types/{contract_type_id}/intake_form/questionnaire/`: Get Intake Form Questionnaire Details */
export interface ContractTypesIntakeFormQuestionnaireRetrieveParams {
  contract_type_id: number | string;
}
/** `GET /api/v2.1/public/contract_types/`: Get Contract Type List */
export interface ContractTypesRetrieveParams {
}
/** `POST /api/v2.1/public/contracts/approvals/{contract_id}/`: Create and Send Adhoc Approvals */
export interface ContractsApprovalsCreateParams {
  contract_id: string | number;
  body: { approvals: Array<{ approver_role_id?: number; approver_user_id?: number; name: string; notes: string; order?: number; [field: string]: unknown }>; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/approvals/{contract_id}/`: Get Contract Approvals */
export interface ContractsApprovalsRetrieveParams {
  contract_id: string | number;
}
/** `GET /api/v2.1/public/contracts/{contract_id}/authorized_users/`: Get Contract Authorized Users List */
export interface ContractsAuthorizedUsersRetrieveParams {
  contract_id: number | string;
}
/** `PATCH /api/v2.1/public/contracts/{contract_id}/business_user/`: Update Business User for a Contract */
export interface ContractsBusinessUserPartialUpdateParams {
  contract_id: number | string;
  body: { update_user_task_on_bu_update?: boolean; user_id: number; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/by_external_metadata/{external_metadata_id}`: List Contracts by External Metadata ID */
export interface ContractsByExternalMetadataRetrieveParams {
  external_metadata_id: string | number;
}
/** `POST /api/v2.1/public/contracts/{contract_id}/comments/`: Add Comment to Contract Activity Log. */
export interface ContractsCommentsCreateParams {
  contract_id: number | string;
  body: { comment: string; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/{contract_id}/comments/`: Get Comments in Contract Activity Log. */
export interface ContractsCommentsRetrieveParams {
  contract_id: number | string;
  limit?: number | string;
  page?: number | string;
}
/** `GET /api/v2.1/public/contracts/{composite_id}/content`: Get Contract Content */
export interface ContractsContentRetrieveParams {
  composite_id: string | number;
  contract_version_id?: number | string;
  text_format?: 'segments' | 'text';
  'Enforce-User-Scoping'?: boolean | 'true' | 'false';
}
/** `GET /api/v2.1/public/contracts/{composite_id}/content/scanned`: Get Scanned Contract Content */
export interface ContractsContentScannedRetrieveParams {
  composite_id: string | number;
  contract_version_id?: number | string;
  'Enforce-User-Scoping'?: boolean | 'true' | 'false';
}
/** `PATCH /api/v2.1/public/contracts/{contract_id}/contract_data`: Update Contract Data */
export interface ContractsContractDataPartialUpdateParams {
  contract_id: string | number;
  'user-email'?: string;
  body: { data: Record<string, unknown>; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{contract_id}/contract_relation/`: Create Contract Relations */
export interface ContractsContractRelationCreateParams {
  contract_id: number | string;
  body: { related_contract_id: number; relation_type: 'CHILD' | 'ADDENDUM' | 'AMENDMENT' | 'PARENT'; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{contract_id}/contract_version/`: Upload Contract Version. */
export interface ContractsContractVersionCreateParams {
  contract_id: number | string;
  body: { collect_approvals?: boolean; document_base_64: string; document_name: string; is_executed_version?: boolean; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/`: Create Contract */
export interface ContractsCreateParams {
  'user-email'?: string;
  body: { contract_data: unknown; contract_name?: string; contract_template_id: number; counter_party_details: Array<{ is_individual: boolean; organization_details?: Record<string, unknown>; organization_name?: string; organization_type?: string; party_role_identifier?: string; poc_details: Record<string, unknown>; [field: string]: unknown }>; entity_reference_id?: string; external_metadata?: unknown; is_embedded_contract?: boolean; send_to_counterparty_config?: { attachment_formats: Array<'DOCX' | 'PDF' | 'TEMPLATE'>; bcc_emails?: Array<string>; cc_emails?: Array<string>; custom_message?: string; extra_attachments?: Array<Record<string, unknown>>; subject?: string; to_emails?: Array<string>; [field: string]: unknown }; signatories?: Array<{ counterparty_name?: string; email: string; is_counterparty_signatory: boolean; name: string; note?: string; sign_order?: number; title?: string; [field: string]: unknown }>; workflow_config?: { api_only_contract_edits?: boolean; auto_send_to_counterparty?: boolean; skip_cp_info_collection?: boolean; skip_creator_info_collection?: boolean; [field: string]: unknown }; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{composite_id}/download`: Download Contract File */
export interface ContractsDownloadCreateParams {
  composite_id: string | number;
}
/** `POST /api/v2.1/public/contracts/{contract_id}/download_docx/`: Download Docx for a Contract */
export interface ContractsDownloadDocxCreateParams {
  contract_id: number | string;
  body?: { fallback_to_last_available_docx?: boolean; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{composite_id}/download_link`: Create Contract Download Link */
export interface ContractsDownloadLinkCreateParams {
  composite_id: string | number;
  body?: { format?: 'PDF' | 'DOCX' | 'DOCX_WITH_FALLBACK_TO_PDF' | null; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/embedded/contracts/{contract_id}/counter_party/`: Get Counterparty Embedded URL */
export interface ContractsEmbeddedContractsCounterPartyRetrieveParams {
  contract_id: string | number;
  cp_email_id?: string;
}
/** `POST /api/v2.1/public/contracts/executed_contracts/`: Upload Executed Contract API */
export interface ContractsExecutedContractsCreateParams {
  body: { contract_name: string; contract_type_id: number; counterparty_details?: Array<{ is_individual: boolean; organization_details?: Record<string, unknown>; organization_name?: string; organization_type?: string; party_role_identifier?: string; poc_details: Record<string, unknown>; [field: string]: unknown }>; external_metadata?: { id?: unknown; integration_name?: string; object_configuration_id?: string; record_data?: Record<string, unknown>; record_type?: string; [field: string]: unknown }; file_content: string; file_name: string; organization_entity_id: number; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{contract_id}/external_metadata`: Create or Update Contract External Metadata */
export interface ContractsExternalMetadataCreateParams {
  contract_id: string | number;
  body: { external_metadata: { id?: unknown; integration_name?: string; object_configuration_id?: string; record_data?: Record<string, unknown>; record_type?: string; [field: string]: unknown }; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/{contract_id}/external_metadata`: Get Contract External Metadata */
export interface ContractsExternalMetadataRetrieveParams {
  contract_id: string | number;
}
/** `PATCH /api/v2.1/public/contracts/{composite_id}/intake_form/response`: Edit Intake Form Response */
export interface ContractsIntakeFormResponsePartialUpdateParams {
  composite_id: string | number;
  body?: Record<string, unknown>;
}
/** `POST /api/v2.1/public/contracts/{contract_id}/invite/`: Invite Users & Roles */
export interface ContractsInviteCreateParams {
  contract_id: number | string;
  body: { items: Array<{ new_user_email?: string; new_user_name?: string; new_user_role_id?: number; note?: string; permission_name: 'CONTRACT.READ' | 'CONTRACT.SUGGEST' | 'CONTRACT.EDIT' | 'CONTRACT.SIGN'; role_id?: number; user_id?: number; [field: string]: unknown }>; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{composite_id}/key_pointers/bulk`: Bulk Update Contract Metadata Values */
export interface ContractsKeyPointersBulkCreateParams {
  composite_id: string | number;
  body: { key_pointers: Array<{ key_pointer_field_name?: string; key_pointer_id?: number; value?: unknown; [field: string]: unknown }>; [field: string]: unknown };
}
/** `PATCH /api/v2.1/public/contracts/{contract_id}/key_pointers/{contract_key_pointer_id}`: Update Contract Metadata Value */
export interface ContractsKeyPointersPartialUpdateParams {
  contract_id: string | number;
  contract_key_pointer_id: string | number;
  body?: { source_datatype?: string; source_non_validated_value?: unknown; value?: unknown; value_source_metadata?: Array<{ id?: string; ranked_suggestion?: Record<string, unknown>; user_selected_span?: Record<string, unknown>; value?: unknown; [field: string]: unknown }>; was_edited_by_user?: boolean; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/{composite_id}/key_pointers`: Get Contract Metadata Values */
export interface ContractsKeyPointersRetrieveParams {
  composite_id: string | number;
  'Enforce-User-Scoping'?: boolean | 'true' | 'false';
}
/** `POST /api/v2.1/public/contracts/{composite_id}/mark_for_execution/`: Marks the Contract for Execution */
export interface ContractsMarkForExecutionCreateParams {
  composite_id: string | number;
  body?: { affix_stamp_documents?: boolean; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/{composite_id}/notes`: Get Contract Notes */
export interface ContractsNotesRetrieveParams {
  composite_id: string | number;
  'Enforce-User-Scoping'?: boolean | 'true' | 'false';
}
/** `PUT /api/v2.1/public/contracts/{contract_id}/notes/{note_id}`: Update Contract Note */
export interface ContractsNotesUpdateParams {
  contract_id: string | number;
  note_id: string | number;
  'user-email'?: string;
  body: { note_tag?: { id?: number; name: string; [field: string]: unknown }; text: string; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{contract_id}/obligations/bulk/`: Bulk Create Obligations */
export interface ContractsObligationsBulkCreateParams {
  contract_id: number | string;
  body?: Array<{ custom_fields?: { clause?: string; contractual_delivery_value?: number | string; frequency?: string; [field: string]: unknown }; description?: string; end_date: string; obligation_type_id: number; priority: 'LOW' | 'MEDIUM' | 'HIGH'; start_date?: string; status?: 'PENDING' | 'COMPLETED' | 'FAILED' | 'VERIFIED'; tasks?: Array<Record<string, unknown>>; title: string; [field: string]: unknown }>;
}
/** `PATCH /api/v2.1/public/contracts/{contract_id}/obligations/bulk/`: Bulk Update Obligations */
export interface ContractsObligationsBulkPartialUpdateParams {
  contract_id: number | string;
  body?: Array<{ custom_fields?: { clause?: string; contractual_delivery_value?: number | string; frequency?: string; [field: string]: unknown }; description?: string; end_date?: string; id: number; obligation_type_id?: number; priority?: 'LOW' | 'MEDIUM' | 'HIGH'; start_date?: string; status?: 'PENDING' | 'COMPLETED' | 'FAILED' | 'VERIFIED'; title?: string; [field: string]: unknown }>;
}
/** `POST /api/v2.1/public/contracts/{contract_id}/obligations/`: Create Obligation */
export interface ContractsObligationsCreateParams {
  contract_id: number | string;
  body: { custom_fields?: { clause?: string; contractual_delivery_value?: number | string; frequency?: string; [field: string]: unknown }; description?: string; end_date: string; obligation_type_id: number; priority: 'LOW' | 'MEDIUM' | 'HIGH'; start_date?: string; status?: 'PENDING' | 'COMPLETED' | 'FAILED' | 'VERIFIED'; tasks?: Array<{ assignees: Array<Record<string, unknown>>; contract_id?: number; due_date?: string; due_date_key_pointer_id?: number; intake_task_status?: 'PENDING' | 'IN_PROGRESS' | 'BLOCKED' | 'COMPLETED' | 'DISCARDED'; notes?: string; priority?: 'LOW' | 'MEDIUM' | 'HIGH'; reminders?: Array<Record<string, unknown>>; task_associations?: Array<Record<string, unknown>>; task_category?: 'USER_TASK' | 'OBLIGATION_TASK' | 'INTAKE_TASK'; title: string; [field: string]: unknown }>; title: string; [field: string]: unknown };
}
/** `DELETE /api/v2.1/public/contracts/{contract_id}/obligations/{obligation_id}/`: Delete Obligation */
export interface ContractsObligationsDestroyParams {
  contract_id: number | string;
  obligation_id: number | string;
}
/** `GET /api/v2.1/public/contracts/{contract_id}/obligations/`: List Obligations */
export interface ContractsObligationsListParams {
  contract_id: number | string;
}
/** `PATCH /api/v2.1/public/contracts/{contract_id}/obligations/{obligation_id}/`: Update Obligation */
export interface ContractsObligationsPartialUpdateParams {
  contract_id: number | string;
  obligation_id: number | string;
  body?: { custom_fields?: { clause?: string; contractual_delivery_value?: number | string; frequency?: string; [field: string]: unknown }; description?: string; end_date?: string; obligation_type_id?: number; priority?: 'LOW' | 'MEDIUM' | 'HIGH'; start_date?: string; status?: 'PENDING' | 'COMPLETED' | 'FAILED' | 'VERIFIED'; title?: string; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/{contract_id}/obligations/{obligation_id}/`: Get Obligation */
export interface ContractsObligationsRetrieveByIdParams {
  contract_id: number | string;
  obligation_id: number | string;
}
/** `POST /api/v2.1/public/contracts/preview/`: Generate Contract Preview */
export interface ContractsPreviewCreateParams {
  body: { contract_data: Record<string, unknown>; contract_template_id: number; counter_party_details?: Array<{ is_individual: boolean; organization_details?: Record<string, unknown>; organization_name?: string; organization_type?: string; party_role_identifier?: string; poc_details: Record<string, unknown>; [field: string]: unknown }>; organization_entity_id?: number; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/{contract_id}/process_metrics/`: Get Contract Process Metric Data */
export interface ContractsProcessMetricsRetrieveParams {
  contract_id: number | string;
}
/** `GET /api/v2.1/public/contracts/{contract_id}/questionnaire/responses/`: Get Questionnaire Response */
export interface ContractsQuestionnaireResponsesRetrieveParams {
  contract_id: number | string;
  questionnaire_type: string;
}
/** `GET /api/v2.1/public/contracts/{contract_id}/recipients/recipient_link/`: Get Recipient Link */
export interface ContractsRecipientsRecipientLinkRetrieveParams {
  contract_id: number | string;
  recipient_email: string;
}
/** `GET /api/v2.1/public/contracts/{composite_id}/recipients/`: Get Contract Recipients */
export interface ContractsRecipientsRetrieveParams {
  composite_id: string | number;
}
/** `GET /api/v2.1/public/contracts/{contract_id}/related_contracts/`: List Related Contracts */
export interface ContractsRelatedContractsRetrieveParams {
  contract_id: number | string;
  limit?: number | string;
  page?: number | string;
}
/** `GET /api/v2.1/public/contracts/`: List Contracts */
export interface ContractsRetrieveParams {
  limit?: number | string;
  page?: number | string;
  query?: string;
  filters?: Partial<Record<'approvals_pending' | 'assigned_to' | 'business_user_id' | 'client_brand_name' | 'client_email' | 'client_email_address' | 'client_name' | 'contract_id' | 'contract_kind' | 'contract_packet_name' | 'contract_reference_id' | 'contract_type_id' | 'contract_type_name' | 'created_at' | 'display_status' | 'entity_name' | 'execution_date' | 'expiring_at' | 'last_updated_on' | 'legal_user_id' | 'pending_with' | 'signatories' | 'signatures_completed_by' | 'signatures_pending_on' | 'signatures_rejected_by' | 'tags', unknown>>;
}
/** `POST /api/v2.1/public/contracts/{contract_id}/review_request/`: Create and Assign a Legal Review Task */
export interface ContractsReviewRequestCreateParams {
  contract_id: number | string;
  body?: { assignee_role_id?: number; assignee_user_id?: number; description?: string; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{composite_id}/send_to_counterparties`: Send Contract to Counterparties */
export interface ContractsSendToCounterpartiesCreateParams {
  composite_id: string | number;
  body: { attachment_formats: Array<'DOCX' | 'PDF' | 'TEMPLATE'>; bcc_emails?: Array<string>; cc_emails?: Array<string>; custom_message?: string; extra_attachments?: Array<{ content_base64: string; file_name: string; mime_type: string; [field: string]: unknown }>; subject?: string; to_emails?: Array<string>; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{composite_id}/signatories/resend_email/`: Resend Email to the Signatory of a Contract. */
export interface ContractsSignatoriesResendEmailCreateParams {
  composite_id: string | number;
  body: { email_id: string; [field: string]: unknown };
}
/** `GET /api/v2.1/public/contracts/{composite_id}/status`: Get Contract Status */
export interface ContractsStatusRetrieveParams {
  composite_id: string | number;
  'Enforce-User-Scoping'?: boolean | 'true' | 'false';
}
/** `POST /api/v2.1/public/contracts/{composite_id}/status/void`: Void Contract */
export interface ContractsStatusVoidCreateParams {
  composite_id: string | number;
  body: { note: string; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{contract_id}/tasks/bulk/`: V2.1 Bulk Create User Tasks */
export interface ContractsTasksBulkCreateParams {
  contract_id: number | string;
  body?: Array<{ assignees: Array<Record<string, unknown>>; contract_id?: number; due_date?: string; due_date_key_pointer_id?: number; intake_task_status?: 'PENDING' | 'IN_PROGRESS' | 'BLOCKED' | 'COMPLETED' | 'DISCARDED'; notes?: string; priority?: 'LOW' | 'MEDIUM' | 'HIGH'; reminders?: Array<Record<string, unknown>>; task_associations?: Array<Record<string, unknown>>; task_category?: 'USER_TASK' | 'OBLIGATION_TASK' | 'INTAKE_TASK'; title: string; [field: string]: unknown }>;
}
/** `POST /api/v2.1/public/contracts/{contract_id}/uninvite_all/`: Un-invite All Users & Roles */
export interface ContractsUninviteAllCreateParams {
  contract_id: number | string;
}
/** `POST /api/v2.1/public/contracts/{contract_id}/uninvite/`: Un-invite a User or Role */
export interface ContractsUninviteCreateParams {
  contract_id: number | string;
  body?: { role_id?: number; user_id?: number; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/{composite_id}/unmark_for_execution`: Unmark the Contract for Execution */
export interface ContractsUnmarkForExecutionCreateParams {
  composite_id: string | number;
  body?: { note?: string; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/upload_review_contracts/`: Upload Contract for Review */
export interface ContractsUploadReviewContractsCreateParams {
  body: { business_user_email?: string; contract_name: string; contract_type_id: number; counterparty_is_individual?: boolean; counterparty_organization_name?: string; counterparty_poc_details?: { email: string; first_name: string; last_name: string; [field: string]: unknown }; counterparty_workspace_id?: number; creator_organization_entity_id?: number; creator_signatories?: Array<{ email: string; note?: string; title?: string; [field: string]: unknown }>; external_metadata?: { id?: unknown; integration_name?: string; object_configuration_id?: string; record_data?: Record<string, unknown>; record_type?: string; [field: string]: unknown }; file_base64: string; file_name: string; intake_form_data?: Record<string, unknown>; reviewer?: { description?: string; org_user_email?: string; role_id?: number; [field: string]: unknown }; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/upload_sign_contracts/`: Upload Contract for Signature */
export interface ContractsUploadSignContractsCreateParams {
  body: { business_user_email?: string; contract_name: string; contract_type_id: number; counterparty_is_individual?: boolean; counterparty_organization_name: string; counterparty_poc_details?: { email: string; first_name: string; last_name: string; [field: string]: unknown }; creator_organization_entity_id?: number; creator_signatories?: Array<{ email: string; note?: string; title?: string; [field: string]: unknown }>; external_metadata?: { id?: unknown; integration_name?: string; object_configuration_id?: string; record_data?: Record<string, unknown>; record_type?: string; [field: string]: unknown }; file_base64: string; file_name: string; intake_form_data?: Record<string, unknown>; [field: string]: unknown };
}
/** `POST /api/v2.1/public/contracts/webhooks/re_trigger_latest/`: Re-trigger Contract Webhooks */
export interface ContractsWebhooksReTriggerLatestCreateParams {
  body: { contract_ids: Array<number>; [field: string]: unknown };
}
/** `POST /api/v2.1/public/counter_parties/{counterparty_id}/addresses/`: Create Counterparty Address */
export interface CounterPartiesAddressesCreateParams {
  counterparty_id: number | string;
  body: { city_name: string; country_iso_code?: string; country_name: string; email?: string; line_one: string; phone?: string; state_name?: string; zipcode?: string; [field: string]: unknown };
}
/** `PATCH /api/v2.1/public/counter_parties/{counterparty_id}/addresses/{address_id}/`: Update Counterparty Address */
export interface CounterPartiesAddressesPartialUpdateParams {
  address_id: number | string;
  counterparty_id: number | string;
  body?: { city_name?: string; country_iso_code?: string; is_primary?: boolean; line_one?: string; state_name?: string; zipcode?: string; [field: string]: unknown };
}
/** `GET /api/v2.1/public/counter_parties/{counterparty_id}/addresses/`: List Counterparty Addresses */
export interface CounterPartiesAddressesRetrieveParams {
  counterparty_id: number | string;
  limit?: number | string;
  page?: number | string;
}
/** `PATCH /api/v2.1/public/counter_parties/{counterparty_id}/contacts/bulk/`: Bulk Update Counterparty Contacts */
export interface CounterPartiesContactsBulkPartialUpdateParams {
  counterparty_id: number | string;
  body: { contacts: Array<{ email?: string; id: number; is_primary?: boolean; name?: string; [field: string]: unknown }>; [field: string]: unknown };
}
/** `POST /api/v2.1/public/counter_parties/{counterparty_id}/contacts`: Create Counterparty Contact */
export interface CounterPartiesContactsCreateParams {
  counterparty_id: number | string;
  body: { email: string; is_primary: boolean; name: string; [field: string]: unknown };
}
/** `DELETE /api/v2.1/public/counter_parties/{counterparty_id}/contacts/{contact_id}/`: Delete Counterparty Contact */
export interface CounterPartiesContactsDestroyParams {
  contact_id: number | string;
  counterparty_id: number | string;
}
/** `PATCH /api/v2.1/public/counter_parties/{counterparty_id}/contacts/{contact_id}/`: Update Counterparty Contact */
export interface CounterPartiesContactsPartialUpdateParams {
  contact_id: number | string;
  counterparty_id: number | string;
  body?: { email?: string; is_primary?: boolean; name?: string; [field: string]: unknown };
}
/** `GET /api/v2.1/public/counter_parties/{counterparty_id}/contacts`: List Counterparty Contacts */
export interface CounterPartiesContactsRetrieveParams {
  counterparty_id: number | string;
  limit?: number | string;
  page?: number | string;
}
/** `POST /api/v2.1/public/counter_parties/`: Create Counter Party */
export interface CounterPartiesCreateParams {
  body: { brand_name?: string; contact_email?: string; contact_name?: string; custom_fields?: Record<string, unknown>; is_individual: boolean; organization_name?: string; organization_type?: string; primary_address?: { city_name: string; country_iso_code?: string; country_name: string; email?: string; line_one: string; phone?: string; state_name?: string; zipcode?: string; [field: string]: unknown }; [field: string]: unknown };
}
/** `GET /api/v2.1/public/counter_parties/`: List Counterparties */
export interface CounterPartiesListParams {
  limit?: number | string;
  page?: number | string;
  filters?: Partial<Record<'client_email_address', unknown>>;
  filter_custom?: Record<string, string>;
}
/** `PATCH /api/v2.1/public/counter_parties/{counterparty_id}`: Update Counterparty */
export interface CounterPartiesPartialUpdateParams {
  counterparty_id: number | string;
  body?: { brand_name?: string; custom_fields?: Record<string, unknown>; name?: string; [field: string]: unknown };
}
/** `GET /api/v2.1/public/counter_parties/{counterparty_id}`: Get Counterparty */
export interface CounterPartiesRetrieveByIdParams {
  counterparty_id: number | string;
}
/** `GET /api/v2.1/public/facets/options/{field_name}/`: Get Facet Field Options */
export interface FacetsOptionsRetrieveParams {
  field_name: string | number;
  exclude?: string;
  q?: string;
}
/** `GET /api/v2.1/public/facets/`: List Contract Search Facets */
export interface FacetsRetrieveParams {
  include_options?: boolean | 'true' | 'false';
}
/** `POST /api/v2.1/public/key_pointers/field-name-mapping/`: Map Template Fields to Contract Metadata */
export interface KeyPointersFieldNameMappingCreateParams {
  body?: { contract_id?: number; contract_type_id?: number; new_field_names?: Array<string>; old_field_names?: Array<string>; [field: string]: unknown };
}
/** `GET /api/v2.1/public/key_pointers/`: List Contract Metadata Definitions */
export interface KeyPointersRetrieveParams {
  contract_type_id: number | string;
  is_external?: boolean | 'true' | 'false';
}
/** `POST /api/v1/public/legal_intake/`: Create Legal Intake */
export interface LegalIntakeCreateParams {
  body: { assignees?: Array<{ assignee_type: 'ASSIGNED_TO' | 'COLLABORATOR'; entity_id: string; entity_type: 'ORG_USER'; [field: string]: unknown }> | null; description?: null | string; due_date?: null | string; file_ids?: Array<string> | null; metadata?: Record<string, unknown> | null; priority?: 'LOW' | 'MEDIUM' | 'HIGH'; title: string; workflow_id: number; [field: string]: unknown };
}
/** `DELETE /api/v1/public/legal_intake/{legal_intake_id}/`: Delete Legal Intake */
export interface LegalIntakeDestroyParams {
  legal_intake_id: number | string;
}
/** `PATCH /api/v1/public/legal_intake/{legal_intake_id}/`: Update Legal Intake */
export interface LegalIntakePartialUpdateParams {
  legal_intake_id: number | string;
  body?: { assignees?: Array<{ assignee_type: 'ASSIGNED_TO' | 'COLLABORATOR'; entity_id: string; entity_type: 'ORG_USER'; [field: string]: unknown }> | null; description?: null | string; due_date?: null | string; metadata?: Record<string, unknown> | null; priority?: 'LOW' | 'MEDIUM' | 'HIGH' | null; status?: 'DRAFT' | 'PENDING' | 'IN_PROGRESS' | 'BLOCKED' | 'COMPLETED' | 'DISCARDED' | null; title?: null | string; [field: string]: unknown };
}
/** `GET /api/v1/public/legal_intake/`: List Legal Intakes */
export interface LegalIntakeRetrieveParams {
  limit?: number | string;
  page?: number | string;
  query?: string;
  sort?: string;
  filters?: Partial<Record<'priority' | 'status', unknown>>;
}
/** `GET /api/v1/public/legal_intake/{legal_intake_id}/`: Get Legal Intake by ID */
export interface LegalIntakeRetrieve2Params {
  legal_intake_id: number | string;
}
/** `GET /api/v1/public/obligations/types/`: Get Active Obligation Type List */
export interface ObligationsTypesListParams {
}
/** `GET /api/v1/public/obligations/types/{obligation_type_id}/`: Get Obligation Type */
export interface ObligationsTypesRetrieveByIdParams {
  obligation_type_id: number | string;
}
/** `POST /api/v2.1/public/organizations/entities/`: Create Entity */
export interface OrganizationsEntitiesCreateParams {
  body: { is_primary: boolean; jurisdiction_iso_code: string; name: string; organization_type_id: number; primary_address: { city_name: string; country_iso_code: string; line_one: string; state_name: string; zipcode: string; [field: string]: unknown }; reference_id: string; [field: string]: unknown };
}
/** `GET /api/v2.1/public/organizations/entities/`: Get Organization Entities */
export interface OrganizationsEntitiesRetrieveParams {
}
/** `GET /api/v2.1/public/organizations/types/`: Get Organization Types */
export interface OrganizationsTypesRetrieveParams {
  jurisdiction_iso_code?: string;
}
/** `POST /api/v2.1/public/sidebar/files/`: Upload Sidebar File */
export interface SidebarFilesCreateParams {
  body: { entity_id: string; file: string; upload_source: 'chat' | 'hub' | 'assistant' | 'table'; webhook_url?: string | null; [field: string]: unknown };
}
/** `POST /api/v2.1/public/sidebar/query/`: Run Sidebar Query */
export interface SidebarQueryCreateParams {
  body: { agent_context?: Array<string>; agent_id?: string | null; chat_id?: string | null; contracts?: Array<{ contract_id: string; contract_name: string; [field: string]: unknown }>; deep_research?: boolean; files?: Array<{ file_id: string; file_name: string; version_number?: number | null; [field: string]: unknown }>; sources?: { clm_connector?: boolean; law?: { us?: boolean; [field: string]: unknown }; web?: { eu?: boolean; indian?: boolean; open?: boolean; us?: boolean; [field: string]: unknown }; [field: string]: unknown }; tables?: Array<{ table_id: string; table_name: string; [field: string]: unknown }>; user_input: string; webhook_url?: string | null; [field: string]: unknown };
}
/** `POST /api/v2.1/public/supported_documents/{contract_id}/`: Upload Supported Documents for a Given Contract */
export interface SupportedDocumentsCreateParams {
  contract_id: string | number;
  body: { file_base64: string; file_name: string; name: string; [field: string]: unknown };
}
/** `GET /api/v2.1/public/templates/`: Get Template List */
export interface TemplatesListParams {
  cp_types?: string;
  cp_types_all?: boolean | 'true' | 'false';
  exclude_multi_party?: boolean | 'true' | 'false';
  include_archived?: boolean | 'true' | 'false';
  tags?: string[] | string;
  tags_all?: string[] | string;
}
/** `GET /api/v2.1/public/templates/{template_id}/metadata`: Get Template Metadata */
export interface TemplatesMetadataRetrieveParams {
  template_id: string | number;
}
/** `PATCH /api/v2.1/public/templates/{template_id}/`: Update Template Data */
export interface TemplatesPartialUpdateParams {
  template_id: number | string;
  body?: { tags?: Array<string>; [field: string]: unknown };
}
/** `GET /api/v2.1/public/templates/{template_id}/`: Get Template Details */
export interface TemplatesRetrieveByIdParams {
  template_id: number | string;
}
/** `POST /api/v2.1/public/user_tasks/`: V2.1 Create User Tasks List */
export interface UserTasksCreateParams {
  body: { assignees: Array<{ org_user_id?: number; role_id?: number; [field: string]: unknown }>; contract_id?: number; due_date?: string; due_date_key_pointer_id?: number; intake_task_status?: 'PENDING' | 'IN_PROGRESS' | 'BLOCKED' | 'COMPLETED' | 'DISCARDED'; notes?: string; priority?: 'LOW' | 'MEDIUM' | 'HIGH'; reminders?: Array<{ days: number; type?: 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS'; value: number; [field: string]: unknown }>; task_associations?: Array<{ association_type?: 'PRIMARY' | 'SECONDARY'; entity_id?: number; entity_type?: 'OBLIGATION' | 'LEGAL_INTAKE'; [field: string]: unknown }>; task_category?: 'USER_TASK' | 'OBLIGATION_TASK' | 'INTAKE_TASK'; title: string; [field: string]: unknown };
}
/** `POST /api/v2.1/public/webhooks/`: Setup Webhook */
export interface WebhooksCreateParams {
  body: { custom_headers?: Record<string, unknown>; description?: string; only_for_activities: Array<'CONTRACT_VERSION_UPLOADED' | 'CONTRACT_APPROVAL_COMPLETED' | 'CONTRACT_APPROVAL_REQUESTED' | 'CONTRACT_CREATED' | 'CONTRACT_DATA_UPDATED' | 'CONTRACT_DELETED' | 'CONTRACT_EXECUTED' | 'CONTRACT_MARK_FOR_EXECUTION' | 'CONTRACT_SENT_TO_COUNTERPARTY' | 'CONTRACT_SIGNATURE_DECLINED' | 'CONTRACT_SIGNATURE_REQUESTED' | 'CONTRACT_SIGNED' | 'CONTRACT_UNMARK_FOR_EXECUTION' | 'POSTMARK_EMAIL_EVENT' | 'CONTRACT_KEY_POINTER_UPDATION' | 'CONTRACT_KEY_POINTER_CREATION' | 'SIGNING_EMAIL_DELIVERED' | 'SIGNING_EMAIL_OPENED' | 'SIGNING_EMAIL_NOT_DELIVERED' | 'SIGNING_EMAIL_LINK_CLICKED' | 'REDLINING_EMAIL_DELIVERED' | 'REDLINING_EMAIL_OPENED' | 'REDLINING_EMAIL_NOT_DELIVERED' | 'REDLINING_EMAIL_LINK_CLICKED' | 'CONTRACT_SIGNATURE_REQUESTED_NOTIFICATION_SENT' | 'COUNTER_PARTY_CREATED' | 'COUNTER_PARTY_UPDATED' | 'COUNTER_PARTY_CONTACT_CREATED' | 'COUNTER_PARTY_CONTACT_UPDATED' | 'COUNTER_PARTY_ADDRESS_CREATED' | 'COUNTER_PARTY_ADDRESS_UPDATED' | 'CONTRACT_ACTIVITY_LOG_COMMENT_CREATED' | 'CONTRACT_VOIDED' | 'CONTRACT_PROCESS_METRIC_UPDATED' | 'CONTRACT_EXTERNAL_METADATA_CREATED' | 'CONTRACT_EXTERNAL_METADATA_UPDATED' | 'CONTRACT_ENTITY_UPDATED'>; title: string; url: string; [field: string]: unknown };
}
/** `DELETE /api/v2.1/public/webhooks/{webhook_id}`: Remove Webhook */
export interface WebhooksDestroyParams {
  webhook_id: number | string;
}
/** `GET /api/v2.1/public/webhooks/hmac_key/`: Get Webhook Secret */
export interface WebhooksHmacKeyGetParams {
}
/** `POST /api/v2.1/public/workspace/feature-flags/`: Check Workspace Feature Flags */
export interface WorkspaceFeatureFlagsCreateParams {
  body: { flags: Array<string>; [field: string]: unknown };
}
/** `GET /api/v2.1/public/workspace/files/{file_id}/`: Get Workspace File Signed Download URL */
export interface WorkspaceFilesRetrieveParams {
  file_id: string | number;
}
/** `POST /api/v2.1/public/workspace/files/uploads/`: Initialize Workspace File Uploads */
export interface WorkspaceFilesUploadsCreateParams {
  body: { files: Array<{ content_type: string; filename: string; [field: string]: unknown }>; [field: string]: unknown };
}
/** `POST /api/v2.1/public/workspace/tags/`: Bulk Create Workspace Tags */
export interface WorkspaceTagsCreateParams {
  body: { tags: Array<{ colour_code?: string; name: string; tag_entity_type?: 'Contract' | 'Clause'; [field: string]: unknown }>; [field: string]: unknown };
}
/** Every operation's parameters, by operation name. */
export interface OperationParams {
  analytics_query_create: AnalyticsQueryCreateParams;
  auth_roles_members_create: AuthRolesMembersCreateParams;
  auth_roles_members_destroy: AuthRolesMembersDestroyParams;
  auth_roles_retrieve: AuthRolesRetrieveParams;
  auth_users_create: AuthUsersCreateParams;
  auth_users_destroy: AuthUsersDestroyParams;
  auth_users_partial_update: AuthUsersPartialUpdateParams;
  auth_users_retrieve: AuthUsersRetrieveParams;
  clickwrap_agreements_preview_create: ClickwrapAgreementsPreviewCreateParams;
  clickwrap_consent_status_create: ClickwrapConsentStatusCreateParams;
  clickwrap_execute_create: ClickwrapExecuteCreateParams;
  clickwrap_retrieve: ClickwrapRetrieveParams;
  contract_types_access_control_create: ContractTypesAccessControlCreateParams;
  contract_types_entities_retrieve: ContractTypesEntitiesRetrieveParams;
  contract_types_intake_form_questionnaire_retrieve: ContractTypesIntakeFormQuestionnaireRetrieveParams;
  contract_types_retrieve: ContractTypesRetrieveParams;
  contracts_approvals_create: ContractsApprovalsCreateParams;
  contracts_approvals_retrieve: ContractsApprovalsRetrieveParams;
  contracts_authorized_users_retrieve: ContractsAuthorizedUsersRetrieveParams;
  contracts_business_user_partial_update: ContractsBusinessUserPartialUpdateParams;
  contracts_by_external_metadata_retrieve: ContractsByExternalMetadataRetrieveParams;
  contracts_comments_create: ContractsCommentsCreateParams;
  contracts_comments_retrieve: ContractsCommentsRetrieveParams;
  contracts_content_retrieve: ContractsContentRetrieveParams;
  contracts_content_scanned_retrieve: ContractsContentScannedRetrieveParams;
  contracts_contract_data_partial_update: ContractsContractDataPartialUpdateParams;
  contracts_contract_relation_create: ContractsContractRelationCreateParams;
  contracts_contract_version_create: ContractsContractVersionCreateParams;
  contracts_create: ContractsCreateParams;
  contracts_download_create: ContractsDownloadCreateParams;
  contracts_download_docx_create: ContractsDownloadDocxCreateParams;
  contracts_download_link_create: ContractsDownloadLinkCreateParams;
  contracts_embedded_contracts_counter_party_retrieve: ContractsEmbeddedContractsCounterPartyRetrieveParams;
  contracts_executed_contracts_create: ContractsExecutedContractsCreateParams;
  contracts_external_metadata_create: ContractsExternalMetadataCreateParams;
  contracts_external_metadata_retrieve: ContractsExternalMetadataRetrieveParams;
  contracts_intake_form_response_partial_update: ContractsIntakeFormResponsePartialUpdateParams;
  contracts_invite_create: ContractsInviteCreateParams;
  contracts_key_pointers_bulk_create: ContractsKeyPointersBulkCreateParams;
  contracts_key_pointers_partial_update: ContractsKeyPointersPartialUpdateParams;
  contracts_key_pointers_retrieve: ContractsKeyPointersRetrieveParams;
  contracts_mark_for_execution_create: ContractsMarkForExecutionCreateParams;
  contracts_notes_retrieve: ContractsNotesRetrieveParams;
  contracts_notes_update: ContractsNotesUpdateParams;
  contracts_obligations_bulk_create: ContractsObligationsBulkCreateParams;
  contracts_obligations_bulk_partial_update: ContractsObligationsBulkPartialUpdateParams;
  contracts_obligations_create: ContractsObligationsCreateParams;
  contracts_obligations_destroy: ContractsObligationsDestroyParams;
  contracts_obligations_list: ContractsObligationsListParams;
  contracts_obligations_partial_update: ContractsObligationsPartialUpdateParams;
  contracts_obligations_retrieve_by_id: ContractsObligationsRetrieveByIdParams;
  contracts_preview_create: ContractsPreviewCreateParams;
  contracts_process_metrics_retrieve: ContractsProcessMetricsRetrieveParams;
  contracts_questionnaire_responses_retrieve: ContractsQuestionnaireResponsesRetrieveParams;
  contracts_recipients_recipient_link_retrieve: ContractsRecipientsRecipientLinkRetrieveParams;
  contracts_recipients_retrieve: ContractsRecipientsRetrieveParams;
  contracts_related_contracts_retrieve: ContractsRelatedContractsRetrieveParams;
  contracts_retrieve: ContractsRetrieveParams;
  contracts_review_request_create: ContractsReviewRequestCreateParams;
  contracts_send_to_counterparties_create: ContractsSendToCounterpartiesCreateParams;
  contracts_signatories_resend_email_create: ContractsSignatoriesResendEmailCreateParams;
  contracts_status_retrieve: ContractsStatusRetrieveParams;
  contracts_status_void_create: ContractsStatusVoidCreateParams;
  contracts_tasks_bulk_create: ContractsTasksBulkCreateParams;
  contracts_uninvite_all_create: ContractsUninviteAllCreateParams;
  contracts_uninvite_create: ContractsUninviteCreateParams;
  contracts_unmark_for_execution_create: ContractsUnmarkForExecutionCreateParams;
  contracts_upload_review_contracts_create: ContractsUploadReviewContractsCreateParams;
  contracts_upload_sign_contracts_create: ContractsUploadSignContractsCreateParams;
  contracts_webhooks_re_trigger_latest_create: ContractsWebhooksReTriggerLatestCreateParams;
  counter_parties_addresses_create: CounterPartiesAddressesCreateParams;
  counter_parties_addresses_partial_update: CounterPartiesAddressesPartialUpdateParams;
  counter_parties_addresses_retrieve: CounterPartiesAddressesRetrieveParams;
  counter_parties_contacts_bulk_partial_update: CounterPartiesContactsBulkPartialUpdateParams;
  counter_parties_contacts_create: CounterPartiesContactsCreateParams;
  counter_parties_contacts_destroy: CounterPartiesContactsDestroyParams;
  counter_parties_contacts_partial_update: CounterPartiesContactsPartialUpdateParams;
  counter_parties_contacts_retrieve: CounterPartiesContactsRetrieveParams;
  counter_parties_create: CounterPartiesCreateParams;
  counter_parties_list: CounterPartiesListParams;
  counter_parties_partial_update: CounterPartiesPartialUpdateParams;
  counter_parties_retrieve_by_id: CounterPartiesRetrieveByIdParams;
  facets_options_retrieve: FacetsOptionsRetrieveParams;
  facets_retrieve: FacetsRetrieveParams;
  key_pointers_field_name_mapping_create: KeyPointersFieldNameMappingCreateParams;
  key_pointers_retrieve: KeyPointersRetrieveParams;
  legal_intake_create: LegalIntakeCreateParams;
  legal_intake_destroy: LegalIntakeDestroyParams;
  legal_intake_partial_update: LegalIntakePartialUpdateParams;
  legal_intake_retrieve: LegalIntakeRetrieveParams;
  legal_intake_retrieve_2: LegalIntakeRetrieve2Params;
  obligations_types_list: ObligationsTypesListParams;
  obligations_types_retrieve_by_id: ObligationsTypesRetrieveByIdParams;
  organizations_entities_create: OrganizationsEntitiesCreateParams;
  organizations_entities_retrieve: OrganizationsEntitiesRetrieveParams;
  organizations_types_retrieve: OrganizationsTypesRetrieveParams;
  sidebar_files_create: SidebarFilesCreateParams;
  sidebar_query_create: SidebarQueryCreateParams;
  supported_documents_create: SupportedDocumentsCreateParams;
  templates_list: TemplatesListParams;
  templates_metadata_retrieve: TemplatesMetadataRetrieveParams;
  templates_partial_update: TemplatesPartialUpdateParams;
  templates_retrieve_by_id: TemplatesRetrieveByIdParams;
  user_tasks_create: UserTasksCreateParams;
  webhooks_create: WebhooksCreateParams;
  webhooks_destroy: WebhooksDestroyParams;
  webhooks_hmac_key_get: WebhooksHmacKeyGetParams;
  workspace_feature_flags_create: WorkspaceFeatureFlagsCreateParams;
  workspace_files_retrieve: WorkspaceFilesRetrieveParams;
  workspace_files_uploads_create: WorkspaceFilesUploadsCreateParams;
  workspace_tags_create: WorkspaceTagsCreateParams;
}
/** Every operation name of the table. */
export type OperationName = keyof OperationParams;
/** One method per operation, camelCase: `api.contractsCreate(params)` is `api.call('contracts_create', params)`. */
export interface Api {
  /** `POST /api/v2.1/public/analytics/query/` */
  analyticsQueryCreate(params: OperationParams['analytics_query_create']): HttpRequest;
  /** `POST /api/v2.1/public/auth/roles/{role_id}/members` */
  authRolesMembersCreate(params: OperationParams['auth_roles_members_create']): HttpRequest;
  /** `DELETE /api/v2.1/public/auth/roles/{role_id}/members` */
  authRolesMembersDestroy(params: OperationParams['auth_roles_members_destroy']): HttpRequest;
  /** `GET /api/v2.1/public/auth/roles/` */
  authRolesRetrieve(params?: OperationParams['auth_roles_retrieve'] | null): HttpRequest;
  /** `POST /api/v2.1/public/auth/users/` */
  authUsersCreate(params: OperationParams['auth_users_create']): HttpRequest;
  /** `DELETE /api/v1/public/auth/users/{user_id}` */
  authUsersDestroy(params: OperationParams['auth_users_destroy']): HttpRequest;
  /** `PATCH /api/v1/public/auth/users/{user_id}` */
  authUsersPartialUpdate(params: OperationParams['auth_users_partial_update']): HttpRequest;
  /** `GET /api/v2.1/public/auth/users/` */
  authUsersRetrieve(params?: OperationParams['auth_users_retrieve'] | null): HttpRequest;
  /** `POST /api/v2.1/public/clickwrap/{clickwrap_id}/agreements/preview/` */
  clickwrapAgreementsPreviewCreate(params: OperationParams['clickwrap_agreements_preview_create']): HttpRequest;
  /** `POST /api/v2.1/public/clickwrap/{clickwrap_public_id}/consent_status/` */
  clickwrapConsentStatusCreate(params: OperationParams['clickwrap_consent_status_create']): HttpRequest;
  /** `POST /api/v2.1/public/clickwrap/{clickwrap_public_id}/execute/` */
  clickwrapExecuteCreate(params: OperationParams['clickwrap_execute_create']): HttpRequest;
  /** `GET /api/v2.1/public/clickwrap/{clickwrap_public_id}/` */
  clickwrapRetrieve(params: OperationParams['clickwrap_retrieve']): HttpRequest;
  /** `POST /api/v2.1/public/contract_types/{contract_type_id}/access_control` */
  contractTypesAccessControlCreate(params: OperationParams['contract_types_access_control_create']): HttpRequest;
  /** `GET /api/v2.1/public/contract_types/{contract_type_id}/entities` */
  contractTypesEntitiesRetrieve(params: OperationParams['contract_types_entities_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contract_types/{contract_type_id}/intake_form/questionnaire/` */
  contractTypesIntakeFormQuestionnaireRetrieve(params: OperationParams['contract_types_intake_form_questionnaire_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contract_types/` */
  contractTypesRetrieve(params?: OperationParams['contract_types_retrieve'] | null): HttpRequest;
  /** `POST /api/v2.1/public/contracts/approvals/{contract_id}/` */
  contractsApprovalsCreate(params: OperationParams['contracts_approvals_create']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/approvals/{contract_id}/` */
  contractsApprovalsRetrieve(params: OperationParams['contracts_approvals_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{contract_id}/authorized_users/` */
  contractsAuthorizedUsersRetrieve(params: OperationParams['contracts_authorized_users_retrieve']): HttpRequest;
  /** `PATCH /api/v2.1/public/contracts/{contract_id}/business_user/` */
  contractsBusinessUserPartialUpdate(params: OperationParams['contracts_business_user_partial_update']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/by_external_metadata/{external_metadata_id}` */
  contractsByExternalMetadataRetrieve(params: OperationParams['contracts_by_external_metadata_retrieve']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/comments/` */
  contractsCommentsCreate(params: OperationParams['contracts_comments_create']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{contract_id}/comments/` */
  contractsCommentsRetrieve(params: OperationParams['contracts_comments_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{composite_id}/content` */
  contractsContentRetrieve(params: OperationParams['contracts_content_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{composite_id}/content/scanned` */
  contractsContentScannedRetrieve(params: OperationParams['contracts_content_scanned_retrieve']): HttpRequest;
  /** `PATCH /api/v2.1/public/contracts/{contract_id}/contract_data` */
  contractsContractDataPartialUpdate(params: OperationParams['contracts_contract_data_partial_update']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/contract_relation/` */
  contractsContractRelationCreate(params: OperationParams['contracts_contract_relation_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/contract_version/` */
  contractsContractVersionCreate(params: OperationParams['contracts_contract_version_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/` */
  contractsCreate(params: OperationParams['contracts_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{composite_id}/download` */
  contractsDownloadCreate(params: OperationParams['contracts_download_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/download_docx/` */
  contractsDownloadDocxCreate(params: OperationParams['contracts_download_docx_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{composite_id}/download_link` */
  contractsDownloadLinkCreate(params: OperationParams['contracts_download_link_create']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/embedded/contracts/{contract_id}/counter_party/` */
  contractsEmbeddedContractsCounterPartyRetrieve(params: OperationParams['contracts_embedded_contracts_counter_party_retrieve']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/executed_contracts/` */
  contractsExecutedContractsCreate(params: OperationParams['contracts_executed_contracts_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/external_metadata` */
  contractsExternalMetadataCreate(params: OperationParams['contracts_external_metadata_create']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{contract_id}/external_metadata` */
  contractsExternalMetadataRetrieve(params: OperationParams['contracts_external_metadata_retrieve']): HttpRequest;
  /** `PATCH /api/v2.1/public/contracts/{composite_id}/intake_form/response` */
  contractsIntakeFormResponsePartialUpdate(params: OperationParams['contracts_intake_form_response_partial_update']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/invite/` */
  contractsInviteCreate(params: OperationParams['contracts_invite_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{composite_id}/key_pointers/bulk` */
  contractsKeyPointersBulkCreate(params: OperationParams['contracts_key_pointers_bulk_create']): HttpRequest;
  /** `PATCH /api/v2.1/public/contracts/{contract_id}/key_pointers/{contract_key_pointer_id}` */
  contractsKeyPointersPartialUpdate(params: OperationParams['contracts_key_pointers_partial_update']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{composite_id}/key_pointers` */
  contractsKeyPointersRetrieve(params: OperationParams['contracts_key_pointers_retrieve']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{composite_id}/mark_for_execution/` */
  contractsMarkForExecutionCreate(params: OperationParams['contracts_mark_for_execution_create']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{composite_id}/notes` */
  contractsNotesRetrieve(params: OperationParams['contracts_notes_retrieve']): HttpRequest;
  /** `PUT /api/v2.1/public/contracts/{contract_id}/notes/{note_id}` */
  contractsNotesUpdate(params: OperationParams['contracts_notes_update']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/obligations/bulk/` */
  contractsObligationsBulkCreate(params: OperationParams['contracts_obligations_bulk_create']): HttpRequest;
  /** `PATCH /api/v2.1/public/contracts/{contract_id}/obligations/bulk/` */
  contractsObligationsBulkPartialUpdate(params: OperationParams['contracts_obligations_bulk_partial_update']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/obligations/` */
  contractsObligationsCreate(params: OperationParams['contracts_obligations_create']): HttpRequest;
  /** `DELETE /api/v2.1/public/contracts/{contract_id}/obligations/{obligation_id}/` */
  contractsObligationsDestroy(params: OperationParams['contracts_obligations_destroy']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{contract_id}/obligations/` */
  contractsObligationsList(params: OperationParams['contracts_obligations_list']): HttpRequest;
  /** `PATCH /api/v2.1/public/contracts/{contract_id}/obligations/{obligation_id}/` */
  contractsObligationsPartialUpdate(params: OperationParams['contracts_obligations_partial_update']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{contract_id}/obligations/{obligation_id}/` */
  contractsObligationsRetrieveById(params: OperationParams['contracts_obligations_retrieve_by_id']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/preview/` */
  contractsPreviewCreate(params: OperationParams['contracts_preview_create']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{contract_id}/process_metrics/` */
  contractsProcessMetricsRetrieve(params: OperationParams['contracts_process_metrics_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{contract_id}/questionnaire/responses/` */
  contractsQuestionnaireResponsesRetrieve(params: OperationParams['contracts_questionnaire_responses_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{contract_id}/recipients/recipient_link/` */
  contractsRecipientsRecipientLinkRetrieve(params: OperationParams['contracts_recipients_recipient_link_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{composite_id}/recipients/` */
  contractsRecipientsRetrieve(params: OperationParams['contracts_recipients_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{contract_id}/related_contracts/` */
  contractsRelatedContractsRetrieve(params: OperationParams['contracts_related_contracts_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/` */
  contractsRetrieve(params?: OperationParams['contracts_retrieve'] | null): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/review_request/` */
  contractsReviewRequestCreate(params: OperationParams['contracts_review_request_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{composite_id}/send_to_counterparties` */
  contractsSendToCounterpartiesCreate(params: OperationParams['contracts_send_to_counterparties_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{composite_id}/signatories/resend_email/` */
  contractsSignatoriesResendEmailCreate(params: OperationParams['contracts_signatories_resend_email_create']): HttpRequest;
  /** `GET /api/v2.1/public/contracts/{composite_id}/status` */
  contractsStatusRetrieve(params: OperationParams['contracts_status_retrieve']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{composite_id}/status/void` */
  contractsStatusVoidCreate(params: OperationParams['contracts_status_void_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/tasks/bulk/` */
  contractsTasksBulkCreate(params: OperationParams['contracts_tasks_bulk_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/uninvite_all/` */
  contractsUninviteAllCreate(params: OperationParams['contracts_uninvite_all_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{contract_id}/uninvite/` */
  contractsUninviteCreate(params: OperationParams['contracts_uninvite_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/{composite_id}/unmark_for_execution` */
  contractsUnmarkForExecutionCreate(params: OperationParams['contracts_unmark_for_execution_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/upload_review_contracts/` */
  contractsUploadReviewContractsCreate(params: OperationParams['contracts_upload_review_contracts_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/upload_sign_contracts/` */
  contractsUploadSignContractsCreate(params: OperationParams['contracts_upload_sign_contracts_create']): HttpRequest;
  /** `POST /api/v2.1/public/contracts/webhooks/re_trigger_latest/` */
  contractsWebhooksReTriggerLatestCreate(params: OperationParams['contracts_webhooks_re_trigger_latest_create']): HttpRequest;
  /** `POST /api/v2.1/public/counter_parties/{counterparty_id}/addresses/` */
  counterPartiesAddressesCreate(params: OperationParams['counter_parties_addresses_create']): HttpRequest;
  /** `PATCH /api/v2.1/public/counter_parties/{counterparty_id}/addresses/{address_id}/` */
  counterPartiesAddressesPartialUpdate(params: OperationParams['counter_parties_addresses_partial_update']): HttpRequest;
  /** `GET /api/v2.1/public/counter_parties/{counterparty_id}/addresses/` */
  counterPartiesAddressesRetrieve(params: OperationParams['counter_parties_addresses_retrieve']): HttpRequest;
  /** `PATCH /api/v2.1/public/counter_parties/{counterparty_id}/contacts/bulk/` */
  counterPartiesContactsBulkPartialUpdate(params: OperationParams['counter_parties_contacts_bulk_partial_update']): HttpRequest;
  /** `POST /api/v2.1/public/counter_parties/{counterparty_id}/contacts` */
  counterPartiesContactsCreate(params: OperationParams['counter_parties_contacts_create']): HttpRequest;
  /** `DELETE /api/v2.1/public/counter_parties/{counterparty_id}/contacts/{contact_id}/` */
  counterPartiesContactsDestroy(params: OperationParams['counter_parties_contacts_destroy']): HttpRequest;
  /** `PATCH /api/v2.1/public/counter_parties/{counterparty_id}/contacts/{contact_id}/` */
  counterPartiesContactsPartialUpdate(params: OperationParams['counter_parties_contacts_partial_update']): HttpRequest;
  /** `GET /api/v2.1/public/counter_parties/{counterparty_id}/contacts` */
  counterPartiesContactsRetrieve(params: OperationParams['counter_parties_contacts_retrieve']): HttpRequest;
  /** `POST /api/v2.1/public/counter_parties/` */
  counterPartiesCreate(params: OperationParams['counter_parties_create']): HttpRequest;
  /** `GET /api/v2.1/public/counter_parties/` */
  counterPartiesList(params?: OperationParams['counter_parties_list'] | null): HttpRequest;
  /** `PATCH /api/v2.1/public/counter_parties/{counterparty_id}` */
  counterPartiesPartialUpdate(params: OperationParams['counter_parties_partial_update']): HttpRequest;
  /** `GET /api/v2.1/public/counter_parties/{counterparty_id}` */
  counterPartiesRetrieveById(params: OperationParams['counter_parties_retrieve_by_id']): HttpRequest;
  /** `GET /api/v2.1/public/facets/options/{field_name}/` */
  facetsOptionsRetrieve(params: OperationParams['facets_options_retrieve']): HttpRequest;
  /** `GET /api/v2.1/public/facets/` */
  facetsRetrieve(params?: OperationParams['facets_retrieve'] | null): HttpRequest;
  /** `POST /api/v2.1/public/key_pointers/field-name-mapping/` */
  keyPointersFieldNameMappingCreate(params?: OperationParams['key_pointers_field_name_mapping_create'] | null): HttpRequest;
  /** `GET /api/v2.1/public/key_pointers/` */
  keyPointersRetrieve(params: OperationParams['key_pointers_retrieve']): HttpRequest;
  /** `POST /api/v1/public/legal_intake/` */
  legalIntakeCreate(params: OperationParams['legal_intake_create']): HttpRequest;
  /** `DELETE /api/v1/public/legal_intake/{legal_intake_id}/` */
  legalIntakeDestroy(params: OperationParams['legal_intake_destroy']): HttpRequest;
  /** `PATCH /api/v1/public/legal_intake/{legal_intake_id}/` */
  legalIntakePartialUpdate(params: OperationParams['legal_intake_partial_update']): HttpRequest;
  /** `GET /api/v1/public/legal_intake/` */
  legalIntakeRetrieve(params?: OperationParams['legal_intake_retrieve'] | null): HttpRequest;
  /** `GET /api/v1/public/legal_intake/{legal_intake_id}/` */
  legalIntakeRetrieve_2(params: OperationParams['legal_intake_retrieve_2']): HttpRequest;
  /** `GET /api/v1/public/obligations/types/` */
  obligationsTypesList(params?: OperationParams['obligations_types_list'] | null): HttpRequest;
  /** `GET /api/v1/public/obligations/types/{obligation_type_id}/` */
  obligationsTypesRetrieveById(params: OperationParams['obligations_types_retrieve_by_id']): HttpRequest;
  /** `POST /api/v2.1/public/organizations/entities/` */
  organizationsEntitiesCreate(params: OperationParams['organizations_entities_create']): HttpRequest;
  /** `GET /api/v2.1/public/organizations/entities/` */
  organizationsEntitiesRetrieve(params?: OperationParams['organizations_entities_retrieve'] | null): HttpRequest;
  /** `GET /api/v2.1/public/organizations/types/` */
  organizationsTypesRetrieve(params?: OperationParams['organizations_types_retrieve'] | null): HttpRequest;
  /** `POST /api/v2.1/public/sidebar/files/` */
  sidebarFilesCreate(params: OperationParams['sidebar_files_create']): HttpRequest;
  /** `POST /api/v2.1/public/sidebar/query/` */
  sidebarQueryCreate(params: OperationParams['sidebar_query_create']): HttpRequest;
  /** `POST /api/v2.1/public/supported_documents/{contract_id}/` */
  supportedDocumentsCreate(params: OperationParams['supported_documents_create']): HttpRequest;
  /** `GET /api/v2.1/public/templates/` */
  templatesList(params?: OperationParams['templates_list'] | null): HttpRequest;
  /** `GET /api/v2.1/public/templates/{template_id}/metadata` */
  templatesMetadataRetrieve(params: OperationParams['templates_metadata_retrieve']): HttpRequest;
  /** `PATCH /api/v2.1/public/templates/{template_id}/` */
  templatesPartialUpdate(params: OperationParams['templates_partial_update']): HttpRequest;
  /** `GET /api/v2.1/public/templates/{template_id}/` */
  templatesRetrieveById(params: OperationParams['templates_retrieve_by_id']): HttpRequest;
  /** `POST /api/v2.1/public/user_tasks/` */
  userTasksCreate(params: OperationParams['user_tasks_create']): HttpRequest;
  /** `POST /api/v2.1/public/webhooks/` */
  webhooksCreate(params: OperationParams['webhooks_create']): HttpRequest;
  /** `DELETE /api/v2.1/public/webhooks/{webhook_id}` */
  webhooksDestroy(params: OperationParams['webhooks_destroy']): HttpRequest;
  /** `GET /api/v2.1/public/webhooks/hmac_key/` */
  webhooksHmacKeyGet(params?: OperationParams['webhooks_hmac_key_get'] | null): HttpRequest;
  /** `POST /api/v2.1/public/workspace/feature-flags/` */
  workspaceFeatureFlagsCreate(params: OperationParams['workspace_feature_flags_create']): HttpRequest;
  /** `GET /api/v2.1/public/workspace/files/{file_id}/` */
  workspaceFilesRetrieve(params: OperationParams['workspace_files_retrieve']): HttpRequest;
  /** `POST /api/v2.1/public/workspace/files/uploads/` */
  workspaceFilesUploadsCreate(params: OperationParams['workspace_files_uploads_create']): HttpRequest;
  /** `POST /api/v2.1/public/workspace/tags/` */
  workspaceTagsCreate(params: OperationParams['workspace_tags_create']): HttpRequest;
}
// END operation parameters

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

  /** Any operation of the table by name (`sdkit api --help` lists them), its parameters typed by `OperationParams`. */
  call<O extends OperationName>(operation: O, params?: OperationParams[O] | null): HttpRequest;
  /** Any other endpoint, checked: `path` starts with `v2.1/public/` (relative to the `/api/` base). */
  request(method: HttpMethod, path: string, query?: QueryInput | null, body?: unknown): HttpRequest;

  /** The JSON of a 2xx response (null for 204); throws `api_error` otherwise (redirects name their cause). */
  parseResponse(request: HttpRequest, status: number, headers: HeadersInput | null, body: BodyInput | null): unknown;
  /** Sends with the rate limiter, a per-attempt timeout and core's retry policy; resolves to the JSON. */
  send(request: HttpRequest, options?: SendOptions): Promise<unknown>;
  /** Every result of every page of a paginated operation (built by `call`, sent by `send`). */
  paginate(operation: string, params?: Record<string, unknown> | null, options?: SendOptions): AsyncIterableIterator<unknown>;
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

// --- SpotDraft's integration playbook (planned by the core, sans-I/O) ---------

/** One API call to make: pass it to `api.send(api.call(call.operation, call.params))`. */
export interface PlannedCall {
  readonly operation: OperationName;
  readonly params: Record<string, unknown>;
}

/** One replaced value: where it is in the output and what stands there now (never the value). */
export interface Redaction {
  /** JSON Pointer (RFC 6901) of the value. */
  path: string;
  kind: 'name' | 'email' | 'title' | 'url' | 'secret' | 'text';
  /** The stable placeholder, such as `<email-1>`. */
  placeholder: string;
}

/** Replaces personal data and secrets with stable placeholders; lists what it replaced. */
export declare class Sanitizer {
  constructor();
  /** A sanitised copy of `value` (JSON data), which sits at JSON Pointer `path` in the output. */
  sanitize(value: unknown, path?: string): unknown;
  /** Replaces one text value of `kind` at `path`; its placeholder. */
  redact(path: string, kind: Redaction['kind'], value: string): string;
  /** What was replaced so far, in the order it was met. */
  readonly redactions: Redaction[];
}

/** What the integration knows about a failure beyond the delivery or request itself. */
export interface EscalationOptions {
  /** The environment label (`production`, `uat`, ...). */
  environment?: string;
  /** SpotDraft region (`in`, `us`, `me`, `eu`). */
  region?: string | null;
  /** The integration's own delivery, request or queue job id. */
  integrationId?: string | null;
  /** When the delivery arrived or the request was sent (ISO-8601). */
  occurredAt?: string | null;
  /** The HTTP status: what the receiver answered, or what SpotDraft did. */
  status?: number | null;
}

/** Options of `deliveryBundle`: the context, and a verifier to re-run the signature check with. */
export interface DeliveryBundleOptions extends EscalationOptions {
  verifier?: Verifier | null;
}

/** An escalation bundle (format `BUNDLE_FORMAT`): the minimal failing example, sanitised. */
export interface EscalationBundle {
  format: string;
  kind: 'webhook_delivery' | 'api_request';
  environment: string;
  region: string | null;
  method: string;
  status: number | null;
  integration_id: string | null;
  occurred_at: string | null;
  timestamp: string | null;
  log_records: unknown[];
  /** What was replaced, with its path in this bundle. */
  redacted: Redaction[];
  [field: string]: unknown;
}

/** The bundle of a webhook delivery: raw body, headers (all of them; values sanitised), the receiver's log records. */
export declare function deliveryBundle(body: BodyInput, headers: HeadersInput, logRecords?: Record<string, unknown>[] | null, options?: DeliveryBundleOptions): EscalationBundle;
/** The bundle of an API call from its log record and, if kept, the request and response bodies. */
export declare function apiBundle(record: Record<string, unknown>, requestBody?: unknown, responseBody?: unknown, options?: EscalationOptions): EscalationBundle;

/** A reconciliation job for one contract, ready for the inbox (deduped like any delivery). */
export interface SyntheticDelivery {
  readonly contractId: number;
  readonly status: string | null;
  /** The payload (`source: "reconcile"`). */
  readonly body: Uint8Array;
  readonly dedupeKey: string;
  readonly bodySha256: string;
}

/** What a finished sweep found and what to do about it. */
export interface ReconcileOutcome {
  /** Contract ids that moved without a delivery, in listing order. */
  readonly moved: number[];
  /** Mode `synthetic`: one delivery per moved contract. */
  readonly deliveries: readonly SyntheticDelivery[];
  /** Mode `retrigger`: `re_trigger_latest` calls in batches. */
  readonly reTrigger: readonly PlannedCall[];
  /** Listed ids that are not webhook contract ids. */
  readonly unresolved: string[];
  readonly pages: number;
  /** Whether the listing was read to its end. */
  readonly complete: boolean;
  /** The checkpoint for the next sweep (the old one unless complete). */
  readonly nextCheckpoint: string;
}

/** One reconcile sweep: `firstCall()`, `consumePage(page)` with each answer until null, then `finish()`. */
export declare class Reconcile {
  /** `seen`: the latest activity timestamp the inbox has per contract id. */
  constructor(checkpoint: string, asOf: string, seen: Map<number, string> | Record<string, string> | Iterable<[number, string]>, mode?: 'synthetic' | 'retrigger');
  firstCall(): PlannedCall;
  consumePage(page: unknown): PlannedCall | null;
  finish(): ReconcileOutcome;
}

/** What the webhook registry persists per webhook. */
export interface WebhookRecord {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly activities: readonly string[];
  readonly environment: string;
}

/** A webhook to create. */
export interface WebhookSpec {
  title: string;
  url: string;
  activities: readonly string[];
  environment: string;
}

/** The record to persist from create's 201 response body. */
export declare function recordFromCreated(response: unknown, environment: string): WebhookRecord;
/** The create call; refused when incomplete or its URL is registered in another environment. */
export declare function planCreate(registry: Iterable<WebhookRecord>, spec: WebhookSpec): PlannedCall;
/** The delete call; an id the registry does not hold is refused unless `force`. */
export declare function planDelete(registry: Iterable<WebhookRecord>, id: string, force?: boolean): PlannedCall;
/** Every URL held in more than one environment, with the environments. */
export declare function sharedUrls(registry: Iterable<WebhookRecord>): [string, string[]][];

/** What to do next in a rotation. */
export interface RotationStep {
  readonly name: 'create' | 'await_delivery' | 'delete_old' | 'delete_new' | 'done' | 'rolled_back';
  /** `create`, `delete_old`, `delete_new`. */
  readonly call: PlannedCall | null;
  /** `await_delivery`. */
  readonly webhookId: string | null;
  readonly url: string | null;
  /** `done`. */
  readonly kept: WebhookRecord | null;
}

/** A rotation: create the new webhook, wait for a delivery at it, delete the old one. */
export declare class Rotation {
  private constructor();
  static start(registry: Iterable<WebhookRecord>, oldId: string, spec: WebhookSpec): Rotation;
  step(): RotationStep;
  /** Reports create's 201 body; the record to persist. */
  created(response: unknown): WebhookRecord;
  /** Reports a delivery at `url`; true when it is the new webhook's. */
  deliveryAt(url: string): boolean;
  giveUp(): void;
  /** Reports that the delete of webhook `id` succeeded. */
  deleted(id: string): void;
}

export declare const BUNDLE_FORMAT: string;
export declare const CONTRACTS_LIST_OPERATION: OperationName;
export declare const RE_TRIGGER_OPERATION: OperationName;
export declare const RECONCILE_PAGE_LIMIT: number;
export declare const RE_TRIGGER_BATCH_SIZE: number;
export declare const MAX_RECONCILE_PAGES: number;
export declare const RECONCILED_ACTIVITY: string;
export declare const WEBHOOK_CREATE_OPERATION: OperationName;
export declare const WEBHOOK_DELETE_OPERATION: OperationName;
