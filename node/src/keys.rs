//! Key inputs from JavaScript into core [`HmacKey`]s.
//!
//! `index.js` normalises every accepted key shape (`"base64…"`, bytes,
//! `{ id, key, encoding }`) into a [`KeySpec`]; this module only picks the
//! core constructor. Decoding and validation are core's.

use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;
use spotdraft_kit::{Error, ErrorCode, HmacKey, KeyEncoding};

/// One key as normalised by `index.js`: exactly one of `text` or `bytes`.
#[napi(object)]
pub struct KeySpec {
    /// The key's label, if any.
    pub id: Option<String>,
    /// A key string (base64 `hmac_key`, or a UTF-8 secret).
    pub text: Option<String>,
    /// Raw key bytes.
    pub bytes: Option<Uint8Array>,
    /// `"base64"` (default) or `"utf8"`, for `text` keys.
    pub encoding: Option<String>,
}

/// Builds the core key for one spec.
pub fn to_core(spec: &KeySpec, default_encoding: KeyEncoding) -> Result<HmacKey, Error> {
    let key = match (&spec.text, &spec.bytes) {
        (Some(text), None) => {
            let encoding = match &spec.encoding {
                Some(name) => KeyEncoding::parse(name)?,
                None => default_encoding,
            };
            HmacKey::new(text, encoding)?
        }
        (None, Some(bytes)) => HmacKey::from_bytes(bytes)?,
        _ => {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "a key is a base64 string, a Uint8Array, or { id?, key, encoding? }",
            ))
        }
    };
    Ok(match &spec.id {
        Some(id) => key.with_id(id.clone()),
        None => key,
    })
}

/// Builds the core keys for a list of specs.
pub fn all_to_core(
    specs: &[KeySpec],
    default_encoding: KeyEncoding,
) -> Result<Vec<HmacKey>, Error> {
    specs.iter().map(|s| to_core(s, default_encoding)).collect()
}
