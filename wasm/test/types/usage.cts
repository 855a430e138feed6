// CommonJS consumers: `require` resolves to the same declarations.
import kit = require('@spotdraft-kit/wasm');

const verifier: kit.Verifier = new kit.Verifier('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==');
const err: typeof kit.SpotDraftKitError = kit.SpotDraftKitError;
export = { verifier, err };
