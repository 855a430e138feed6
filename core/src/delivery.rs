//! [`Verifier::open`]: the one-call pipeline (size check, header lookup,
//! verify, parse, fingerprint), the verified [`Delivery`] and its
//! [`LogRecord`].

use crate::error::{Error, ErrorCode, Result};
use crate::event::Event;
use std::fmt;
use std::sync::OnceLock;

use crate::fingerprint::{body_key, body_sha256, identity_key};
use crate::headers::{find_signature, HeaderSource, SignatureHeader};
use crate::signature::Verifier;

// Kept at this path for callers that name `delivery::LogRecord`.
pub use crate::log_record::{LogRecord, LogValue};

/// A verified, parsed delivery.
///
/// ```
/// use spotdraft_kit::{sign, HmacKey, SignatureHeader, Verifier};
/// let key = HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")?.with_id("prod");
/// let body = br#"{"activity":"CONTRACT_SIGNED","contract_id":5,"activity_data":{"timestamp":"2026-11-02T10:00:00Z"}}"#;
/// let headers = vec![("X-SD-WEBHOOK-CONTENT-HASH".to_string(), sign(&key, body))];
/// let d = Verifier::new(vec![key])?.open(&headers, body)?;
/// assert_eq!(d.event().contract_id(), Some(5));
/// assert_eq!(d.key_id(), Some("prod"));
/// assert_eq!(d.signature_header(), SignatureHeader::Current);
/// assert!(d.dedupe_key().starts_with("sdk1:"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone)]
pub struct Delivery {
    event: Event,
    dedupe_key: String,
    // Computed on first read, from the event's copy of the body, with the
    // value `open` always gave: a receiver that never logs it does not pay
    // for hashing the body a second time.
    body_sha256: OnceLock<String>,
    body_len: usize,
    key_index: usize,
    key_id: Option<String>,
    signature_header: SignatureHeader,
}

impl Delivery {
    /// The parsed event.
    ///
    /// ```
    /// # use spotdraft_kit::*;
    /// # let key = HmacKey::from_bytes(b"k")?; let body = br#"{"activity":"A"}"#;
    /// # let d = Verifier::new(vec![key.clone()])?.open(&[("x-sd-webhook-content-hash", sign(&key, body))], body)?;
    /// assert_eq!(d.event().activity().as_str(), "A");
    /// # Ok::<(), Error>(())
    /// ```
    pub fn event(&self) -> &Event {
        &self.event
    }

    /// Consumes the delivery, returning the event.
    ///
    /// ```
    /// # use spotdraft_kit::*;
    /// # let key = HmacKey::from_bytes(b"k")?; let body = br#"{"activity":"A"}"#;
    /// # let d = Verifier::new(vec![key.clone()])?.open(&[("x-sd-webhook-content-hash", sign(&key, body))], body)?;
    /// let event: Event = d.into_event();
    /// # Ok::<(), Error>(())
    /// ```
    pub fn into_event(self) -> Event {
        self.event
    }

    /// The dedupe key (see [`crate::fingerprint`]).
    ///
    /// ```
    /// # use spotdraft_kit::*;
    /// # let key = HmacKey::from_bytes(b"k")?; let body = br#"{"activity":"A"}"#;
    /// # let d = Verifier::new(vec![key.clone()])?.open(&[("x-sd-webhook-content-hash", sign(&key, body))], body)?;
    /// assert!(d.dedupe_key().starts_with("sdk1:body:")); // no timestamp: body fallback
    /// # Ok::<(), Error>(())
    /// ```
    pub fn dedupe_key(&self) -> &str {
        &self.dedupe_key
    }

    /// Lowercase hex SHA-256 of the raw body.
    ///
    /// ```
    /// # use spotdraft_kit::*;
    /// # let key = HmacKey::from_bytes(b"k")?; let body = br#"{"activity":"A"}"#;
    /// # let d = Verifier::new(vec![key.clone()])?.open(&[("x-sd-webhook-content-hash", sign(&key, body))], body)?;
    /// assert_eq!(d.body_sha256(), body_sha256(body));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn body_sha256(&self) -> &str {
        self.body_sha256
            .get_or_init(|| body_sha256(self.event.source()))
    }

    /// Length of the raw body in bytes.
    ///
    /// ```
    /// # use spotdraft_kit::*;
    /// # let key = HmacKey::from_bytes(b"k")?; let body = br#"{"activity":"A"}"#;
    /// # let d = Verifier::new(vec![key.clone()])?.open(&[("x-sd-webhook-content-hash", sign(&key, body))], body)?;
    /// assert_eq!(d.body_len(), body.len());
    /// # Ok::<(), Error>(())
    /// ```
    pub fn body_len(&self) -> usize {
        self.body_len
    }

    /// Index of the key that matched.
    ///
    /// ```
    /// # use spotdraft_kit::*;
    /// # let key = HmacKey::from_bytes(b"k")?; let body = br#"{"activity":"A"}"#;
    /// # let d = Verifier::new(vec![key.clone()])?.open(&[("x-sd-webhook-content-hash", sign(&key, body))], body)?;
    /// assert_eq!(d.key_index(), 0);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// Label of the key that matched, if keys were labelled.
    ///
    /// ```
    /// # use spotdraft_kit::*;
    /// # let key = HmacKey::from_bytes(b"k")?; let body = br#"{"activity":"A"}"#;
    /// # let d = Verifier::new(vec![key.clone()])?.open(&[("x-sd-webhook-content-hash", sign(&key, body))], body)?;
    /// assert_eq!(d.key_id(), None);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn key_id(&self) -> Option<&str> {
        self.key_id.as_deref()
    }

    /// Which header carried the signature.
    ///
    /// ```
    /// # use spotdraft_kit::*;
    /// # let key = HmacKey::from_bytes(b"k")?; let body = br#"{"activity":"A"}"#;
    /// # let d = Verifier::new(vec![key.clone()])?.open(&[("X-SD-CONTENT-HASH", sign(&key, body))], body)?;
    /// assert_eq!(d.signature_header(), SignatureHeader::Legacy);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn signature_header(&self) -> SignatureHeader {
        self.signature_header
    }

    /// What to log about this delivery: no secrets, no personal data.
    ///
    /// ```
    /// # use spotdraft_kit::*;
    /// # let key = HmacKey::from_bytes(b"k")?; let body = br#"{"activity":"A"}"#;
    /// # let d = Verifier::new(vec![key.clone()])?.open(&[("x-sd-webhook-content-hash", sign(&key, body))], body)?;
    /// assert_eq!(d.log_record().get("signature").unwrap().to_string(), "valid");
    /// # Ok::<(), Error>(())
    /// ```
    pub fn log_record(&self) -> LogRecord {
        let external_id = self.event.external_id();
        AcceptedParts {
            activity: self.event.activity().as_str(),
            contract_id: self.event.contract_id(),
            external_id: external_id.as_deref(),
            dedupe_key: self.dedupe_key(),
            key_index: self.key_index,
            signature_header: self.signature_header,
        }
        .record(self.body_sha256(), self.body_len, self.key_id.as_deref())
    }
}

/// What the log record of an accepted delivery says about its event and
/// its verification, as plain values: what a binding that keeps a
/// [`Delivery`] as scalars has, to build the record on first read with
/// [`Verifier::accepted_log_record_from`] (without parsing the body again).
///
/// ```
/// use spotdraft_kit::{sign, AcceptedParts, HmacKey, Verifier};
/// let key = HmacKey::from_bytes(b"k")?;
/// let body = br#"{"activity":"CONTRACT_SIGNED","contract_id":7}"#;
/// let sig = sign(&key, body);
/// let v = Verifier::new(vec![key])?;
/// let d = v.open(&[("x-sd-webhook-content-hash", sig.as_str())], body)?;
/// let parts = AcceptedParts {
///     activity: d.event().activity().as_str(),
///     contract_id: d.event().contract_id(),
///     external_id: None,
///     dedupe_key: d.dedupe_key(),
///     key_index: d.key_index(),
///     signature_header: d.signature_header(),
/// };
/// assert_eq!(v.accepted_log_record_from(&parts, body)?, d.log_record());
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AcceptedParts<'a> {
    /// The event's activity ([`Event::activity`]).
    pub activity: &'a str,
    /// The event's contract id ([`Event::contract_id`]).
    pub contract_id: Option<i64>,
    /// The event's external id ([`Event::external_id`]).
    pub external_id: Option<&'a str>,
    /// The delivery's dedupe key ([`Delivery::dedupe_key`]).
    pub dedupe_key: &'a str,
    /// The index of the key that matched ([`Delivery::key_index`]).
    pub key_index: usize,
    /// The header the signature came in ([`Delivery::signature_header`]).
    pub signature_header: SignatureHeader,
}

impl AcceptedParts<'_> {
    /// The one definition of an accepted delivery's record.
    fn record(&self, body_sha256: &str, body_len: usize, key_id: Option<&str>) -> LogRecord {
        let mut r = LogRecord::default();
        r.push_str("outcome", "accepted");
        r.push_str("activity", self.activity);
        if let Some(id) = self.contract_id {
            r.push_int("contract_id", id);
        }
        if let Some(id) = self.external_id {
            r.push_str("external_id", id);
        }
        r.push_str("dedupe_key", self.dedupe_key);
        r.push_str("body_sha256", body_sha256);
        r.push_int("body_bytes", len_i64(body_len));
        r.push_str("signature", "valid");
        r.push_str("signature_header", self.signature_header.as_str());
        r.push_int("key_index", len_i64(self.key_index));
        if let Some(id) = key_id {
            r.push_str("key_id", id);
        }
        r
    }
}

impl PartialEq for Delivery {
    fn eq(&self, other: &Self) -> bool {
        self.event == other.event
            && self.dedupe_key == other.dedupe_key
            && self.body_sha256() == other.body_sha256()
            && self.body_len == other.body_len
            && self.key_index == other.key_index
            && self.key_id == other.key_id
            && self.signature_header == other.signature_header
    }
}

impl fmt::Debug for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delivery")
            .field("event", &self.event)
            .field("dedupe_key", &self.dedupe_key())
            .field("body_sha256", &self.body_sha256())
            .field("body_len", &self.body_len)
            .field("key_index", &self.key_index)
            .field("key_id", &self.key_id)
            .field("signature_header", &self.signature_header)
            .finish()
    }
}

fn len_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn rejected(err: Error, body: &[u8], key_index: Option<usize>) -> Error {
    let mut r = LogRecord::default();
    r.push_str("outcome", "rejected");
    r.push_str("reason", err.code().as_str());
    r.push_int("http_status", i64::from(err.http_status()));
    // An oversize body is never hashed: the limit exists to bound work.
    if err.code() != ErrorCode::BodyTooLarge {
        r.push_str("body_sha256", body_sha256(body));
    }
    r.push_int("body_bytes", len_i64(body.len()));
    let signature = match err.code() {
        ErrorCode::InvalidJson | ErrorCode::InvalidPayload => "valid",
        ErrorCode::MissingSignature => "missing",
        ErrorCode::MalformedSignature => "malformed",
        ErrorCode::SignatureMismatch => "mismatch",
        _ => "unchecked",
    };
    r.push_str("signature", signature);
    if let Some(i) = key_index {
        r.push_int("key_index", len_i64(i));
    }
    err.with_log_record(r)
}

impl Verifier {
    /// Checks a body's length against `max_body_bytes` before the body is
    /// read or copied: a receiver that knows `Content-Length`, or a binding
    /// about to copy bytes into WebAssembly memory, can refuse early with
    /// the same error and log record [`Verifier::open`] would give.
    ///
    /// ```
    /// use spotdraft_kit::{ErrorCode, HmacKey, Verifier};
    /// let v = Verifier::new(vec![HmacKey::from_bytes(b"k")?])?.with_max_body_bytes(10);
    /// assert!(v.check_body_length(10).is_ok());
    /// let err = v.check_body_length(11).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::BodyTooLarge);
    /// assert_eq!(err.log_record().unwrap().get("body_bytes").unwrap().to_string(), "11");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn check_body_length(&self, body_len: usize) -> Result<()> {
        if body_len <= self.max_body_bytes() {
            return Ok(());
        }
        let err = Error::new(
            ErrorCode::BodyTooLarge,
            format!(
                "the body is {body_len} bytes, over the limit of {} bytes",
                self.max_body_bytes()
            ),
        );
        let mut r = LogRecord::default();
        r.push_str("outcome", "rejected");
        r.push_str("reason", err.code().as_str());
        r.push_int("http_status", i64::from(err.http_status()));
        r.push_int("body_bytes", len_i64(body_len));
        r.push_str("signature", "unchecked");
        Err(err.with_log_record(r))
    }

    /// Verifies and parses one delivery: size limit, signature header
    /// lookup, HMAC check over the exact body, JSON parse, fingerprints.
    ///
    /// Every error carries a [`LogRecord`] (reason, body hash unless the
    /// body was too large to hash, length) for the receiver to log.
    ///
    /// ```
    /// use spotdraft_kit::{ErrorCode, HmacKey, Verifier};
    /// let v = Verifier::new(vec![HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")?])?;
    /// let err = v.open(&[("content-type", "application/json")], b"{}").unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::MissingSignature);
    /// assert_eq!(err.http_status(), 401);
    /// assert_eq!(err.log_record().unwrap().get("reason").unwrap().to_string(), "missing_signature");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn open<H: HeaderSource + ?Sized>(&self, headers: &H, body: &[u8]) -> Result<Delivery> {
        self.check_body_length(body.len())?;
        let (signature_header, value) =
            find_signature(headers).map_err(|e| rejected(e, body, None))?;
        self.open_with_signature(signature_header, &value, body)
    }

    /// [`Verifier::open`] for a caller that already extracted the signature
    /// header value (bindings whose header maps are foreign objects).
    ///
    /// ```
    /// use spotdraft_kit::{sign, HmacKey, SignatureHeader, Verifier};
    /// let key = HmacKey::from_bytes(b"k")?;
    /// let body = br#"{"activity":"A"}"#;
    /// let sig = sign(&key, body);
    /// let d = Verifier::new(vec![key])?.open_with_signature(SignatureHeader::Current, sig.as_bytes(), body)?;
    /// assert_eq!(d.key_index(), 0);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn open_with_signature(
        &self,
        signature_header: SignatureHeader,
        signature: &[u8],
        body: &[u8],
    ) -> Result<Delivery> {
        self.check_body_length(body.len())?;
        let key_index = self
            .verify_bytes(body, signature)
            .map_err(|e| rejected(e, body, None))?;
        self.verified_delivery(signature_header, key_index, body)
    }

    /// The log record of the delivery [`Verifier::open`] returned for
    /// `body`, verified by key `key_index` through `signature_header`, built
    /// again from the body: for bindings that keep a delivery as plain
    /// values and build its record (and so hash the body) only when it is
    /// read. Nothing is verified here: pass only a body this verifier
    /// accepted. Errors with [`ErrorCode::InvalidArgument`] for a key index
    /// the verifier does not have, as `open` would for a body that does not
    /// parse.
    ///
    /// ```
    /// use spotdraft_kit::{sign, HmacKey, Verifier};
    /// let key = HmacKey::from_bytes(b"k")?.with_id("prod");
    /// let body = br#"{"activity":"CONTRACT_SIGNED","contract_id":7}"#;
    /// let sig = sign(&key, body);
    /// let v = Verifier::new(vec![key])?;
    /// let d = v.open(&[("x-sd-webhook-content-hash", sig.as_str())], body)?;
    /// let again = v.accepted_log_record(d.signature_header(), d.key_index(), body)?;
    /// assert_eq!(again, d.log_record());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn accepted_log_record(
        &self,
        signature_header: SignatureHeader,
        key_index: usize,
        body: &[u8],
    ) -> Result<LogRecord> {
        self.check_key_index(key_index)?;
        Ok(self
            .verified_delivery(signature_header, key_index, body)?
            .log_record())
    }

    /// [`Verifier::accepted_log_record`] from the parts of the delivery a
    /// binding kept, and the verified body (hashed here): no parse. The
    /// parts must be those of the delivery `open` returned for `body`.
    /// Errors with [`ErrorCode::InvalidArgument`] for a key index the
    /// verifier does not have.
    ///
    /// See [`AcceptedParts`] for an example.
    pub fn accepted_log_record_from(
        &self,
        parts: &AcceptedParts<'_>,
        body: &[u8],
    ) -> Result<LogRecord> {
        self.check_key_index(parts.key_index)?;
        Ok(parts.record(&body_sha256(body), body.len(), self.key_id(parts.key_index)))
    }

    fn check_key_index(&self, key_index: usize) -> Result<()> {
        if key_index < self.len() {
            return Ok(());
        }
        Err(Error::new(
            ErrorCode::InvalidArgument,
            "the key index is not one of this verifier's keys",
        ))
    }

    /// The delivery of a verified body: parsed, fingerprinted.
    fn verified_delivery(
        &self,
        signature_header: SignatureHeader,
        key_index: usize,
        body: &[u8],
    ) -> Result<Delivery> {
        let event = Event::parse(body).map_err(|e| rejected(e, body, Some(key_index)))?;
        let body_hash = OnceLock::new();
        // Without a timestamp the key is the body hash: computed now, kept.
        let dedupe_key = identity_key(&event)
            .unwrap_or_else(|| body_key(body_hash.get_or_init(|| body_sha256(body))));
        Ok(Delivery {
            event,
            dedupe_key,
            body_sha256: body_hash,
            body_len: body.len(),
            key_index,
            key_id: self.key_id(key_index).map(str::to_owned),
            signature_header,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sign, HmacKey};

    #[test]
    fn log_records_hold_no_personal_data_or_secrets() {
        let key = HmacKey::from_base64("c2VjcmV0LWtleS1ieXRlcw==").unwrap();
        let body = br#"{"activity":"CONTRACT_SIGNED","contract_id":5,"contract_title":"Secret Deal","activity_data":{"performed_by":{"name":"Ada Lovelace","email":"ada@example.com"},"timestamp":"T"}}"#;
        let sig = sign(&key, body);
        let v = Verifier::new(vec![key]).unwrap();
        let ok = v
            .open(&[("x-sd-webhook-content-hash", sig.as_str())], body)
            .unwrap();
        let bad = v
            .open(&[("x-sd-webhook-content-hash", "0".repeat(128))], body)
            .unwrap_err();
        for json in [
            ok.log_record().to_json(),
            bad.log_record().unwrap().to_json(),
        ] {
            for secret in [
                "Ada",
                "ada@example.com",
                "Secret Deal",
                sig.as_str(),
                "c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==",
            ] {
                assert!(!json.contains(secret), "{json} leaks {secret}");
            }
        }
    }

    #[test]
    fn oversize_body_is_not_hashed() {
        let v = Verifier::new(vec![HmacKey::from_bytes(b"k").unwrap()])
            .unwrap()
            .with_max_body_bytes(2);
        let err = v.open(&[("a", "b")], b"123").unwrap_err();
        assert_eq!(err.code(), ErrorCode::BodyTooLarge);
        assert!(err.log_record().unwrap().get("body_sha256").is_none());
    }

    #[test]
    fn accepted_log_record_is_the_record_open_gave() {
        let key = HmacKey::from_bytes(b"k").unwrap().with_id("second");
        let v = Verifier::new(vec![HmacKey::from_bytes(b"other").unwrap(), key.clone()]).unwrap();
        let bodies: [&[u8]; 3] = [
            br#"{"activity":"CONTRACT_SIGNED","contract_id":9007199254740993,"external_id":"e-1"}"#,
            br#"{"activity":"X","activity_data":{"timestamp":"2026-11-02T10:00:00Z"}}"#,
            br#"{"activity":"A"}"#,
        ];
        for body in bodies {
            let sig = sign(&key, body);
            for name in ["x-sd-webhook-content-hash", "x-sd-content-hash"] {
                let d = v.open(&[(name, sig.as_str())], body).unwrap();
                let again = v
                    .accepted_log_record(d.signature_header(), d.key_index(), body)
                    .unwrap();
                assert_eq!(again, d.log_record());
                let external_id = d.event().external_id();
                let parts = AcceptedParts {
                    activity: d.event().activity().as_str(),
                    contract_id: d.event().contract_id(),
                    external_id: external_id.as_deref(),
                    dedupe_key: d.dedupe_key(),
                    key_index: d.key_index(),
                    signature_header: d.signature_header(),
                };
                assert_eq!(v.accepted_log_record_from(&parts, body).unwrap(), again);
            }
        }
        let out_of_range =
            v.accepted_log_record(SignatureHeader::Current, 2, br#"{"activity":"A"}"#);
        assert_eq!(out_of_range.unwrap_err().code(), ErrorCode::InvalidArgument);
        let parts = AcceptedParts {
            activity: "A",
            contract_id: None,
            external_id: None,
            dedupe_key: "k",
            key_index: 2,
            signature_header: SignatureHeader::Current,
        };
        let out_of_range = v.accepted_log_record_from(&parts, b"{}");
        assert_eq!(out_of_range.unwrap_err().code(), ErrorCode::InvalidArgument);
        let not_json = v.accepted_log_record(SignatureHeader::Current, 0, b"[");
        assert_eq!(not_json.unwrap_err().code(), ErrorCode::InvalidJson);
    }

    #[test]
    fn open_with_signature_checks_the_size_as_open_does() {
        let key = HmacKey::from_bytes(b"k").unwrap();
        let v = Verifier::new(vec![key.clone()])
            .unwrap()
            .with_max_body_bytes(2);
        let body = b"{}{";
        let sig = sign(&key, body);
        let headers = [("x-sd-webhook-content-hash", sig.as_str())];
        let via_open = v.open(&headers, body).unwrap_err();
        let direct = v
            .open_with_signature(SignatureHeader::Current, sig.as_bytes(), body)
            .unwrap_err();
        assert_eq!(direct.code(), ErrorCode::BodyTooLarge);
        assert_eq!(direct.log_record(), via_open.log_record());
        // Refused before the signature is even parsed.
        let malformed = v
            .open_with_signature(SignatureHeader::Current, b"zz", body)
            .unwrap_err();
        assert_eq!(malformed.code(), ErrorCode::BodyTooLarge);
    }
}
