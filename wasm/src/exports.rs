//! Free functions and constants: `parseEvent`, `sign`, `diagnose` (full
//! module only), `bodySha256`, the header names and the error codes.

use spotdraft_kit::{ErrorCode, LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER};
use wasm_bindgen::prelude::*;

use crate::errors;
use crate::keys::Keyring;
use crate::shape;

/// Parses a payload (no signature check): the event's texts, its other
/// fields written into `slots` (packed, [`crate::packed::pack`], in the
/// order of [`shape::event_fields`]).
#[wasm_bindgen(js_name = parseEvent)]
pub fn parse_event(body: &[u8], slots: &mut [f64]) -> Result<String, JsValue> {
    let event = spotdraft_kit::parse_event(body).map_err(errors::js)?;
    crate::verifier::pack(&shape::event_fields(&event), slots)
}

/// The kind of each slot of a packed delivery ([`crate::packed::KINDS`]).
#[wasm_bindgen(js_name = fieldKinds)]
pub fn field_kinds() -> String {
    crate::packed::KINDS.to_owned()
}

/// How many of a delivery's slots come before its event's
/// ([`shape::DELIVERY_FIELDS`]).
#[wasm_bindgen(js_name = deliveryFields)]
pub fn delivery_fields() -> u32 {
    shape::DELIVERY_FIELDS as u32
}

/// `[people, counterparties]` of the event in a body, as JSON texts
/// ([`shape::event_details`]).
#[wasm_bindgen(js_name = eventDetails)]
pub fn event_details(body: &[u8]) -> Result<Vec<String>, JsValue> {
    let event = spotdraft_kit::parse_event(body).map_err(errors::js)?;
    Ok(shape::event_details(&event).into())
}

/// The signature header value for `body` under the first key of `keys`.
#[wasm_bindgen]
pub fn sign(keys: &Keyring, body: &[u8]) -> Result<String, JsValue> {
    match keys.keys().first() {
        Some(key) => Ok(spotdraft_kit::sign(key, body)),
        None => Err(errors::invalid_argument("sign needs a key")),
    }
}

/// Explains why `signature` does or does not match `body`; JSON. Only in
/// the full module (feature `diagnose`).
#[cfg(feature = "diagnose")]
#[wasm_bindgen]
pub fn diagnose(body: &[u8], signature: &str, keys: &Keyring) -> String {
    shape::diagnosis(&spotdraft_kit::diagnose(body, signature, keys.keys()))
}

/// Lowercase hex SHA-256 of `body`.
#[wasm_bindgen(js_name = bodySha256)]
pub fn body_sha256(body: &[u8]) -> String {
    spotdraft_kit::body_sha256(body)
}

/// The longest signature header value core reads, in bytes: the front cuts
/// longer strings one past it before they cross.
#[wasm_bindgen(js_name = maxSignatureHeaderBytes)]
pub fn max_signature_header_bytes() -> u32 {
    spotdraft_kit::MAX_SIGNATURE_HEADER_BYTES as u32
}

/// The current and legacy signature header names, lowercase (as Fetch and
/// Node present header names).
#[wasm_bindgen(js_name = signatureHeaders)]
pub fn signature_headers() -> Vec<String> {
    [SIGNATURE_HEADER, LEGACY_SIGNATURE_HEADER]
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect()
}

/// Every stable error code, in core's order.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}
