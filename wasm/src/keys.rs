//! [`Keyring`]: keys collected one by one from JavaScript, then handed to a
//! verifier, `sign` or `diagnose`.
//!
//! The JS layer accepts a key string, raw bytes or `{id, key, encoding}`,
//! alone or in an array, and adds each here; decoding and validation are
//! core's (`HmacKey`).

use spotdraft_kit::HmacKey;
use wasm_bindgen::prelude::*;

use crate::errors;

/// Keys on their way into a verifier: core's [`spotdraft_kit::Keyring`].
/// Key bytes are zeroized on drop, and nothing here prints them.
#[wasm_bindgen]
#[derive(Default)]
pub struct Keyring {
    inner: spotdraft_kit::Keyring,
}

#[wasm_bindgen]
impl Keyring {
    /// An empty keyring.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Keyring {
        Keyring::default()
    }

    /// Accepts base64 keys that decode to fewer than 16 bytes in the keys
    /// added after this call (the explicit `allowShortKeys` opt-in, for demo
    /// and test keys).
    #[wasm_bindgen(js_name = allowShortKeys)]
    pub fn allow_short_keys(&mut self) {
        self.inner.allow_short_keys();
    }

    /// Adds a key given as text, decoded per `encoding` (`"base64"`, the
    /// default, or `"utf8"`), optionally labelled.
    #[wasm_bindgen(js_name = addText)]
    pub fn add_text(
        &mut self,
        key: &str,
        encoding: Option<String>,
        id: Option<String>,
    ) -> Result<(), JsValue> {
        self.inner
            .add_text(key, encoding.as_deref(), id)
            .map_err(errors::js)
    }

    /// Adds a key given as raw bytes, optionally labelled.
    #[wasm_bindgen(js_name = addBytes)]
    pub fn add_bytes(&mut self, key: &[u8], id: Option<String>) -> Result<(), JsValue> {
        self.inner.add_bytes(key, id).map_err(errors::js)
    }

    /// Adds every key of a `SPOTDRAFT_HMAC_KEYS` value (`key` or
    /// `label:key,...`), parsed by core as in every runtime.
    #[wasm_bindgen(js_name = addEnvList)]
    pub fn add_env_list(&mut self, list: String) -> Result<(), JsValue> {
        self.inner.add_env_list(&list).map_err(errors::js)
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
