// SpotDraft webhooks with Express: verified, deduplicated, handled once.
//   npm install
//   SPOTDRAFT_HMAC_KEYS=<hmac_key> npm start
import express from 'express';
import Database from 'better-sqlite3';
import { Verifier } from '@spotdraft-kit/node';
import { spotdraftWebhook } from '@spotdraft-kit/node/express';
import { SQLiteStore } from '@spotdraft-kit/node/stores';

const verifier = Verifier.fromEnv(process.env); // SPOTDRAFT_HMAC_KEYS: <hmac_key> or label:key,...
const store = new SQLiteStore(new Database(process.env.SEEN_DB ?? 'seen.db')); // or PostgresStore, RedisStore
const app = express();

// Before any body parser; 200 for repeats, 401/400/413 refused, all as {"error", "message"}.
app.post('/webhooks/spotdraft', spotdraftWebhook(verifier, { store }), (req, res) => {
  const delivery = req.spotdraft;
  console.log('received', delivery.event.activity, delivery.event.contractId); // your work here
  res.status(202).json({ ok: true, duplicate: false });
});

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`listening on http://${server.address().address}:${server.address().port}`);
});
