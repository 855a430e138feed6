// Browsers and bundlers: fetch and instantiate the `.wasm` next to this file
// (bundlers recognise `new URL(..., import.meta.url)` and emit the asset).
// Top-level await: the bundled entry continues (and its importers load)
// only once the module is ready.
import init from './spotdraft_kit_wasm.js';

await init({ module_or_path: new URL('./spotdraft_kit_wasm_bg.wasm', import.meta.url) });
