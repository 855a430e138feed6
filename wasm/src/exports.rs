//! Free functions and constants: `parseEvent`, `sign`, `diagnose`,
//! `bodySha256`, the header names and the error codes.

use spotdraft_kit::{ErrorCode, LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER};
use wasm_bindgen::prelude::*;

use crate::errors;
use crate::json;
use crate::keys::Keyring;

/// Parses a payload (no signature check) into the event's typed fields as
/// JSON.
#[wasm_bindgen(js_name = parseEvent)]
pub fn parse_event(body: &[u8]) -> Result<String, JsValue> {
    let event = spotdraft_kit::parse_event(body).map_err(errors::js)?;
    Ok(json::event(&event).to_string())
}

/// The signature header value for `body` under the first key of `keys`.
#[wasm_bindgen]
pub fn sign(keys: &Keyring, body: &[u8]) -> Result<String, JsValue> {
    match keys.keys().first() {
        Some(key) => Ok(spotdraft_kit::sign(key, body)),
        None => Err(errors::invalid_argument("sign needs a key")),
    }
}

/// Explains why `signature` does or does not match `body`; JSON.
#[wasm_bindgen]
pub fn diagnose(body: &[u8], signature: &str, keys: &Keyring) -> String {
    json::diagnosis(&spotdraft_kit::diagnose(body, signature, keys.keys()))
}

/// Lowercase hex SHA-256 of `body`.
#[wasm_bindgen(js_name = bodySha256)]
pub fn body_sha256(body: &[u8]) -> String {
    spotdraft_kit::body_sha256(body)
}

/// The current signature header name, lowercase (as Fetch and Node present
/// header names).
#[wasm_bindgen(js_name = signatureHeader)]
pub fn signature_header() -> String {
    SIGNATURE_HEADER.to_ascii_lowercase()
}

/// The legacy signature header name, lowercase.
#[wasm_bindgen(js_name = legacySignatureHeader)]
pub fn legacy_signature_header() -> String {
    LEGACY_SIGNATURE_HEADER.to_ascii_lowercase()
}

/// Every stable error code, in core's order.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}
