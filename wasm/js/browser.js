// Entry for browsers, bundlers and other ES module runtimes (Deno, Bun).
import './init-browser.js';

export * from './kit.js';
export * from './api.js';
