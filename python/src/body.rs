//! Bodies from Python: `bytes`, `bytearray`, `memoryview` or `str` (UTF-8).
//!
//! `bytes` is borrowed without a copy (it is immutable, so it is safe to read
//! with the GIL released); `bytearray` and `memoryview` are copied once,
//! because another thread could resize them while the GIL is released.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString};

use crate::errors::{invalid_argument, type_name};

/// Bodies at least this long are hashed with the GIL released, so threaded
/// servers verify in parallel. Releasing costs about 50 ns alone but, under
/// contention, re-taking the GIL can wait for another thread's switch
/// interval: worth it only when the hashing freed is several microseconds
/// (4 KiB of HMAC-SHA512 is about 5-10 µs; `bench/open.py` measures both).
pub const DETACH_THRESHOLD: usize = 4 * 1024;

/// The bytes of a body argument.
pub fn extract<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    if let Ok(text) = value.cast::<PyString>() {
        return match text.to_cow() {
            Ok(Cow::Borrowed(s)) => Ok(Cow::Borrowed(s.as_bytes())),
            Ok(Cow::Owned(s)) => Ok(Cow::Owned(s.into_bytes())),
            Err(_) => Err(invalid_argument(
                value.py(),
                format!("{what} is a str that cannot be encoded as UTF-8 (lone surrogate); pass the raw bytes"),
            )),
        };
    }
    if let Ok(array) = value.cast::<PyByteArray>() {
        return Ok(Cow::Owned(array.to_vec()));
    }
    if value.cast::<PyMemoryView>().is_ok() {
        let copy = value.call_method0("tobytes")?;
        let copy = copy.cast::<PyBytes>()?;
        return Ok(Cow::Owned(copy.as_bytes().to_vec()));
    }
    Err(invalid_argument(
        value.py(),
        format!(
            "{what} must be bytes, bytearray, memoryview or str, not {}",
            type_name(value)
        ),
    ))
}

/// The body argument itself when it is exactly a `bytes` (immutable, so
/// results may keep it and hand it back without a copy: `Event.source`, and
/// the input of `json.loads` for `Event.payload`). Not a subclass: one could
/// override `decode`, which `json.loads` calls.
pub fn immutable(value: &Bound<'_, PyAny>) -> Option<Py<PyBytes>> {
    value
        .cast_exact::<PyBytes>()
        .ok()
        .map(|b| b.clone().unbind())
}

/// Runs `work` with the GIL released when the body is large enough to pay
/// for it.
pub fn run<T, F>(py: Python<'_>, body_len: usize, work: F) -> T
where
    F: pyo3::marker::Ungil + FnOnce() -> T,
    T: pyo3::marker::Ungil,
{
    if body_len >= DETACH_THRESHOLD {
        py.detach(work)
    } else {
        work()
    }
}
