//! The one place where core errors become Python exceptions.
//!
//! Every failure raised by the extension is a `SpotDraftKitError` carrying
//! the core's stable `code`, the core's `http_status` (never re-mapped here)
//! and, for rejected deliveries, the core's log record as a dict. The
//! subclass only makes `except` clauses read naturally:
//!
//! | codes | class |
//! |---|---|
//! | missing_signature, malformed_signature, signature_mismatch | `SignatureError` |
//! | invalid_key, no_keys | `InvalidKeyError` |
//! | invalid_json, invalid_payload, body_too_large | `PayloadError` |
//! | api_error, invalid_config, invalid_id | `ApiError` |
//! | invalid_argument | `InvalidArgumentError` (also a `TypeError` and a `ValueError`) |
//!
//! An `ApiError` also carries the core's API details: `status` (0 when no
//! response arrived), `retryable`, `detail`, `api_code`, `api_message`,
//! `field_errors` and `Retry-After` (`retry_after_ms` or
//! `retry_after_at_unix_ms`); they are class-level defaults when absent.
//!
//! Messages are the core's and never contain a key, a signature, a client
//! secret or a body.

use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::{create_exception, PyTypeInfo};
use spotdraft_kit::api::RetryAfter;
use spotdraft_kit::{Error, ErrorCode, LogRecord, LogValue};

create_exception!(
    spotdraft_kit,
    SpotDraftKitError,
    PyException,
    "Base class of every spotdraft-kit error: `.code` (stable string), `.http_status` (what a receiver should answer) and `.log_record` (a dict for rejected deliveries, else None)."
);
create_exception!(
    spotdraft_kit,
    SignatureError,
    SpotDraftKitError,
    "The signature header is missing, malformed, or matches no key (HTTP 401)."
);
create_exception!(
    spotdraft_kit,
    InvalidKeyError,
    SpotDraftKitError,
    "A key is empty or not valid in its encoding, or a verifier has no keys."
);
create_exception!(
    spotdraft_kit,
    PayloadError,
    SpotDraftKitError,
    "The body is too large (413), not JSON or not a SpotDraft payload (400)."
);
create_exception!(
    spotdraft_kit,
    ApiError,
    SpotDraftKitError,
    "An API configuration, path parameter or response was rejected."
);

/// `InvalidArgumentError(SpotDraftKitError, TypeError, ValueError)`: built at
/// import time because `create_exception!` takes a single base class.
static INVALID_ARGUMENT: PyOnceLock<Py<PyType>> = PyOnceLock::new();

const INVALID_ARGUMENT_DOC: &str = "A value of the wrong type (or an unusable value) was passed \
    to spotdraft-kit. Also a TypeError and a ValueError, so ordinary `except` clauses catch it.";

/// The `InvalidArgumentError` class.
pub fn invalid_argument_type(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    let class = INVALID_ARGUMENT.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let bases = PyTuple::new(
            py,
            [
                SpotDraftKitError::type_object(py),
                PyTypeError::type_object(py),
                PyValueError::type_object(py),
            ],
        )?;
        let namespace = PyDict::new(py);
        namespace.set_item("__module__", "spotdraft_kit")?;
        namespace.set_item("__doc__", INVALID_ARGUMENT_DOC)?;
        let class = PyType::type_object(py).call1(("InvalidArgumentError", bases, namespace))?;
        Ok(class.cast_into::<PyType>()?.unbind())
    })?;
    Ok(class.bind(py).clone())
}

/// Adds the exception classes to the module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("SpotDraftKitError", SpotDraftKitError::type_object(py))?;
    module.add("SignatureError", SignatureError::type_object(py))?;
    module.add("InvalidKeyError", InvalidKeyError::type_object(py))?;
    module.add("PayloadError", PayloadError::type_object(py))?;
    module.add("ApiError", ApiError::type_object(py))?;
    module.add("InvalidArgumentError", invalid_argument_type(py)?)?;
    // Class-level defaults, so the attributes exist (and type-check) even on
    // an instance a user constructs by hand.
    let base = SpotDraftKitError::type_object(py);
    base.setattr("code", ErrorCode::InvalidArgument.as_str())?;
    base.setattr("http_status", ErrorCode::InvalidArgument.http_status())?;
    base.setattr("log_record", py.None())?;
    // Defaults of the API details, present on every `ApiError` (an
    // `invalid_config` or `invalid_id` error has no response).
    let api = ApiError::type_object(py);
    api.setattr("status", 0)?;
    api.setattr("retryable", false)?;
    api.setattr("detail", py.None())?;
    api.setattr("api_code", py.None())?;
    api.setattr("api_message", py.None())?;
    api.setattr("field_errors", PyTuple::empty(py))?;
    api.setattr("retry_after_ms", py.None())?;
    api.setattr("retry_after_at_unix_ms", py.None())?;
    Ok(())
}

fn class_for(py: Python<'_>, code: ErrorCode) -> PyResult<Bound<'_, PyType>> {
    Ok(match code {
        ErrorCode::MissingSignature
        | ErrorCode::MalformedSignature
        | ErrorCode::SignatureMismatch => SignatureError::type_object(py),
        ErrorCode::InvalidKey | ErrorCode::NoKeys => InvalidKeyError::type_object(py),
        ErrorCode::InvalidJson | ErrorCode::InvalidPayload | ErrorCode::BodyTooLarge => {
            PayloadError::type_object(py)
        }
        ErrorCode::ApiError | ErrorCode::InvalidConfig | ErrorCode::InvalidId => {
            ApiError::type_object(py)
        }
        ErrorCode::InvalidArgument => invalid_argument_type(py)?,
        _ => SpotDraftKitError::type_object(py),
    })
}

/// The log record as a plain dict, fields in the core's order.
pub fn log_record_dict<'py>(py: Python<'py>, record: &LogRecord) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in record.fields() {
        match value {
            LogValue::Str(s) => dict.set_item(*name, s)?,
            LogValue::Int(i) => dict.set_item(*name, i)?,
            LogValue::Bool(b) => dict.set_item(*name, b)?,
        }
    }
    Ok(dict)
}

/// Converts a core error into the Python exception to raise.
pub fn to_py(py: Python<'_>, err: &Error) -> PyErr {
    build(py, err).unwrap_or_else(|failure| failure)
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let instance = class_for(py, err.code())?.call1((err.message(),))?;
    instance.setattr("code", err.code().as_str())?;
    instance.setattr("http_status", err.http_status())?;
    match err.log_record() {
        Some(record) => instance.setattr("log_record", log_record_dict(py, record)?)?,
        None => instance.setattr("log_record", py.None())?,
    }
    if let Some(api) = err.api_details() {
        instance.setattr("status", api.status)?;
        instance.setattr("detail", api.detail.as_deref())?;
        instance.setattr("retryable", api.retryable)?;
        instance.setattr("api_code", api.code.as_deref())?;
        instance.setattr("api_message", api.message.as_deref())?;
        let fields = api
            .field_errors
            .iter()
            .map(|(field, message)| PyTuple::new(py, [field, message]))
            .collect::<PyResult<Vec<_>>>()?;
        instance.setattr("field_errors", PyTuple::new(py, fields)?)?;
        // Retry-After as seconds, or as an HTTP date (an absolute time: the
        // retry policy turns it into a wait with the caller's clock).
        let (wait_ms, at_ms) = match api.retry_after {
            None => (None, None),
            Some(RetryAfter::DelayMs(ms)) => (Some(ms), None),
            Some(RetryAfter::AtUnixMs(ms)) => (None, Some(ms)),
        };
        instance.setattr("retry_after_ms", wait_ms)?;
        instance.setattr("retry_after_at_unix_ms", at_ms)?;
    }
    Ok(PyErr::from_value(instance))
}

/// An `invalid_argument` error: a value of the wrong type reached the API.
pub fn invalid_argument(py: Python<'_>, message: impl Into<String>) -> PyErr {
    to_py(py, &Error::new(ErrorCode::InvalidArgument, message))
}

/// The Python type name of a value, for argument errors (never its content).
pub fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// Maps a core `Result` into a `PyResult`, converting the error.
pub trait IntoPyResult<T> {
    /// Converts the error side with [`to_py`].
    fn into_py_result(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn into_py_result(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, &e))
    }
}

/// code_error(code)
/// --
///
/// The error of a stable code with core's message for it, for a failure an
/// adapter detects itself (``store_unavailable``, ``length_required``).
/// Returned, not raised; an unknown code raises ``invalid_argument``.
#[pyfunction]
pub fn code_error(py: Python<'_>, code: &str) -> PyResult<Py<PyAny>> {
    let code = ErrorCode::from_str_code(code)
        .ok_or_else(|| invalid_argument(py, "not a stable error code (see ERROR_CODES)"))?;
    Ok(to_py(py, &Error::from_code(code)).into_value(py).into_any())
}
