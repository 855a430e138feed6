//! [`Keyring`]: keys collected one by one from the front layer, then handed
//! to a verifier, `sign` or `diagnose` (the same interface as the WASM
//! module's keyring).
//!
//! The front layer accepts a key string, raw bytes or `{id, key, encoding}`,
//! alone or in an array, and adds each here; collecting, decoding and
//! validation are core's (`spotdraft_kit::Keyring`).

use napi::bindgen_prelude::Uint8ArraySlice;
use napi::Env;
use napi_derive::napi;
use spotdraft_kit::HmacKey;

use crate::errors::IntoJs;

/// Keys on their way into a verifier: core's [`spotdraft_kit::Keyring`].
/// Key bytes are zeroized on drop, and nothing here prints them.
#[napi]
#[derive(Default)]
pub struct Keyring {
    inner: spotdraft_kit::Keyring,
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
        self.inner.allow_short_keys();
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
        self.inner
            .add_text(&key, encoding.as_deref(), id)
            .into_js(&env)
    }

    /// Adds a key given as raw bytes, optionally labelled.
    #[napi(js_name = "addBytes")]
    pub fn add_bytes(
        &mut self,
        env: Env,
        key: Uint8ArraySlice<'_>,
        id: Option<String>,
    ) -> napi::Result<()> {
        self.inner.add_bytes(&key, id).into_js(&env)
    }

    /// Adds every key of a `SPOTDRAFT_HMAC_KEYS` value (`key` or
    /// `label:key,...`), parsed by core as in every runtime.
    #[napi(js_name = "addEnvList")]
    pub fn add_env_list(&mut self, env: Env, list: String) -> napi::Result<()> {
        self.inner.add_env_list(&list).into_js(&env)
    }
}

impl Keyring {
    /// The keys collected so far.
    pub fn keys(&self) -> &[HmacKey] {
        self.inner.keys()
    }

    /// Moves the keys out, leaving the keyring empty.
    pub fn take(&mut self) -> Vec<HmacKey> {
        self.inner.take()
    }
}
