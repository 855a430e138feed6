// The webhook API of @spotdraft-kit/wasm: the shared front layer
// (js/front.js, bundled at build time) over the wasm module, exactly as
// @spotdraft-kit/node runs it over its native addon. It imports nothing of
// the API layer (api.js) or the diagnosis (diagnosis.js), so the
// verifier-only entries (verify/) hold neither. Each runtime's entry
// (workerd.js, browser.js, entry-node-cjs.mjs) imports its init module first
// and is bundled into one module, so the wasm is instantiated before the
// top-level code below runs.
import * as raw from './spotdraft_kit_wasm.js';
import { createFront } from './front.js';

const front = createFront(raw);

// front.js's EXPORTS without those of the diagnosis and the API layer
// (VERIFY_OMITS), which the full entries add (diagnosis.js, api.js);
// verify.test.mjs checks both entries against those lists.
export const {
  Verifier,
  SpotDraftKitError,
  parseEvent,
  sign,
  bodySha256,
  SIGNATURE_HEADER,
  LEGACY_SIGNATURE_HEADER,
  ERROR_CODES,
  implementation,
} = front.api;

/** The front (`api`, and `internal`: input checks and helpers) for the full entries' diagnosis.js and api.js; not public (a default export, which the entries do not re-export). */
export default front;
