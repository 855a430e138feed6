//! `Delivery` (a verified, parsed delivery) and `Diagnosis` for Python.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict};

use crate::body;
use crate::errors::log_record_dict;
use crate::event::Event;
use crate::repr::{optional, quoted};

/// A verified, parsed delivery: what `Verifier.open` returns.
///
/// Every attribute reads the core's delivery when asked for: the body's
/// SHA-256 is computed on first read of `body_sha256` or `log_record()`
/// (by the core, once), and the `event` object is made on first read.
#[pyclass(module = "spotdraft_kit", frozen)]
pub struct Delivery {
    core: Arc<spotdraft_kit::Delivery>,
    /// The caller's `bytes` body, handed to the event.
    body: Option<Py<PyBytes>>,
    event: PyOnceLock<Py<Event>>,
}

impl Delivery {
    /// Wraps a core delivery parsed from `body` (the caller's object, when
    /// it is an immutable `bytes`).
    pub fn new(delivery: spotdraft_kit::Delivery, body: Option<Py<PyBytes>>) -> Self {
        Delivery {
            core: Arc::new(delivery),
            body,
            event: PyOnceLock::new(),
        }
    }

    /// The body's SHA-256, hashed (once) with the GIL released for large
    /// bodies.
    fn body_hash(&self, py: Python<'_>) -> &str {
        let core = &self.core;
        body::run(py, core.body_len(), || core.body_sha256())
    }
}

#[pymethods]
impl Delivery {
    /// The parsed event.
    #[getter]
    fn event(&self, py: Python<'_>) -> PyResult<Py<Event>> {
        let event = self.event.get_or_try_init(py, || {
            let body = self.body.as_ref().map(|b| b.clone_ref(py));
            Py::new(py, Event::delivered(Arc::clone(&self.core), body))
        })?;
        Ok(event.clone_ref(py))
    }

    /// `"sdk1:" + hex`: the key to dedupe on (store it under a UNIQUE constraint).
    #[getter]
    fn dedupe_key(&self) -> &str {
        self.core.dedupe_key()
    }

    /// Lowercase hex SHA-256 of the raw body.
    #[getter]
    fn body_sha256(&self, py: Python<'_>) -> &str {
        self.body_hash(py)
    }

    /// Length of the raw body in bytes.
    #[getter]
    fn body_length(&self) -> usize {
        self.core.body_len()
    }

    /// Index of the key that matched.
    #[getter]
    fn key_index(&self) -> usize {
        self.core.key_index()
    }

    /// Label of the key that matched, if keys were labelled.
    #[getter]
    fn key_id(&self) -> Option<&str> {
        self.core.key_id()
    }

    /// `"current"` or `"legacy"`: which header carried the signature.
    #[getter]
    fn signature_header(&self) -> &'static str {
        self.core.signature_header().as_str()
    }

    /// What to log about this delivery, as a new plain dict: no secret, no
    /// personal data.
    fn log_record<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.body_hash(py);
        log_record_dict(py, &self.core.log_record())
    }

    fn __repr__(&self) -> String {
        // Only what a log may show: no names, emails or secrets.
        format!(
            "Delivery(activity={}, dedupe_key={}, key_index={}, key_id={})",
            quoted(self.core.event().activity().as_str()),
            quoted(self.core.dedupe_key()),
            self.core.key_index(),
            optional(self.core.key_id()),
        )
    }
}

/// Why a signature did or did not match: what `diagnose` returns.
#[pyclass(module = "spotdraft_kit", frozen)]
pub struct Diagnosis {
    /// The stable cause code (`valid`, `body_reserialized`, `body_changed_or_wrong_key`, ...).
    #[pyo3(get)]
    cause: &'static str,
    /// Index of the key involved, when one is.
    #[pyo3(get)]
    key_index: Option<usize>,
    /// Which variant matched (`compact`, `pretty-2`, `append-lf`, ...), if any.
    #[pyo3(get)]
    variant: Option<&'static str>,
    /// A one-paragraph explanation with no secret in it.
    #[pyo3(get)]
    message: String,
}

impl Diagnosis {
    /// Converts a core diagnosis.
    pub fn new(found: &spotdraft_kit::Diagnosis) -> Self {
        Diagnosis {
            cause: found.cause.as_str(),
            key_index: found.key_index,
            variant: found.variant,
            message: found.message(),
        }
    }
}

#[pymethods]
impl Diagnosis {
    fn __repr__(&self) -> String {
        format!(
            "Diagnosis(cause={}, key_index={}, variant={})",
            quoted(self.cause),
            self.key_index
                .map_or_else(|| "None".to_owned(), |i| i.to_string()),
            optional(self.variant),
        )
    }
}
