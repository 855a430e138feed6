// Entry for workerd / Cloudflare Workers (conditions `workerd`, `worker`).
import './init-workerd.js';

export * from './kit.js';
export * from './api.js';
