// SpotDraft webhooks with Fastify: verified, deduplicated, handled once.
//   npm install
//   SPOTDRAFT_HMAC_KEYS=<hmac_key> npm start
import Fastify from 'fastify';
import Database from 'better-sqlite3';
import { Verifier } from '@spotdraft-kit/node';
import { spotdraftWebhook } from '@spotdraft-kit/node/fastify';
import { SQLiteStore } from '@spotdraft-kit/node/stores';

const verifier = Verifier.fromEnv(process.env); // SPOTDRAFT_HMAC_KEYS: <hmac_key> or label:key,...
const store = new SQLiteStore(new Database(process.env.SEEN_DB ?? 'seen.db')); // or PostgresStore, RedisStore
const app = Fastify();

// A plugin, in its own scope with the webhook route: the raw body parser
// stays there. 200 for repeats, 401/400/413 refused, all as {"error", "message"}.
app.register(async (scope) => {
  await scope.register(spotdraftWebhook, { verifier, store });
  scope.post('/webhooks/spotdraft', async (request, reply) => {
    const delivery = request.spotdraft;
    console.log('received', delivery.event.activity, delivery.event.contractId); // your work here
    return reply.code(202).send({ ok: true, duplicate: false });
  });
});

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
console.log(`listening on ${address}`);
