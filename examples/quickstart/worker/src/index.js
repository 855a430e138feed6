// SpotDraft webhooks on Cloudflare Workers: verified, deduplicated, handled once.
//   npm install
//   echo 'SPOTDRAFT_HMAC_KEYS=<hmac_key>' > .dev.vars && npm run dev
import { DurableObject } from 'cloudflare:workers';
import { Verifier, SpotDraftKitError } from '@spotdraft-kit/wasm';

// The seen-store: one Durable Object per dedupe key, one request at a time.
export class SeenStore extends DurableObject {
  async claim() {
    if (await this.ctx.storage.get('claimed')) return false;
    await this.ctx.storage.put('claimed', true);
    return true;
  }

  async release() {
    await this.ctx.storage.delete('claimed');
  }
}

// The raw body SpotDraft signed, never more than the limit in memory.
async function readBody(request, verifier) {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isSafeInteger(declared)) verifier.checkBodyLength(declared);
  const chunks = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    verifier.checkBodyLength((size += chunk.byteLength)); // chunked: stop past the limit
    chunks.push(chunk);
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

let verifier; // built once per isolate
export default {
  async fetch(request, env) {
    verifier ??= Verifier.fromEnv(env); // SPOTDRAFT_HMAC_KEYS: <hmac_key> or label:key,...
    let delivery;
    try {
      delivery = verifier.open(request.headers, await readBody(request, verifier));
    } catch (err) {
      if (!(err instanceof SpotDraftKitError)) throw err;
      return Response.json({ error: err.code, message: err.message }, { status: err.httpStatus }); // 401, 400, 413
    }
    const seen = env.SEEN.get(env.SEEN.idFromName(delivery.dedupeKey));
    if (!(await seen.claim())) return Response.json({ ok: true, duplicate: true }, { status: 200 });
    try {
      console.log('received', delivery.event.activity, delivery.event.contractId); // your work here
    } catch (err) {
      await seen.release(); // not handled: SpotDraft's retry is new
      throw err;
    }
    return Response.json({ ok: true, duplicate: false }, { status: 202 });
  },
};
