//! The one place where core errors become JavaScript `SpotDraftKitError`s.
//!
//! The class itself is defined in the front layer (`js/front.js`) (so `instanceof` works from user
//! code); at load time the front hands this module a factory function, kept
//! as per-environment instance data. Every error path in the addon ends
//! here: a core [`spotdraft_kit::Error`] keeps its `code`, its `http_status`
//! (from core, never re-mapped) and, for rejected deliveries, its log record.
//! Messages come from core and never contain a key, signature or body.

use napi::bindgen_prelude::{FnArgs, Function, FunctionRef, Unknown};
use napi::{Env, Status};
use spotdraft_kit::{Error, ErrorCode};

/// Arguments of the factory: message, code, HTTP status, log record as JSON,
/// and for `api_error` the API fields as JSON (status, retryable, detail...).
pub type FactoryArgs = FnArgs<(String, &'static str, u32, Option<String>, Option<String>)>;

/// The factory function as received from JavaScript.
pub type FactoryFn<'a> = Function<'a, FactoryArgs, Unknown<'static>>;

/// The factory the front layer registers, stored per Node environment (the main
/// thread and each worker thread have their own).
struct ErrorFactory(FunctionRef<FactoryArgs, Unknown<'static>>);

/// Stores the function that builds `SpotDraftKitError` instances.
pub fn register_factory(env: &Env, factory: FactoryFn<'_>) -> napi::Result<()> {
    let reference = factory.create_ref()?;
    env.set_instance_data(ErrorFactory(reference), (), |_| {})
}

/// Converts a core error into the JavaScript error to throw or reject with.
pub fn to_js(env: &Env, err: &Error) -> napi::Error {
    to_js_at(env, err, None)
}

/// [`to_js`] for an error that may carry a `Retry-After`: `now_ms` (Unix
/// epoch ms) turns an HTTP date into `retryAfterMs`.
pub fn to_js_at(env: &Env, err: &Error, now_ms: Option<u64>) -> napi::Error {
    build(env, err, now_ms).unwrap_or_else(|_| {
        // Only reachable if the front layer was bypassed: still never a crash,
        // and the message still carries the stable code.
        napi::Error::new(Status::GenericFailure, err.to_string())
    })
}

fn build(env: &Env, err: &Error, now_ms: Option<u64>) -> napi::Result<napi::Error> {
    let factory = env
        .get_instance_data::<ErrorFactory>()?
        .ok_or_else(|| napi::Error::from_status(Status::GenericFailure))?;
    let record = err.log_record().map(|r| r.to_json());
    // The code travels as its own field; the message is core's text alone.
    let args = (
        err.message().to_owned(),
        err.code().as_str(),
        u32::from(err.http_status()),
        record,
        err.api_details()
            .map(|d| crate::api_calls::api_fields(d, now_ms).to_string()),
    );
    let value = factory.0.borrow_back(env)?.call(args.into())?;
    Ok(napi::Error::from(value))
}

/// An `invalid_argument` error: a value of the wrong type reached the API.
pub fn invalid_argument(env: &Env, message: impl Into<String>) -> napi::Error {
    to_js(env, &Error::new(ErrorCode::InvalidArgument, message))
}

/// Maps a core `Result` into a napi `Result`, converting the error.
pub trait IntoJs<T> {
    /// Converts the error side with [`to_js`].
    fn into_js(self, env: &Env) -> napi::Result<T>;
}

impl<T> IntoJs<T> for Result<T, Error> {
    fn into_js(self, env: &Env) -> napi::Result<T> {
        self.map_err(|e| to_js(env, &e))
    }
}

/// The error of a stable `code` with core's message for it
/// (`ErrorCode::summary`); an unknown code is an `invalid_argument` error.
pub fn code_error(env: &Env, code: &str) -> napi::Error {
    match ErrorCode::from_str_code(code) {
        Some(code) => to_js(env, &Error::from_code(code)),
        None => invalid_argument(env, "not a stable error code (see ERROR_CODES)"),
    }
}
