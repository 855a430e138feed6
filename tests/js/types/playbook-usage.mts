// Typed usage of the playbook, shared by both JS packages like
// api-usage.mts: each package's tsconfig maps `spotdraft-kit-under-test` to
// its own shipped index.d.ts (`tsc --noEmit`, types.test.mjs).
import {
  Api,
  Verifier,
  Sanitizer,
  Reconcile,
  Rotation,
  deliveryBundle,
  apiBundle,
  recordFromCreated,
  planCreate,
  planDelete,
  sharedUrls,
  RE_TRIGGER_BATCH_SIZE,
  type EscalationBundle,
  type PlannedCall,
  type ReconcileOutcome,
  type WebhookRecord,
  type WebhookSpec,
} from 'spotdraft-kit-under-test';

export async function playbookUsage(api: Api, verifier: Verifier, seen: Map<number, string>): Promise<number> {
  const sweep = new Reconcile('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', seen, 'retrigger');
  let call: PlannedCall | null = sweep.firstCall();
  while (call !== null) call = sweep.consumePage(await api.send(api.call(call.operation, call.params)));
  const outcome: ReconcileOutcome = sweep.finish();
  for (const batch of outcome.reTrigger) await api.send(api.call(batch.operation, batch.params));
  const keys: string[] = outcome.deliveries.map((d) => d.dedupeKey);

  const spec: WebhookSpec = { title: 'crm', url: 'https://hooks.example.com/h', activities: ['CONTRACT_SIGNED'], environment: 'uat' };
  const registry: WebhookRecord[] = [];
  const create = planCreate(registry, spec);
  registry.push(recordFromCreated(await api.send(api.call(create.operation, create.params)), spec.environment));
  const del: PlannedCall = planDelete(registry, registry[0].id, false);
  const shared: [string, string[]][] = sharedUrls(registry);
  const rotation = Rotation.start(registry, registry[0].id, { ...spec, url: 'https://hooks.example.com/h2' });
  const step = rotation.step();
  if (step.name === 'await_delivery' && step.url !== null) rotation.deliveryAt(step.url);

  const bundle: EscalationBundle = deliveryBundle('{}', { 'content-type': 'application/json' }, [], { verifier, environment: 'production', status: 500 });
  const other: EscalationBundle = apiBundle({ method: 'GET', path: '/x' }, null, { detail: 'no' }, { region: 'us' });
  const s = new Sanitizer();
  s.sanitize({ name: 'x' });
  return keys.length + shared.length + bundle.redacted.length + other.redacted.length + s.redactions.length
    + RE_TRIGGER_BATCH_SIZE + Object.keys(del.params).length;
}
