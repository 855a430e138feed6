// Entry for browsers, bundlers and other ES module runtimes (Deno, Bun).
import './init-browser.js';

export * from './api.js';
