// `diagnose` of @spotdraft-kit/wasm, in the full entries only: the
// verifier-only module is built without it (no `diagnose` feature), so the
// verify entries leave this file out.
import front from './kit.js';

export const { diagnose } = front.api;
