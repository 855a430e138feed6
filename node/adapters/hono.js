'use strict';
// Hono middleware: verifies the raw body of a Fetch Request and sets
// `c.get('spotdraft')`; with a seen-store, a repeat is answered 200 without
// reaching the handler. It touches only Fetch APIs, so the same code runs on
// Workers with a verifier from @spotdraft-kit/wasm.
//
//   app.post('/webhooks/spotdraft', spotdraftWebhook(verifier, { store }), (c) => {
//     ... c.get('spotdraft') ...
//     return c.json({ ok: true, duplicate: false }, 202);
//   });
const { DUPLICATE, isKitError, rejection, maxBodyBytesOf, checkArguments, checkDeclaredLength, claim } = require('./shared.js');

// Reads the body up to `limit + 1` bytes (enough for core to see it is too
// large, never an unbounded buffer) and leaves it in Hono's body cache, so
// handlers can still call c.req.json() or c.req.text().
async function readBody(c, limit) {
  const request = c.req.raw;
  if (request.bodyUsed || !request.body) return new Uint8Array(await c.req.arrayBuffer());
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      break;
    }
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Hono caches promises of bodies, keyed by how they were read.
  if (size <= limit && c.req.bodyCache) c.req.bodyCache.arrayBuffer = Promise.resolve(body.buffer);
  return body;
}

function spotdraftWebhook(verifier, options = {}) {
  const store = checkArguments(verifier, options, 'spotdraftWebhook');
  const limit = maxBodyBytesOf(verifier, options);
  const refuse = (c, err) => {
    if (typeof options.onReject === 'function') options.onReject(err, c);
    return c.json(rejection(err), err.httpStatus);
  };
  return async function spotdraftWebhookMiddleware(c, next) {
    let delivery;
    try {
      checkDeclaredLength(verifier, c.req.raw.headers.get('content-length') ?? undefined);
      delivery = verifier.open(c.req.raw.headers, await readBody(c, limit));
      if (!(await claim(store, delivery))) return c.json(DUPLICATE, 200);
    } catch (err) {
      if (!isKitError(err)) throw err;
      return refuse(c, err);
    }
    c.set('spotdraft', delivery);
    let accepted = false;
    try {
      await next();
      accepted = !c.error && c.res.status >= 200 && c.res.status < 300;
    } finally {
      // A handler that failed releases the claim: SpotDraft's retry is new.
      if (!accepted && store !== null) await store.release(delivery.dedupeKey);
    }
    return undefined;
  };
}

module.exports = { spotdraftWebhook, default: spotdraftWebhook };
