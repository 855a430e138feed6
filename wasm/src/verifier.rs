//! [`RawVerifier`] (`NativeVerifier` in JS): the core verifier behind the
//! front layer's `Verifier` class, a handle made by [`new_verifier`], and
//! the free functions that take it, as the Node addon has them
//! (`node/src/verifier.rs`).

use spotdraft_kit::{Verifier, SIGNATURE_HEADER};
use wasm_bindgen::prelude::*;

use crate::errors;
use crate::keys::Keyring;
use crate::{packed, shape};

/// A core [`Verifier`] held by the JS `Verifier` wrapper (an opaque handle).
#[wasm_bindgen(js_name = NativeVerifier)]
pub struct RawVerifier {
    inner: Verifier,
}

impl RawVerifier {
    /// The core verifier, for the playbook's escalation bundles.
    #[cfg(feature = "api")]
    pub(crate) fn core(&self) -> &Verifier {
        &self.inner
    }
}

/// Builds a verifier from the keys in `keys` (which is left empty).
/// `max_body_bytes` must be a non-negative integer when given.
#[wasm_bindgen(js_name = newVerifier)]
pub fn new_verifier(
    keys: &mut Keyring,
    max_body_bytes: Option<f64>,
) -> Result<RawVerifier, JsValue> {
    let mut inner = Verifier::new(keys.take()).map_err(errors::js)?;
    if let Some(max) = max_body_bytes {
        if !(max.is_finite() && max >= 0.0 && max.fract() == 0.0) {
            return Err(errors::invalid_argument(
                "options.maxBodyBytes must be a non-negative integer",
            ));
        }
        // Saturating: a limit above the address space means "no limit".
        inner = inner.with_max_body_bytes(max as usize);
    }
    Ok(RawVerifier { inner })
}

/// Number of keys.
#[wasm_bindgen(js_name = verifierSize)]
pub fn verifier_size(verifier: &RawVerifier) -> u32 {
    u32::try_from(verifier.inner.len()).unwrap_or(u32::MAX)
}

/// The body size limit in bytes.
#[wasm_bindgen(js_name = maxBodyBytes)]
pub fn max_body_bytes(verifier: &RawVerifier) -> f64 {
    verifier.inner.max_body_bytes() as f64
}

/// Refuses a body by its length before it is copied into wasm memory
/// (which never shrinks): the same error and log record as `open`.
#[wasm_bindgen(js_name = checkBodyLength)]
pub fn check_body_length(verifier: &RawVerifier, body_len: f64) -> Result<(), JsValue> {
    verifier
        .inner
        .check_body_length(shape::body_length(body_len))
        .map_err(errors::js)
}

/// Index of the key that produced `signature` over `body`.
#[wasm_bindgen]
pub fn verify(verifier: &RawVerifier, body: &[u8], signature: &str) -> Result<u32, JsValue> {
    let index = verifier.inner.verify(body, signature).map_err(errors::js)?;
    Ok(u32::try_from(index).unwrap_or(u32::MAX))
}

/// `verify` as a boolean.
#[wasm_bindgen(js_name = isValid)]
pub fn is_valid(verifier: &RawVerifier, body: &[u8], signature: &str) -> bool {
    verifier.inner.is_valid(body, signature)
}

/// The whole pipeline for a request whose one signature header is the
/// current one (`signature` is its value). Returns the delivery's texts
/// and fills `slots` (packed, [`packed::pack`]; wasm-bindgen copies the
/// slots back into the caller's `Float64Array`).
#[wasm_bindgen]
pub fn open(
    verifier: &RawVerifier,
    body: &[u8],
    slots: &mut [f64],
    signature: &str,
) -> Result<String, JsValue> {
    // Core's `open` over the one header, not `open_with_signature`: the
    // same result, and the module carries one path instead of two.
    let delivery = verifier
        .inner
        .open(&[(SIGNATURE_HEADER, signature)][..], body)
        .map_err(errors::js)?;
    pack(&shape::delivery_fields(&delivery), slots)
}

/// `open` over any other headers: `headers` is the flattened `[name,
/// value, ...]` of every signature header candidate. Header precedence and
/// duplicate rules are core's.
#[wasm_bindgen(js_name = openHeaders)]
pub fn open_headers(
    verifier: &RawVerifier,
    body: &[u8],
    slots: &mut [f64],
    headers: Vec<String>,
) -> Result<String, JsValue> {
    let delivery = verifier
        .inner
        .open(packed::header_pairs(&headers).as_slice(), body)
        .map_err(errors::js)?;
    pack(&shape::delivery_fields(&delivery), slots)
}

/// `scalars` packed into the front's `slots` ([`packed::pack`]), their
/// texts returned; `invalid_argument` when the slots cannot hold them.
pub(crate) fn pack(scalars: &[shape::Scalar<'_>], slots: &mut [f64]) -> Result<String, JsValue> {
    packed::pack(scalars, slots).ok_or_else(|| errors::invalid_argument(packed::TOO_FEW_SLOTS))
}

/// The log record (JSON text) of the delivery `open` returned for `body`,
/// from its fields packed again (`packed::record_inputs`): built when the
/// front first reads it.
#[wasm_bindgen(js_name = logRecord)]
pub fn log_record(
    verifier: &RawVerifier,
    body: &[u8],
    slots: &[f64],
    text: &str,
) -> Result<String, JsValue> {
    let inputs = packed::record_inputs(text, slots)
        .ok_or_else(|| errors::invalid_argument(packed::NOT_PACKED))?;
    shape::accepted_log_record(&verifier.inner, &inputs, body).map_err(errors::js)
}
