//! The JSON shapes of a stored delivery: the summary `sdkit log --json`
//! prints (no body, no personal data) and the full document `--exec`,
//! `--forward` and `sdkit replay --print` hand to a handler.

use serde_json::{json, Value};

use crate::clock::format_ms;
use crate::store::StoredDelivery;

/// One `sdkit log --json` line: metadata only.
pub fn summary(d: &StoredDelivery) -> Value {
    json!({
        "id": d.id,
        "received_at": format_ms(d.received_at_ms),
        "status": d.status,
        "attempts": d.attempts,
        "activity": d.activity,
        "contract_id": d.contract_id,
        "external_id": d.external_id,
        "occurred_at": d.occurred_at,
        "dedupe_key": d.dedupe_key,
        "body_sha256": d.body_sha256,
        "key_index": d.key_index,
        "key_id": d.key_id,
        "processed_at": d.processed_at_ms.map(format_ms),
        "next_attempt_at": (d.status == "pending").then(|| format_ms(d.next_attempt_ms)),
        "last_error": d.last_error,
    })
}

/// What a handler receives: the metadata, the attempt number and the
/// verified event payload.
pub fn for_handler(d: &StoredDelivery, attempt: i64) -> Value {
    let event = d
        .body
        .as_deref()
        .and_then(|b| serde_json::from_slice::<Value>(b).ok())
        .unwrap_or(Value::Null);
    json!({
        "id": d.id,
        "dedupe_key": d.dedupe_key,
        "received_at": format_ms(d.received_at_ms),
        "attempt": attempt,
        "activity": d.activity,
        "contract_id": d.contract_id,
        "external_id": d.external_id,
        "occurred_at": d.occurred_at,
        "body_sha256": d.body_sha256,
        "key_index": d.key_index,
        "key_id": d.key_id,
        "headers": serde_json::from_str::<Value>(&d.headers).unwrap_or(Value::Null),
        "event": event,
    })
}
