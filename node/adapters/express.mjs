// ESM entry of @spotdraft-kit/node/express.
import { createRequire } from 'node:module';

const adapter = createRequire(import.meta.url)('./express.js');

export const { spotdraftWebhook } = adapter;
export default adapter.spotdraftWebhook;
