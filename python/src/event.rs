//! `Event`: an immutable view of a parsed payload with snake_case
//! attributes, and the JSON-to-Python conversion of payload values.
//!
//! Typed attributes read the core's lenient accessors (None when a field is
//! absent or has an unexpected type), straight from the core's event: no
//! dict is built up front. The whole `payload` is converted to Python
//! objects only when first asked for, then cached.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList};
use spotdraft_kit::serde_json::{Map, Value};
use spotdraft_kit::{Counterparty, EmailEvent, Person};

use crate::repr::quoted;

/// Where the core's event lives.
enum Held {
    /// Parsed on its own (`parse_event`).
    Parsed(spotdraft_kit::Event),
    /// Inside a verified delivery, shared with its `Delivery` object.
    Delivered(Arc<spotdraft_kit::Delivery>),
}

/// A parsed SpotDraft webhook payload.
#[pyclass(module = "spotdraft_kit", frozen)]
pub struct Event {
    held: Held,
    /// The caller's `bytes` object the event was parsed from, when the body
    /// came as `bytes` (immutable): `payload` and `source` read it without
    /// a copy.
    body: Option<Py<PyBytes>>,
    payload: PyOnceLock<Py<PyDict>>,
}

impl Event {
    /// Wraps a core event parsed from `body`.
    pub fn parsed(event: spotdraft_kit::Event, body: Option<Py<PyBytes>>) -> Self {
        Event::holding(Held::Parsed(event), body)
    }

    /// The event of a verified delivery parsed from `body`.
    pub fn delivered(delivery: Arc<spotdraft_kit::Delivery>, body: Option<Py<PyBytes>>) -> Self {
        Event::holding(Held::Delivered(delivery), body)
    }

    fn holding(held: Held, body: Option<Py<PyBytes>>) -> Self {
        Event {
            held,
            body,
            payload: PyOnceLock::new(),
        }
    }

    fn core(&self) -> &spotdraft_kit::Event {
        match &self.held {
            Held::Parsed(event) => event,
            Held::Delivered(delivery) => delivery.event(),
        }
    }

    /// The payload bytes as a Python `bytes`: the caller's own object when
    /// there is one.
    fn source_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        match &self.body {
            Some(body) => body.bind(py).clone(),
            None => PyBytes::new(py, self.core().source()),
        }
    }

    /// The payload bytes were validated by the core as one JSON object;
    /// CPython's own `json.loads` builds the Python objects from them faster
    /// than a value-by-value conversion through the core's tree (and keeps
    /// integers beyond 64 bits exact).
    fn convert_payload<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let loads = LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py.import("json")?.getattr("loads")?.unbind())
        })?;
        match loads
            .bind(py)
            .call1((self.source_bytes(py),))?
            .cast_into::<PyDict>()
        {
            Ok(dict) => Ok(dict),
            // Unreachable for a parsed event; the core's tree is the fallback.
            Err(_) => object(py, self.core().payload()),
        }
    }
}

#[pymethods]
impl Event {
    /// The activity as sent (`CONTRACT_SIGNED`, ...).
    #[getter]
    fn activity(&self) -> &str {
        self.core().activity().as_str()
    }

    /// Whether the activity is one of the documented ones.
    #[getter]
    fn known(&self) -> bool {
        self.core().known()
    }

    /// The activity's category (`lifecycle`, `review`, `signature`, ...).
    #[getter]
    fn category(&self) -> &'static str {
        self.core().category().as_str()
    }

    /// `contract_id` (an integer).
    #[getter]
    fn contract_id(&self) -> Option<i64> {
        self.core().contract_id()
    }

    /// `contract_title`.
    #[getter]
    fn contract_title(&self) -> Option<&str> {
        self.core().contract_title()
    }

    /// `contract_status`.
    #[getter]
    fn contract_status(&self) -> Option<&str> {
        self.core().contract_status()
    }

    /// `contract_kind`.
    #[getter]
    fn contract_kind(&self) -> Option<&str> {
        self.core().contract_kind()
    }

    /// `contract_type`.
    #[getter]
    fn contract_type(&self) -> Option<&str> {
        self.core().contract_type()
    }

    /// `contract_type_name`.
    #[getter]
    fn contract_type_name(&self) -> Option<&str> {
        self.core().contract_type_name()
    }

    /// `contract_type_id` (an integer).
    #[getter]
    fn contract_type_id(&self) -> Option<i64> {
        self.core().contract_type_id()
    }

    /// `activity_data.timestamp`, as sent.
    #[getter]
    fn occurred_at(&self) -> Option<&str> {
        self.core().occurred_at()
    }

    /// `created_at` of the contract, as sent.
    #[getter]
    fn created_at(&self) -> Option<&str> {
        self.core().created_at()
    }

    /// `activity_data.performed_by` as `{"name", "email"}`.
    #[getter]
    fn performed_by<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.core()
            .performed_by()
            .map(|p| person(py, &p))
            .transpose()
    }

    /// `business_user` as `{"name", "email"}`.
    #[getter]
    fn business_user<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.core()
            .business_user()
            .map(|p| person(py, &p))
            .transpose()
    }

    /// `legal_user` as `{"name", "email"}`.
    #[getter]
    fn legal_user<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.core().legal_user().map(|p| person(py, &p)).transpose()
    }

    /// `activity_data.signatory` as `{"name", "email"}`.
    #[getter]
    fn signatory<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.core().signatory().map(|p| person(py, &p)).transpose()
    }

    /// `external_metadata.id` as a str.
    #[getter]
    fn external_id(&self) -> Option<String> {
        self.core().external_id()
    }

    /// `external_metadata`, when it is an object (a new dict each time).
    #[getter]
    fn external_metadata<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.core()
            .external_metadata()
            .map(|m| object(py, m))
            .transpose()
    }

    /// `activity_data`, when it is an object (a new dict each time).
    #[getter]
    fn activity_data<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.core()
            .activity_data()
            .map(|m| object(py, m))
            .transpose()
    }

    /// `counterparties[]` as dicts `{"type", "organization_name",
    /// "poc_name", "poc_email", "counterparty_id"}`.
    #[getter]
    fn counterparties<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for c in self.core().counterparties() {
            list.append(counterparty(py, &c)?)?;
        }
        Ok(list)
    }

    /// `activity_data.email_event_data` as `{"recipient_email",
    /// "email_mode", "occurred_at"}`.
    #[getter]
    fn email_event<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.core()
            .email_event()
            .map(|e| email_event(py, &e))
            .transpose()
    }

    /// The whole payload as a dict, converted on first access and cached.
    #[getter]
    fn payload<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = self
            .payload
            .get_or_try_init(py, || self.convert_payload(py).map(Bound::unbind))?;
        Ok(dict.bind(py).clone())
    }

    /// The raw payload bytes the event was parsed from.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        self.source_bytes(py)
    }

    fn __repr__(&self) -> String {
        // Payloads carry names and emails: only what a log may show.
        match self.core().contract_id() {
            Some(id) => format!(
                "Event(activity={}, contract_id={id})",
                quoted(self.core().activity().as_str())
            ),
            None => format!(
                "Event(activity={})",
                quoted(self.core().activity().as_str())
            ),
        }
    }
}

fn person<'py>(py: Python<'py>, p: &Person) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("name", p.name.as_deref())?;
    dict.set_item("email", p.email.as_deref())?;
    Ok(dict)
}

fn counterparty<'py>(py: Python<'py>, c: &Counterparty) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("type", c.kind.as_deref())?;
    dict.set_item("organization_name", c.organization_name.as_deref())?;
    dict.set_item("poc_name", c.poc_name.as_deref())?;
    dict.set_item("poc_email", c.poc_email.as_deref())?;
    dict.set_item("counterparty_id", c.counterparty_id)?;
    Ok(dict)
}

fn email_event<'py>(py: Python<'py>, e: &EmailEvent) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("recipient_email", e.recipient_email.as_deref())?;
    dict.set_item("email_mode", e.email_mode.as_deref())?;
    dict.set_item("occurred_at", e.occurred_at.as_deref())?;
    Ok(dict)
}

/// A JSON object as a dict, keys in the order they were sent.
pub fn object<'py>(py: Python<'py>, map: &Map<String, Value>) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (key, value) in map {
        dict.set_item(key, value_to_py(py, value)?)?;
    }
    Ok(dict)
}

/// A JSON value as the object `json.loads` would give.
pub fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => object(py, map)?.into_any(),
    })
}
