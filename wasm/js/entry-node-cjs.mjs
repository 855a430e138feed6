// Source of index.cjs, Node's CommonJS entry (bundled by esbuild at build
// time). node.mjs re-exports it for `import`, so both share one instance.
import './init-node.mjs';

export * from './kit.js';
export * from './api.js';
