'use strict';
// Express (4 and 5) middleware: reads the raw request body itself within the
// verifier's limit, verifies and opens the delivery, and sets `req.spotdraft`.
// With a seen-store it claims the delivery's dedupe key first: a repeat is
// answered 200 without reaching the handler. Mount it on the webhook route
// before any body parser:
//
//   app.post('/webhooks/spotdraft', spotdraftWebhook(verifier, { store }), (req, res) => {
//     ... req.spotdraft ...
//     res.status(202).json({ ok: true, duplicate: false });
//   });
const kit = require('../index.js');
const shared = require('./shared.js');

const { isKitError, rejection, maxBodyBytesOf, checkArguments, checkDeclaredLength, collectBody, claim, releaseUnlessAccepted } = shared;
const { invalid: invalidArgument } = kit[Symbol.for('@spotdraft-kit.internal')];

const mountHint = (limit) =>
  'the request body was already consumed by a body parser (express.json(), express.text() or similar) ' +
  'before the SpotDraft webhook middleware, so the raw bytes SpotDraft signed are gone. Mount ' +
  'spotdraftWebhook() on the webhook route before any body parser, or give that route ' +
  `express.raw({ type: () => true, limit: ${limit} }) (the verifier's limit; body-parser's default is 100 KB)`;

// Answers with the one error body, never through Express's error handler
// (whose page outside production mode carries a stack trace).
function send(res, status, body, close) {
  res.statusCode = status;
  if (close) res.setHeader('connection', 'close');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
const refuse = (res, err) => send(res, err.httpStatus, rejection(err), err.code === 'body_too_large');

/**
 * @param {import('../index.js').Verifier} verifier
 * @param {{ store?: { claim(key: string): unknown, release(key: string): unknown },
 *   onReject?: (err: Error, req: unknown) => void, maxBodyBytes?: number }} [options]
 */
function spotdraftWebhook(verifier, options = {}) {
  const store = checkArguments(verifier, options, 'spotdraftWebhook');
  const limit = maxBodyBytesOf(verifier, options);
  const onReject = typeof options.onReject === 'function' ? options.onReject : null;

  const rejected = (req, res, err) => {
    if (onReject) onReject(err, req);
    return refuse(res, err);
  };

  const openAndContinue = (req, res, next, body) => {
    let delivery;
    try {
      delivery = verifier.open(req.headers, body);
    } catch (err) {
      if (!isKitError(err)) return next(err);
      return rejected(req, res, err);
    }
    return claim(store, delivery).then((first) => {
      if (!first) return send(res, 200, shared.DUPLICATE, false);
      releaseUnlessAccepted(store, delivery, res);
      req.spotdraft = delivery;
      req.rawBody = body;
      req._body = true; // tells body-parser the body is handled
      return next();
    }, (err) => (isKitError(err) ? rejected(req, res, err) : next(err)));
  };

  return function spotdraftWebhookMiddleware(req, res, next) {
    if (Buffer.isBuffer(req.body)) return openAndContinue(req, res, next, req.body); // express.raw() ran first
    if (req._body === true || req.readableEnded) return refuse(res, invalidArgument(mountHint(limit)));
    try {
      checkDeclaredLength(verifier, req.headers['content-length']);
    } catch (err) {
      if (!isKitError(err)) return next(err);
      // Refused unread; the declared bytes are discarded as they arrive (no
      // buffer), so the sender reads the answer instead of a reset.
      if (onReject) onReject(err, req);
      send(res, err.httpStatus, rejection(err), false);
      return req.resume();
    }
    return collectBody(req, limit, (err, body) => {
      if (err) return next(err);
      return openAndContinue(req, res, next, body);
    });
  };
}

module.exports = { spotdraftWebhook, default: spotdraftWebhook };
