// CommonJS consumers: `require` resolves to the same declarations.
import kit = require('@spotdraft-kit/wasm');

const verifier: kit.Verifier = new kit.Verifier('c2VjcmV0');
const err: typeof kit.SpotDraftKitError = kit.SpotDraftKitError;
export = { verifier, err };
