// ESM entry of @spotdraft-kit/node/hono.
import { createRequire } from 'node:module';

const adapter = createRequire(import.meta.url)('./hono.js');

export const { spotdraftWebhook } = adapter;
export default adapter.spotdraftWebhook;
