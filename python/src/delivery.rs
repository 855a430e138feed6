//! `Delivery` (a verified, parsed delivery) and `Diagnosis` for Python.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use spotdraft_kit::LogRecord;

use crate::errors::log_record_dict;
use crate::event::Event;
use crate::repr::{optional, quoted};

/// A verified, parsed delivery: what `Verifier.open` returns.
#[pyclass(module = "spotdraft_kit", frozen)]
pub struct Delivery {
    /// The parsed event.
    #[pyo3(get)]
    event: Py<Event>,
    /// `"sdk1:" + hex`: the key to dedupe on (store it under a UNIQUE constraint).
    #[pyo3(get)]
    dedupe_key: String,
    /// Lowercase hex SHA-256 of the raw body.
    #[pyo3(get)]
    body_sha256: String,
    /// Length of the raw body in bytes.
    #[pyo3(get)]
    body_length: usize,
    /// Index of the key that matched.
    #[pyo3(get)]
    key_index: usize,
    /// Label of the key that matched, if keys were labelled.
    #[pyo3(get)]
    key_id: Option<String>,
    /// `"current"` or `"legacy"`: which header carried the signature.
    #[pyo3(get)]
    signature_header: &'static str,
    record: LogRecord,
}

impl Delivery {
    /// Converts a core delivery.
    pub fn new(py: Python<'_>, delivery: spotdraft_kit::Delivery) -> PyResult<Self> {
        let record = delivery.log_record();
        let dedupe_key = delivery.dedupe_key().to_owned();
        let body_sha256 = delivery.body_sha256().to_owned();
        let body_length = delivery.body_len();
        let key_index = delivery.key_index();
        let key_id = delivery.key_id().map(str::to_owned);
        let signature_header = delivery.signature_header().as_str();
        let event = Py::new(py, Event::new(delivery.into_event()))?;
        Ok(Delivery {
            event,
            dedupe_key,
            body_sha256,
            body_length,
            key_index,
            key_id,
            signature_header,
            record,
        })
    }
}

#[pymethods]
impl Delivery {
    /// What to log about this delivery, as a new plain dict: no secret, no
    /// personal data.
    fn log_record<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        log_record_dict(py, &self.record)
    }

    fn __repr__(&self) -> String {
        // Only what a log may show: no names, emails or secrets.
        format!(
            "Delivery(activity={}, dedupe_key={}, key_index={}, key_id={})",
            quoted(self.event.get().activity_name()),
            quoted(&self.dedupe_key),
            self.key_index,
            optional(self.key_id.as_deref()),
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
