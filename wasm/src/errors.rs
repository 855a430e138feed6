//! The one place where core errors become JavaScript errors.
//!
//! A failure crosses the boundary as a JSON descriptor string
//! (`{"code","message","httpStatus","logRecord","api"}`, `api` for
//! `api_error` only) that the package's
//! JavaScript layer turns into a `SpotDraftKitError` (a real class extending
//! `Error`). `code` is the core's `ErrorCode::as_str()`, `httpStatus` the
//! core's `http_status()` (never re-mapped here), and `logRecord` the core's
//! reject record. Messages come from core, which never puts a key, a
//! signature or a body in them.

use spotdraft_kit::serde_json::{self, Map, Value};
use spotdraft_kit::{Error, ErrorCode};
use wasm_bindgen::prelude::*;

/// Prefix that marks a thrown string as an error descriptor, so the JS layer
/// never mistakes another exception for one.
pub const DESCRIPTOR_PREFIX: &str = "spotdraft-kit-error:";

/// Converts a core error into the descriptor thrown to JavaScript.
pub fn to_js(err: &Error) -> JsValue {
    to_js_at(err, None)
}

/// [`to_js`] for an error that may carry a `Retry-After`: `now_ms` (Unix
/// epoch ms) turns an HTTP date into `retryAfterMs`.
pub fn to_js_at(err: &Error, now_ms: Option<u64>) -> JsValue {
    let mut out = Map::new();
    out.insert("code".into(), Value::from(err.code().as_str()));
    out.insert("message".into(), Value::from(err.message()));
    out.insert("httpStatus".into(), Value::from(err.http_status()));
    let record = match err.log_record() {
        Some(r) => serde_json::from_str(&r.to_json()).unwrap_or(Value::Null),
        None => Value::Null,
    };
    out.insert("logRecord".into(), record);
    if let Some(details) = err.api_details() {
        out.insert("api".into(), crate::api_calls::api_fields(details, now_ms));
    }
    JsValue::from_str(&format!("{DESCRIPTOR_PREFIX}{}", Value::Object(out)))
}

/// A core error as a JavaScript error descriptor, for `map_err`.
pub fn js(err: Error) -> JsValue {
    to_js(&err)
}

/// An `invalid_argument` error: a binding was given a value of the wrong
/// type. The message names the parameter, never its value.
pub fn invalid_argument(message: &str) -> JsValue {
    to_js(&Error::new(ErrorCode::InvalidArgument, message))
}

/// Builds the descriptor of an `invalid_argument` error for the JS layer's
/// own type checks, so every error, wherever it is detected, takes its
/// status and shape from core.
#[wasm_bindgen(js_name = invalidArgument)]
pub fn invalid_argument_export(message: &str) -> JsValue {
    invalid_argument(message)
}
