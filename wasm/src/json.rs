//! Results as JSON text for the JS layer: events with camelCase fields,
//! deliveries and diagnoses.
//!
//! The event's `payload` is not included: the JS layer parses the verified
//! body itself (`JSON.parse`), which is the payload exactly as sent and
//! saves serialising it here only to parse it again there. For the same
//! reason `externalMetadata` is filled in by the JS layer from that payload.

use spotdraft_kit::serde_json::{Map, Value};
use spotdraft_kit::{Counterparty, Delivery, Diagnosis, Event, Person};

fn opt_str(value: Option<&str>) -> Value {
    value.map_or(Value::Null, Value::from)
}

fn opt_int(value: Option<i64>) -> Value {
    value.map_or(Value::Null, Value::from)
}

fn person(p: Option<Person>) -> Value {
    match p {
        Some(p) => {
            let mut m = Map::new();
            m.insert("name".into(), opt_str(p.name.as_deref()));
            m.insert("email".into(), opt_str(p.email.as_deref()));
            Value::Object(m)
        }
        None => Value::Null,
    }
}

fn counterparty(c: &Counterparty) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), opt_str(c.kind.as_deref()));
    m.insert(
        "organizationName".into(),
        opt_str(c.organization_name.as_deref()),
    );
    m.insert("pocName".into(), opt_str(c.poc_name.as_deref()));
    m.insert("pocEmail".into(), opt_str(c.poc_email.as_deref()));
    m.insert("counterpartyId".into(), opt_int(c.counterparty_id));
    Value::Object(m)
}

/// The typed fields of an event, camelCase, in the order of the TypeScript
/// `Event` interface (without `payload`).
pub fn event(e: &Event) -> Value {
    let mut m = Map::new();
    m.insert("activity".into(), Value::from(e.activity().as_str()));
    m.insert("known".into(), Value::from(e.known()));
    m.insert("category".into(), Value::from(e.category().as_str()));
    m.insert("contractId".into(), opt_int(e.contract_id()));
    m.insert("contractTitle".into(), opt_str(e.contract_title()));
    m.insert("contractStatus".into(), opt_str(e.contract_status()));
    m.insert("contractKind".into(), opt_str(e.contract_kind()));
    m.insert("contractType".into(), opt_str(e.contract_type()));
    m.insert("contractTypeId".into(), opt_int(e.contract_type_id()));
    m.insert("occurredAt".into(), opt_str(e.occurred_at()));
    m.insert("performedBy".into(), person(e.performed_by()));
    m.insert("externalId".into(), opt_str(e.external_id().as_deref()));
    // `externalMetadata` is taken by the JS layer from the payload it parses
    // anyway (`payload.external_metadata` when it is an object, as core's
    // accessor does): reading it here would make core build the whole
    // payload tree, which the hot path otherwise skips.
    m.insert(
        "counterparties".into(),
        Value::Array(e.counterparties().iter().map(counterparty).collect()),
    );
    m.insert("businessUser".into(), person(e.business_user()));
    m.insert("legalUser".into(), person(e.legal_user()));
    Value::Object(m)
}

/// A verified delivery: the event's typed fields, fingerprints, key and
/// header, and the core's log record (snake_case, as in every runtime).
pub fn delivery(d: &Delivery) -> String {
    let mut m = Map::new();
    m.insert("event".into(), event(d.event()));
    m.insert("dedupeKey".into(), Value::from(d.dedupe_key()));
    m.insert("bodySha256".into(), Value::from(d.body_sha256()));
    m.insert("bodyLength".into(), Value::from(d.body_len()));
    m.insert("keyIndex".into(), Value::from(d.key_index()));
    m.insert("keyId".into(), opt_str(d.key_id()));
    m.insert(
        "signatureHeader".into(),
        Value::from(d.signature_header().as_str()),
    );
    // The record is already JSON; splice it in rather than parse it again.
    let head = Value::Object(m).to_string();
    let record = d.log_record().to_json();
    match head.strip_suffix('}') {
        Some(open) => format!("{open},\"logRecord\":{record}}}"),
        None => head,
    }
}

/// A diagnosis with its human-readable message.
pub fn diagnosis(d: &Diagnosis) -> String {
    let mut m = Map::new();
    m.insert("cause".into(), Value::from(d.cause.as_str()));
    m.insert(
        "keyIndex".into(),
        d.key_index.map_or(Value::Null, Value::from),
    );
    m.insert("variant".into(), opt_str(d.variant));
    m.insert("message".into(), Value::from(d.message()));
    Value::Object(m).to_string()
}
