//! [`diagnose`]: explains why a signature did not match, with a stable
//! [`Cause`] code.
//!
//! It re-computes the signature under the usual integration mistakes
//! (verifying re-serialised JSON, a trailing newline, changed line endings
//! or character encoding, an undecoded key, HMAC-SHA256 instead of
//! HMAC-SHA512, a `sha512=` prefix) and reports the first that explains the
//! header. When none does, it says plainly that a changed body and a wrong
//! key cannot be told apart from the signature alone
//! ([`Cause::BodyChangedOrWrongKey`]). It is deliberately slow and never
//! runs inside [`crate::Verifier::open`].

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha512};

use crate::hex;
use crate::signature::{decode_base64_lenient, HmacKey, KeyEncoding};

mod variants;
use variants::body_variants;

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
    /// The body's bytes were re-encoded on the way: line endings (CRLF and
    /// LF), a byte-order mark, leading whitespace, or the character set
    /// (UTF-8 read as Latin-1, or the reverse).
    BodyReencoded,
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
    /// The signature is empty or absent.
    MissingSignature,
    /// The header is not a recognisable digest at all.
    MalformedSignature,
    /// No key was given, so only keyless mistakes could be checked.
    NoKey,
    /// None of the above: the body changed after signing (tampered, or
    /// rewritten in a way not tried here) or the key is not the one that
    /// signed it. A signature alone cannot tell these two apart.
    BodyChangedOrWrongKey,
}

impl Cause {
    /// Every cause, in a fixed order.
    pub const ALL: [Cause; 13] = [
        Cause::Valid,
        Cause::BodyReserialized,
        Cause::TrailingNewline,
        Cause::BodyReencoded,
        Cause::KeyNotBase64Decoded,
        Cause::KeyShouldBeBase64Decoded,
        Cause::WrongAlgorithm,
        Cause::HeaderHasPrefix,
        Cause::SignatureBase64,
        Cause::MissingSignature,
        Cause::MalformedSignature,
        Cause::NoKey,
        Cause::BodyChangedOrWrongKey,
    ];

    /// The stable snake_case code.
    ///
    /// ```
    /// assert_eq!(
    ///     spotdraft_kit::Cause::BodyChangedOrWrongKey.as_str(),
    ///     "body_changed_or_wrong_key"
    /// );
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Cause::Valid => "valid",
            Cause::BodyReserialized => "body_reserialized",
            Cause::TrailingNewline => "trailing_newline",
            Cause::BodyReencoded => "body_reencoded",
            Cause::KeyNotBase64Decoded => "key_not_base64_decoded",
            Cause::KeyShouldBeBase64Decoded => "key_should_be_base64_decoded",
            Cause::WrongAlgorithm => "wrong_algorithm",
            Cause::HeaderHasPrefix => "header_has_prefix",
            Cause::SignatureBase64 => "signature_base64",
            Cause::MissingSignature => "missing_signature",
            Cause::MalformedSignature => "malformed_signature",
            Cause::NoKey => "no_key",
            Cause::BodyChangedOrWrongKey => "body_changed_or_wrong_key",
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
            Cause::BodyReencoded => {
                "the signature matches the body as it was before its bytes were re-encoded (line \
                 endings, a byte-order mark, leading whitespace or the character set, see the \
                 variant): something between SpotDraft and the verifier decoded and re-wrote the \
                 text; verify the raw request bytes"
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
            Cause::MissingSignature => {
                "the signature is empty: the request carried no X-SD-WEBHOOK-CONTENT-HASH header \
                 (or the receiver read another header, or lost it in a proxy); nothing can be said \
                 about the body or the key"
            }
            Cause::MalformedSignature => {
                "the value is not a hex or base64 digest; check which header is being read"
            }
            Cause::NoKey => {
                "no key was given, and the value is not a plain hash of the body: pass the \
                 workspace's hmac_key (GET webhooks/hmac_key/)"
            }
            Cause::BodyChangedOrWrongKey => {
                "the signature is a digest, but no key matches this body and no common mistake \
                 explains it: either the body changed after signing (tampered with, or rewritten \
                 in a way not tried here) or the key is not the one that signed it (another \
                 workspace, UAT vs production, or a rotated key); the signature alone cannot tell \
                 which. Compare the received bytes with what was sent, and the key's fingerprint \
                 with the current hmac_key (GET webhooks/hmac_key/)"
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
/// let key = HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")?;
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
    /// For [`Cause::BodyReserialized`], [`Cause::TrailingNewline`] and
    /// [`Cause::BodyReencoded`]: which variant matched (`compact`,
    /// `pretty-2`, `python`, `append-lf`, `crlf-to-lf`, ...).
    pub variant: Option<&'static str>,
}

impl Diagnosis {
    /// A one-paragraph explanation for people, with no secret in it.
    ///
    /// ```
    /// use spotdraft_kit::{diagnose, HmacKey};
    /// let d = diagnose(b"{}", &"0".repeat(128), &[HmacKey::from_bytes(b"k")?]);
    /// assert!(d.message().starts_with("body_changed_or_wrong_key:"));
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
/// let key = HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")?;
/// let raw = br#"{"activity": "CONTRACT_CREATED", "contract_id": 1}"#;
/// let reparsed = br#"{"activity":"CONTRACT_CREATED","contract_id":1}"#;
/// // The receiver verified the re-serialised body against SpotDraft's signature.
/// let d = diagnose(reparsed, &sign(&key, raw), &[key]);
/// assert_eq!(d.cause, Cause::BodyReserialized);
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn diagnose(body: &[u8], signature: &str, keys: &[HmacKey]) -> Diagnosis {
    let found = |cause, key_index, variant| Diagnosis {
        cause,
        key_index,
        variant,
    };
    let trimmed = signature.trim_ascii();
    if trimmed.is_empty() {
        return found(Cause::MissingSignature, None, None);
    }
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
    let candidates = body_variants(body);
    for (i, key) in keys.iter().enumerate() {
        for (cause, variant, candidate) in &candidates {
            if wanted(&hmac512(key.bytes(), candidate)) {
                return found(*cause, Some(i), Some(*variant));
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
    if keys.is_empty() {
        return found(Cause::NoKey, None, None);
    }
    found(Cause::BodyChangedOrWrongKey, None, None)
}

fn hmac512(key: &[u8], body: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha512> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}
