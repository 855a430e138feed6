// The JavaScript implementation under test, for every shared suite in this
// directory: SPOTDRAFT_KIT_IMPL names the package (`@spotdraft-kit/wasm`,
// `@spotdraft-kit/node`) or the path of its entry module.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const implSpec = process.env.SPOTDRAFT_KIT_IMPL;
if (!implSpec) throw new Error('set SPOTDRAFT_KIT_IMPL to the package (name or entry path) under test');
const implUrl = isAbsolute(implSpec) || implSpec.startsWith('.')
  ? pathToFileURL(resolve(implSpec)).href
  : implSpec;

/** The module namespace of the implementation under test. */
export const kit = await import(implUrl);
