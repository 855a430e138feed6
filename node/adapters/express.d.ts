// Types of @spotdraft-kit/node/express.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SeenStore } from './stores';
import type { Delivery, SpotDraftKitError, Verifier } from '../index';

export interface ExpressWebhookOptions {
  /** Claims each delivery's dedupe key first: a repeat is answered 200 without reaching the handler. */
  store?: SeenStore;
  /** Called with each rejected delivery's error (log `err.logRecord`). */
  onReject?: (err: SpotDraftKitError, req: IncomingMessage) => void;
  /** Stop reading after this many bytes (default: the verifier's limit). */
  maxBodyBytes?: number;
}

/**
 * Middleware that reads the raw body, verifies and opens the delivery into
 * `req.spotdraft`, and answers 401/400/413 itself on failures. Mount it on
 * the webhook route before any body parser.
 */
export declare function spotdraftWebhook(
  verifier: Verifier,
  options?: ExpressWebhookOptions,
): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
export default spotdraftWebhook;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The verified delivery, set by spotdraftWebhook(). */
      spotdraft?: Delivery;
      /** The raw body bytes that were verified. */
      rawBody?: Buffer;
    }
  }
}
