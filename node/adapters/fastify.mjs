// ESM entry of @spotdraft-kit/node/fastify.
import { createRequire } from 'node:module';

const adapter = createRequire(import.meta.url)('./fastify.js');

export const { spotdraftWebhook } = adapter;
export default adapter.spotdraftWebhook;
