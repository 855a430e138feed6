//! The sanitiser and escalation bundles (`spotdraft_kit.sanitize`,
//! `spotdraft_kit.escalation` in core): conversion only.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;
use spotdraft_kit::escalation::{self as core, EscalationContext};
use spotdraft_kit::sanitize::{RedactionKind, Sanitizer as CoreSanitizer};

use crate::api::{from_json, pairs, to_json};
use crate::errors::{invalid_argument, type_name};
use crate::verifier::Verifier;

/// Replaces personal data and secrets in JSON values with stable
/// placeholders; `redactions` lists what was replaced (paths, not values).
#[pyclass(module = "spotdraft_kit", name = "Sanitizer")]
pub struct Sanitizer {
    inner: CoreSanitizer,
}

#[pymethods]
impl Sanitizer {
    #[new]
    fn py_new() -> Self {
        Sanitizer {
            inner: CoreSanitizer::new(),
        }
    }

    /// A sanitised copy of `value` (JSON: dict, list, str, ...), which sits
    /// at JSON Pointer `path` in the output.
    #[pyo3(signature = (value, path = ""))]
    fn sanitize<'py>(
        &mut self,
        value: &Bound<'py, PyAny>,
        path: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let json = to_json(value, "value")?;
        from_json(value.py(), &self.inner.sanitize(path, &json))
    }

    /// Replaces one text value of `kind` (`name`, `email`, `title`, `url`,
    /// `secret`, `text`) at `path`; returns its placeholder.
    fn redact(&mut self, py: Python<'_>, path: &str, kind: &str, value: &str) -> PyResult<String> {
        let kind = RedactionKind::from_name(kind).ok_or_else(|| {
            invalid_argument(py, "kind must be name, email, title, url, secret or text")
        })?;
        Ok(self.inner.redact(path, kind, value))
    }

    /// What was replaced so far: dicts of `path`, `kind`, `placeholder`.
    #[getter]
    fn redactions<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .redactions()
            .iter()
            .map(|r| {
                let d = PyDict::new(py);
                d.set_item("path", &r.path)?;
                d.set_item("kind", r.kind.as_str())?;
                d.set_item("placeholder", &r.placeholder)?;
                Ok(d)
            })
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("Sanitizer(redactions={})", self.inner.redactions().len())
    }
}

fn context(
    environment: &str,
    region: Option<String>,
    integration_id: Option<String>,
    occurred_at: Option<String>,
    status: Option<u16>,
) -> EscalationContext {
    EscalationContext {
        environment: environment.to_owned(),
        region,
        integration_id,
        occurred_at,
        status,
    }
}

fn optional_json(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<Value>> {
    match value {
        Some(v) if !v.is_none() => Ok(Some(to_json(v, what)?)),
        _ => Ok(None),
    }
}

/// The escalation bundle of a webhook delivery (a dict): raw body,
/// headers, the receiver's log records and, when a `verifier` is given, the
/// signature check re-run with it.
#[pyfunction]
#[pyo3(signature = (body, headers, log_records = None, *, verifier = None,
    environment = "", region = None, integration_id = None, occurred_at = None, status = None))]
#[allow(clippy::too_many_arguments)]
pub fn delivery_bundle<'py>(
    body: &Bound<'py, PyAny>,
    headers: &Bound<'py, PyAny>,
    log_records: Option<&Bound<'py, PyAny>>,
    verifier: Option<&Bound<'py, PyAny>>,
    environment: &str,
    region: Option<String>,
    integration_id: Option<String>,
    occurred_at: Option<String>,
    status: Option<u16>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = body.py();
    let bytes = crate::body::extract(body, "body")?;
    let headers = pairs(headers, "headers")?;
    let records = match optional_json(log_records, "log_records")? {
        None => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(invalid_argument(py, "log_records must be a list of dicts")),
    };
    let verifier = match verifier {
        Some(v) if !v.is_none() => Some(v.cast::<Verifier>().map_err(|_| {
            invalid_argument(
                py,
                format!("verifier must be a Verifier, not {}", type_name(v)),
            )
        })?),
        _ => None,
    };
    let verifier = verifier.as_ref().map(|v| v.get().core());
    let context = context(environment, region, integration_id, occurred_at, status);
    let bundle = core::delivery_bundle(&bytes, &headers, &records, verifier, &context);
    from_json(py, &bundle)
}

/// The escalation bundle of an API call (a dict) from its log record and,
/// if kept, the request and response bodies.
#[pyfunction]
#[pyo3(signature = (record, request_body = None, response_body = None, *,
    environment = "", region = None, integration_id = None, occurred_at = None, status = None))]
#[allow(clippy::too_many_arguments)]
pub fn api_bundle<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
    request_body: Option<&Bound<'py, PyAny>>,
    response_body: Option<&Bound<'py, PyAny>>,
    environment: &str,
    region: Option<String>,
    integration_id: Option<String>,
    occurred_at: Option<String>,
    status: Option<u16>,
) -> PyResult<Bound<'py, PyAny>> {
    let record = to_json(record, "record")?;
    let request_body = optional_json(request_body, "request_body")?;
    let response_body = optional_json(response_body, "response_body")?;
    let context = context(environment, region, integration_id, occurred_at, status);
    let bundle = core::api_bundle(
        &record,
        request_body.as_ref(),
        response_body.as_ref(),
        &context,
    );
    from_json(py, &bundle)
}

/// Adds the class, functions and constants.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Sanitizer>()?;
    module.add_function(wrap_pyfunction!(delivery_bundle, module)?)?;
    module.add_function(wrap_pyfunction!(api_bundle, module)?)?;
    module.add("BUNDLE_FORMAT", core::BUNDLE_FORMAT)?;
    Ok(())
}
