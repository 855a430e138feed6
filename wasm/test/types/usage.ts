// Typed usage of @spotdraft-kit/wasm, checked by `tsc --noEmit` (types.test.mjs).
// Lines marked @ts-expect-error must stay errors: the types are not `any`.
import {
  Verifier, SpotDraftKitError, parseEvent, sign, diagnose, bodySha256,
  SIGNATURE_HEADER, LEGACY_SIGNATURE_HEADER, ERROR_CODES,
  type Delivery, type ErrorCode, type Event, type LogRecord, type Diagnosis, type HeadersInput,
} from '@spotdraft-kit/wasm';

const verifier = new Verifier([{ id: 'prod', key: 'c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==' }, 'b2xk', new Uint8Array([1, 2])], { maxBodyBytes: 1 << 20, encoding: 'base64' });
const size: number = verifier.size;
const body = new TextEncoder().encode('{"activity":"CONTRACT_CREATED"}');
const signature: string = sign('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==', body);
const index: number = verifier.verify(body.buffer, signature);
const ok: boolean = verifier.isValid('{}', signature);

async function handle(request: Request): Promise<Response> {
  try {
    const delivery: Delivery = verifier.open(request.headers, await request.arrayBuffer());
    const event: Event = delivery.event;
    const id: number | null = event.contractId;
    const record: LogRecord = delivery.logRecord();
    const header: 'current' | 'legacy' = delivery.signatureHeader;
    console.log(id, record, header, delivery.dedupeKey, event.payload, event.performedBy?.email);
    return new Response(null, { status: 202 });
  } catch (err) {
    if (err instanceof SpotDraftKitError) {
      const code: ErrorCode = err.code;
      console.log(code, err.logRecord);
      return new Response(null, { status: err.httpStatus });
    }
    throw err;
  }
}

const nodeHeaders: HeadersInput = { 'x-sd-webhook-content-hash': ['a'], host: undefined };
const pending: Promise<Delivery> = verifier.openAsync(new Map([['x-sd-content-hash', 'a']]), 'x');
const diagnosis: Diagnosis = diagnose('{}', signature, ['c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==']);
const hash: string = bodySha256('{}');
const names: string[] = [SIGNATURE_HEADER, LEGACY_SIGNATURE_HEADER, ...ERROR_CODES];
const parsed: Event = parseEvent(body);

// @ts-expect-error a number is not a body
verifier.verify(42, signature);
// @ts-expect-error the result is a number, not a boolean
const wrong: boolean = verifier.verify(body, signature);
// @ts-expect-error codes are a closed union
const notACode: ErrorCode = 'nope';

export { handle, size, index, ok, nodeHeaders, pending, diagnosis, hash, names, parsed, wrong, notACode };
