//! Node.js native addon of spotdraft-kit, built with napi-rs.
//!
//! Conversion code only: every webhook rule lives in the `spotdraft-kit`
//! core crate. The addon implements the native interface of the shared JS
//! front layer (`js/front.js`), exactly as the WASM module does: the front
//! normalises inputs and holds the public classes; errors are built by the
//! factory it registers (`errors.rs`); a delivery crosses packed, as one
//! string and the slots of the front's `Float64Array` (`packed.rs`), other
//! results as flat arrays of scalars (`shape.rs`, `fields.rs`). The
//! verifier is a handle the free functions of [`verifier`] take first.
//!
//! Bodies are borrowed from the caller's `Uint8Array` without a copy on the
//! synchronous path; [`verifier::open_async`] copies the body once and
//! verifies on the libuv thread pool.

// The crate docs are a map of its private modules (a cdylib: nothing links
// to it from outside); `make test` builds them with --document-private-items.
#![allow(rustdoc::private_intra_doc_links)]

pub mod api;
// The JSON conversions of the API layer, shared with the WASM package so
// the two cannot drift.
#[path = "../../wasm/src/api_calls.rs"]
mod api_calls;
mod errors;
mod fields;
mod keys;
// The packed form of a delivery `open` returns, shared with the WASM package.
#[path = "../../wasm/src/packed.rs"]
mod packed;
pub mod playbook;
// The JSON conversions of the playbook planners, shared with the WASM
// package so the two cannot drift.
#[path = "../../wasm/src/playbook_calls.rs"]
mod playbook_calls;
// The JS shape of core results, shared with the WASM package.
#[path = "../../wasm/src/shape.rs"]
mod shape;
mod task;
pub mod verifier;

use napi::bindgen_prelude::{Float64ArraySlice, Uint8ArraySlice};
use napi::Env;
use napi_derive::napi;
use spotdraft_kit::{Error, ErrorCode, SignatureHeader};

use crate::errors::IntoJs;
use crate::keys::Keyring;

pub use crate::verifier::Handle;

/// A body as the front layer passes it: bytes, borrowed.
pub type Body<'a> = Uint8ArraySlice<'a>;

/// Registers the `SpotDraftKitError` factory; called once by the front layer.
#[napi(js_name = "registerErrorFactory")]
pub fn register_error_factory(env: Env, factory: errors::FactoryFn<'_>) -> napi::Result<()> {
    errors::register_factory(&env, factory)
}

/// Builds an `invalid_argument` `SpotDraftKitError` for the front layer, whose
/// input checks report through the same mapping as the addon's own.
#[napi(js_name = "invalidArgument")]
pub fn invalid_argument(env: Env, message: String) -> napi::Error {
    errors::invalid_argument(&env, message)
}

/// Builds the `SpotDraftKitError` of a stable `code` with core's message for
/// it, for a failure an adapter detects itself (`store_unavailable`,
/// `length_required`).
#[napi(js_name = "codeError")]
pub fn code_error(env: Env, code: String) -> napi::Error {
    errors::code_error(&env, &code)
}

/// Parses a body: the event's texts, its other fields written into
/// `slots` (packed, in the order of `shape::event_fields`).
#[napi(js_name = "parseEvent")]
pub fn parse_event(
    env: &Env,
    body: Body<'_>,
    mut slots: Float64ArraySlice<'_>,
) -> napi::Result<String> {
    let event = spotdraft_kit::parse_event(&body).into_js(env)?;
    fields::pack(env, &shape::event_fields(&event), &mut slots)
}

/// `[people, counterparties]` of the event in a body, as JSON texts.
#[napi(js_name = "eventDetails")]
pub fn event_details(env: Env, body: Body<'_>) -> napi::Result<Vec<String>> {
    let event = spotdraft_kit::parse_event(&body).into_js(&env)?;
    Ok(shape::event_details(&event).into())
}

/// The signature header value for a body under the first key of `keys`.
#[napi]
pub fn sign(env: Env, keys: &Keyring, body: Body<'_>) -> napi::Result<String> {
    match keys.keys().first() {
        Some(key) => Ok(spotdraft_kit::sign(key, &body)),
        None => Err(errors::to_js(
            &env,
            &Error::new(ErrorCode::InvalidArgument, "sign needs a key"),
        )),
    }
}

/// Why a signature does or does not match (JSON text).
#[napi]
pub fn diagnose(body: Body<'_>, signature: String, keys: &Keyring) -> String {
    shape::diagnosis(&spotdraft_kit::diagnose(&body, &signature, keys.keys()))
}

/// The kind of each slot of a packed delivery (`packed::KINDS`).
#[napi(js_name = "fieldKinds")]
pub fn field_kinds() -> &'static str {
    packed::KINDS
}

/// How many of a delivery's slots come before its event's
/// (`shape::DELIVERY_FIELDS`).
#[napi(js_name = "deliveryFields")]
pub fn delivery_fields() -> u32 {
    shape::DELIVERY_FIELDS as u32
}

/// Lowercase hex SHA-256 of the body.
#[napi(js_name = "bodySha256")]
pub fn body_sha256(body: Body<'_>) -> String {
    spotdraft_kit::body_sha256(&body)
}

/// Every stable error code, in core's order.
#[napi(js_name = "errorCodes")]
pub fn error_codes() -> Vec<&'static str> {
    spotdraft_kit::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect()
}

/// The longest signature header value core reads, in bytes: the front cuts
/// longer strings one past it before they cross.
#[napi(js_name = "maxSignatureHeaderBytes")]
pub fn max_signature_header_bytes() -> u32 {
    spotdraft_kit::MAX_SIGNATURE_HEADER_BYTES as u32
}

/// The current and legacy signature header names, lowercase.
#[napi(js_name = "signatureHeaders")]
pub fn signature_headers() -> Vec<String> {
    [SignatureHeader::Current, SignatureHeader::Legacy]
        .iter()
        .map(|h| h.name().to_ascii_lowercase())
        .collect()
}
