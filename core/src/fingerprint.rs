//! Dedupe fingerprints: [`body_sha256`] and [`dedupe_key`].
//!
//! SpotDraft sends no delivery id, and deliveries can repeat or arrive late,
//! so receivers dedupe on a key derived from the payload. Stores keep these
//! keys for years: **the encoding below is frozen**; changing it is a
//! breaking change and needs a new prefix (`sdk2:`).
//!
//! # `sdk1` identity encoding
//!
//! The identity is a byte string built from six slots, in this order:
//!
//! 1. `activity` (top level)
//! 2. `contract_id` (top level)
//! 3. `activity_data.timestamp`
//! 4. `activity_data.email_event_data.recipient_email`
//! 5. `activity_data.email_event_data.occured_at` (SpotDraft's spelling)
//! 6. `activity_data.signatory.email`
//!
//! It starts with the ASCII text `sdk1` and then each slot is written as
//!
//! * `-` when the field is absent, `null`, or an array/object/boolean;
//! * `s<len>:<bytes>` for a JSON string, where `<bytes>` is the string's
//!   UTF-8 (email slots 4 and 6 are ASCII-lowercased first) and `<len>` its
//!   byte length in decimal;
//! * `n<len>:<text>` for a JSON number, where `<text>` is the number as
//!   serde_json writes it (integers in plain decimal).
//!
//! Every slot is self-delimiting, so no two different field tuples encode
//! to the same bytes. The key is `"sdk1:" + hex(sha256(identity))`.
//!
//! If `activity_data.timestamp` is not a string, the payload cannot be told
//! apart from a later event of the same contract, and the key falls back to
//! the raw body: `"sdk1:body:" + body_sha256`.
//!
//! Because only these fields count, a copy that was re-serialised (other
//! whitespace, key order or escapes) or re-triggered has the same key,
//! while a different activity, contract, timestamp or email recipient
//! gives a different one.

use sha2::{Digest, Sha256};

use crate::event::Event;
use crate::event_fields::Scalar;
use crate::hex;

/// Lowercase hex SHA-256 of the raw body: the "payload hash" to log.
///
/// ```
/// assert_eq!(
///     spotdraft_kit::body_sha256(b""),
///     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/// );
/// ```
pub fn body_sha256(body: &[u8]) -> String {
    hex::encode(&Sha256::digest(body))
}

/// The `sdk1` dedupe key of an event (see the module docs for the frozen
/// encoding). `body_sha256` is used only for the fallback.
///
/// ```
/// use spotdraft_kit::{body_sha256, dedupe_key, parse_event};
/// let a = br#"{"activity":"CONTRACT_SIGNED","contract_id":7,"activity_data":{"timestamp":"2026-11-02T10:00:00Z"}}"#;
/// let b = br#"{ "activity_data": {"timestamp": "2026-11-02T10:00:00Z"}, "contract_id": 7, "activity": "CONTRACT_SIGNED" }"#;
/// let ka = dedupe_key(&parse_event(a)?, &body_sha256(a));
/// let kb = dedupe_key(&parse_event(b)?, &body_sha256(b));
/// assert_eq!(ka, kb);
/// assert!(ka.starts_with("sdk1:"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn dedupe_key(event: &Event, body_sha256: &str) -> String {
    identity_key(event).unwrap_or_else(|| body_key(body_sha256))
}

/// The fallback key, `"sdk1:body:" + body_sha256`, in one allocation.
pub(crate) fn body_key(body_sha256: &str) -> String {
    const PREFIX: &str = "sdk1:body:";
    let mut key = String::with_capacity(PREFIX.len() + body_sha256.len());
    key.push_str(PREFIX);
    key.push_str(body_sha256);
    key
}

/// The `sdk1` key from the identity fields, or `None` when the key falls
/// back to the body hash (no timestamp), in one allocation of its final
/// size.
pub(crate) fn identity_key(event: &Event) -> Option<String> {
    const PREFIX: &str = "sdk1:";
    let digest = Sha256::digest(identity(event)?);
    let mut key = String::with_capacity(PREFIX.len() + 2 * digest.len());
    key.push_str(PREFIX);
    hex::push_hex(&mut key, &digest);
    Some(key)
}

static ABSENT: Scalar = Scalar::Absent;

/// The `sdk1` identity bytes, or `None` when the event has no timestamp.
fn identity(event: &Event) -> Option<Vec<u8>> {
    let f = event.fields();
    let source = event.source();
    let data = &f.activity_data;
    let Scalar::Str(_) = data.timestamp else {
        return None;
    };
    let (recipient, occured_at) = match &data.email {
        Some(e) => (&e.recipient, &e.occured_at),
        None => (&ABSENT, &ABSENT),
    };
    let signatory_email = data.signatory.as_ref().map_or(&ABSENT, |s| &s.email);
    let mut out = Vec::with_capacity(128);
    out.extend_from_slice(b"sdk1");
    slot(&mut out, source, &f.activity, false);
    slot(&mut out, source, &f.contract_id, false);
    slot(&mut out, source, &data.timestamp, false);
    slot(&mut out, source, recipient, true);
    slot(&mut out, source, occured_at, false);
    slot(&mut out, source, signatory_email, true);
    Some(out)
}

fn slot(out: &mut Vec<u8>, source: &[u8], value: &Scalar, lowercase: bool) {
    match value {
        Scalar::Str(s) => {
            let start = tagged(out, b's', s.get(source).as_bytes());
            if lowercase {
                if let Some(text) = out.get_mut(start..) {
                    text.make_ascii_lowercase();
                }
            }
        }
        Scalar::Int(i) => {
            let mut buf = [0u8; 20];
            tagged(out, b'n', decimal(*i < 0, i.unsigned_abs(), &mut buf));
        }
        Scalar::OtherNumber(n) => {
            tagged(out, b'n', n.as_bytes());
        }
        Scalar::Absent | Scalar::Other(_) => out.push(b'-'),
    }
}

/// Writes `<tag><len>:<bytes>` and returns where `<bytes>` starts.
fn tagged(out: &mut Vec<u8>, tag: u8, bytes: &[u8]) -> usize {
    let mut buf = [0u8; 20];
    out.push(tag);
    out.extend_from_slice(decimal(false, bytes.len() as u64, &mut buf));
    out.push(b':');
    let start = out.len();
    out.extend_from_slice(bytes);
    start
}

/// `n` in decimal (with a leading `-` if `negative`), as `to_string` would
/// write it, without allocating.
fn decimal(negative: bool, mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_event;

    fn key(body: &str) -> String {
        let e = parse_event(body.as_bytes()).unwrap();
        dedupe_key(&e, &body_sha256(body.as_bytes()))
    }

    #[test]
    fn identity_bytes_are_pinned() {
        let e = parse_event(
            br#"{"activity":"SIGNING_EMAIL_OPENED","contract_id":12,"activity_data":{"timestamp":"T","email_event_data":{"recipient_email":"A@B.io","occured_at":"O"}}}"#,
        )
        .unwrap();
        assert_eq!(
            identity(&e).unwrap(),
            b"sdk1s20:SIGNING_EMAIL_OPENEDn2:12s1:Ts6:a@b.ios1:O-".to_vec()
        );
    }

    #[test]
    fn the_key_is_the_hex_sha256_of_the_identity_bytes() {
        let long = format!("{}@EXAMPLE.com", "Ab".repeat(70));
        let bodies = [
            r#"{"activity":"A","activity_data":{"timestamp":"T"}}"#.to_owned(),
            r#"{"activity":"A\u00e9","contract_id":-9223372036854775808,"activity_data":{"timestamp":"\u00c9T","email_event_data":{"recipient_email":"\u00c9X@Y.IO","occured_at":1.5e3},"signatory":{"email":"S@X.IO"}}}"#.to_owned(),
            format!(r#"{{"activity":"A","contract_id":18446744073709551615,"activity_data":{{"timestamp":"T","signatory":{{"email":"{long}"}}}}}}"#),
        ];
        for body in &bodies {
            let e = parse_event(body.as_bytes()).unwrap();
            let bytes = identity(&e).unwrap();
            let want = format!("sdk1:{}", hex::encode(&Sha256::digest(&bytes)));
            let got = identity_key(&e).unwrap();
            assert_eq!(got, want, "{body}");
            assert_eq!(got.capacity(), want.len());
            assert_eq!(key(body), want);
        }
        let e = parse_event(bodies[2].as_bytes()).unwrap();
        let lower = long.to_ascii_lowercase();
        assert!(identity(&e)
            .unwrap()
            .ends_with(format!("s{}:{lower}", lower.len()).as_bytes()));
    }

    #[test]
    fn decimals_are_written_as_to_string_does() {
        for n in [0i64, 7, -7, 10, 1_000_000, i64::MAX, i64::MIN] {
            let mut buf = [0u8; 20];
            assert_eq!(
                decimal(n < 0, n.unsigned_abs(), &mut buf),
                n.to_string().as_bytes()
            );
        }
        let mut buf = [0u8; 20];
        assert_eq!(
            decimal(false, u64::MAX, &mut buf),
            u64::MAX.to_string().as_bytes()
        );
    }

    #[test]
    fn slots_cannot_be_confused() {
        // Same concatenated text, different split between fields.
        let a = key(r#"{"activity":"AB","activity_data":{"timestamp":"C"}}"#);
        let b = key(r#"{"activity":"A","activity_data":{"timestamp":"BC"}}"#);
        assert_ne!(a, b);
        // A string and a number with the same text differ.
        let c = key(r#"{"activity":"A","contract_id":1,"activity_data":{"timestamp":"T"}}"#);
        let d = key(r#"{"activity":"A","contract_id":"1","activity_data":{"timestamp":"T"}}"#);
        assert_ne!(c, d);
    }

    #[test]
    fn falls_back_to_body_hash_without_timestamp() {
        let body = r#"{"activity":"A","contract_id":1}"#;
        let want = format!("sdk1:body:{}", body_sha256(body.as_bytes()));
        assert_eq!(key(body), want);
        assert_eq!(
            body_key(&body_sha256(body.as_bytes())).capacity(),
            want.len()
        );
    }
}
