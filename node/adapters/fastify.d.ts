// Types of @spotdraft-kit/node/fastify.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { SeenStore } from './stores';
import type { Delivery, SpotDraftKitError, Verifier } from '../index';

export interface FastifyWebhookOptions {
  verifier: Verifier;
  /** Claims each delivery's dedupe key first: a repeat is answered 200 without reaching the handler. */
  store?: SeenStore;
  /** Called with each rejected delivery's error (log `err.logRecord`). */
  onReject?: (err: SpotDraftKitError, request: FastifyRequest) => void;
  /** Body limit of the raw parser (default: the verifier's limit). */
  maxBodyBytes?: number;
}

/** Raw-body parser plus a preHandler that sets `request.spotdraft`, for the scope that registers it. */
export declare const spotdraftWebhook: FastifyPluginAsync<FastifyWebhookOptions>;
export default spotdraftWebhook;

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified delivery, set by the spotdraft-kit plugin. */
    spotdraft: Delivery | null;
  }
}
