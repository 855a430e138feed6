// A Cloudflare Worker cron that reconciles: every run lists the contracts
// SpotDraft changed since the stored checkpoint and asks SpotDraft to
// re-send the latest webhook of each one whose delivery never arrived.
// The core plans the sweep; this Worker sends what it plans and keeps the
// checkpoint. Bindings: SPOTDRAFT_REGION (or SPOTDRAFT_BASE_URL),
// SPOTDRAFT_CLIENT_ID, SPOTDRAFT_CLIENT_SECRET, and a KV namespace STATE
// holding `checkpoint` and `seen` (the receiver's latest activity timestamp
// per contract id, as JSON).
import { Api, Reconcile } from '@spotdraft-kit/wasm';

const DAY_MS = 24 * 60 * 60 * 1000;

// snippet-start: reconcile
async function reconcile(api, checkpoint, now, seen) {
  const sweep = new Reconcile(checkpoint, now, seen, 'retrigger'); // or 'synthetic'
  let call = sweep.firstCall(); // contracts, last_updated_on >= checkpoint
  while (call !== null) call = sweep.consumePage(await api.send(api.call(call.operation, call.params)));
  const outcome = sweep.finish();
  for (const batch of outcome.reTrigger) await api.send(api.call(batch.operation, batch.params));
  return outcome; // outcome.nextCheckpoint: where the next run starts
}
// snippet-end: reconcile

export default {
  async scheduled(controller, env) {
    const now = new Date(controller.scheduledTime).toISOString();
    const checkpoint = (await env.STATE.get('checkpoint')) ?? new Date(controller.scheduledTime - DAY_MS).toISOString();
    const seen = Object.entries((await env.STATE.get('seen', 'json')) ?? {});
    const outcome = await reconcile(Api.fromEnv(env), checkpoint, now, seen);
    await env.STATE.put('checkpoint', outcome.nextCheckpoint);
    await env.STATE.put('last_run', JSON.stringify({ moved: outcome.moved, pages: outcome.pages, complete: outcome.complete }));
  },
};
