//! Node.js native addon of spotdraft-kit, built with napi-rs.
//!
//! Conversion code only: every webhook rule lives in the `spotdraft-kit`
//! core crate. `index.js` (the package entry) normalises JavaScript inputs
//! (body shapes, header shapes, key shapes) into the few types this addon
//! accepts, and turns the JSON text it returns into plain objects. Errors
//! are mapped in one place, [`errors`].
//!
//! Bodies are borrowed from the caller's `Uint8Array`/`Buffer` without a
//! copy on the synchronous path; [`Verifier::open_async`] copies the body
//! once and verifies on the libuv thread pool.

pub mod api;
// The JSON conversions of the API layer, shared with the WASM package so
// the two cannot drift.
#[path = "../../wasm/src/api_calls.rs"]
mod api_calls;
mod errors;
mod keys;
mod shapes;
mod task;

use std::sync::Arc;

use napi::bindgen_prelude::{AsyncTask, Either, Uint8ArraySlice};
use napi::Env;
use napi_derive::napi;
use spotdraft_kit::{KeyEncoding, SignatureHeader};

use crate::errors::IntoJs;
use crate::keys::KeySpec;

/// A body as `index.js` passes it: bytes (borrowed) or text (UTF-8).
type Body<'a> = Either<Uint8ArraySlice<'a>, String>;

fn bytes_of<'b>(body: &'b Body<'_>) -> &'b [u8] {
    match body {
        Either::A(bytes) => bytes,
        Either::B(text) => text.as_bytes(),
    }
}

/// Pairs `[name, value, name, value, ...]` as core's header source.
fn header_pairs(flat: &[String]) -> Vec<(&str, &str)> {
    flat.chunks_exact(2)
        .map(|p| (p[0].as_str(), p[1].as_str()))
        .collect()
}

/// Registers the `SpotDraftKitError` factory; called once by `index.js`.
#[napi(js_name = "registerErrorFactory")]
pub fn register_error_factory(env: Env, factory: errors::FactoryFn<'_>) -> napi::Result<()> {
    errors::register_factory(&env, factory)
}

/// Builds an `invalid_argument` `SpotDraftKitError` for `index.js`, whose
/// input checks report through the same mapping as the addon's own.
#[napi(js_name = "invalidArgument")]
pub fn invalid_argument(env: Env, message: String) -> napi::Error {
    errors::invalid_argument(&env, message)
}

/// A keyring of 1..=64 keys with precomputed HMAC state (core `Verifier`).
#[napi(js_name = "NativeVerifier")]
pub struct Verifier {
    inner: Arc<spotdraft_kit::Verifier>,
}

#[napi]
impl Verifier {
    /// Builds the verifier; `max_body_bytes` is validated by `index.js`.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        keys: Vec<KeySpec>,
        max_body_bytes: Option<f64>,
        encoding: Option<String>,
    ) -> napi::Result<Self> {
        let encoding = match encoding {
            Some(name) => KeyEncoding::parse(&name).into_js(&env)?,
            None => KeyEncoding::default(),
        };
        let keys = keys::all_to_core(&keys, encoding).into_js(&env)?;
        let mut verifier = spotdraft_kit::Verifier::new(keys).into_js(&env)?;
        if let Some(max) = max_body_bytes {
            // `index.js` passes a non-negative safe integer; saturate anyway.
            verifier = verifier.with_max_body_bytes(max as usize);
        }
        Ok(Verifier {
            inner: Arc::new(verifier),
        })
    }

    /// Number of keys.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }

    /// The body size limit in bytes.
    #[napi(getter, js_name = "maxBodyBytes")]
    pub fn max_body_bytes(&self) -> f64 {
        self.inner.max_body_bytes() as f64
    }

    /// Index of the matching key, or throws.
    #[napi]
    pub fn verify(&self, env: Env, body: Body<'_>, signature: String) -> napi::Result<u32> {
        let index = self
            .inner
            .verify(bytes_of(&body), &signature)
            .into_js(&env)?;
        Ok(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// `verify` as a boolean: never throws for a bad signature.
    #[napi(js_name = "isValid")]
    pub fn is_valid(&self, body: Body<'_>, signature: String) -> bool {
        self.inner.is_valid(bytes_of(&body), &signature)
    }

    /// The full pipeline; returns the delivery as JSON text.
    #[napi]
    pub fn open(&self, env: Env, headers: Vec<String>, body: Body<'_>) -> napi::Result<String> {
        let pairs = header_pairs(&headers);
        let delivery = self.inner.open(&pairs, bytes_of(&body)).into_js(&env)?;
        Ok(shapes::delivery(&delivery))
    }

    /// `open` on the libuv thread pool; the body is copied once.
    #[napi(js_name = "openAsync")]
    pub fn open_async(&self, headers: Vec<String>, body: Body<'_>) -> AsyncTask<task::OpenTask> {
        let body = match body {
            Either::A(bytes) => bytes.to_vec(),
            Either::B(text) => text.into_bytes(),
        };
        AsyncTask::new(task::OpenTask::new(Arc::clone(&self.inner), headers, body))
    }
}

/// Parses a body into an event's typed fields (JSON text).
#[napi(js_name = "parseEvent")]
pub fn parse_event(env: Env, body: Body<'_>) -> napi::Result<String> {
    let event = spotdraft_kit::parse_event(bytes_of(&body)).into_js(&env)?;
    Ok(shapes::event_text(&event))
}

/// The signature header value for a body.
#[napi]
pub fn sign(env: Env, key: KeySpec, body: Body<'_>) -> napi::Result<String> {
    let key = keys::to_core(&key, KeyEncoding::default()).into_js(&env)?;
    Ok(spotdraft_kit::sign(&key, bytes_of(&body)))
}

/// Why a signature does or does not match (JSON text).
#[napi]
pub fn diagnose(
    env: Env,
    body: Body<'_>,
    signature: String,
    keys: Vec<KeySpec>,
) -> napi::Result<String> {
    let keys = keys::all_to_core(&keys, KeyEncoding::default()).into_js(&env)?;
    let found = spotdraft_kit::diagnose(bytes_of(&body), &signature, &keys);
    Ok(shapes::diagnosis(&found))
}

/// Lowercase hex SHA-256 of the body.
#[napi(js_name = "bodySha256")]
pub fn body_sha256(body: Body<'_>) -> String {
    spotdraft_kit::body_sha256(bytes_of(&body))
}

/// Every stable error code, in core's order.
#[napi(js_name = "errorCodes")]
pub fn error_codes() -> Vec<&'static str> {
    spotdraft_kit::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect()
}

/// The current and legacy signature header names, lowercase.
#[napi(js_name = "signatureHeaders")]
pub fn signature_headers() -> Vec<String> {
    [SignatureHeader::Current, SignatureHeader::Legacy]
        .iter()
        .map(|h| h.name().to_ascii_lowercase())
        .collect()
}
