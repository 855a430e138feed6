'use strict';
// Fastify plugin: in the scope where it is registered, request bodies are
// kept as raw Buffers (a catch-all content-type parser replaces the JSON
// one) and a preHandler hook opens each delivery into `request.spotdraft`.
// Register it in its own scope together with the webhook route:
//
//   app.register(async (scope) => {
//     await scope.register(spotdraftWebhook, { verifier });
//     scope.post('/webhooks/spotdraft', async (request) => { ... request.spotdraft ... });
//   });
const { isKitError, rejection, maxBodyBytesOf, checkVerifier } = require('./shared.js');

async function spotdraftWebhook(fastify, options) {
  const { verifier, onReject } = options ?? {};
  checkVerifier(verifier, 'spotdraftWebhook');
  const bodyLimit = maxBodyBytesOf(verifier, options);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (request, body, done) => done(null, body));
  fastify.decorateRequest('spotdraft', null);
  fastify.addHook('preHandler', async (request, reply) => {
    try {
      request.spotdraft = verifier.open(request.headers, request.body ?? Buffer.alloc(0));
    } catch (err) {
      if (!isKitError(err)) throw err;
      if (typeof onReject === 'function') onReject(err, request);
      return reply.code(err.httpStatus).send(rejection(err));
    }
    return undefined;
  });
}

// Like fastify-plugin: the parser and hook apply to the scope that
// registers this plugin, not to a child scope of their own.
spotdraftWebhook[Symbol.for('skip-override')] = true;
spotdraftWebhook[Symbol.for('fastify.display-name')] = 'spotdraft-kit';

module.exports = { spotdraftWebhook, default: spotdraftWebhook };
