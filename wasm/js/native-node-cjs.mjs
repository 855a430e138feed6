// Source of the wasm fallback of @spotdraft-kit/node (bundled by esbuild
// at build time into native.cjs, which that package ships): the raw wasm
// exports, which implement the same native interface as the addon, for the
// shared front layer to run over where no native binary loads.
import './init-node.mjs';

export * from './spotdraft_kit_wasm.js';
