'use strict';
// Fastify plugin: in the scope where it is registered, request bodies are
// read raw within the verifier's limit (a catch-all content-type parser
// replaces the JSON one) and a preHandler hook opens each delivery into
// `request.spotdraft`. With a seen-store it claims the dedupe key first: a
// repeat is answered 200 without reaching the handler. Register it in its
// own scope together with the webhook route:
//
//   app.register(async (scope) => {
//     await scope.register(spotdraftWebhook, { verifier, store });
//     scope.post('/webhooks/spotdraft', async (request, reply) => {
//       ... request.spotdraft ...
//       return reply.code(202).send({ ok: true, duplicate: false });
//     });
//   });
const shared = require('./shared.js');

const { isKitError, rejection, maxBodyBytesOf, checkArguments, checkDeclaredLength, collectBody, claim, releaseUnlessAccepted } = shared;

const PLUGIN_FORM =
  'spotdraftWebhook from @spotdraft-kit/node/fastify is a Fastify plugin, not a hook or a handler: it must ' +
  'replace the body parser to see the raw bytes SpotDraft signed. Register it in the scope of the webhook ' +
  'route: app.register(async (scope) => { await scope.register(spotdraftWebhook, { verifier, store }); ' +
  "scope.post('/webhooks/spotdraft', handler); })";

const isFastify = (value) => value !== null && typeof value === 'object' &&
  typeof value.addContentTypeParser === 'function' && typeof value.addHook === 'function';

// Reads the raw body stream until its end or until it passes `limit`; a
// rejection is kept on the request for the preHandler to answer in the one
// error body (never Fastify's own error shape).
function rawBodyParser(verifier, limit) {
  return (request, payload, done) => {
    try {
      checkDeclaredLength(verifier, request.headers['content-length']);
    } catch (err) {
      if (!isKitError(err)) return done(err);
      // Refused unread; the declared bytes are discarded as they arrive (no
      // buffer), so the sender reads the answer instead of a reset.
      request.spotdraftRejection = err;
      payload.resume();
      return done(null, Buffer.alloc(0));
    }
    return collectBody(payload, limit, done);
  };
}

// Not async: called in a wrong form (e.g. as a preHandler factory) it throws
// at once, at startup, rather than returning a rejected promise.
function spotdraftWebhook(fastify, options) {
  if (!isFastify(fastify)) throw new TypeError(PLUGIN_FORM);
  return register(fastify, options);
}

async function register(fastify, options) {
  const { verifier, onReject } = options ?? {};
  const store = checkArguments(verifier, options, 'spotdraftWebhook');
  const limit = maxBodyBytesOf(verifier, options);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', rawBodyParser(verifier, limit));
  fastify.decorateRequest('spotdraft', null);
  fastify.decorateRequest('spotdraftRejection', null);

  const refuse = (request, reply, err) => {
    if (typeof onReject === 'function') onReject(err, request);
    // A body cut off while read (chunked) leaves bytes in the connection.
    if (err.code === 'body_too_large' && err !== request.spotdraftRejection) reply.header('connection', 'close');
    return reply.code(err.httpStatus).send(rejection(err));
  };

  fastify.addHook('preHandler', async (request, reply) => {
    if (request.spotdraftRejection) return refuse(request, reply, request.spotdraftRejection);
    let delivery;
    try {
      delivery = verifier.open(request.headers, request.body ?? Buffer.alloc(0));
      if (!(await claim(store, delivery))) return reply.code(200).send(shared.DUPLICATE);
    } catch (err) {
      if (!isKitError(err)) throw err;
      return refuse(request, reply, err);
    }
    releaseUnlessAccepted(store, delivery, reply.raw);
    request.spotdraft = delivery;
    return undefined;
  });
}

// Like fastify-plugin: the parser and hook apply to the scope that
// registers this plugin, not to a child scope of their own.
spotdraftWebhook[Symbol.for('skip-override')] = true;
spotdraftWebhook[Symbol.for('fastify.display-name')] = 'spotdraft-kit';

module.exports = { spotdraftWebhook, default: spotdraftWebhook };
