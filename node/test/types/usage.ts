// Compiled with `tsc --noEmit` by test/types.test.mjs: the ways users call
// the package must type-check against the shared contract.
import {
  Verifier,
  SpotDraftKitError,
  parseEvent,
  sign,
  diagnose,
  bodySha256,
  SIGNATURE_HEADER,
  LEGACY_SIGNATURE_HEADER,
  ERROR_CODES,
  type Delivery,
  type ErrorCode,
  type Event,
  type LogRecord,
} from '@spotdraft-kit/node';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { spotdraftWebhook as expressWebhook } from '@spotdraft-kit/node/express';
import { spotdraftWebhook as fastifyWebhook } from '@spotdraft-kit/node/fastify';
import { spotdraftWebhook as honoWebhook } from '@spotdraft-kit/node/hono';
import { MemoryStore, RedisStore, type SeenStore } from '@spotdraft-kit/node/stores';
import type { IncomingHttpHeaders } from 'node:http';

const verifier = new Verifier([{ id: 'prod', key: 'c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==' }, 'b2xk', new Uint8Array([1, 2])], { maxBodyBytes: 1024 });
const size: number = verifier.size;
const body = Buffer.from('{"activity":"CONTRACT_CREATED"}');
const index: number = verifier.verify(body, sign('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==', body));
const valid: boolean = verifier.isValid(new ArrayBuffer(2), 'ab');
const incoming: IncomingHttpHeaders = { [SIGNATURE_HEADER]: 'ab', 'set-cookie': ['a', 'b'] };
const delivery: Delivery = verifier.open(incoming, body);
verifier.open(new Headers({ [LEGACY_SIGNATURE_HEADER]: 'ab' }), 'text');
verifier.open(new Map([['x', 'y']]), new Uint8Array(0));
verifier.open([['x-sd-webhook-content-hash', 'ab']], body);
const later: Promise<Delivery> = verifier.openAsync(incoming, body);
const event: Event = parseEvent(body);
const id: number | null = event.contractId;
const record: LogRecord = delivery.logRecord();
const hash: string = bodySha256('x');
const cause: string = diagnose(body, 'ab', ['c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==']).cause;
const codes: readonly ErrorCode[] = ERROR_CODES;
try {
  verifier.open({}, body);
} catch (err) {
  if (err instanceof SpotDraftKitError) {
    const code: ErrorCode = err.code;
    const status: number = err.httpStatus;
    const reject: LogRecord | null = err.logRecord;
    void [code, status, reject];
  }
}

const app = express();
app.post('/hook', expressWebhook(verifier, { onReject: (err) => console.log(err.logRecord) }), (req, res) => {
  res.json({ key: req.spotdraft?.dedupeKey });
});

const fastify = Fastify();
fastify.register(async (scope) => {
  await scope.register(fastifyWebhook, { verifier });
  scope.post('/hook', async (request) => ({ key: request.spotdraft?.dedupeKey }));
});

const hono = new Hono();
hono.post('/hook', honoWebhook(verifier), (c) => c.json({ key: c.get('spotdraft').dedupeKey }));

// Strict TypeScript takes process.env as it is.
const fromEnv: Verifier = Verifier.fromEnv(process.env, { maxBodyBytes: 1024 });
fromEnv.checkBodyLength(10);
const store: SeenStore = new MemoryStore();
app.post('/once', expressWebhook(fromEnv, { store }), (req, res) => {
  res.status(202).json({ ok: true, duplicate: false });
});
declare const redis: { sendCommand(args: string[]): Promise<unknown> };
hono.post('/once', honoWebhook(fromEnv, { store: new RedisStore(redis, { ttlSeconds: 60 }) }), (c) => c.json({}, 202));

void [size, index, valid, later, id, record, hash, cause, codes];
