//! The core verifier behind the front layer's `Verifier` class: a handle
//! (`newVerifier`) and the free functions that take it.
//!
//! The handle is a napi `External`, not a class instance: taking a class
//! instance as `this` costs napi's unwrap (0.18 µs per call, measured), an
//! external 0.08 µs, on every `open` and `verify`. The WASM module exposes
//! the same functions over its own handle (`wasm/src/verifier.rs`).

use std::sync::Arc;

use napi::bindgen_prelude::{AsyncTask, External, Float64ArraySlice};
use napi::Env;
use napi_derive::napi;
use spotdraft_kit::SignatureHeader;

use crate::errors::IntoJs;
use crate::keys::Keyring;
use crate::{fields, packed, shape, task, Body};

/// A core verifier: a keyring of 1..=64 keys with precomputed HMAC state,
/// shared with the thread pool by `openAsync`.
pub type Handle = External<Arc<spotdraft_kit::Verifier>>;

/// Builds a verifier from the keys in `keys` (which is left empty);
/// `max_body_bytes` is validated by the front layer.
#[napi(js_name = "newVerifier")]
pub fn new_verifier(
    env: Env,
    keys: &mut Keyring,
    max_body_bytes: Option<f64>,
) -> napi::Result<Handle> {
    let mut verifier = spotdraft_kit::Verifier::new(keys.take()).into_js(&env)?;
    if let Some(max) = max_body_bytes {
        // The front passes a non-negative safe integer; saturate anyway.
        verifier = verifier.with_max_body_bytes(max as usize);
    }
    Ok(External::new(Arc::new(verifier)))
}

/// Number of keys.
#[napi(js_name = "verifierSize")]
pub fn verifier_size(verifier: &Handle) -> u32 {
    u32::try_from(verifier.len()).unwrap_or(u32::MAX)
}

/// The body size limit in bytes.
#[napi(js_name = "maxBodyBytes")]
pub fn max_body_bytes(verifier: &Handle) -> f64 {
    verifier.max_body_bytes() as f64
}

/// Refuses a body by its length, with the same error and log record as
/// `open` (the front calls it only for bodies over the limit).
#[napi(js_name = "checkBodyLength")]
pub fn check_body_length(env: Env, verifier: &Handle, body_len: f64) -> napi::Result<()> {
    verifier
        .check_body_length(shape::body_length(body_len))
        .into_js(&env)
}

/// Index of the matching key, or throws.
#[napi]
pub fn verify(env: Env, verifier: &Handle, body: Body<'_>, signature: String) -> napi::Result<u32> {
    let index = verifier.verify(&body, &signature).into_js(&env)?;
    Ok(u32::try_from(index).unwrap_or(u32::MAX))
}

/// `verify` as a boolean: never throws for a bad signature.
#[napi(js_name = "isValid")]
pub fn is_valid(verifier: &Handle, body: Body<'_>, signature: String) -> bool {
    verifier.is_valid(&body, &signature)
}

/// The full pipeline for a request whose one signature header is the
/// current one (`signature` is its value): the delivery's texts, its other
/// fields written into `slots` (packed, `packed.rs`).
#[napi]
pub fn open(
    env: &Env,
    verifier: &Handle,
    body: Body<'_>,
    mut slots: Float64ArraySlice<'_>,
    signature: String,
) -> napi::Result<String> {
    let delivery = verifier
        .open_with_signature(SignatureHeader::Current, signature.as_bytes(), &body)
        .into_js(env)?;
    fields::pack(env, &shape::delivery_fields(&delivery), &mut slots)
}

/// `open` over any other headers: `headers` is the flattened `[name,
/// value, ...]` of every signature header candidate, which core decides
/// between.
#[napi(js_name = "openHeaders")]
pub fn open_headers(
    env: &Env,
    verifier: &Handle,
    body: Body<'_>,
    mut slots: Float64ArraySlice<'_>,
    headers: Vec<String>,
) -> napi::Result<String> {
    let delivery = verifier
        .open(&packed::header_pairs(&headers), &body)
        .into_js(env)?;
    fields::pack(env, &shape::delivery_fields(&delivery), &mut slots)
}

/// The log record (JSON text) of the delivery `open` returned for `body`,
/// from its fields packed again (`packed::record_inputs`): built when the
/// front first reads it.
#[napi(js_name = "logRecord")]
pub fn log_record(
    env: Env,
    verifier: &Handle,
    body: Body<'_>,
    slots: Float64ArraySlice<'_>,
    text: String,
) -> napi::Result<String> {
    let inputs = packed::record_inputs(&text, &slots)
        .ok_or_else(|| crate::errors::invalid_argument(&env, packed::NOT_PACKED))?;
    shape::accepted_log_record(verifier, &inputs, &body).into_js(&env)
}

/// `openHeaders` on the libuv thread pool; the body is copied once.
#[napi(js_name = "openAsync")]
pub fn open_async(
    verifier: &Handle,
    headers: Vec<String>,
    body: Body<'_>,
) -> AsyncTask<task::OpenTask> {
    AsyncTask::new(task::OpenTask::new(
        Arc::clone(verifier),
        headers,
        body.to_vec(),
    ))
}
