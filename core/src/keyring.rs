//! [`Keyring`]: HMAC keys collected one at a time, as a binding receives
//! them from its caller, on their way into a [`crate::Verifier`], `sign`
//! or `diagnose`.
//!
//! Both JS packages (and any other binding) only convert their arguments
//! and call this: the encoding names, the short-key policy and the
//! `SPOTDRAFT_HMAC_KEYS` list format are core's.

use crate::error::Result;
use crate::signature::{HmacKey, KeyEncoding, KeyPolicy};

/// Keys collected one by one, under the [`KeyPolicy`] in force when each
/// was added. Key bytes are zeroized on drop and never printed (see
/// [`HmacKey`]).
///
/// ```
/// use spotdraft_kit::{Keyring, Verifier};
/// let mut ring = Keyring::new();
/// ring.add_text("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==", None, Some("prod".into()))?;
/// assert!(ring.add_text("c2VjcmV0", None, None).is_err()); // 6 bytes: too short
/// ring.allow_short_keys();
/// ring.add_text("c2VjcmV0", Some("base64"), None)?;
/// ring.add_bytes(b"raw", None)?;
/// ring.add_env_list("old:c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBvbGQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw==")?;
/// assert_eq!(ring.keys().len(), 4);
/// assert_eq!(ring.keys()[0].id(), Some("prod"));
/// let verifier = Verifier::new(ring.take())?;
/// assert_eq!(verifier.len(), 4);
/// assert!(ring.keys().is_empty());
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Keyring {
    keys: Vec<HmacKey>,
    policy: KeyPolicy,
}

impl Keyring {
    /// An empty keyring under [`KeyPolicy::Strict`].
    ///
    /// ```
    /// assert!(spotdraft_kit::Keyring::new().keys().is_empty());
    /// ```
    pub fn new() -> Self {
        Keyring::default()
    }

    /// Accepts base64 keys that decode short ([`KeyPolicy::AllowShort`]) in
    /// the keys added after this call.
    ///
    /// ```
    /// let mut ring = spotdraft_kit::Keyring::new();
    /// ring.allow_short_keys();
    /// assert!(ring.add_text("c2VjcmV0", None, None).is_ok());
    /// ```
    pub fn allow_short_keys(&mut self) {
        self.policy = KeyPolicy::AllowShort;
    }

    /// Adds a key given as text, decoded per `encoding` (a
    /// [`KeyEncoding::parse`] name; base64 when `None`), optionally
    /// labelled.
    ///
    /// ```
    /// use spotdraft_kit::{ErrorCode, Keyring};
    /// let mut ring = Keyring::new();
    /// ring.add_text("legacy secret", Some("utf8"), None)?;
    /// assert_eq!(ring.add_text("k", Some("hex"), None).unwrap_err().code(), ErrorCode::InvalidArgument);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn add_text(
        &mut self,
        key: &str,
        encoding: Option<&str>,
        id: Option<String>,
    ) -> Result<()> {
        let encoding = match encoding {
            Some(name) => KeyEncoding::parse(name)?,
            None => KeyEncoding::default(),
        };
        let key = HmacKey::new_with_policy(key, encoding, self.policy)?;
        self.push(key, id);
        Ok(())
    }

    /// Adds a key given as raw bytes, optionally labelled.
    ///
    /// ```
    /// let mut ring = spotdraft_kit::Keyring::new();
    /// assert!(ring.add_bytes(b"", None).is_err());
    /// ring.add_bytes(b"k", Some("raw".into()))?;
    /// assert_eq!(ring.keys()[0].id(), Some("raw"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn add_bytes(&mut self, key: &[u8], id: Option<String>) -> Result<()> {
        let key = HmacKey::from_bytes(key)?;
        self.push(key, id);
        Ok(())
    }

    /// Adds every key of a `SPOTDRAFT_HMAC_KEYS` value (`key` or
    /// `label:key,...`, see [`crate::api::hmac_keys_from_list`]).
    ///
    /// ```
    /// let mut ring = spotdraft_kit::Keyring::new();
    /// assert!(ring.add_env_list("a:c2VjcmV0").is_err()); // 6 bytes: too short
    /// ring.add_env_list("a:c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")?;
    /// assert_eq!(ring.keys()[0].id(), Some("a"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn add_env_list(&mut self, list: &str) -> Result<()> {
        let keys = crate::api::hmac_keys_from_list_with_policy(list, self.policy)?;
        self.keys.extend(keys);
        Ok(())
    }

    /// The keys collected so far.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::Keyring::new().keys().len(), 0);
    /// ```
    pub fn keys(&self) -> &[HmacKey] {
        &self.keys
    }

    /// Moves the keys out, leaving the keyring empty (its policy stays).
    ///
    /// ```
    /// let mut ring = spotdraft_kit::Keyring::new();
    /// ring.add_bytes(b"k", None)?;
    /// assert_eq!(ring.take().len(), 1);
    /// assert!(ring.keys().is_empty());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn take(&mut self) -> Vec<HmacKey> {
        std::mem::take(&mut self.keys)
    }

    fn push(&mut self, key: HmacKey, id: Option<String>) {
        self.keys.push(match id {
            Some(id) => key.with_id(id),
            None => key,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_names_no_key_material() {
        let mut ring = Keyring::new();
        ring.add_text("legacy secret", Some("utf8"), Some("label".into()))
            .unwrap();
        ring.add_bytes(b"raw-key-bytes", None).unwrap();
        let text = format!("{ring:?}");
        assert!(
            text.contains("label") && text.contains("<redacted>"),
            "{text}"
        );
        for secret in ["legacy secret", "raw-key-bytes", "114, 97, 119"] {
            assert!(!text.contains(secret), "{text}");
        }
    }

    #[test]
    fn the_policy_applies_to_keys_added_after_it_is_set() {
        let mut ring = Keyring::new();
        assert!(ring.add_env_list("c2VjcmV0").is_err());
        ring.allow_short_keys();
        ring.add_env_list("a:c2VjcmV0").unwrap();
        assert_eq!(ring.keys()[0].id(), Some("a"));
    }
}
