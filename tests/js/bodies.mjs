// Realistic SpotDraft deliveries for the JS benchmarks (node/bench,
// wasm/bench): exactly the bodies the core's benchmarks build
// (core/benches/support/realistic.rs, serde_json's pretty printer with a
// 2-space indent), so that every runtime's figures are taken on the same
// bytes: nested people, and as many five-field counterparties as fit the
// size asked for. The cheapest shape to parse (one long string field) would
// hide the parse cost, so the body grows by counterparties, not by padding.
// JSON.stringify(value, null, 2) writes what serde_json's pretty printer
// writes for these values; core/benches/support/realistic-bodies.json pins the Rust
// generator's output (length and SHA-256; core/tests/realistic_bodies.rs
// checks the Rust side, python/bench/realistic.py its own copy), so a drift
// of either generator stops the benchmark instead of measuring other bytes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PINNED_FILE = new URL('../../core/benches/support/realistic-bodies.json', import.meta.url);

// max_bytes -> { body_length, body_sha256 } of the Rust generator's output.
const PINNED = new Map(JSON.parse(readFileSync(PINNED_FILE, 'utf8')).bodies
  .map(({ max_bytes: size, ...pin }) => [size, pin]));

const person = (name, email) => ({ name, email });

const counterparty = (i) => ({
  type: i % 3 === 0 ? 'Individual' : 'Organization',
  organization_name: `Example Holdings ${i} Ltd`,
  poc_name: `Contact ${i}`,
  poc_email: `contact${i}@example.com`,
  counterparty_id: 880_000 + i,
});

const event = (counterparties) => ({
  activity: 'CONTRACT_SIGNED',
  activity_data: {
    performed_by: person('Sam Example', 'sam@example.com'),
    signatory: person('Di Signer', 'di.signer@example.com'),
    timestamp: '2026-11-02T10:00:00.000000Z',
  },
  contract_id: 424_242,
  contract_title: 'Master Services Agreement',
  contract_status: 'SIGN',
  contract_kind: 'TEMPLATE_CONTRACT',
  contract_type: 'MSA',
  contract_type_name: 'Master Services Agreement',
  contract_type_id: 12,
  created_at: '2026-11-01T09:00:00Z',
  business_user: person('Bo Example', 'bo@example.com'),
  legal_user: person('Lee Counsel', 'lee.counsel@example.com'),
  external_metadata: { id: 'crm-991', source: 'crm', synced: true },
  counterparties: Array.from({ length: counterparties }, (_, i) => counterparty(i)),
});

const pretty = (n) => new TextEncoder().encode(JSON.stringify(event(n), null, 2));

/**
 * The core's realistic delivery of at most `size` bytes (2 KiB: 1,873 bytes,
 * 64 KiB: 65,431), as UTF-8, checked against the Rust generator's length
 * and digest pinned in core/benches/support/realistic-bodies.json.
 */
export function realisticBody(size) {
  const pin = PINNED.get(size);
  if (pin === undefined) {
    throw new Error(`core/benches/support/realistic-bodies.json pins no ${size}-byte realistic body (it pins ${[...PINNED.keys()].join(', ')})`);
  }
  let n = 1;
  let body = pretty(n);
  for (let next = pretty(n + 1); next.length <= size; next = pretty(n + 1)) {
    n += 1;
    body = next;
  }
  const got = createHash('sha256').update(body).digest('hex');
  if (pin.body_length !== body.length || pin.body_sha256 !== got) {
    throw new Error(`the ${size}-byte realistic body (${body.length} bytes, sha256 ${got}) is not the one core/benches/support/realistic.rs builds (${pin.body_length} bytes, sha256 ${pin.body_sha256}, pinned in core/benches/support/realistic-bodies.json): the generators have drifted`);
  }
  return body;
}
