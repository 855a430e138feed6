//! [`Keyring`]: keys collected one by one from the front layer, then handed
//! to a verifier, `sign` or `diagnose` (the same interface as the WASM
//! module's keyring).
//!
//! The front layer accepts a key string, raw bytes or `{id, key, encoding}`,
//! alone or in an array, and adds each here; decoding and validation are
//! core's (`HmacKey`).

use napi::bindgen_prelude::Uint8ArraySlice;
use napi::Env;
use napi_derive::napi;
use spotdraft_kit::{HmacKey, KeyEncoding, KeyPolicy};

use crate::errors::IntoJs;

/// Keys on their way into a verifier. Key bytes are zeroized on drop (core's
/// `HmacKey`), and nothing here prints them.
#[napi]
#[derive(Default)]
pub struct Keyring {
    keys: Vec<HmacKey>,
    policy: KeyPolicy,
}

#[napi]
impl Keyring {
    /// An empty keyring.
    #[napi(constructor)]
    pub fn new() -> Self {
        Keyring::default()
    }

    /// Accepts base64 keys that decode to fewer than 16 bytes in the keys
    /// added after this call (the explicit `allowShortKeys` opt-in, for demo
    /// and test keys).
    #[napi(js_name = "allowShortKeys")]
    pub fn allow_short_keys(&mut self) {
        self.policy = KeyPolicy::AllowShort;
    }

    /// Adds a key given as text, decoded per `encoding` (`"base64"`, the
    /// default, or `"utf8"`), optionally labelled.
    #[napi(js_name = "addText")]
    pub fn add_text(
        &mut self,
        env: Env,
        key: String,
        encoding: Option<String>,
        id: Option<String>,
    ) -> napi::Result<()> {
        let encoding = match encoding {
            Some(name) => KeyEncoding::parse(&name).into_js(&env)?,
            None => KeyEncoding::default(),
        };
        let key = HmacKey::new_with_policy(&key, encoding, self.policy).into_js(&env)?;
        self.push(key, id);
        Ok(())
    }

    /// Adds a key given as raw bytes, optionally labelled.
    #[napi(js_name = "addBytes")]
    pub fn add_bytes(
        &mut self,
        env: Env,
        key: Uint8ArraySlice<'_>,
        id: Option<String>,
    ) -> napi::Result<()> {
        let key = HmacKey::from_bytes(&key).into_js(&env)?;
        self.push(key, id);
        Ok(())
    }

    /// Adds every key of a `SPOTDRAFT_HMAC_KEYS` value (`key` or
    /// `label:key,...`), parsed by core as in every runtime.
    #[napi(js_name = "addEnvList")]
    pub fn add_env_list(&mut self, env: Env, list: String) -> napi::Result<()> {
        let keys = spotdraft_kit::api::hmac_keys_from_list_with_policy(&list, self.policy)
            .into_js(&env)?;
        self.keys.extend(keys);
        Ok(())
    }
}

impl Keyring {
    fn push(&mut self, key: HmacKey, id: Option<String>) {
        self.keys.push(match id {
            Some(id) => key.with_id(id),
            None => key,
        });
    }

    /// The keys collected so far.
    pub fn keys(&self) -> &[HmacKey] {
        &self.keys
    }

    /// Moves the keys out, leaving the keyring empty.
    pub fn take(&mut self) -> Vec<HmacKey> {
        std::mem::take(&mut self.keys)
    }
}
