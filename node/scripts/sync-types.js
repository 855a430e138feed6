// Copies the shared TypeScript contract (js/spotdraft-kit.d.ts, also shipped
// by @spotdraft-kit/wasm) to this package's index.d.ts, and the shared
// SpotDraft API client (js/api-client.js, also bundled into
// @spotdraft-kit/wasm) to api-client.js. Neither is ever forked:
// test/types.test.mjs fails if a copy differs.
const { copyFileSync } = require('node:fs');
const { join } = require('node:path');

copyFileSync(join(__dirname, '..', '..', 'js', 'spotdraft-kit.d.ts'), join(__dirname, '..', 'index.d.ts'));
copyFileSync(join(__dirname, '..', '..', 'js', 'api-client.js'), join(__dirname, '..', 'api-client.js'));
