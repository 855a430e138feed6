//! [`diagnose`]: explains why a signature did not match, with a stable
//! [`Cause`] code.
//!
//! It re-computes the signature under the usual integration mistakes
//! (verifying re-serialised JSON, a trailing newline, an undecoded key,
//! HMAC-SHA256 instead of HMAC-SHA512, a `sha512=` prefix) and reports the
//! first that explains the header. It is deliberately slow and never runs
//! inside [`crate::Verifier::open`].

use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use serde_json::Value;
use sha2::{Sha256, Sha512};

use crate::hex;
use crate::signature::{decode_base64_lenient, HmacKey, KeyEncoding};

/// Why a signature did or did not match. The strings are stable.
///
/// ```
/// assert_eq!(spotdraft_kit::Cause::BodyReserialized.as_str(), "body_reserialized");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cause {
    /// The signature matches: nothing is wrong.
    Valid,
    /// The body was re-serialised (parsed JSON written back compact, pretty,
    /// with sorted keys or ASCII escapes) before verification.
    BodyReserialized,
    /// A trailing newline was added to or stripped from the body.
    TrailingNewline,
    /// The signature matches the key's base64 text used as raw bytes: the
    /// key was not base64-decoded.
    KeyNotBase64Decoded,
    /// The signature matches the base64-decoded form of a key configured as
    /// UTF-8: the key should be used in base64 mode.
    KeyShouldBeBase64Decoded,
    /// HMAC-SHA256 (or a plain hash) of the body matches: wrong algorithm.
    WrongAlgorithm,
    /// The header value matches once a prefix such as `sha512=` is removed.
    HeaderHasPrefix,
    /// The header carries the right HMAC-SHA512, but base64-encoded instead of hex.
    SignatureBase64,
    /// The header is not a recognisable digest at all.
    MalformedSignature,
    /// None of the above: most likely another workspace's or an old key.
    WrongKey,
}

impl Cause {
    /// Every cause, in a fixed order.
    pub const ALL: [Cause; 10] = [
        Cause::Valid,
        Cause::BodyReserialized,
        Cause::TrailingNewline,
        Cause::KeyNotBase64Decoded,
        Cause::KeyShouldBeBase64Decoded,
        Cause::WrongAlgorithm,
        Cause::HeaderHasPrefix,
        Cause::SignatureBase64,
        Cause::MalformedSignature,
        Cause::WrongKey,
    ];

    /// The stable snake_case code.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::Cause::WrongKey.as_str(), "wrong_key");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Cause::Valid => "valid",
            Cause::BodyReserialized => "body_reserialized",
            Cause::TrailingNewline => "trailing_newline",
            Cause::KeyNotBase64Decoded => "key_not_base64_decoded",
            Cause::KeyShouldBeBase64Decoded => "key_should_be_base64_decoded",
            Cause::WrongAlgorithm => "wrong_algorithm",
            Cause::HeaderHasPrefix => "header_has_prefix",
            Cause::SignatureBase64 => "signature_base64",
            Cause::MalformedSignature => "malformed_signature",
            Cause::WrongKey => "wrong_key",
        }
    }

    /// What the cause means and what to do about it.
    ///
    /// ```
    /// assert!(spotdraft_kit::Cause::TrailingNewline.explanation().contains("newline"));
    /// ```
    pub const fn explanation(self) -> &'static str {
        match self {
            Cause::Valid => "the signature matches the body",
            Cause::BodyReserialized => {
                "the signature matches the body only after re-serialising the JSON: the receiver \
                 verified parsed-and-rewritten JSON instead of the raw request bytes; read the raw \
                 body before any JSON parser runs"
            }
            Cause::TrailingNewline => {
                "the signature matches once a trailing newline is added or removed: something \
                 (a file, an editor, a shell heredoc or a proxy) changed the body's last bytes"
            }
            Cause::KeyNotBase64Decoded => {
                "the signature matches the key's base64 text used as raw bytes: the sender (or \
                 the test) did not base64-decode the hmac_key before signing"
            }
            Cause::KeyShouldBeBase64Decoded => {
                "the key is configured as UTF-8 text but the signature matches its base64-decoded \
                 bytes: use KeyEncoding::Base64 (the default) for SpotDraft's hmac_key"
            }
            Cause::WrongAlgorithm => {
                "the value is an HMAC-SHA256 or a plain hash of the body: SpotDraft signs with \
                 HMAC-SHA512"
            }
            Cause::HeaderHasPrefix => {
                "the signature matches once a prefix such as `sha512=` is removed: SpotDraft \
                 sends the bare lowercase hex digest"
            }
            Cause::SignatureBase64 => {
                "the value is the right HMAC-SHA512 but base64-encoded: SpotDraft sends hex"
            }
            Cause::MalformedSignature => {
                "the value is not a hex or base64 digest; check which header is being read"
            }
            Cause::WrongKey => {
                "no key and no common mistake explains the signature: most likely the key belongs \
                 to another workspace (UAT vs production) or was rotated; fetch the current \
                 hmac_key from webhooks/hmac_key/"
            }
        }
    }
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of [`diagnose`].
///
/// ```
/// use spotdraft_kit::{diagnose, sign, Cause, HmacKey};
/// let key = HmacKey::from_base64("c2VjcmV0")?;
/// let d = diagnose(b"{}", &sign(&key, b"{}"), &[key]);
/// assert_eq!(d.cause, Cause::Valid);
/// assert_eq!(d.key_index, Some(0));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    /// The cause found.
    pub cause: Cause,
    /// Index of the key involved, when one is.
    pub key_index: Option<usize>,
    /// For [`Cause::BodyReserialized`] and [`Cause::TrailingNewline`]: which
    /// variant matched (`compact`, `pretty-2`, `python`, `append-lf`, ...).
    pub variant: Option<&'static str>,
}

impl Diagnosis {
    /// A one-paragraph explanation for people, with no secret in it.
    ///
    /// ```
    /// use spotdraft_kit::{diagnose, HmacKey};
    /// let d = diagnose(b"{}", &"0".repeat(128), &[HmacKey::from_bytes(b"k")?]);
    /// assert!(d.message().starts_with("wrong_key:"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn message(&self) -> String {
        let mut out = format!("{}: {}", self.cause.as_str(), self.cause.explanation());
        if let Some(v) = self.variant {
            out.push_str(&format!(" (variant: {v})"));
        }
        if let Some(i) = self.key_index {
            out.push_str(&format!(" (key index {i})"));
        }
        out
    }
}

/// Explains why `signature` does or does not match `body` under `keys`.
/// Slow by design (dozens of HMACs); for tooling, never for the hot path.
///
/// ```
/// use spotdraft_kit::{diagnose, sign, Cause, HmacKey};
/// let key = HmacKey::from_base64("c2VjcmV0")?;
/// let raw = br#"{"activity": "CONTRACT_CREATED", "contract_id": 1}"#;
/// let reparsed = br#"{"activity":"CONTRACT_CREATED","contract_id":1}"#;
/// // The receiver verified the re-serialised body against SpotDraft's signature.
/// let d = diagnose(reparsed, &sign(&key, raw), &[key]);
/// assert_eq!(d.cause, Cause::BodyReserialized);
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn diagnose(body: &[u8], signature: &str, keys: &[HmacKey]) -> Diagnosis {
    let trimmed = signature.trim_ascii();
    let (prefixed, value) = match trimmed.split_once('=') {
        Some((prefix, rest))
            if !prefix.is_empty()
                && prefix.len() <= 16
                && prefix
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && !rest.is_empty() =>
        {
            (true, rest.trim_ascii())
        }
        _ => (false, trimmed),
    };
    let hex_digest = hex::decode(value.as_bytes());
    let b64_digest = decode_base64_lenient(value).map(|d| d.to_vec());
    let wanted = |d: &[u8]| hex_digest.as_deref() == Some(d) || b64_digest.as_deref() == Some(d);
    let found = |cause, key_index, variant| Diagnosis {
        cause,
        key_index,
        variant,
    };

    for (i, key) in keys.iter().enumerate() {
        let mac = hmac512(key.bytes(), body);
        if hex_digest.as_deref() == Some(&mac[..]) {
            let cause = if prefixed {
                Cause::HeaderHasPrefix
            } else {
                Cause::Valid
            };
            return found(cause, Some(i), None);
        }
        if b64_digest.as_deref() == Some(&mac[..]) {
            return found(Cause::SignatureBase64, Some(i), None);
        }
    }
    if hex_digest.is_none() && b64_digest.is_none() {
        return found(Cause::MalformedSignature, None, None);
    }
    for (i, key) in keys.iter().enumerate() {
        // Newline checks first: they are the more specific explanation.
        for (variant, candidate) in newline_variants(body) {
            if wanted(&hmac512(key.bytes(), &candidate)) {
                return found(Cause::TrailingNewline, Some(i), Some(variant));
            }
        }
        for (variant, candidate) in reserialized(body) {
            if wanted(&hmac512(key.bytes(), &candidate)) {
                return found(Cause::BodyReserialized, Some(i), Some(variant));
            }
        }
        if let Some(text) = key.text() {
            let (alternative, cause) = match key.encoding() {
                KeyEncoding::Base64 => (Some(text.as_bytes().to_vec()), Cause::KeyNotBase64Decoded),
                KeyEncoding::Utf8 => (
                    decode_base64_lenient(text).map(|d| d.to_vec()),
                    Cause::KeyShouldBeBase64Decoded,
                ),
            };
            if let Some(alt) = alternative.filter(|a| !a.is_empty()) {
                if wanted(&hmac512(&alt, body)) {
                    return found(cause, Some(i), None);
                }
            }
        }
        let sha256_mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.bytes())
            .map(|mut m| {
                m.update(body);
                m.finalize().into_bytes().to_vec()
            })
            .unwrap_or_default();
        if wanted(&sha256_mac) {
            return found(Cause::WrongAlgorithm, Some(i), Some("hmac-sha256"));
        }
    }
    use sha2::Digest;
    if wanted(&Sha512::digest(body)) {
        return found(Cause::WrongAlgorithm, None, Some("sha512"));
    }
    if wanted(&Sha256::digest(body)) {
        return found(Cause::WrongAlgorithm, None, Some("sha256"));
    }
    found(Cause::WrongKey, None, None)
}

fn hmac512(key: &[u8], body: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha512> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

fn newline_variants(body: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = vec![
        ("append-lf", [body, b"\n"].concat()),
        ("append-crlf", [body, b"\r\n"].concat()),
    ];
    let stripped = body.trim_ascii_end();
    if stripped.len() != body.len() {
        out.push(("strip-trailing-whitespace", stripped.to_vec()));
    }
    out
}

/// The common ways a framework writes parsed JSON back out.
fn reserialized(body: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Vec::new();
    };
    let sorted = sort_keys(&value);
    let mut out = Vec::new();
    for (name, v) in [("", &value), ("-sorted", &sorted)] {
        let variants: [(&'static str, Vec<u8>); 5] = [
            (
                pick(name, "compact", "compact-sorted"),
                write(v, CompactFormatter),
            ),
            (
                pick(name, "pretty-2", "pretty-2-sorted"),
                write(v, PrettyFormatter::with_indent(b"  ")),
            ),
            (
                pick(name, "pretty-4", "pretty-4-sorted"),
                write(v, PrettyFormatter::with_indent(b"    ")),
            ),
            (
                pick(name, "python", "python-sorted"),
                write(v, PythonFormatter { ascii: false }),
            ),
            (
                pick(name, "python-ascii", "python-ascii-sorted"),
                write(v, PythonFormatter { ascii: true }),
            ),
        ];
        out.extend(variants);
    }
    out.retain(|(_, bytes)| bytes.as_slice() != body);
    out
}

fn pick(suffix: &str, plain: &'static str, sorted: &'static str) -> &'static str {
    if suffix.is_empty() {
        plain
    } else {
        sorted
    }
}

fn sort_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sort_keys(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sort_keys).collect()),
        other => other.clone(),
    }
}

fn write<F: Formatter>(value: &Value, formatter: F) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    // Serialising a Value into a Vec cannot fail.
    let _ = value.serialize(&mut ser);
    out
}

/// Python's `json.dumps` default: `", "` and `": "` separators, and with
/// `ensure_ascii` non-ASCII escaped as `\uXXXX`.
struct PythonFormatter {
    ascii: bool,
}

impl Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !self.ascii {
            return w.write_all(fragment.as_bytes());
        }
        for c in fragment.chars() {
            if c.is_ascii() {
                w.write_all(&[c as u8])?;
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(w, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }
}
