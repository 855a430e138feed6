// ESM entry of @spotdraft-kit/node/stores.
import { createRequire } from 'node:module';

const stores = createRequire(import.meta.url)('./stores.js');

export const { MemoryStore, SQLiteStore, PostgresStore, RedisStore } = stores;
