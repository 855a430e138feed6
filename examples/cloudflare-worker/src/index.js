// A complete SpotDraft webhook receiver for Cloudflare Workers.
//
// What SpotDraft expects of a receiver, and how this one does it:
//  - verify the signature over the RAW body (never re-serialised JSON),
//    read within the 5 MiB limit (Content-Length or chunked);
//  - deliveries repeat (retries, re-triggers): claim delivery.dedupeKey in a
//    Durable Object (atomic: one object per key, one request at a time), so
//    the first copy is accepted once (202) and every repeat answered 200;
//  - persist before the 2xx: the body goes to R2, and the Queue message holds
//    only the dedupe key and the R2 key (a Queue message is at most 128 KB; a
//    delivery can be 5 MiB);
//  - answer errors as {"error": code, "message": ...} with the code's status;
//  - log what happened without secrets or personal data: logRecord().
//
// Bindings (wrangler.toml): SPOTDRAFT_HMAC_KEYS (secret: the hmac_key, or
// label:key,... while rotating; locally in .dev.vars), SEEN (Durable
// Object), BODIES (R2), DELIVERIES (Queue).
import { Verifier, SpotDraftKitError } from '@spotdraft-kit/wasm';
import { DurableObject } from 'cloudflare:workers';

let cached; // { source, verifier }: keys are decoded once per isolate

function verifierFor(env) {
  if (cached?.source !== env.SPOTDRAFT_HMAC_KEYS) {
    cached = { source: env.SPOTDRAFT_HMAC_KEYS, verifier: Verifier.fromEnv(env) };
  }
  return cached.verifier;
}

const log = (record) => console.log(JSON.stringify(record));
const refuse = (err) => Response.json({ error: err.code, message: err.message }, { status: err.httpStatus });

/**
 * The raw body, never more than the verifier's limit in memory: a declared
 * Content-Length over it is refused before reading, a chunked body as soon as
 * it passes it (SpotDraftKitError body_too_large).
 * @param {Request} request
 * @param {Verifier} verifier
 */
async function readBody(request, verifier) {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared)) verifier.checkBodyLength(Number(declared));
  if (request.body === null) return new Uint8Array(0);
  const chunks = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    try {
      verifier.checkBodyLength(size);
    } catch (err) {
      await reader.cancel();
      throw err;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The seen-store: one Durable Object per dedupe key. A Durable Object runs
 * one request at a time against its own storage, so `claim` is atomic and
 * persisted when it returns. (KV is eventually consistent: two copies
 * arriving at once could both pass a KV check.)
 */
export class SeenStore extends DurableObject {
  /** @returns {Promise<boolean>} true the first time */
  async claim() {
    if ((await this.ctx.storage.get('claimed')) !== undefined) return false;
    await this.ctx.storage.put('claimed', Date.now());
    return true;
  }

  async release() {
    await this.ctx.storage.delete('claimed');
  }
}

const seenStub = (env, dedupeKey) => env.SEEN.get(env.SEEN.idFromName(dedupeKey));
const bodyKey = (dedupeKey) => `deliveries/${dedupeKey.replace(':', '/')}.json`;

/**
 * The receiver: verify, claim, persist, enqueue a pointer, answer.
 * @param {Request} request
 */
async function receive(request, env) {
  if (request.method !== 'POST') {
    return Response.json({ error: 'method_not_allowed', message: 'send deliveries with POST' }, { status: 405, headers: { allow: 'POST' } });
  }
  let delivery;
  let body;
  try {
    const verifier = verifierFor(env);
    body = await readBody(request, verifier);
    delivery = verifier.open(request.headers, body);
  } catch (err) {
    if (!(err instanceof SpotDraftKitError)) throw err;
    // 401 signature problems, 400 payload problems, 413 oversize, 500 our
    // own misconfiguration (bad key): SpotDraft retries that one later.
    log(err.logRecord ?? { outcome: 'error', reason: err.code });
    return refuse(err);
  }

  const record = delivery.logRecord();
  const seen = seenStub(env, delivery.dedupeKey);
  if (!(await seen.claim())) {
    log({ ...record, outcome: 'duplicate' });
    return Response.json({ ok: true, duplicate: true }, { status: 200 });
  }
  try {
    const key = bodyKey(delivery.dedupeKey);
    await env.BODIES.put(key, body, { httpMetadata: { contentType: 'application/json' } });
    await env.DELIVERIES.send({ dedupeKey: delivery.dedupeKey, bodyKey: key, receivedAt: new Date().toISOString() });
  } catch (err) {
    // Nothing was accepted: SpotDraft's retry must be handled again.
    await seen.release();
    throw err;
  }
  log(record);
  return Response.json({ ok: true, duplicate: false }, { status: 202 });
}

/**
 * The slow work for one job, keyed by its dedupeKey: idempotent, since a
 * queue may deliver a job more than once. The event is re-read from the
 * body SpotDraft signed, kept in R2.
 * @param {{ dedupeKey: string, bodyKey: string, receivedAt: string }} job
 */
export async function processDelivery(job, env) {
  const done = `done/${job.bodyKey}`;
  if ((await env.BODIES.head(done)) !== null) return false;
  const object = await env.BODIES.get(job.bodyKey);
  if (object === null) return false; // already processed and cleaned up
  const event = await object.json();
  await handleEvent(event, env);
  await env.BODIES.put(done, job.receivedAt);
  return true;
}

// Your business logic. Here: remember each contract's latest activity and
// count processed events.
async function handleEvent(event, env) {
  if (event.contract_id !== undefined) {
    await env.BODIES.put(`contracts/${event.contract_id}/last_activity`, String(event.activity));
  }
  const processed = Number((await (await env.BODIES.get('stats/processed'))?.text()) ?? 0);
  await env.BODIES.put('stats/processed', String(processed + 1));
}

export default {
  fetch: receive,

  // Queue consumer: the pointers the receiver enqueued.
  async queue(batch, env) {
    for (const message of batch.messages) {
      await processDelivery(message.body, env);
      message.ack();
    }
  },
};
