// workerd / Cloudflare Workers: the runtime (and wrangler's bundler) turns
// a `.wasm` import into a compiled WebAssembly.Module; instantiate it
// synchronously. Imported before api.js so the module is ready when the API
// is evaluated.
import module from './spotdraft_kit_wasm_bg.wasm';
import { initSync } from './spotdraft_kit_wasm.js';

initSync({ module });
