//! The one JavaScript shape of core results, shared by both JS packages
//! (the Node addon includes this file by path), so the two cannot drift.
//!
//! The hot path crosses no JSON and creates no native object: the typed
//! scalars of a delivery and of its event ([`delivery_fields`],
//! [`event_fields`]) cross packed (`packed.rs`: the texts as one string,
//! the rest in the front's `Float64Array`), in the order `js/front.js`
//! reads them (a wrapped native object per call cost more in the GC than
//! the fields it saves). The log record, and with it the body's SHA-256,
//! is built on first read ([`accepted_log_record`]), as JSON text. The parts a receiver rarely reads (an event's people and
//! counterparties) are computed again from the verified bytes when read
//! ([`event_details`]); a diagnosis crosses as JSON text. The text
//! is written directly (no intermediate `serde_json::Value` tree), with the
//! contract's camelCase names (`js/spotdraft-kit.d.ts`).

use std::borrow::Cow;

use spotdraft_kit::serde_json;
use spotdraft_kit::{
    AcceptedParts, Delivery, Diagnosis, Error, ErrorCode, Event, Person, SignatureHeader, Verifier,
};

/// The largest integer a JavaScript number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// An integer as a JavaScript number, or `None` when a number would round
/// it: callers get the exact value or null, never a different id.
///
/// ```
/// # use spotdraft_kit_wasm::shape::exact_number;
/// assert_eq!(exact_number(Some(42)), Some(42.0));
/// assert_eq!(exact_number(Some((1 << 53) + 1)), None);
/// assert_eq!(exact_number(None), None);
/// ```
pub fn exact_number(value: Option<i64>) -> Option<f64> {
    match value {
        Some(n) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n) => Some(n as f64),
        _ => None,
    }
}

/// A body length from JS (a `byteLength`, or a caller's number) as the
/// core's `usize`: anything not a finite non-negative number is too large.
///
/// ```
/// # use spotdraft_kit_wasm::shape::body_length;
/// assert_eq!(body_length(1873.0), 1873);
/// assert_eq!(body_length(f64::NAN), usize::MAX);
/// assert_eq!(body_length(-1.0), usize::MAX);
/// ```
pub fn body_length(n: f64) -> usize {
    if n.is_finite() && n >= 0.0 {
        n as usize
    } else {
        usize::MAX
    }
}

/// One scalar of a flat field array; each binding turns it into a JS value.
#[derive(Debug, PartialEq)]
pub enum Scalar<'a> {
    /// A string, or null.
    Text(Option<Cow<'a, str>>),
    /// A boolean.
    Flag(bool),
    /// A number (exact), or null.
    Number(Option<f64>),
}

fn text(value: Option<&str>) -> Scalar<'_> {
    Scalar::Text(value.map(Cow::Borrowed))
}

/// Number of event fields in a flat array.
pub const EVENT_FIELDS: usize = 11;

/// The event's typed scalars: activity, known, category, contractId,
/// contractTitle, contractStatus, contractKind, contractType,
/// contractTypeId, occurredAt, externalId.
///
/// ```
/// # use spotdraft_kit_wasm::shape::{event_fields, Scalar};
/// let e = spotdraft_kit::parse_event(br#"{"activity":"CONTRACT_SIGNED","contract_id":7}"#).unwrap();
/// let fields = event_fields(&e);
/// assert_eq!(fields[1], Scalar::Flag(true));
/// assert_eq!(fields[3], Scalar::Number(Some(7.0)));
/// ```
pub fn event_fields(e: &Event) -> [Scalar<'_>; EVENT_FIELDS] {
    [
        text(Some(e.activity().as_str())),
        Scalar::Flag(e.known()),
        text(Some(e.category().as_str())),
        Scalar::Number(exact_number(e.contract_id())),
        text(e.contract_title()),
        text(e.contract_status()),
        text(e.contract_kind()),
        text(e.contract_type()),
        Scalar::Number(exact_number(e.contract_type_id())),
        text(e.occurred_at()),
        Scalar::Text(e.external_id().map(Cow::Owned)),
    ]
}

/// Number of delivery fields before the event's in a flat array.
pub const DELIVERY_FIELDS: usize = 5;

/// A delivery's scalars: dedupeKey, bodyLength, keyIndex, keyId,
/// signatureHeader, then its event's ([`event_fields`]). The body's SHA-256
/// and the log record are not computed here: the front asks for them on
/// first read ([`accepted_log_record`], `bodySha256`), with the values
/// `open` would have given.
///
/// ```
/// # use spotdraft_kit_wasm::shape::{delivery_fields, Scalar, DELIVERY_FIELDS, EVENT_FIELDS};
/// let key = spotdraft_kit::HmacKey::from_bytes(b"k").unwrap();
/// let body = br#"{"activity":"CONTRACT_SIGNED"}"#;
/// let sig = spotdraft_kit::sign(&key, body);
/// let verifier = spotdraft_kit::Verifier::new(vec![key]).unwrap();
/// let d = verifier.open(&[("x-sd-webhook-content-hash", sig.as_str())], body).unwrap();
/// let fields = delivery_fields(&d);
/// assert_eq!(fields.len(), DELIVERY_FIELDS + EVENT_FIELDS);
/// assert_eq!(fields[2], Scalar::Number(Some(0.0)));
/// ```
pub fn delivery_fields(d: &Delivery) -> Vec<Scalar<'_>> {
    let mut out = Vec::with_capacity(DELIVERY_FIELDS + EVENT_FIELDS);
    out.push(text(Some(d.dedupe_key())));
    out.push(Scalar::Number(Some(d.body_len() as f64)));
    out.push(Scalar::Number(Some(d.key_index() as f64)));
    out.push(text(d.key_id()));
    out.push(text(Some(d.signature_header().as_str())));
    out.extend(event_fields(d.event()));
    out
}

/// Where [`RecordInputs`] sit in a delivery's field array.
pub mod at {
    use super::DELIVERY_FIELDS;
    /// dedupeKey.
    pub const DEDUPE_KEY: usize = 0;
    /// keyIndex.
    pub const KEY_INDEX: usize = 2;
    /// signatureHeader.
    pub const SIGNATURE_HEADER: usize = 4;
    /// The event's activity.
    pub const ACTIVITY: usize = DELIVERY_FIELDS;
    /// The event's contractId.
    pub const CONTRACT_ID: usize = DELIVERY_FIELDS + 3;
    /// The event's externalId.
    pub const EXTERNAL_ID: usize = DELIVERY_FIELDS + 10;
}

/// The fields of a delivery's array (see [`at`]) its log record is built
/// from, as the front passes them back on first read.
#[derive(Debug, Default)]
pub struct RecordInputs<'a> {
    /// dedupeKey.
    pub dedupe_key: &'a str,
    /// keyIndex.
    pub key_index: f64,
    /// signatureHeader (`"current"` or `"legacy"`).
    pub signature_header: &'a str,
    /// The event's activity.
    pub activity: &'a str,
    /// The event's contractId: null when absent or beyond 2^53.
    pub contract_id: Option<f64>,
    /// The event's externalId.
    pub external_id: Option<&'a str>,
}

/// The log record (JSON text, core's snake_case fields) of the delivery
/// `verifier` opened from `body`, from the fields of its array: built from
/// those values when the contract id is a number, and from the body parsed
/// again when it is null (absent, or too large for a JS number to carry
/// exactly). Either way it is the record `open` would have given.
///
/// ```
/// # use spotdraft_kit_wasm::shape::{accepted_log_record, RecordInputs};
/// let key = spotdraft_kit::HmacKey::from_bytes(b"k").unwrap();
/// for body in [&br#"{"activity":"A","contract_id":7}"#[..], br#"{"activity":"A","contract_id":9007199254740993}"#] {
///     let sig = spotdraft_kit::sign(&key, body);
///     let verifier = spotdraft_kit::Verifier::new(vec![key.clone()]).unwrap();
///     let d = verifier.open(&[("x-sd-webhook-content-hash", sig.as_str())], body).unwrap();
///     let inputs = RecordInputs {
///         dedupe_key: d.dedupe_key(),
///         signature_header: "current",
///         activity: "A",
///         contract_id: spotdraft_kit_wasm::shape::exact_number(d.event().contract_id()),
///         ..RecordInputs::default()
///     };
///     assert_eq!(accepted_log_record(&verifier, &inputs, body).unwrap(), d.log_record().to_json());
/// }
/// ```
pub fn accepted_log_record(
    verifier: &Verifier,
    inputs: &RecordInputs<'_>,
    body: &[u8],
) -> spotdraft_kit::Result<String> {
    let signature_header = [SignatureHeader::Current, SignatureHeader::Legacy]
        .into_iter()
        .find(|h| h.as_str() == inputs.signature_header)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidArgument,
                "the signature header must be \"current\" or \"legacy\"",
            )
        })?;
    // A key index the front did not get from `open` is refused by core.
    let key_index = whole(inputs.key_index).map_or(usize::MAX, |n| n as usize);
    let record = match inputs.contract_id.map(whole) {
        Some(Some(id)) => verifier.accepted_log_record_from(
            &AcceptedParts {
                activity: inputs.activity,
                contract_id: Some(id),
                external_id: inputs.external_id,
                dedupe_key: inputs.dedupe_key,
                key_index,
                signature_header,
            },
            body,
        )?,
        Some(None) | None => verifier.accepted_log_record(signature_header, key_index, body)?,
    };
    Ok(record.to_json())
}

/// A non-negative or negative integer a JS number holds exactly, or None.
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER as f64).then_some(n as i64)
}

/// `[people, counterparties]` of an event, each as JSON text (see
/// [`people`], [`counterparties`]): what a receiver reads rarely, asked
/// for on first read.
pub fn event_details(e: &Event) -> [String; 2] {
    [people(e), counterparties(e)]
}

/// A JSON text being written.
struct Json {
    buf: Vec<u8>,
    first: bool,
}

impl Json {
    fn with_capacity(capacity: usize) -> Self {
        Json {
            buf: Vec::with_capacity(capacity),
            first: true,
        }
    }

    fn open(&mut self) {
        self.buf.push(b'{');
        self.first = true;
    }

    fn close(&mut self) {
        self.buf.push(b'}');
        self.first = false;
    }

    fn comma(&mut self) {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
    }

    // Keys are the fixed ASCII names below: no escaping needed.
    fn key(&mut self, name: &str) {
        self.comma();
        self.buf.push(b'"');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"\":");
    }

    fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }

    fn string(&mut self, name: &str, value: Option<&str>) {
        self.key(name);
        match value {
            // Writing a &str into a Vec cannot fail.
            Some(s) => serde_json::to_writer(&mut self.buf, s).unwrap_or_default(),
            None => self.null(),
        }
    }

    fn number(&mut self, name: &str, value: Option<f64>) {
        self.key(name);
        match value {
            // Only exact integers reach here (see `exact_number`).
            Some(n) => self
                .buf
                .extend_from_slice((n as i64).to_string().as_bytes()),
            None => self.null(),
        }
    }

    fn person(&mut self, person: Option<Person>) {
        self.comma();
        match person {
            Some(p) => {
                self.open();
                self.string("name", p.name.as_deref());
                self.string("email", p.email.as_deref());
                self.close();
            }
            None => self.null(),
        }
    }

    fn finish(self) -> String {
        // Only UTF-8 was written: fixed ASCII and serde_json output.
        String::from_utf8(self.buf).unwrap_or_default()
    }
}

/// `[performedBy, businessUser, legalUser]`, each `{name, email}` or null.
pub fn people(e: &Event) -> String {
    let mut out = Json::with_capacity(256);
    out.buf.push(b'[');
    out.person(e.performed_by());
    out.person(e.business_user());
    out.person(e.legal_user());
    out.buf.push(b']');
    out.finish()
}

/// The event's counterparties as a JSON array.
pub fn counterparties(e: &Event) -> String {
    let list = e.counterparties();
    let mut out = Json::with_capacity(32 + 128 * list.len());
    out.buf.push(b'[');
    for c in &list {
        out.comma();
        out.open();
        out.string("type", c.kind.as_deref());
        out.string("organizationName", c.organization_name.as_deref());
        out.string("pocName", c.poc_name.as_deref());
        out.string("pocEmail", c.poc_email.as_deref());
        out.number("counterpartyId", exact_number(c.counterparty_id));
        out.close();
    }
    out.buf.push(b']');
    out.finish()
}

/// A diagnosis with its human-readable message. Nothing in the
/// verifier-only module calls it (no `diagnose` feature), so it is not
/// linked there.
pub fn diagnosis(d: &Diagnosis) -> String {
    let mut out = Json::with_capacity(512);
    out.open();
    out.string("cause", Some(d.cause.as_str()));
    out.number("keyIndex", d.key_index.map(|i| i as f64));
    out.string("variant", d.variant);
    out.string("message", Some(&d.message()));
    out.close();
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use spotdraft_kit::serde_json::Value;

    #[test]
    fn texts_are_valid_json_with_escaped_strings() {
        let body = br#"{"activity":"CONTRACT_SIGNED","contract_title":"a \"q\" \\ \u0001 \u2028","counterparties":[{"type":"ORG","counterparty_id":9},{"counterparty_id":9007199254740993},"junk"],"activity_data":{"performed_by":{"name":"N \"x\"","email":7}}}"#;
        let e = spotdraft_kit::parse_event(body).unwrap();
        let people: Value = serde_json::from_str(&people(&e)).unwrap();
        assert_eq!(people[0]["name"], "N \"x\"");
        assert_eq!(people[0]["email"], Value::Null);
        assert_eq!(people[1], Value::Null);
        let list: Value = serde_json::from_str(&counterparties(&e)).unwrap();
        assert_eq!(list.as_array().unwrap().len(), 2);
        assert_eq!(list[0]["counterpartyId"], 9);
        assert_eq!(list[0]["organizationName"], Value::Null);
        assert_eq!(list[1]["counterpartyId"], Value::Null);
    }

    #[test]
    fn diagnosis_text_is_valid_json() {
        let key = spotdraft_kit::HmacKey::from_bytes(b"k").unwrap();
        let d = spotdraft_kit::diagnose(b"{}", &"0".repeat(128), &[key]);
        let v: Value = serde_json::from_str(&diagnosis(&d)).unwrap();
        assert_eq!(v["cause"], "body_changed_or_wrong_key");
        assert_eq!(v["keyIndex"], Value::Null);
        assert!(v["message"]
            .as_str()
            .unwrap()
            .starts_with("body_changed_or_wrong_key"));
    }
}
