// Copies the shared TypeScript contract (js/spotdraft-kit.d.ts, also shipped
// by @spotdraft-kit/wasm) to this package's index.d.ts. The contract is
// never forked: test/types.test.mjs fails if the two differ.
const { copyFileSync } = require('node:fs');
const { join } = require('node:path');

copyFileSync(join(__dirname, '..', '..', 'js', 'spotdraft-kit.d.ts'), join(__dirname, '..', 'index.d.ts'));
