// SpotDraft's integration playbook in a JavaScript implementation of
// spotdraft-kit: the playbook vectors (tests/vectors/playbook/*.json, which
// the core and the Python package pass too), then each planner carried out
// against the stub SpotDraft server (tests/stub), which this suite starts on
// 127.0.0.1 and stops. The implementation is chosen by SPOTDRAFT_KIT_IMPL,
// as for conformance.test.mjs:
//
//   SPOTDRAFT_KIT_IMPL=@spotdraft-kit/wasm node --test tests/js/playbook.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kit } from './impl.mjs';
import { useStub } from './stub.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const vectorDir = join(here, '..', 'vectors', 'playbook');
const {
  Api, Verifier, SpotDraftKitError, Sanitizer, Reconcile, Rotation, sign, bodySha256,
  deliveryBundle, apiBundle, recordFromCreated, planCreate, planDelete, sharedUrls,
} = kit;

const cases = (topic) => {
  const doc = JSON.parse(readFileSync(join(vectorDir, `${topic}.json`), 'utf8'));
  assert.equal(doc.format, 'spotdraft-kit-vectors/1');
  assert.ok(doc.cases.length > 0);
  return doc.cases;
};

const pointer = (doc, path) => path.split('/').slice(1)
  .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
  .reduce((at, t) => (Array.isArray(at) ? at[Number(t)] : at?.[t]), doc);

const codeOf = (fn) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SpotDraftKitError, String(e));
    return e.code;
  }
  return null;
};

// --- the vectors ----------------------------------------------------------------

for (const c of cases('reconcile')) {
  test(`reconcile vector: ${c.name}`, () => {
    const sweep = new Reconcile(c.checkpoint, c.as_of, c.seen, c.mode);
    const calls = [sweep.firstCall()];
    for (const page of c.pages) {
      const next = sweep.consumePage(page);
      if (next === null) break;
      calls.push(next);
    }
    const { expect } = c;
    assert.deepEqual(calls.map((call) => call.params), expect.calls);
    assert.ok(calls.every((call) => call.operation === kit.CONTRACTS_LIST_OPERATION));
    const outcome = sweep.finish();
    assert.deepEqual(outcome.moved, expect.moved);
    assert.deepEqual(outcome.unresolved, expect.unresolved);
    assert.equal(outcome.complete, expect.complete);
    assert.equal(outcome.nextCheckpoint, expect.next_checkpoint);
    const decoder = new TextDecoder();
    assert.deepEqual(outcome.deliveries.map((d) => ({
      contract_id: d.contractId, status: d.status, body: decoder.decode(d.body), dedupe_key: d.dedupeKey,
    })), expect.deliveries);
    for (const d of outcome.deliveries) assert.equal(d.bodySha256, bodySha256(d.body));
    assert.deepEqual(outcome.reTrigger.map((call) => call.params.body), expect.re_trigger);
    assert.ok(outcome.reTrigger.every((call) => call.operation === kit.RE_TRIGGER_OPERATION));
    assert.equal(codeOf(() => sweep.finish()), 'invalid_argument');
    assert.equal(codeOf(() => sweep.firstCall()), 'invalid_argument');
  });
}

const optionsOf = (ctx) => ({
  environment: ctx.environment, region: ctx.region, integrationId: ctx.integration_id,
  occurredAt: ctx.occurred_at, status: ctx.status,
});

for (const c of cases('escalation')) {
  test(`escalation vector: ${c.name}`, () => {
    const bundle = c.op === 'delivery_bundle'
      ? deliveryBundle(c.body, c.headers, c.log_records, optionsOf(c.context))
      : apiBundle(c.record, c.request_body, c.response_body, optionsOf(c.context));
    assert.equal(bundle.format, kit.BUNDLE_FORMAT);
    const text = JSON.stringify(bundle);
    for (const value of c.expect.absent) assert.ok(!text.includes(value), `${value} is in the bundle`);
    for (const [path, want] of Object.entries(c.expect.kept)) assert.deepEqual(pointer(bundle, path), want, path);
    for (const r of bundle.redacted) {
      const at = pointer(bundle, r.path);
      assert.ok((typeof at === 'string' && at.includes(r.placeholder)) || r.path.endsWith(`/${r.placeholder}`), r.path);
    }
  });
}

for (const c of cases('webhook_registry')) {
  test(`webhook registry vector: ${c.name}`, () => {
    const planned = (make) => {
      try {
        const call = make();
        return { operation: call.operation, params: call.params };
      } catch (e) {
        assert.ok(e instanceof SpotDraftKitError, String(e));
        return { error: e.code };
      }
    };
    const { registry, expect } = c;
    if (c.op === 'plan_create') {
      assert.deepEqual(planned(() => planCreate(registry, c.spec)), expect);
    } else if (c.op === 'plan_delete') {
      assert.deepEqual(planned(() => planDelete(registry, c.id, c.force)), expect);
    } else if (c.op === 'shared_urls') {
      assert.deepEqual(sharedUrls(registry), expect.shared);
    } else {
      const rotation = Rotation.start(registry, c.old_id, c.spec);
      const steps = [rotation.step().name];
      for (const [event, arg] of c.events) {
        if (event === 'created') rotation.created(arg);
        else if (event === 'delivery_at') rotation.deliveryAt(arg);
        else if (event === 'give_up') rotation.giveUp();
        else rotation.deleted(arg);
        steps.push(rotation.step().name);
      }
      assert.deepEqual(steps, expect.steps);
    }
  });
}

// --- the sanitiser and the signature check -----------------------------------------

test('the sanitiser gives one value one placeholder and lists paths, never values', () => {
  const s = new Sanitizer();
  const clean = s.sanitize({ poc_email: 'a@b.co', to: ['a@b.co', 'c@d.co'], contract_id: 7 });
  assert.deepEqual(clean, { poc_email: '<email-1>', to: ['<email-1>', '<email-2>'], contract_id: 7 });
  assert.equal(s.redact('/x', 'name', 'Kim Lee'), '<name-1>');
  assert.equal(s.redact('/y', 'name', 'Kim Lee'), '<name-1>');
  assert.deepEqual(s.redactions.map((r) => r.path), ['/poc_email', '/to/0', '/to/1', '/x', '/y']);
  assert.ok(!JSON.stringify(s.redactions).includes('a@b.co'));
  assert.equal(new Sanitizer().sanitize({ title: 'NDA' }, '/payload').title, '<title-1>');
  assert.equal(codeOf(() => s.redact('/z', 'phone', 'x')), 'invalid_argument');
  assert.equal(codeOf(() => s.sanitize(() => 1)), 'invalid_argument');
});

test('a delivery bundle re-runs the signature check with a Verifier, without the key or signature', () => {
  const key = 'c2VjcmV0LWtleS1mb3ItYnVuZGxlcw==';
  const body = '{"activity":"CONTRACT_SIGNED","contract_id":5,"business_user":{"name":"Kim Lee"}}';
  const signature = sign(key, body);
  const headers = { 'X-SD-WEBHOOK-CONTENT-HASH': signature, 'Content-Type': 'application/json' };
  const verifier = new Verifier([{ id: 'prod', key }], { allowShortKeys: true });
  const bundle = deliveryBundle(body, headers, [], { verifier, environment: 'production' });
  const check = bundle.signature_check;
  assert.deepEqual([check.result, check.key_id, check.body_sha256], ['valid', 'prod', bodySha256(body)]);
  const text = JSON.stringify(bundle);
  assert.ok(!text.includes(key) && !text.includes(signature) && !text.includes('Kim Lee'));
  const other = new Verifier(['c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBvdGhlci1rZXksIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hYw==']);
  assert.equal(deliveryBundle(body, headers, null, { verifier: other }).signature_check.result, 'signature_mismatch');
  assert.equal(deliveryBundle(body, headers).signature_check.result, 'not_checked');
  assert.equal(codeOf(() => deliveryBundle(body, headers, [], { verifier: { open() {} } })), 'invalid_argument');
  assert.equal(codeOf(() => deliveryBundle(body, headers, { a: 1 })), 'invalid_argument');
});

// --- against the stub SpotDraft -------------------------------------------------

const stub = useStub();
const control = (...args) => stub.control(...args);
const reset = () => control('reset', undefined, 'POST');
const stubApi = () => new Api({ baseUrl: `${stub.base}/api/`, clientId: 'stub-client', clientSecret: 'stub-secret', environment: 'uat' },
  { retry: { baseMs: 20, capMs: 200 } });
const run = (api, call) => api.send(api.call(call.operation, call.params));

// `count` contracts updated on 2026-03-01 (every third on 2026-02-01, before
// the checkpoint); the inbox saw a delivery for each after its update except
// for the ids in `dropped`.
async function scenario(count, dropped) {
  const contracts = Array.from({ length: count }, (_, i) => ({
    id: i + 1, status: i % 2 ? 'EXECUTED' : 'SIGN',
    last_updated_on: (i + 1) % 3 === 0 ? '2026-02-01T00:00:00Z' : '2026-03-01T00:00:00Z',
  }));
  await reset();
  await control('contracts', contracts);
  const seen = new Map(contracts.filter((c) => !dropped.has(c.id)).map((c) => [c.id, '2026-03-01T00:00:05Z']));
  // One delivery the inbox saw long before the contract moved again.
  if (dropped.has(1)) seen.set(1, '2026-01-01T00:00:00Z');
  const fresh = contracts.filter((c) => dropped.has(c.id) && c.last_updated_on >= '2026-02-15').map((c) => c.id);
  return { seen, fresh };
}

async function sweep(api, seen, mode) {
  const plan = new Reconcile('2026-02-15T00:00:00Z', '2026-03-02T00:00:00Z', seen, mode);
  let call = plan.firstCall();
  while (call !== null) call = plan.consumePage(await run(api, call));
  return plan.finish();
}

test('stub: a reconcile run finds exactly the contracts whose deliveries were dropped', async () => {
  const dropped = new Set([1, 4, 7, 9, 150, 233, 240]);
  const { seen, fresh } = await scenario(250, dropped);
  const api = stubApi();
  const outcome = await sweep(api, seen, 'synthetic');
  // 9, 150 and 240 last changed before the checkpoint: the listing filter
  // leaves them out.
  assert.deepEqual(fresh, [1, 4, 7, 233]);
  assert.deepEqual(outcome.moved, fresh);
  assert.equal(outcome.complete, true);
  assert.equal(outcome.nextCheckpoint, '2026-03-02T00:00:00Z');
  const listed = (await control('calls')).filter((c) => c.path === '/api/v2.1/public/contracts/');
  assert.equal(listed.length, outcome.pages);
  for (const c of listed) {
    assert.equal(new URLSearchParams(c.query).get('filter__last_updated_on[$gte]'), '2026-02-15T00:00:00Z');
  }

  // The synthetic deliveries are deduped like any other: the key is the one
  // a verified delivery of the same body carries.
  const key = 'c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==';
  const verifier = new Verifier([key]);
  for (const d of outcome.deliveries) {
    const payload = JSON.parse(new TextDecoder().decode(d.body));
    assert.equal(payload.source, 'reconcile');
    assert.equal(payload.activity, kit.RECONCILED_ACTIVITY);
    assert.equal(payload.contract_status, d.status);
    const opened = verifier.open({ 'x-sd-webhook-content-hash': sign(key, d.body) }, d.body);
    assert.equal(opened.dedupeKey, d.dedupeKey);
  }
  assert.equal(new Set(outcome.deliveries.map((d) => d.dedupeKey)).size, fresh.length);
  const again = await sweep(api, seen, 'synthetic');
  assert.deepEqual(again.deliveries.map((d) => d.dedupeKey), outcome.deliveries.map((d) => d.dedupeKey));
});

test('stub: re-trigger goes in batches within the rate limit', async () => {
  const dropped = new Set(Array.from({ length: 900 }, (_, i) => i + 1).filter((id) => id % 5 !== 0));
  const { seen, fresh } = await scenario(900, dropped);
  const api = stubApi();
  const outcome = await sweep(api, seen, 'retrigger');
  assert.deepEqual(outcome.moved, fresh);
  assert.equal(outcome.deliveries.length, 0);
  for (const call of outcome.reTrigger) await run(api, call);
  const batches = await control('retriggered');
  assert.deepEqual(batches.flat(), fresh);
  assert.equal(batches.length, Math.ceil(fresh.length / kit.RE_TRIGGER_BATCH_SIZE));
  assert.ok(batches.every((b) => b.length <= kit.RE_TRIGGER_BATCH_SIZE));
  // More calls than the stub allows in one second, none refused with 429.
  const calls = await control('calls');
  assert.ok(calls.length > 10, `${calls.length} calls`);
  assert.deepEqual(calls.filter((c) => c.status === 429), []);
});

test('stub: registry create, delete and the UAT/production rule round trip', async () => {
  await reset();
  const api = stubApi();
  const spec = { title: 'crm', url: 'https://hooks.example.com/uat', activities: ['CONTRACT_EXECUTED'], environment: 'uat' };
  const created = await run(api, planCreate([], spec));
  const record = recordFromCreated(created, 'uat');
  assert.deepEqual({ ...record, activities: [...record.activities] },
    { id: String(created.id), title: 'crm', url: spec.url, activities: ['CONTRACT_EXECUTED'], environment: 'uat' });
  const registry = [record];
  assert.equal(codeOf(() => planCreate(registry, { ...spec, environment: 'production' })), 'invalid_config');
  assert.deepEqual(sharedUrls([...registry, { ...record, id: '99', environment: 'production' }]),
    [[spec.url, ['production', 'uat']]]);
  assert.equal(codeOf(() => planDelete(registry, '999')), 'invalid_id');
  assert.equal(codeOf(() => planDelete(registry, 'abc', true)), 'invalid_id');
  const del = planDelete(registry, record.id);
  assert.deepEqual(del.params, { webhook_id: Number(record.id) });
  await run(api, del);
  // Deleted on the stub: the same delete, forced, is now SpotDraft's 404.
  const gone = await api.send(api.call(del.operation, planDelete([], record.id, true).params)).catch((e) => e);
  assert.equal(gone.code, 'api_error');
  assert.equal(gone.status, 404);
});

test('stub: a rotation creates the new webhook, waits for its delivery, deletes the old one', async () => {
  await reset();
  const api = stubApi();
  const spec = { title: 'crm', url: 'https://hooks.example.com/v1', activities: ['CONTRACT_EXECUTED'], environment: 'production' };
  const old = recordFromCreated(await run(api, planCreate([], spec)), 'production');
  const rotation = Rotation.start([old], old.id, { ...spec, url: 'https://hooks.example.com/v2' });
  const create = rotation.step();
  assert.equal(create.name, 'create');
  const fresh = rotation.created(await run(api, create.call));
  const waiting = rotation.step();
  assert.deepEqual([waiting.name, waiting.webhookId, waiting.url], ['await_delivery', fresh.id, 'https://hooks.example.com/v2']);
  assert.equal(rotation.deliveryAt('https://hooks.example.com/v1'), false);
  assert.equal(rotation.deliveryAt('https://hooks.example.com/v2'), true);
  const deleteOld = rotation.step();
  assert.equal(deleteOld.name, 'delete_old');
  assert.deepEqual(deleteOld.call.params, { webhook_id: Number(old.id) });
  await run(api, deleteOld.call);
  rotation.deleted(old.id);
  const done = rotation.step();
  assert.equal(done.name, 'done');
  assert.equal(done.kept.id, fresh.id);
  assert.equal(codeOf(() => rotation.giveUp()), 'invalid_argument');
  // On the stub: the old webhook is gone, the new one is there to delete.
  await assert.rejects(run(api, planDelete([], old.id, true)), (e) => e.status === 404);
  await run(api, planDelete([fresh], fresh.id));
});

test('an escalation bundle of a delivery with personal data holds none of it', async () => {
  const source = {
    activity: 'CONTRACT_SIGNED',
    contract_id: 4711,
    contract_title: 'Supply Agreement - Riverbank Foods',
    business_user: { name: 'Priya Raman', email: 'priya.raman@riverbank.example' },
    legal_user: { name: 'Tomas Berg', email: 'tomas.berg@lawfirm.example' },
    counterparties: [{ organization_name: 'Riverbank Foods Ltd', poc_name: 'Ana Ortiz', poc_email: 'ana@riverbank.example' }],
    activity_data: {
      timestamp: '2026-11-02T10:00:00Z',
      performed_by: { name: 'Priya Raman', email: 'priya.raman@riverbank.example' },
      document_url: 'https://files.spotdraft.example/d/4711.pdf?X-Amz-Signature=9f8e7d',
      comment: 'Ping jo.doe@mail.example or see https://wiki.example/contract-4711',
    },
    external_metadata: { id: 'opp-88', owner: 'Kai Lind' },
  };
  const body = JSON.stringify(source);
  const key = 'c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==';
  const headers = new Headers({
    'content-type': 'application/json', 'x-sd-webhook-content-hash': sign(key, body),
    cookie: 'session=abc123', 'x-forwarded-for': '203.0.113.7',
  });
  const records = [{ event: 'delivery_failed', contract_id: 4711, error: 'mail to priya.raman@riverbank.example bounced' }];
  const bundle = deliveryBundle(new TextEncoder().encode(body), headers, records,
    { verifier: new Verifier([key]), environment: 'production', region: 'eu', integrationId: 'job-17', status: 500 });
  assert.equal(bundle.signature_check.result, 'valid');
  assert.deepEqual([bundle.contract_id, bundle.webhook_event, bundle.external_metadata_id, bundle.status],
    [4711, 'CONTRACT_SIGNED', 'opp-88', 500]);
  // Every name, email and URL of the source, found by walking it.
  const personal = new Set(['abc123', '203.0.113.7', sign(key, body), key]);
  const walk = (value, name) => {
    if (typeof value === 'string') {
      if (/name|title|owner|email|url|comment/.test(name ?? '')) personal.add(value);
      for (const m of value.matchAll(/[\w.]+@[\w.]+|https?:\/\/\S+/g)) personal.add(m[0]);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? name : k);
    }
  };
  walk(source);
  walk(records);
  assert.ok(personal.size >= 15, `${personal.size} values`);
  const text = JSON.stringify(bundle);
  for (const value of personal) assert.ok(!text.includes(value), `${value} is in the bundle`);
  assert.ok(bundle.redacted.length >= personal.size - 2);

  // An API call's bundle: a listing filtered by an address, refused by the stub.
  await reset();
  await control('fault', { path: '/api/v2.1/public/contracts/', status: 400 });
  const api = stubApi();
  const request = api.call('contracts_retrieve', { filters: { client_email: 'priya.raman@riverbank.example' } });
  const error = await api.send(request).catch((e) => e);
  assert.equal(error.status, 400);
  const record = api.responseLogRecord(request, error.status, 0, []);
  const apiText = JSON.stringify(apiBundle(record, null, { detail: error.detail }, { environment: 'uat' }));
  assert.ok(!apiText.includes('priya.raman'), apiText);
  assert.ok(!apiText.includes('stub-secret'));
});
