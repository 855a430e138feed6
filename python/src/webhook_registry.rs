//! The webhook registry rules and rotation (`spotdraft_kit::webhook_registry`
//! and `spotdraft_kit::webhook_rotation` in core): conversion only.

use pyo3::prelude::*;
use spotdraft_kit::webhook_registry::{self as core, WebhookRecord as CoreRecord};
use spotdraft_kit::webhook_rotation::{Rotation as CoreRotation, RotationStep as CoreStep};

use crate::api::to_json;
use crate::errors::{invalid_argument, type_name, IntoPyResult};
use crate::reconcile::PlannedCall;
use crate::repr::quoted;

/// What the registry persists per webhook: id, title, url, activities,
/// environment.
#[pyclass(module = "spotdraft_kit", name = "WebhookRecord", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct WebhookRecord {
    inner: CoreRecord,
}

#[pymethods]
impl WebhookRecord {
    #[new]
    fn py_new(
        id: String,
        title: String,
        url: String,
        activities: Vec<String>,
        environment: String,
    ) -> Self {
        WebhookRecord {
            inner: CoreRecord {
                id,
                title,
                url,
                activities,
                environment,
            },
        }
    }

    /// The record to persist from create's 201 response body.
    #[staticmethod]
    fn from_created(
        py: Python<'_>,
        response: &Bound<'_, PyAny>,
        environment: &str,
    ) -> PyResult<Self> {
        let json = to_json(response, "response")?;
        let inner = CoreRecord::from_created(&json, environment).into_py_result(py)?;
        Ok(WebhookRecord { inner })
    }

    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }

    #[getter]
    fn activities(&self) -> Vec<String> {
        self.inner.activities.clone()
    }

    #[getter]
    fn environment(&self) -> &str {
        &self.inner.environment
    }

    fn __repr__(&self) -> String {
        format!(
            "WebhookRecord(id={}, environment={}, activities={})",
            quoted(&self.inner.id),
            quoted(&self.inner.environment),
            self.inner.activities.len()
        )
    }
}

/// A webhook to create: title, url, activities, environment.
#[pyclass(module = "spotdraft_kit", name = "WebhookSpec", frozen, get_all)]
#[derive(Clone)]
pub struct WebhookSpec {
    title: String,
    url: String,
    activities: Vec<String>,
    environment: String,
}

#[pymethods]
impl WebhookSpec {
    #[new]
    fn py_new(title: String, url: String, activities: Vec<String>, environment: String) -> Self {
        WebhookSpec {
            title,
            url,
            activities,
            environment,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "WebhookSpec(title={}, environment={})",
            quoted(&self.title),
            quoted(&self.environment)
        )
    }
}

impl WebhookSpec {
    fn core(&self) -> core::WebhookSpec {
        core::WebhookSpec {
            title: self.title.clone(),
            url: self.url.clone(),
            activities: self.activities.clone(),
            environment: self.environment.clone(),
        }
    }
}

fn records_of(value: &Bound<'_, PyAny>) -> PyResult<Vec<CoreRecord>> {
    let shape = || {
        invalid_argument(
            value.py(),
            format!(
                "registry must be a list of WebhookRecord, not {}",
                type_name(value)
            ),
        )
    };
    let mut out = Vec::new();
    for item in value.try_iter().map_err(|_| shape())? {
        let item = item?;
        let record = item.cast::<WebhookRecord>().map_err(|_| shape())?;
        out.push(record.get().inner.clone());
    }
    Ok(out)
}

/// The create call for `spec`; refused when incomplete or its URL is
/// registered in another environment.
#[pyfunction]
pub fn plan_create(
    py: Python<'_>,
    registry: &Bound<'_, PyAny>,
    spec: &WebhookSpec,
) -> PyResult<PlannedCall> {
    let records = records_of(registry)?;
    Ok(PlannedCall::new(
        core::plan_create(&records, &spec.core()).into_py_result(py)?,
    ))
}

/// The delete call for `id`; an id the registry does not hold is refused
/// unless `force`.
#[pyfunction]
#[pyo3(signature = (registry, id, force = false))]
pub fn plan_delete(
    py: Python<'_>,
    registry: &Bound<'_, PyAny>,
    id: &str,
    force: bool,
) -> PyResult<PlannedCall> {
    let records = records_of(registry)?;
    Ok(PlannedCall::new(
        core::plan_delete(&records, id, force).into_py_result(py)?,
    ))
}

/// Every URL held in more than one environment, with the environments.
#[pyfunction]
pub fn shared_urls(registry: &Bound<'_, PyAny>) -> PyResult<Vec<(String, Vec<String>)>> {
    Ok(core::shared_urls(&records_of(registry)?))
}

/// What to do next in a rotation: `name` (`create`, `await_delivery`,
/// `delete_old`, `delete_new`, `done`, `rolled_back`) and its details.
#[pyclass(module = "spotdraft_kit", name = "RotationStep", frozen, get_all)]
pub struct RotationStep {
    name: &'static str,
    call: Option<Py<PlannedCall>>,
    webhook_id: Option<String>,
    url: Option<String>,
    kept: Option<Py<WebhookRecord>>,
}

#[pymethods]
impl RotationStep {
    fn __repr__(&self) -> String {
        format!("RotationStep({})", quoted(self.name))
    }
}

/// A rotation: create the new webhook, wait for a delivery at it, delete
/// the old one.
#[pyclass(module = "spotdraft_kit", name = "Rotation")]
pub struct Rotation {
    inner: CoreRotation,
}

#[pymethods]
impl Rotation {
    /// Starts rotating the registry's webhook `old_id` to `spec`.
    #[staticmethod]
    fn start(
        py: Python<'_>,
        registry: &Bound<'_, PyAny>,
        old_id: &str,
        spec: &WebhookSpec,
    ) -> PyResult<Self> {
        let records = records_of(registry)?;
        let inner = CoreRotation::start(&records, old_id, &spec.core()).into_py_result(py)?;
        Ok(Rotation { inner })
    }

    /// What to do now.
    fn step(&self, py: Python<'_>) -> PyResult<RotationStep> {
        let step = self.inner.step();
        let name = step.name();
        let mut out = RotationStep {
            name,
            call: None,
            webhook_id: None,
            url: None,
            kept: None,
        };
        match step {
            CoreStep::Create(c) | CoreStep::DeleteOld(c) | CoreStep::DeleteNew(c) => {
                out.call = Some(Py::new(py, PlannedCall::new(c))?);
            }
            CoreStep::AwaitDelivery { webhook_id, url } => {
                out.webhook_id = Some(webhook_id);
                out.url = Some(url);
            }
            CoreStep::Done { kept } => out.kept = Some(Py::new(py, WebhookRecord { inner: kept })?),
            CoreStep::RolledBack => {}
        }
        Ok(out)
    }

    /// Reports create's 201 body; returns the record to persist.
    fn created(&mut self, py: Python<'_>, response: &Bound<'_, PyAny>) -> PyResult<WebhookRecord> {
        let json = to_json(response, "response")?;
        let inner = self.inner.created(&json).into_py_result(py)?;
        Ok(WebhookRecord { inner })
    }

    /// Reports a delivery at `url`; True when it is the new webhook's.
    fn delivery_at(&mut self, url: &str) -> bool {
        self.inner.delivery_at(url)
    }

    /// Gives up (deletes the new webhook if it exists).
    fn give_up(&mut self, py: Python<'_>) -> PyResult<()> {
        self.inner.give_up().into_py_result(py)
    }

    /// Reports that the delete of webhook `id` succeeded.
    fn deleted(&mut self, py: Python<'_>, id: &str) -> PyResult<()> {
        self.inner.deleted(id).into_py_result(py)
    }

    fn __repr__(&self) -> String {
        format!("Rotation(step={})", quoted(self.inner.step().name()))
    }
}

/// Adds the classes, functions and constants.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<WebhookRecord>()?;
    module.add_class::<WebhookSpec>()?;
    module.add_class::<RotationStep>()?;
    module.add_class::<Rotation>()?;
    module.add_function(wrap_pyfunction!(plan_create, module)?)?;
    module.add_function(wrap_pyfunction!(plan_delete, module)?)?;
    module.add_function(wrap_pyfunction!(shared_urls, module)?)?;
    module.add("WEBHOOK_CREATE_OPERATION", core::WEBHOOK_CREATE_OPERATION)?;
    module.add("WEBHOOK_DELETE_OPERATION", core::WEBHOOK_DELETE_OPERATION)?;
    Ok(())
}
