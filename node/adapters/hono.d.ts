// Types of @spotdraft-kit/node/hono.
import type { Context, MiddlewareHandler } from 'hono';
import type { SeenStore } from './stores';
import type { Delivery, SpotDraftKitError, Verifier } from '../index';

export interface HonoWebhookOptions {
  /** Claims each delivery's dedupe key first: a repeat is answered 200 without reaching the handler. */
  store?: SeenStore;
  /** Called with each rejected delivery's error (log `err.logRecord`). */
  onReject?: (err: SpotDraftKitError, c: Context) => void;
  /** Stop reading after this many bytes (default: the verifier's limit, else 5 MiB). */
  maxBodyBytes?: number;
}

/** Verifies the raw body and sets `c.get('spotdraft')`; answers 401/400/413 itself. */
export declare function spotdraftWebhook(
  verifier: Pick<Verifier, 'open'>,
  options?: HonoWebhookOptions,
): MiddlewareHandler<{ Variables: { spotdraft: Delivery } }>;
export default spotdraftWebhook;
