// A SpotDraft webhook receiver on Express: verify the raw body, persist,
// dedupe, answer 202 at once, process in the background.
//
//   SPOTDRAFT_HMAC_KEYS=<hmac_key from webhooks/hmac_key/> node server.mjs
//
// Environment: SPOTDRAFT_HMAC_KEYS (required; `label:key,...` holds old and
// new keys during rotation), PORT (3000), HOST (127.0.0.1), DATA_DIR (./data).
import express from 'express';
import { Verifier } from '@spotdraft-kit/node';
import { spotdraftWebhook } from '@spotdraft-kit/node/express';
import { openOutbox } from '../shared/outbox.mjs';

const verifier = Verifier.fromEnv(process.env); // throws no_keys when SPOTDRAFT_HMAC_KEYS is unset

// The slow work: call your systems here. It runs after SpotDraft has its 202.
async function processDelivery(record) {
  console.log(JSON.stringify({ level: 'info', msg: 'processed', ...record.log }));
}

const outbox = await openOutbox(process.env.DATA_DIR ?? './data', { process: processDelivery });
const log = (fields) => console.log(JSON.stringify(fields));

const app = express();
app.post(
  '/webhooks/spotdraft',
  spotdraftWebhook(verifier, { onReject: (err) => log({ level: 'warn', msg: 'rejected', ...err.logRecord }) }),
  async (req, res, next) => {
    try {
      const fresh = await outbox.accept(req.spotdraft);
      log({ level: 'info', msg: fresh ? 'accepted' : 'duplicate', ...req.spotdraft.logRecord() });
      res.status(fresh ? 202 : 200).json({ ok: true, duplicate: !fresh });
    } catch (err) {
      next(err); // not stored: 500, and SpotDraft retries
    }
  },
);
app.get('/healthz', (req, res) => res.json({ ok: true, pending: outbox.pending() }));

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  log({ level: 'info', msg: 'listening', url: `http://${address}:${port}` });
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(async () => {
    await outbox.close();
    process.exit(0);
  }));
}
