// Realistic SpotDraft deliveries for the JS benchmarks (node/bench,
// wasm/bench): pretty-printed with a 2-space indent, as senders send them,
// with people and a dozen or more counterparties of five fields each. The
// cheapest shape to parse (one long string field) would hide the parse
// cost, so the body grows by counterparties, not by padding a string.

/** A CONTRACT_SIGNED delivery of about `size` bytes, as UTF-8. */
export function realisticBody(size) {
  const base = {
    activity: 'CONTRACT_SIGNED',
    contract_id: 48213,
    contract_title: 'Master Services Agreement',
    contract_status: 'SIGNED',
    contract_kind: 'TEMPLATE',
    contract_type: 'MSA',
    contract_type_id: 12,
    external_metadata: { id: 'crm-99812', source: 'salesforce' },
    activity_data: {
      timestamp: '2026-11-02T10:00:00.000000Z',
      performed_by: { name: 'Alex Example', email: 'alex@example.com' },
    },
    business_user: { name: 'Sam Example', email: 'sam@example.com' },
    legal_user: { name: 'Lee Example', email: 'lee@example.com' },
    counterparties: [],
  };
  const counterparty = (i) => ({
    type: 'ORGANIZATION',
    organization_name: `Counterparty ${i} Holdings Ltd`,
    poc_name: `Contact ${i}`,
    poc_email: `contact${i}@example.com`,
    counterparty_id: 1000 + i,
  });
  const render = () => JSON.stringify(base, null, 2);
  for (let i = 0; render().length + 200 < size; i += 1) base.counterparties.push(counterparty(i));
  base.notes = '';
  base.notes = 'n'.repeat(Math.max(0, size - render().length));
  return new TextEncoder().encode(render());
}
