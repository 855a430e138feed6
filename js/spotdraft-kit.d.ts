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
export type BodyInput = Uint8Array | ArrayBuffer | string;

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
  | 'valid' | 'body_reserialized' | 'trailing_newline' | 'key_not_base64_decoded'
  | 'key_should_be_base64_decoded' | 'wrong_algorithm' | 'header_has_prefix'
  | 'signature_base64' | 'malformed_signature' | 'wrong_key';

export interface Diagnosis {
  cause: DiagnosisCause;
  keyIndex: number | null;
  variant: string | null;
  message: string;
}

/** The one error type. `instanceof SpotDraftKitError` works from user code. */
export declare class SpotDraftKitError extends Error {
  readonly name: 'SpotDraftKitError';
  readonly code: ErrorCode;
  /** The status a receiver should answer: 401, 400, 413 (500 for misconfiguration). */
  readonly httpStatus: number;
  /** For rejected deliveries: reason, body hash and length. */
  readonly logRecord: LogRecord | null;
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
