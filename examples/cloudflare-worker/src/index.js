// A complete SpotDraft webhook receiver for Cloudflare Workers.
//
// What SpotDraft expects of a receiver, and how this one does it:
//  - verify the signature over the RAW body (never re-serialised JSON):
//    request.arrayBuffer(), then Verifier.open;
//  - answer 2xx fast: the receiver only verifies, dedupes and enqueues;
//  - deliveries repeat (retries, re-triggers): dedupe on delivery.dedupeKey,
//    which SpotDraft's re-sent or re-serialised copies of one event share;
//  - log what happened without secrets or personal data: logRecord().
//
// Bindings (wrangler.toml): SPOTDRAFT_HMAC_KEYS (secret: one key, or a JSON
// array of keys / {id, key} objects during a rotation), DEDUPE (KV),
// DELIVERIES (Queue, optional).
import { Verifier, SpotDraftKitError } from '@spotdraft-kit/wasm';

// Keep deduplication records for 30 days: longer than SpotDraft retries.
const DEDUPE_TTL_SECONDS = 30 * 24 * 3600;

let cached; // { source, verifier }: keys are decoded once per isolate

function verifierFor(env) {
  const source = env.SPOTDRAFT_HMAC_KEYS;
  if (cached?.source !== source) {
    const keys = source?.trim().startsWith('[') ? JSON.parse(source) : source;
    cached = { source, verifier: new Verifier(keys) };
  }
  return cached.verifier;
}

function log(record) {
  console.log(JSON.stringify(record));
}

/**
 * The receiver: verify, dedupe, hand off, answer.
 * @param {Request} request
 */
async function receive(request, env, ctx) {
  if (request.method !== 'POST') return new Response('method not allowed', { status: 405, headers: { allow: 'POST' } });
  // The raw bytes SpotDraft signed. request.json() would lose them.
  const body = await request.arrayBuffer();
  let delivery;
  try {
    delivery = verifierFor(env).open(request.headers, body);
  } catch (err) {
    if (!(err instanceof SpotDraftKitError)) throw err;
    // 401 signature problems, 400 payload problems, 413 oversize, 500 our
    // own misconfiguration (bad key): SpotDraft retries that one later.
    log(err.logRecord ?? { outcome: 'error', reason: err.code });
    return Response.json({ error: err.code }, { status: err.httpStatus });
  }

  const record = delivery.logRecord();
  const seenKey = `seen:${delivery.dedupeKey}`;
  if (await env.DEDUPE.get(seenKey) !== null) {
    log({ ...record, outcome: 'duplicate' });
    return Response.json({ status: 'duplicate', dedupeKey: delivery.dedupeKey }, { status: 200 });
  }

  const job = { dedupeKey: delivery.dedupeKey, event: delivery.event.payload, receivedAt: new Date().toISOString() };
  if (env.DELIVERIES) await env.DELIVERIES.send(job);
  else ctx.waitUntil(processDelivery(job, env));
  // KV is eventually consistent: two copies arriving at once can both pass
  // the check above; processDelivery is idempotent for that reason. For
  // strict once-only processing, route jobs to a Durable Object named by
  // dedupeKey (env.DO.idFromName(job.dedupeKey)).
  await env.DEDUPE.put(seenKey, '1', { expirationTtl: DEDUPE_TTL_SECONDS });
  log(record);
  return Response.json({ status: 'accepted', dedupeKey: delivery.dedupeKey }, { status: 202 });
}

/**
 * The slow work for one delivery, keyed by its dedupeKey: safe to run from a
 * Queue consumer, a Durable Object or ctx.waitUntil, and idempotent, since a
 * queue may deliver a job more than once.
 * @param {{ dedupeKey: string, event: Record<string, unknown>, receivedAt: string }} job
 */
export async function processDelivery(job, env) {
  const doneKey = `done:${job.dedupeKey}`;
  if (await env.DEDUPE.get(doneKey) !== null) return false;
  await handleEvent(job.event, env);
  await env.DEDUPE.put(doneKey, job.receivedAt, { expirationTtl: DEDUPE_TTL_SECONDS });
  return true;
}

// Your business logic. Here: remember each contract's latest activity and
// count processed events.
async function handleEvent(event, env) {
  if (event.contract_id !== undefined) {
    await env.DEDUPE.put(`contract:${event.contract_id}:last_activity`, String(event.activity));
  }
  const processed = Number(await env.DEDUPE.get('stats:processed') ?? 0);
  await env.DEDUPE.put('stats:processed', String(processed + 1));
}

export default {
  fetch: receive,

  // Queue consumer: the jobs the receiver enqueued.
  async queue(batch, env) {
    for (const message of batch.messages) {
      await processDelivery(message.body, env);
      message.ack();
    }
  },
};
