// Copies the shared files of the two JS packages into this one: the
// TypeScript contract (js/spotdraft-kit.d.ts -> index.d.ts), the front layer
// (js/front.js -> front.js) and the SpotDraft API client (js/api-client.js
// -> api-client.js) and the playbook (js/playbook.js -> playbook.js).
// @spotdraft-kit/wasm bundles the same files. None is
// ever forked: test/types.test.mjs fails if a copy differs. Also the wasm
// fallback, when wasm/ has been built.
const { copyFileSync, existsSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const shared = join(__dirname, '..', '..', 'js');
const pkg = join(__dirname, '..');
copyFileSync(join(shared, 'spotdraft-kit.d.ts'), join(pkg, 'index.d.ts'));
copyFileSync(join(shared, 'front.js'), join(pkg, 'front.js'));
copyFileSync(join(shared, 'api-client.js'), join(pkg, 'api-client.js'));
copyFileSync(join(shared, 'playbook.js'), join(pkg, 'playbook.js'));

// The wasm fallback (built by wasm/scripts/wasm-build.sh), for platforms
// where no native binary loads.
const fallback = join(__dirname, '..', '..', 'target', 'wasm', 'node-fallback');
if (existsSync(join(fallback, 'native.cjs'))) {
  mkdirSync(join(pkg, 'wasm'), { recursive: true });
  for (const file of ['native.cjs', 'spotdraft_kit_wasm_bg.wasm']) copyFileSync(join(fallback, file), join(pkg, 'wasm', file));
}
