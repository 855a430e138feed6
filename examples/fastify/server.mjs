// A SpotDraft webhook receiver on Fastify: verify the raw body, persist,
// dedupe, answer 202 at once, process in the background.
//
//   SPOTDRAFT_HMAC_KEYS=<hmac_key from webhooks/hmac_key/> node server.mjs
//
// Environment: SPOTDRAFT_HMAC_KEYS (required; `label:key,...` holds old and
// new keys during rotation), PORT (3000), HOST (127.0.0.1), DATA_DIR (./data).
import Fastify from 'fastify';
import { Verifier } from '@spotdraft-kit/node';
import { spotdraftWebhook } from '@spotdraft-kit/node/fastify';
import { openOutbox } from '../shared/outbox.mjs';

const verifier = Verifier.fromEnv(process.env); // throws no_keys when SPOTDRAFT_HMAC_KEYS is unset

// The slow work: call your systems here. It runs after SpotDraft has its 202.
async function processDelivery(record) {
  console.log(JSON.stringify({ level: 'info', msg: 'processed', ...record.log }));
}

const outbox = await openOutbox(process.env.DATA_DIR ?? './data', { process: processDelivery });
const log = (fields) => console.log(JSON.stringify(fields));

const app = Fastify();
app.register(async (webhooks) => {
  await webhooks.register(spotdraftWebhook, {
    verifier,
    onReject: (err) => log({ level: 'warn', msg: 'rejected', ...err.logRecord }),
  });
  webhooks.post('/webhooks/spotdraft', async (request, reply) => {
    // If storing fails this throws: 500, and SpotDraft retries.
    const fresh = await outbox.accept(request.spotdraft);
    log({ level: 'info', msg: fresh ? 'accepted' : 'duplicate', ...request.spotdraft.logRecord() });
    return reply.code(fresh ? 202 : 200).send({ ok: true, duplicate: !fresh });
  });
});
app.get('/healthz', async () => ({ ok: true, pending: outbox.pending() }));

const url = await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
log({ level: 'info', msg: 'listening', url });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await app.close();
    await outbox.close();
    process.exit(0);
  });
}
