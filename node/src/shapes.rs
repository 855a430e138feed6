//! Core results as the JSON text of the JavaScript objects the API returns.
//!
//! One string crosses the boundary per call and `index.js` turns it into
//! plain objects with `JSON.parse`, which V8 does faster than building the
//! same objects property by property through N-API. The text is written
//! directly (no intermediate `serde_json::Value` tree: building one costs
//! more than the parse it feeds). Field names are the contract's camelCase
//! (`js/spotdraft-kit.d.ts`). The payload is not in here: `index.js` parses
//! it from the verified body on first access, and `externalMetadata` (a
//! sub-object of the payload) with it, since core builds it from the full
//! payload tree, which `open` otherwise never needs.

use spotdraft_kit::serde_json;
use spotdraft_kit::{Delivery, Diagnosis, Event, LogValue, Person};

/// A JSON object being written: `{"a":1,"b":null}`.
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

    // Keys are the fixed ASCII names below: no escaping needed.
    fn key(&mut self, name: &str) {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
        self.buf.push(b'"');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"\":");
    }

    fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }

    fn string(&mut self, name: &str, value: Option<&str>) {
        self.key(name);
        self.str_value(value);
    }

    fn str_value(&mut self, value: Option<&str>) {
        match value {
            // Writing a &str into a Vec cannot fail.
            Some(s) => serde_json::to_writer(&mut self.buf, s).unwrap_or_default(),
            None => self.null(),
        }
    }

    fn int(&mut self, name: &str, value: Option<i64>) {
        self.key(name);
        match value {
            Some(n) => self.buf.extend_from_slice(n.to_string().as_bytes()),
            None => self.null(),
        }
    }

    fn uint(&mut self, name: &str, value: usize) {
        self.key(name);
        self.buf.extend_from_slice(value.to_string().as_bytes());
    }

    fn bool(&mut self, name: &str, value: bool) {
        self.key(name);
        self.buf
            .extend_from_slice(if value { b"true" } else { b"false" });
    }

    fn person(&mut self, name: &str, person: Option<Person>) {
        self.key(name);
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

fn write_event(out: &mut Json, e: &Event) {
    out.open();
    out.string("activity", Some(e.activity().as_str()));
    out.bool("known", e.known());
    out.string("category", Some(e.category().as_str()));
    out.int("contractId", e.contract_id());
    out.string("contractTitle", e.contract_title());
    out.string("contractStatus", e.contract_status());
    out.string("contractKind", e.contract_kind());
    out.string("contractType", e.contract_type());
    out.int("contractTypeId", e.contract_type_id());
    out.string("occurredAt", e.occurred_at());
    out.person("performedBy", e.performed_by());
    out.string("externalId", e.external_id().as_deref());
    out.person("businessUser", e.business_user());
    out.person("legalUser", e.legal_user());
    out.close();
}

// `counterparties` as a JSON array: its own text, parsed by `index.js` on
// first access (it can hold hundreds of entries that most receivers never
// read).
fn write_counterparties(out: &mut Json, e: &Event) {
    out.buf.push(b'[');
    for (i, c) in e.counterparties().into_iter().enumerate() {
        if i > 0 {
            out.buf.push(b',');
        }
        out.open();
        out.string("type", c.kind.as_deref());
        out.string("organizationName", c.organization_name.as_deref());
        out.string("pocName", c.poc_name.as_deref());
        out.string("pocEmail", c.poc_email.as_deref());
        out.int("counterpartyId", c.counterparty_id);
        out.close();
    }
    out.buf.push(b']');
}

/// A parsed event: its typed fields but `counterparties`, a newline, then
/// `counterparties`.
pub fn event_text(e: &Event) -> String {
    let mut out = Json::with_capacity(512);
    write_event(&mut out, e);
    out.buf.push(b'\n');
    write_counterparties(&mut out, e);
    out.finish()
}

/// Three JSON texts in one string, separated by newlines: the delivery
/// (event without `counterparties`), its log record (core's snake_case
/// fields) and the event's `counterparties`. `index.js` parses the last two
/// only when asked for. No text contains a raw newline (the writer emits
/// none and serde_json escapes them).
pub fn delivery(d: &Delivery) -> String {
    let mut out = Json::with_capacity(1024);
    out.open();
    out.key("event");
    write_event(&mut out, d.event());
    out.string("dedupeKey", Some(d.dedupe_key()));
    out.string("bodySha256", Some(d.body_sha256()));
    out.uint("bodyLength", d.body_len());
    out.uint("keyIndex", d.key_index());
    out.string("keyId", d.key_id());
    out.string("signatureHeader", Some(d.signature_header().as_str()));
    out.close();
    out.buf.push(b'\n');
    out.open();
    for (name, value) in d.log_record().fields() {
        match value {
            LogValue::Str(s) => out.string(name, Some(s)),
            LogValue::Int(i) => out.int(name, Some(*i)),
            LogValue::Bool(b) => out.bool(name, *b),
        }
    }
    out.close();
    out.buf.push(b'\n');
    write_counterparties(&mut out, d.event());
    out.finish()
}

/// A diagnosis.
pub fn diagnosis(d: &Diagnosis) -> String {
    let mut out = Json::with_capacity(512);
    out.open();
    out.string("cause", Some(d.cause.as_str()));
    out.key("keyIndex");
    match d.key_index {
        Some(i) => out.buf.extend_from_slice(i.to_string().as_bytes()),
        None => out.null(),
    }
    out.string("variant", d.variant);
    out.string("message", Some(&d.message()));
    out.close();
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use spotdraft_kit::serde_json::Value;
    use spotdraft_kit::{sign, HmacKey, Verifier};

    #[test]
    fn delivery_text_is_valid_json_with_escaped_strings() {
        let key = HmacKey::from_bytes(b"k").unwrap();
        let body = br#"{"activity":"CONTRACT_SIGNED","contract_id":-3,"contract_title":"a \"q\" \\ \u0001 \u2028 \ud83d\ude00","external_metadata":{"id":12,"x":[1,{"y":null}]},"counterparties":[{"type":"ORG","counterparty_id":9},"junk"],"activity_data":{"timestamp":"T","performed_by":{"name":"N","email":7}}}"#;
        let sig = sign(&key, body);
        let d = Verifier::new(vec![key.with_id("i\"d")])
            .unwrap()
            .open(&[("x-sd-webhook-content-hash", sig.as_str())], body)
            .unwrap();
        let text = delivery(&d);
        let parts: Vec<&str> = text.split('\n').collect();
        assert_eq!(parts.len(), 3);
        let v: Value = serde_json::from_str(parts[0]).unwrap();
        let record: Value = serde_json::from_str(parts[1]).unwrap();
        let counterparties: Value = serde_json::from_str(parts[2]).unwrap();
        let e = &v["event"];
        assert_eq!(e["contractId"], -3);
        assert_eq!(e["contractTitle"], "a \"q\" \\ \u{1} \u{2028} \u{1F600}");
        assert_eq!(e["externalId"], "12");
        assert!(e.get("externalMetadata").is_none());
        assert_eq!(counterparties.as_array().unwrap().len(), 1);
        assert_eq!(counterparties[0]["organizationName"], Value::Null);
        assert_eq!(counterparties[0]["counterpartyId"], 9);
        assert_eq!(e["performedBy"]["email"], Value::Null);
        assert_eq!(e["businessUser"], Value::Null);
        assert_eq!(v["keyId"], "i\"d");
        assert_eq!(record["outcome"], "accepted");
        assert_eq!(record["contract_id"], -3);
        assert!(!record.to_string().contains("\"N\""));
    }

    #[test]
    fn diagnosis_text_is_valid_json() {
        let key = HmacKey::from_bytes(b"k").unwrap();
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
