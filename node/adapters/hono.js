'use strict';
// Hono middleware: verifies the raw body of a Fetch Request and sets
// `c.get('spotdraft')`. It touches only Fetch APIs, so the same code runs on
// Workers with a verifier from @spotdraft-kit/wasm.
//
//   app.post('/webhooks/spotdraft', spotdraftWebhook(verifier), (c) => { ... c.get('spotdraft') ... });
const { isKitError, rejection, maxBodyBytesOf, checkVerifier } = require('./shared.js');

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
  checkVerifier(verifier, 'spotdraftWebhook');
  const limit = maxBodyBytesOf(verifier, options);
  return async function spotdraftWebhookMiddleware(c, next) {
    const body = await readBody(c, limit);
    try {
      c.set('spotdraft', verifier.open(c.req.raw.headers, body));
    } catch (err) {
      if (!isKitError(err)) throw err;
      if (typeof options.onReject === 'function') options.onReject(err, c);
      return c.json(rejection(err), err.httpStatus);
    }
    await next();
    return undefined;
  };
}

module.exports = { spotdraftWebhook, default: spotdraftWebhook };
