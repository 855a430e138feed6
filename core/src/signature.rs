//! HMAC-SHA512 signatures: keys, the [`Verifier`] keyring, [`sign`] and
//! parsing of the `X-SD-WEBHOOK-CONTENT-HASH` value.
//!
//! SpotDraft signs the exact request body bytes with HMAC-SHA512 keyed by the
//! base64-decoded workspace `hmac_key` and sends the lowercase hex digest.
//! Bodies are never decoded as text: a correctly signed body that is not
//! valid UTF-8 verifies.

use std::fmt;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha512;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode, Result};

type HmacSha512 = Hmac<Sha512>;

// An `HmacKey`'s keyed HMAC state (the inner and outer padded-key digests,
// two SHA-512 cores, plus a block buffer), built once and cloned per
// signature, is as secret as the key. With the `zeroize` features of `hmac`
// and `sha2`, both cores and the buffer wipe themselves on drop, in the
// cached state and in every clone; this fails to compile if a dependency
// update loses that.
const _: fn() = || {
    fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>() {}
    wiped_on_drop::<<Sha512 as hmac::digest::block_api::EagerHash>::Core>();
    wiped_on_drop::<hmac::digest::block_api::Buffer<hmac::block_api::HmacCore<Sha512>>>();
};

// Kept at this path for callers that name `signature::SIGNATURE_HEADER`.
pub use crate::headers::{LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER};
/// Default `max_body_bytes`: 5 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 5 * 1024 * 1024;
/// A signature header value longer than this is malformed without being parsed.
pub const MAX_SIGNATURE_HEADER_BYTES: usize = 1024;
/// The most keys one [`Verifier`] holds.
pub const MAX_KEYS: usize = 64;
/// Length of an HMAC-SHA512 digest in bytes.
pub const SIGNATURE_BYTES: usize = 64;
/// The fewest bytes a base64 key may decode to under [`KeyPolicy::Strict`].
/// SpotDraft's `hmac_key` values decode to 64; a shorter result is almost
/// always a truncated or mistyped value.
pub const MIN_BASE64_KEY_BYTES: usize = 16;

/// Whether a base64 key that decodes to fewer than [`MIN_BASE64_KEY_BYTES`]
/// is accepted. Legacy UTF-8 secrets are never length-checked.
///
/// ```
/// use spotdraft_kit::{ErrorCode, HmacKey, KeyEncoding, KeyPolicy};
/// // "c2VjcmV0" decodes to the 6 bytes "secret".
/// let err = HmacKey::new("c2VjcmV0", KeyEncoding::Base64).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::InvalidKey);
/// assert!(HmacKey::new_with_policy("c2VjcmV0", KeyEncoding::Base64, KeyPolicy::AllowShort).is_ok());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum KeyPolicy {
    /// Base64 keys must decode to at least [`MIN_BASE64_KEY_BYTES`]. The default.
    #[default]
    Strict,
    /// Any non-empty key is accepted (demo and test keys).
    AllowShort,
}

impl KeyPolicy {
    /// [`KeyPolicy::AllowShort`] when `allow_short` is true (for bindings
    /// that expose the opt-in as a boolean).
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::KeyPolicy::from_allow_short(false), spotdraft_kit::KeyPolicy::Strict);
    /// ```
    pub const fn from_allow_short(allow_short: bool) -> KeyPolicy {
        if allow_short {
            KeyPolicy::AllowShort
        } else {
            KeyPolicy::Strict
        }
    }
}

/// How a key string is turned into HMAC key bytes. Chosen explicitly, never
/// guessed.
///
/// ```
/// use spotdraft_kit::KeyEncoding;
/// assert_eq!(KeyEncoding::default(), KeyEncoding::Base64);
/// assert_eq!(KeyEncoding::Utf8.as_str(), "utf8");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum KeyEncoding {
    /// The `hmac_key` SpotDraft returns: base64, standard or URL-safe
    /// alphabet, padding optional. This is the default.
    #[default]
    Base64,
    /// Legacy callback secrets: the UTF-8 bytes of the string, not decoded.
    Utf8,
}

impl KeyEncoding {
    /// `"base64"` or `"utf8"`.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::KeyEncoding::Base64.as_str(), "base64");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyEncoding::Base64 => "base64",
            KeyEncoding::Utf8 => "utf8",
        }
    }

    /// Parses `"base64"` or `"utf8"` (also `"utf-8"`), case-insensitively.
    ///
    /// ```
    /// use spotdraft_kit::KeyEncoding;
    /// assert_eq!(KeyEncoding::parse("UTF-8").unwrap(), KeyEncoding::Utf8);
    /// assert!(KeyEncoding::parse("hex").is_err());
    /// ```
    pub fn parse(name: &str) -> Result<KeyEncoding> {
        match name.to_ascii_lowercase().as_str() {
            "base64" => Ok(KeyEncoding::Base64),
            "utf8" | "utf-8" => Ok(KeyEncoding::Utf8),
            _ => Err(Error::new(
                ErrorCode::InvalidArgument,
                "key encoding must be \"base64\" or \"utf8\"",
            )),
        }
    }
}

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Decodes base64 in the standard or URL-safe alphabet, padding optional,
/// surrounding ASCII whitespace ignored.
pub(crate) fn decode_base64_lenient(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let text = text.trim_ascii();
    if text.is_empty() {
        return None;
    }
    let engine = if text.contains(['-', '_']) {
        &URL_SAFE_LENIENT
    } else {
        &STANDARD_LENIENT
    };
    engine.decode(text).ok().map(Zeroizing::new)
}

/// The `invalid_key` error for a base64 key that decodes too short: says
/// what was decoded and how long it was, never the key.
fn short_key_error(text_len: usize, decoded_len: usize) -> Error {
    Error::new(
        ErrorCode::InvalidKey,
        format!(
            "the HMAC key ({text_len} base64 characters) decodes to {decoded_len} bytes, \
             under {MIN_BASE64_KEY_BYTES}; SpotDraft's decode to 64"
        ),
    )
}

/// One HMAC key, optionally labelled. Key bytes are zeroized on drop and
/// never printed.
///
/// ```
/// use spotdraft_kit::{HmacKey, KeyEncoding};
/// let key = HmacKey::new("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYQ==", KeyEncoding::Base64)?.with_id("prod-2026-11");
/// assert_eq!(key.id(), Some("prod-2026-11"));
/// assert_eq!(format!("{key:?}"), "HmacKey { id: Some(\"prod-2026-11\"), encoding: Base64, bytes: <redacted> }");
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone)]
pub struct HmacKey {
    id: Option<String>,
    encoding: KeyEncoding,
    bytes: Zeroizing<Vec<u8>>,
    // The text the key was given as: `diagnose` tries it as raw bytes to
    // spot a key that was never decoded.
    text: Option<Zeroizing<String>>,
    // The keyed HMAC state, built once from `bytes`: each signature clones
    // it and hashes only the body (keying costs two SHA-512 compressions).
    mac: HmacSha512,
}

impl HmacKey {
    /// Decodes a key string in the given encoding, under [`KeyPolicy::Strict`].
    ///
    /// Errors with [`ErrorCode::InvalidKey`] if the key is empty, not valid
    /// base64, or decodes to fewer than [`MIN_BASE64_KEY_BYTES`]; the message
    /// never repeats the key.
    ///
    /// ```
    /// use spotdraft_kit::{ErrorCode, HmacKey, KeyEncoding};
    /// let key = "dGhpcy1pcy1hLTMyLWJ5dGUtdGVzdC1rZXktdmFsdWU"; // padding optional
    /// assert!(HmacKey::new(key, KeyEncoding::Base64).is_ok());
    /// assert_eq!(HmacKey::new("not base64!", KeyEncoding::Base64).unwrap_err().code(), ErrorCode::InvalidKey);
    /// assert!(HmacKey::new("not base64!", KeyEncoding::Utf8).is_ok());
    /// ```
    pub fn new(key: &str, encoding: KeyEncoding) -> Result<Self> {
        HmacKey::new_with_policy(key, encoding, KeyPolicy::Strict)
    }

    /// Decodes a key string in the given encoding and [`KeyPolicy`].
    ///
    /// ```
    /// use spotdraft_kit::{HmacKey, KeyEncoding, KeyPolicy};
    /// let err = HmacKey::new_with_policy("a2V5", KeyEncoding::Base64, KeyPolicy::Strict).unwrap_err();
    /// assert!(err.message().contains("decodes to 3 bytes"));
    /// assert!(!err.message().contains("a2V5"));
    /// ```
    pub fn new_with_policy(key: &str, encoding: KeyEncoding, policy: KeyPolicy) -> Result<Self> {
        let bytes = match encoding {
            KeyEncoding::Base64 => decode_base64_lenient(key).ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidKey,
                    if key.trim_ascii().is_empty() {
                        "the HMAC key is empty"
                    } else {
                        "the HMAC key is not valid base64 (standard or URL-safe alphabet); \
                         use the `hmac_key` value SpotDraft returns, or the utf8 key encoding for a legacy callback secret"
                    },
                )
            })?,
            KeyEncoding::Utf8 => Zeroizing::new(key.as_bytes().to_vec()),
        };
        if bytes.is_empty() {
            return Err(Error::new(ErrorCode::InvalidKey, "the HMAC key is empty"));
        }
        if encoding == KeyEncoding::Base64
            && policy == KeyPolicy::Strict
            && bytes.len() < MIN_BASE64_KEY_BYTES
        {
            return Err(short_key_error(key.trim_ascii().len(), bytes.len()));
        }
        Ok(HmacKey::keyed(
            encoding,
            bytes,
            Some(Zeroizing::new(key.to_owned())),
        ))
    }

    /// A base64 key (the `hmac_key` SpotDraft returns), under
    /// [`KeyPolicy::Strict`].
    ///
    /// ```
    /// assert!(spotdraft_kit::HmacKey::from_base64("dGhpcy1pcy1hLTMyLWJ5dGUtdGVzdC1rZXktdmFsdWU=").is_ok());
    /// assert!(spotdraft_kit::HmacKey::from_base64("c2VjcmV0").is_err());
    /// ```
    pub fn from_base64(key: &str) -> Result<Self> {
        HmacKey::new(key, KeyEncoding::Base64)
    }

    /// Raw key bytes.
    ///
    /// ```
    /// assert!(spotdraft_kit::HmacKey::from_bytes(b"secret").is_ok());
    /// assert!(spotdraft_kit::HmacKey::from_bytes(b"").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.is_empty() {
            return Err(Error::new(ErrorCode::InvalidKey, "the HMAC key is empty"));
        }
        Ok(HmacKey::keyed(
            KeyEncoding::Base64,
            Zeroizing::new(bytes.to_vec()),
            None,
        ))
    }

    fn keyed(
        encoding: KeyEncoding,
        bytes: Zeroizing<Vec<u8>>,
        text: Option<Zeroizing<String>>,
    ) -> Self {
        // HMAC accepts keys of any length; this cannot fail.
        let mac =
            <HmacSha512 as KeyInit>::new_from_slice(&bytes).unwrap_or_else(|_| unreachable!());
        HmacKey {
            id: None,
            encoding,
            bytes,
            text,
            mac,
        }
    }

    /// Labels the key (for example the workspace or rotation date), so a
    /// receiver learns which key matched.
    ///
    /// ```
    /// let key = spotdraft_kit::HmacKey::from_bytes(b"k")?.with_id("uat");
    /// assert_eq!(key.id(), Some("uat"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The label, if any.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::HmacKey::from_bytes(b"k")?.id(), None);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The encoding the key was given in.
    ///
    /// ```
    /// use spotdraft_kit::{HmacKey, KeyEncoding};
    /// assert_eq!(HmacKey::new("abc", KeyEncoding::Utf8)?.encoding(), KeyEncoding::Utf8);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn encoding(&self) -> KeyEncoding {
        self.encoding
    }

    /// A short, non-reversible fingerprint of the key bytes (first 16 hex
    /// digits of SHA-256 over a domain-separated input), safe to log and to
    /// compare across environments.
    ///
    /// ```
    /// let a = spotdraft_kit::HmacKey::from_bytes(b"k1")?;
    /// assert_eq!(a.fingerprint().len(), 16);
    /// assert_ne!(a.fingerprint(), spotdraft_kit::HmacKey::from_bytes(b"k2")?.fingerprint());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn fingerprint(&self) -> String {
        fingerprint(b"hmac-key", &self.bytes)
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub(crate) fn text(&self) -> Option<&str> {
        self.text.as_ref().map(|t| t.as_str())
    }

    /// A copy of the keyed state, ready for a body.
    fn mac(&self) -> HmacSha512 {
        self.mac.clone()
    }
}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacKey")
            .field("id", &self.id)
            .field("encoding", &self.encoding)
            .field("bytes", &format_args!("<redacted>"))
            .finish()
    }
}

/// First 16 hex digits of SHA-256 over a domain-separated secret: safe to
/// log and to compare, useless for recovering the secret.
pub(crate) fn fingerprint(kind: &[u8], secret: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"spotdraft-kit fingerprint v1\0");
    h.update(kind);
    h.update(b"\0");
    h.update(secret);
    let mut out = crate::hex::encode(&h.finalize());
    out.truncate(16);
    out
}

/// Signs a body: the lowercase hex HMAC-SHA512 that SpotDraft would send in
/// `X-SD-WEBHOOK-CONTENT-HASH`. For tests and local senders.
///
/// ```
/// let key = spotdraft_kit::HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")?;
/// let sig = spotdraft_kit::sign(&key, br#"{"activity":"CONTRACT_CREATED"}"#);
/// assert_eq!(sig.len(), 128);
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn sign(key: &HmacKey, body: &[u8]) -> String {
    crate::hex::encode(&mac_of(key.mac(), body))
}

/// HMAC-SHA512 of `body` from a keyed state: the one copy of the MAC's
/// update and finalisation that signing and verifying share (inlined into
/// both, it was two copies of it in the wasm modules).
#[inline(never)]
fn mac_of(mut mac: HmacSha512, body: &[u8]) -> [u8; SIGNATURE_BYTES] {
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// Parses a signature header value: ASCII whitespace trimmed, exactly 128
/// hex digits in either case, at most 1 KiB before trimming.
///
/// ```
/// use spotdraft_kit::{parse_signature, ErrorCode};
/// let sig = parse_signature(&format!("  {}\n", "aB".repeat(64)))?;
/// assert_eq!(sig[0], 0xab);
/// assert_eq!(parse_signature("sha512=00").unwrap_err().code(), ErrorCode::MalformedSignature);
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn parse_signature(value: &str) -> Result<[u8; SIGNATURE_BYTES]> {
    parse_signature_bytes(value.as_bytes())
}

pub(crate) fn parse_signature_bytes(value: &[u8]) -> Result<[u8; SIGNATURE_BYTES]> {
    if value.len() > MAX_SIGNATURE_HEADER_BYTES {
        return Err(Error::new(
            ErrorCode::MalformedSignature,
            "the signature header is longer than 1 KiB",
        ));
    }
    let value = value.trim_ascii();
    if value.is_empty() {
        return Err(Error::new(
            ErrorCode::MalformedSignature,
            "the signature header is empty",
        ));
    }
    let mut out = [0u8; SIGNATURE_BYTES];
    if value.len() != 2 * SIGNATURE_BYTES || !crate::hex::decode_into(value, &mut out) {
        return Err(Error::new(
            ErrorCode::MalformedSignature,
            format!(
                "the signature header must be 128 hex digits (HMAC-SHA512), got {} characters{}",
                value.len(),
                if value.contains(&b'=') {
                    " with a prefix or base64 padding"
                } else {
                    ""
                }
            ),
        ));
    }
    Ok(out)
}

struct PreparedKey {
    id: Option<String>,
    // Keyed HMAC state, cloned per verification: only the body is hashed.
    mac: HmacSha512,
}

/// A keyring of 1..=64 HMAC keys with precomputed HMAC state, and the work
/// limits applied before any hashing.
///
/// Holds old and new keys side by side during rotation, or one key per
/// workspace; [`Verifier::verify`] returns the index of the matching key.
///
/// ```
/// use spotdraft_kit::{sign, HmacKey, Verifier};
/// let old = HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBvbGQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw==")?.with_id("2025");
/// let new = HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBuZXcta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw==")?.with_id("2026");
/// let body = br#"{"activity":"CONTRACT_EXECUTED"}"#;
/// let sig = sign(&new, body);
/// let verifier = Verifier::new(vec![old, new])?;
/// assert_eq!(verifier.verify(body, &sig)?, 1);
/// assert_eq!(verifier.key_id(1), Some("2026"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub struct Verifier {
    keys: Vec<PreparedKey>,
    max_body_bytes: usize,
}

impl Verifier {
    /// Builds a verifier. Errors with [`ErrorCode::NoKeys`] for zero or more
    /// than 64 keys.
    ///
    /// ```
    /// use spotdraft_kit::{ErrorCode, Verifier};
    /// assert_eq!(Verifier::new(vec![]).unwrap_err().code(), ErrorCode::NoKeys);
    /// ```
    pub fn new(keys: Vec<HmacKey>) -> Result<Self> {
        if keys.is_empty() {
            return Err(Error::new(
                ErrorCode::NoKeys,
                "a verifier needs at least one HMAC key",
            ));
        }
        if keys.len() > MAX_KEYS {
            return Err(Error::new(
                ErrorCode::NoKeys,
                format!(
                    "a verifier holds at most {MAX_KEYS} keys, got {}",
                    keys.len()
                ),
            ));
        }
        let keys = keys
            .into_iter()
            .map(|k| PreparedKey {
                mac: k.mac,
                id: k.id,
            })
            .collect();
        Ok(Verifier {
            keys,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        })
    }

    /// Builds a verifier from key strings in one encoding.
    ///
    /// ```
    /// use spotdraft_kit::{KeyEncoding, Verifier};
    /// let v = Verifier::from_keys(["c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ=="], KeyEncoding::Base64)?;
    /// assert_eq!(v.len(), 1);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn from_keys<I, S>(keys: I, encoding: KeyEncoding) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let keys = keys
            .into_iter()
            .map(|k| HmacKey::new(k.as_ref(), encoding))
            .collect::<Result<Vec<_>>>()?;
        Verifier::new(keys)
    }

    /// Sets the largest body accepted (default 5 MiB). Larger bodies fail
    /// with [`ErrorCode::BodyTooLarge`] before any hashing.
    ///
    /// ```
    /// use spotdraft_kit::{ErrorCode, HmacKey, Verifier};
    /// let v = Verifier::new(vec![HmacKey::from_bytes(b"k")?])?.with_max_body_bytes(4);
    /// assert_eq!(v.verify(b"12345", &"0".repeat(128)).unwrap_err().code(), ErrorCode::BodyTooLarge);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn with_max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.max_body_bytes = max_body_bytes;
        self
    }

    /// The body size limit.
    ///
    /// ```
    /// # use spotdraft_kit::{HmacKey, Verifier};
    /// assert_eq!(Verifier::new(vec![HmacKey::from_bytes(b"k")?])?.max_body_bytes(), 5 * 1024 * 1024);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// Number of keys.
    ///
    /// ```
    /// # use spotdraft_kit::{HmacKey, Verifier};
    /// assert_eq!(Verifier::new(vec![HmacKey::from_bytes(b"k")?])?.len(), 1);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Always false: a verifier holds at least one key.
    ///
    /// ```
    /// # use spotdraft_kit::{HmacKey, Verifier};
    /// assert!(!Verifier::new(vec![HmacKey::from_bytes(b"k")?])?.is_empty());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The label of key `index`, if it has one.
    ///
    /// ```
    /// # use spotdraft_kit::{HmacKey, Verifier};
    /// let v = Verifier::new(vec![HmacKey::from_bytes(b"k")?.with_id("a")])?;
    /// assert_eq!(v.key_id(0), Some("a"));
    /// assert_eq!(v.key_id(5), None);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn key_id(&self, index: usize) -> Option<&str> {
        self.keys.get(index).and_then(|k| k.id.as_deref())
    }

    /// Checks `signature` (the header value) over the exact `body` bytes and
    /// returns the index of the first matching key.
    ///
    /// ```
    /// use spotdraft_kit::{sign, ErrorCode, HmacKey, Verifier};
    /// let key = HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")?;
    /// let body = [0xff, 0xfe, b'{']; // not UTF-8: still verified byte-exactly
    /// let sig = sign(&key, &body);
    /// let v = Verifier::new(vec![key])?;
    /// assert_eq!(v.verify(&body, &sig.to_uppercase())?, 0);
    /// assert_eq!(v.verify(b"other", &sig).unwrap_err().code(), ErrorCode::SignatureMismatch);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn verify(&self, body: &[u8], signature: &str) -> Result<usize> {
        self.verify_bytes(body, signature.as_bytes())
    }

    /// [`Verifier::verify`] as a boolean.
    ///
    /// ```
    /// # use spotdraft_kit::{sign, HmacKey, Verifier};
    /// let key = HmacKey::from_bytes(b"k")?;
    /// let sig = sign(&key, b"x");
    /// let v = Verifier::new(vec![key])?;
    /// assert!(v.is_valid(b"x", &sig));
    /// assert!(!v.is_valid(b"y", &sig));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn is_valid(&self, body: &[u8], signature: &str) -> bool {
        self.verify(body, signature).is_ok()
    }

    pub(crate) fn check_body_size(&self, body: &[u8]) -> Result<()> {
        if body.len() > self.max_body_bytes {
            return Err(Error::new(
                ErrorCode::BodyTooLarge,
                format!(
                    "the body is {} bytes, over the limit of {} bytes",
                    body.len(),
                    self.max_body_bytes
                ),
            ));
        }
        Ok(())
    }

    pub(crate) fn verify_bytes(&self, body: &[u8], signature: &[u8]) -> Result<usize> {
        self.check_body_size(body)?;
        let expected = parse_signature_bytes(signature)?;
        self.match_key(body, &expected).ok_or_else(|| {
            Error::new(
                ErrorCode::SignatureMismatch,
                "no key produced this signature; check that the raw request body is verified \
                 (not re-serialised JSON) and that the workspace's hmac_key is configured",
            )
        })
    }

    fn match_key(&self, body: &[u8], expected: &[u8; SIGNATURE_BYTES]) -> Option<usize> {
        // Every key is tried so the time taken does not reveal which matched.
        let mut found = None;
        for (index, key) in self.keys.iter().enumerate() {
            let digest = mac_of(key.mac.clone(), body);
            if bool::from(digest.ct_eq(expected)) && found.is_none() {
                found = Some(index);
            }
        }
        found
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field(
                "key_ids",
                &self
                    .keys
                    .iter()
                    .map(|k| k.id.as_deref())
                    .collect::<Vec<_>>(),
            )
            .field("max_body_bytes", &self.max_body_bytes)
            .field("keys", &format_args!("<redacted>"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_base64_keys_name_their_length_never_the_key() {
        // 15 bytes: one short of the minimum.
        let key = "MDEyMzQ1Njc4OWFiY2Rl";
        let err = HmacKey::from_base64(key).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidKey);
        assert!(err.message().contains("decodes to 15 bytes"), "{err}");
        assert!(err.message().contains("20 base64 characters"), "{err}");
        assert!(!err.message().contains(key), "{err}");
        let allowed = HmacKey::new_with_policy(key, KeyEncoding::Base64, KeyPolicy::AllowShort);
        assert_eq!(allowed.unwrap().bytes(), b"0123456789abcde");
        // 16 bytes is enough; UTF-8 secrets are never length-checked.
        assert!(HmacKey::from_base64("MDEyMzQ1Njc4OWFiY2RlZg==").is_ok());
        assert!(HmacKey::new("k", KeyEncoding::Utf8).is_ok());
        // Lax base64 that decodes to one byte is refused under the default.
        assert!(HmacKey::from_base64("YQ").is_err());
    }

    #[test]
    fn the_cached_keyed_state_signs_as_a_freshly_keyed_hmac() {
        let fresh = |key: &[u8], body: &[u8]| {
            let mut mac = <HmacSha512 as KeyInit>::new_from_slice(key).unwrap();
            mac.update(body);
            crate::hex::encode(&mac.finalize().into_bytes())
        };
        // A key longer than a SHA-512 block is hashed first, a short one padded.
        for raw in [&b"k"[..], &[7u8; 200][..]] {
            let key = HmacKey::from_bytes(raw).unwrap();
            let copy = key.clone();
            for body in [&b""[..], b"{}", &[0x5a; 3000][..]] {
                // Signing twice, and with a clone, uses the state unchanged.
                assert_eq!(sign(&key, body), fresh(raw, body));
                assert_eq!(sign(&key, body), sign(&copy, body));
            }
            let verifier = Verifier::new(vec![key]).unwrap();
            assert_eq!(verifier.verify(b"{}", &fresh(raw, b"{}")).unwrap(), 0);
        }
        let utf8 = HmacKey::new("legacy secret", KeyEncoding::Utf8).unwrap();
        assert_eq!(sign(&utf8, b"x"), fresh(b"legacy secret", b"x"));
        assert!(!format!("{utf8:?}").contains("secret\""));
    }
}
