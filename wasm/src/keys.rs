//! [`Keyring`]: keys collected one by one from JavaScript, then handed to a
//! verifier, `sign` or `diagnose`.
//!
//! The JS layer accepts a key string, raw bytes or `{id, key, encoding}`,
//! alone or in an array, and adds each here; decoding and validation are
//! core's (`HmacKey`).

use spotdraft_kit::{HmacKey, KeyEncoding, KeyPolicy};
use wasm_bindgen::prelude::*;

use crate::errors;

/// Keys on their way into a verifier. Key bytes are zeroized on drop (core's
/// `HmacKey`), and nothing here prints them.
#[wasm_bindgen]
#[derive(Default)]
pub struct Keyring {
    keys: Vec<HmacKey>,
    policy: KeyPolicy,
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
        self.policy = KeyPolicy::AllowShort;
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
        let encoding = match encoding {
            Some(name) => KeyEncoding::parse(&name).map_err(errors::js)?,
            None => KeyEncoding::default(),
        };
        let key = HmacKey::new_with_policy(key, encoding, self.policy).map_err(errors::js)?;
        self.push(key, id);
        Ok(())
    }

    /// Adds a key given as raw bytes, optionally labelled.
    #[wasm_bindgen(js_name = addBytes)]
    pub fn add_bytes(&mut self, key: &[u8], id: Option<String>) -> Result<(), JsValue> {
        let key = HmacKey::from_bytes(key).map_err(errors::js)?;
        self.push(key, id);
        Ok(())
    }

    /// Adds every key of a `SPOTDRAFT_HMAC_KEYS` value (`key` or
    /// `label:key,...`), parsed by core as in every runtime.
    #[wasm_bindgen(js_name = addEnvList)]
    pub fn add_env_list(&mut self, list: String) -> Result<(), JsValue> {
        let keys = spotdraft_kit::api::hmac_keys_from_list_with_policy(&list, self.policy)
            .map_err(errors::js)?;
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
