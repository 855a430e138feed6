// Runs the reconcile cron Worker (../index.js) in workerd through miniflare,
// bundled as wrangler bundles it, against the stub SpotDraft server
// (tests/stub) on 127.0.0.1: a scheduled run re-triggers exactly the
// contracts whose deliveries were dropped, in batches, and moves the
// checkpoint; the next run starts from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '../../../shared/workerd.mjs';
import { startStub } from '../../../../tests/js/stub.mjs';

let stub;
let worker;
let mf;
const control = (...args) => stub.control(...args);

before(async () => {
  stub = await startStub();
  worker = await bundleWorker(fileURLToPath(new URL('../index.js', import.meta.url)));
  mf = worker.start({
    bindings: { SPOTDRAFT_BASE_URL: `${stub.base}/api/`, SPOTDRAFT_CLIENT_ID: 'stub-client', SPOTDRAFT_CLIENT_SECRET: 'stub-secret' },
    kvNamespaces: ['STATE'],
  });
});

after(async () => {
  await mf?.dispose();
  worker?.cleanup();
  stub?.stop();
});

test('a scheduled run re-triggers the dropped deliveries in batches and moves the checkpoint', async () => {
  const contracts = Array.from({ length: 130 }, (_, i) => ({
    id: i + 1, status: 'SIGN', last_updated_on: i < 10 ? '2026-10-01T00:00:00Z' : '2026-11-01T12:00:00Z',
  }));
  await control('contracts', contracts);
  // The receiver saw every contract after its last change but these.
  const dropped = contracts.map((c) => c.id).filter((id) => id > 10 && id % 2 === 1);
  const seen = Object.fromEntries(contracts.filter((c) => !dropped.includes(c.id)).map((c) => [c.id, '2026-11-01T12:00:01Z']));
  const state = await mf.getKVNamespace('STATE');
  await state.put('seen', JSON.stringify(seen));

  const cron = await mf.getWorker();
  await cron.scheduled({ cron: '0 * * * *', scheduledTime: new Date('2026-11-02T00:00:00Z') });
  assert.deepEqual(JSON.parse(await state.get('last_run')), { moved: dropped, pages: 2, complete: true });
  const batches = await control('retriggered');
  assert.deepEqual(batches.flat(), dropped);
  assert.deepEqual(batches.map((b) => b.length), [50, 10]);
  assert.equal(await state.get('checkpoint'), '2026-11-02T00:00:00.000Z');
  const listed = (await control('calls')).filter((c) => c.path === '/api/v2.1/public/contracts/');
  // The first run started 24 hours back: contracts 1-10 changed before that.
  assert.equal(new URLSearchParams(listed[0].query).get('filter__last_updated_on[$gte]'), '2026-11-01T00:00:00.000Z');

  // The next run starts at the stored checkpoint: nothing changed since.
  await cron.scheduled({ cron: '0 * * * *', scheduledTime: new Date('2026-11-02T01:00:00Z') });
  assert.deepEqual(JSON.parse(await state.get('last_run')), { moved: [], pages: 1, complete: true });
  assert.equal((await control('retriggered')).length, 2);
  const again = (await control('calls')).filter((c) => c.path === '/api/v2.1/public/contracts/').at(-1);
  assert.equal(new URLSearchParams(again.query).get('filter__last_updated_on[$gte]'), '2026-11-02T00:00:00.000Z');
});
