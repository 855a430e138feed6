'use strict';
// Express (4 and 5) middleware: reads the raw request body itself, verifies
// and opens the delivery, and sets `req.spotdraft`. Mount it on the webhook
// route before any body parser:
//
//   app.post('/webhooks/spotdraft', spotdraftWebhook(verifier), (req, res) => { ... });
const kit = require('../index.js');
const { isKitError, rejection, maxBodyBytesOf, checkVerifier } = require('./shared.js');

const { invalid: invalidArgument } = kit[Symbol.for('@spotdraft-kit.internal')];

const MOUNT_HINT =
  'the request body was already consumed by a body parser (express.json(), express.text() or similar) ' +
  'before the SpotDraft webhook middleware, so the raw bytes SpotDraft signed are gone. Mount ' +
  'spotdraftWebhook() on the webhook route before any body parser, or use express.raw({ type: "*/*" }) ' +
  'for that route only';

function send(res, err) {
  res.statusCode = err.httpStatus;
  if (err.code === 'body_too_large') res.setHeader('connection', 'close');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(rejection(err)));
}

// Collects the body up to `limit + 1` bytes: enough for core to see it is
// too large, never an unbounded buffer.
function readBody(req, limit, done) {
  const chunks = [];
  let size = 0;
  let finished = false;
  const finish = (err, body) => {
    if (finished) return;
    finished = true;
    req.removeListener('data', onData);
    req.removeListener('end', onEnd);
    req.removeListener('error', onError);
    req.removeListener('close', onClose);
    done(err, body);
  };
  const onData = (chunk) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) {
      req.pause();
      finish(null, Buffer.concat(chunks, size));
    }
  };
  const onEnd = () => finish(null, Buffer.concat(chunks, size));
  const onError = (err) => finish(err);
  const onClose = () => finish(new Error('the request was closed before its body was complete'));
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
  req.on('close', onClose);
}

/**
 * @param {import('../index.js').Verifier} verifier
 * @param {{ onReject?: (err: Error, req: unknown) => void, maxBodyBytes?: number }} [options]
 */
function spotdraftWebhook(verifier, options = {}) {
  checkVerifier(verifier, 'spotdraftWebhook');
  const limit = maxBodyBytesOf(verifier, options);
  const onReject = typeof options.onReject === 'function' ? options.onReject : null;

  const openAndContinue = (req, res, next, body) => {
    let delivery;
    try {
      delivery = verifier.open(req.headers, body);
    } catch (err) {
      if (!isKitError(err)) return next(err);
      if (onReject) onReject(err, req);
      return send(res, err);
    }
    req.spotdraft = delivery;
    req.rawBody = body;
    req._body = true; // tells body-parser the body is handled
    return next();
  };

  return function spotdraftWebhookMiddleware(req, res, next) {
    if (Buffer.isBuffer(req.body)) return openAndContinue(req, res, next, req.body); // express.raw() ran first
    if (req._body === true || req.readableEnded) {
      const err = invalidArgument(MOUNT_HINT);
      err.status = 500; // for Express's error handler
      return next(err);
    }
    return readBody(req, limit, (err, body) => {
      if (err) return next(err);
      return openAndContinue(req, res, next, body);
    });
  };
}

module.exports = { spotdraftWebhook, default: spotdraftWebhook };
