// The JavaScript implementation under test, for every shared suite in this
// directory: SPOTDRAFT_KIT_IMPL names the package (`@spotdraft-kit/wasm`,
// `@spotdraft-kit/node`) or the path of its entry module.
// SPOTDRAFT_KIT_VERIFY_ONLY=1 says it is a verifier-only entry
// (`@spotdraft-kit/wasm/verify`), which has no `diagnose`.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const implSpec = process.env.SPOTDRAFT_KIT_IMPL;
if (!implSpec) throw new Error('set SPOTDRAFT_KIT_IMPL to the package (name or entry path) under test');
const implUrl = isAbsolute(implSpec) || implSpec.startsWith('.')
  ? pathToFileURL(resolve(implSpec)).href
  : implSpec;

/** The module namespace of the implementation under test. */
export const kit = await import(implUrl);

/** Whether the implementation is a verifier-only entry (no `diagnose`). */
export const verifyOnly = process.env.SPOTDRAFT_KIT_VERIFY_ONLY === '1';

/**
 * Runs `check` of a diagnosis; for a verifier-only entry asserts instead that
 * it has no `diagnose`, so the table proves the name is absent there.
 */
export function withDiagnose(check) {
  if (!verifyOnly) return check();
  if ('diagnose' in kit) throw new Error('a verifier-only entry exports diagnose');
  return undefined;
}
