// Typed usage of @spotdraft-kit/wasm/verify, checked by `tsc --noEmit`
// (types.test.mjs): the webhook API types as in the main entry, and no
// `diagnose` (the verifier-only module has none).
import {
  Verifier, SpotDraftKitError, parseEvent, sign, bodySha256, SIGNATURE_HEADER, ERROR_CODES,
  type Delivery, type ErrorCode, type Event,
} from '@spotdraft-kit/wasm/verify';
// @ts-expect-error the verifier-only entry has no diagnose
import { diagnose } from '@spotdraft-kit/wasm/verify';
// @ts-expect-error nor the Diagnosis type
import type { Diagnosis } from '@spotdraft-kit/wasm/verify';

const KEY = 'c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==';
const verifier = new Verifier(KEY);
const body = '{"activity":"CONTRACT_SIGNED"}';
const delivery: Delivery = verifier.open({ [SIGNATURE_HEADER]: sign(KEY, body) }, body);
const event: Event = parseEvent(body);
const hash: string = bodySha256(body);
const codes: readonly ErrorCode[] = ERROR_CODES;
const isKitError = (e: unknown): boolean => e instanceof SpotDraftKitError;

export { delivery, event, hash, codes, isKitError, diagnose };
export type { Diagnosis };
