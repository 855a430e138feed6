//! Realistic SpotDraft delivery bodies for benchmarks: pretty-printed with
//! serde_json's pretty printer (2-space indent), nested people, and a
//! counterparty array of five-field objects, as many as fit the size asked
//! for (about ten at 2 KiB). Include it from a bench with
//! `#[path = "support/realistic.rs"] mod realistic;`. The lengths and
//! SHA-256 digests of the 2 KiB and 64 KiB bodies are pinned in
//! `realistic-bodies.json` beside this file (checked by
//! `core/tests/realistic_bodies.rs`), which the JS and Python copies of this
//! generator check their output against: a change here means new values
//! there and the same change in both copies.

use serde_json::{json, Value};

/// One counterparty entry: five fields, as SpotDraft sends them.
fn counterparty(i: usize) -> Value {
    json!({
        "type": if i.is_multiple_of(3) { "Individual" } else { "Organization" },
        "organization_name": format!("Example Holdings {i} Ltd"),
        "poc_name": format!("Contact {i}"),
        "poc_email": format!("contact{i}@example.com"),
        "counterparty_id": 880_000 + i,
    })
}

fn person(name: &str, email: &str) -> Value {
    json!({ "name": name, "email": email })
}

fn event(counterparties: usize) -> Value {
    json!({
        "activity": "CONTRACT_SIGNED",
        "activity_data": {
            "performed_by": person("Sam Example", "sam@example.com"),
            "signatory": person("Di Signer", "di.signer@example.com"),
            "timestamp": "2026-11-02T10:00:00.000000Z"
        },
        "contract_id": 424_242,
        "contract_title": "Master Services Agreement",
        "contract_status": "SIGN",
        "contract_kind": "TEMPLATE_CONTRACT",
        "contract_type": "MSA",
        "contract_type_name": "Master Services Agreement",
        "contract_type_id": 12,
        "created_at": "2026-11-01T09:00:00Z",
        "business_user": person("Bo Example", "bo@example.com"),
        "legal_user": person("Lee Counsel", "lee.counsel@example.com"),
        "external_metadata": { "id": "crm-991", "source": "crm", "synced": true },
        "counterparties": (0..counterparties).map(counterparty).collect::<Vec<_>>(),
    })
}

/// The largest pretty-printed delivery of at most `max_bytes` bytes (at
/// least one counterparty), and its number of counterparties.
pub fn realistic_body(max_bytes: usize) -> (Vec<u8>, usize) {
    let pretty = |n| serde_json::to_vec_pretty(&event(n)).expect("a JSON value serialises");
    let mut n = 1;
    let mut body = pretty(n);
    loop {
        let next = pretty(n + 1);
        if next.len() > max_bytes {
            return (body, n);
        }
        n += 1;
        body = next;
    }
}
