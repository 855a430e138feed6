//! The one place where core errors become JavaScript errors.
//!
//! The error class is the shared JS front layer's (`js/front.js`), which
//! registers a factory at load time ([`register_error_factory`]), as with
//! the Node addon. Every failure is thrown as the factory's result, a real
//! `SpotDraftKitError` with structured fields: `code` is the core's
//! `ErrorCode::as_str()`, `httpStatus` the core's `http_status()` (never
//! re-mapped here), `logRecord` the core's reject record (JSON text) and,
//! for `api_error`, the API fields (JSON text). Messages come from core,
//! which never puts a key, a signature or a body in them.

use std::cell::RefCell;

use spotdraft_kit::{Error, ErrorCode};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `(message, code, httpStatus, logRecordJson, apiJson) => Error`.
    #[wasm_bindgen(js_name = Function)]
    pub type ErrorFactory;

    #[wasm_bindgen(method, js_name = call)]
    fn build(
        this: &ErrorFactory,
        receiver: &JsValue,
        message: &str,
        code: &str,
        http_status: u16,
        log_record: Option<String>,
        api: Option<String>,
    ) -> JsValue;
}

thread_local! {
    // The module is single-threaded: one factory per instance.
    static FACTORY: RefCell<Option<ErrorFactory>> = const { RefCell::new(None) };
}

/// Stores the function that builds `SpotDraftKitError` instances; called
/// once by the front layer before anything else.
#[wasm_bindgen(js_name = registerErrorFactory)]
pub fn register_error_factory(factory: ErrorFactory) {
    FACTORY.with(|slot| *slot.borrow_mut() = Some(factory));
}

/// Converts a core error into the error thrown to JavaScript.
pub fn to_js(err: &Error) -> JsValue {
    to_js_at(err, None)
}

/// [`to_js`] for an error that may carry a `Retry-After`: `now_ms` (Unix
/// epoch ms) turns an HTTP date into `retryAfterMs`.
pub fn to_js_at(err: &Error, now_ms: Option<u64>) -> JsValue {
    let record = err.log_record().map(|r| r.to_json());
    let api = api_fields(err, now_ms);
    FACTORY.with(|slot| match slot.borrow().as_ref() {
        Some(factory) => factory.build(
            &JsValue::UNDEFINED,
            err.message(),
            err.code().as_str(),
            err.http_status(),
            record,
            api,
        ),
        // Only reachable if the front layer was bypassed: still never a
        // trap, and the text still carries the stable code.
        None => JsValue::from_str(&err.to_string()),
    })
}

/// The `api_error` fields as JSON text (none without the API layer).
#[cfg(feature = "api")]
fn api_fields(err: &Error, now_ms: Option<u64>) -> Option<String> {
    err.api_details()
        .map(|d| crate::api_calls::api_fields(d, now_ms).to_string())
}

#[cfg(not(feature = "api"))]
fn api_fields(_err: &Error, _now_ms: Option<u64>) -> Option<String> {
    None
}

/// A core error as a JavaScript error, for `map_err`.
pub fn js(err: Error) -> JsValue {
    to_js(&err)
}

/// An `invalid_argument` error: a binding was given a value of the wrong
/// type. The message names the parameter, never its value.
pub fn invalid_argument(message: &str) -> JsValue {
    to_js(&Error::new(ErrorCode::InvalidArgument, message))
}

/// Builds an `invalid_argument` error for the front layer's own type
/// checks, so every error, wherever it is detected, takes its status and
/// shape from core.
#[wasm_bindgen(js_name = invalidArgument)]
pub fn invalid_argument_export(message: &str) -> JsValue {
    invalid_argument(message)
}

/// Builds the error of a stable `code` with core's message for it
/// (`ErrorCode::summary`), for a failure an adapter detects itself
/// (`store_unavailable`, `length_required`); an unknown code is an
/// `invalid_argument` error. Only in the full module: the adapters that
/// need it run on the full packages, and the verifier-only module's size
/// budget has no room for it.
#[cfg(feature = "api")]
#[wasm_bindgen(js_name = codeError)]
pub fn code_error(code: &str) -> JsValue {
    match ErrorCode::from_str_code(code) {
        Some(code) => to_js(&Error::from_code(code)),
        None => invalid_argument("not a stable error code (see ERROR_CODES)"),
    }
}
