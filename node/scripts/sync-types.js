// Copies the shared files of the two JS packages into this one: the
// TypeScript contract (js/spotdraft-kit.d.ts -> index.d.ts), the front layer
// (js/front.js -> front.js) and the SpotDraft API client (js/api-client.js
// -> api-client.js). @spotdraft-kit/wasm bundles the same files. None is
// ever forked: test/types.test.mjs fails if a copy differs.
const { copyFileSync } = require('node:fs');
const { join } = require('node:path');

const shared = join(__dirname, '..', '..', 'js');
const pkg = join(__dirname, '..');
copyFileSync(join(shared, 'spotdraft-kit.d.ts'), join(pkg, 'index.d.ts'));
copyFileSync(join(shared, 'front.js'), join(pkg, 'front.js'));
copyFileSync(join(shared, 'api-client.js'), join(pkg, 'api-client.js'));
