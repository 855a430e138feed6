// Node: read the `.wasm` beside the bundle and instantiate it synchronously,
// so `require` works. Only the CommonJS bundle (index.cjs) contains this.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from './spotdraft_kit_wasm.js';

// eslint-disable-next-line no-undef -- the CommonJS bundle defines __dirname
initSync({ module: readFileSync(join(__dirname, 'spotdraft_kit_wasm_bg.wasm')) });
