// SpotDraft webhooks with Hono on Node: verified, deduplicated, handled once.
//   npm install
//   SPOTDRAFT_HMAC_KEYS=<hmac_key> npm start
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Verifier } from '@spotdraft-kit/node';
import { spotdraftWebhook } from '@spotdraft-kit/node/hono';
import { SQLiteStore } from '@spotdraft-kit/node/stores';

const verifier = Verifier.fromEnv(process.env); // SPOTDRAFT_HMAC_KEYS: <hmac_key> or label:key,...
const store = new SQLiteStore(new Database(process.env.SEEN_DB ?? 'seen.db')); // or PostgresStore, RedisStore
const app = new Hono();

// 200 for repeats, 401/400/413 refused, all as {"error", "message"}.
app.post('/webhooks/spotdraft', spotdraftWebhook(verifier, { store }), (c) => {
  const delivery = c.get('spotdraft');
  console.log('received', delivery.event.activity, delivery.event.contractId); // your work here
  return c.json({ ok: true, duplicate: false }, 202);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`listening on http://${info.address}:${info.port}`);
});
