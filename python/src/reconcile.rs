//! The reconcile planner (`spotdraft_kit::reconcile` in core): conversion
//! only. Calls cross as `PlannedCall` objects whose `params` the Python
//! executor hands to the API layer's `call(operation, params)`.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use spotdraft_kit::reconcile::{self as core, ReconcileMode};

use crate::api::{from_json, to_json};
use crate::errors::{invalid_argument, type_name, IntoPyResult};
use crate::repr::quoted;

/// One API call to make: `operation` and its `params` (a fresh dict on
/// every read).
#[pyclass(module = "spotdraft_kit", name = "PlannedCall", frozen)]
pub struct PlannedCall {
    inner: core::PlannedCall,
}

impl PlannedCall {
    pub(crate) fn new(inner: core::PlannedCall) -> Self {
        PlannedCall { inner }
    }
}

#[pymethods]
impl PlannedCall {
    /// The operation name from SpotDraft's operation table.
    #[getter]
    fn operation(&self) -> &'static str {
        self.inner.operation
    }

    /// The parameters for `call(operation, params)`.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &self.inner.params)
    }

    fn __repr__(&self) -> String {
        format!(
            "PlannedCall(operation={}, params={})",
            quoted(self.inner.operation),
            self.inner.params
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PlannedCall>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
}

/// A reconciliation job for one contract, ready for the inbox.
#[pyclass(module = "spotdraft_kit", name = "SyntheticDelivery", frozen, get_all)]
pub struct SyntheticDelivery {
    /// The contract id, as webhooks carry it.
    contract_id: u64,
    /// The contract's fresh status from the listing.
    status: Option<String>,
    /// The payload bytes.
    body: Py<PyBytes>,
    /// Its `sdk1` dedupe key.
    dedupe_key: String,
    /// SHA-256 of `body`.
    body_sha256: String,
}

#[pymethods]
impl SyntheticDelivery {
    fn __repr__(&self) -> String {
        format!(
            "SyntheticDelivery(contract_id={}, dedupe_key={})",
            self.contract_id,
            quoted(&self.dedupe_key)
        )
    }
}

/// What a finished sweep found and what to do about it.
#[pyclass(module = "spotdraft_kit", name = "ReconcileOutcome", frozen, get_all)]
pub struct ReconcileOutcome {
    /// Contract ids that moved without a delivery, in listing order.
    moved: Vec<u64>,
    /// Synthetic deliveries (mode `synthetic`).
    deliveries: Vec<Py<SyntheticDelivery>>,
    /// Re-trigger calls (mode `retrigger`).
    re_trigger: Vec<Py<PlannedCall>>,
    /// Listed ids that are not webhook contract ids.
    unresolved: Vec<String>,
    /// Pages consumed.
    pages: u64,
    /// Whether the listing was read to its end.
    complete: bool,
    /// The checkpoint for the next sweep (the old one unless complete).
    next_checkpoint: String,
}

#[pymethods]
impl ReconcileOutcome {
    fn __repr__(&self) -> String {
        format!(
            "ReconcileOutcome(moved={}, pages={}, next_checkpoint={})",
            self.moved.len(),
            self.pages,
            quoted(&self.next_checkpoint)
        )
    }
}

/// One reconcile sweep: `first_call()`, then `consume_page(page)` with each
/// answer until it returns None, then `finish()`.
#[pyclass(module = "spotdraft_kit", name = "Reconcile")]
pub struct Reconcile {
    inner: Option<core::Reconcile>,
}

impl Reconcile {
    fn sweep(&mut self, py: Python<'_>) -> PyResult<&mut core::Reconcile> {
        self.inner
            .as_mut()
            .ok_or_else(|| invalid_argument(py, "this sweep is finished"))
    }
}

/// `seen` as `(contract_id, timestamp)` pairs from a mapping or pairs.
fn seen_pairs(seen: &Bound<'_, PyAny>) -> PyResult<Vec<(u64, String)>> {
    let py = seen.py();
    let source = if seen.is_instance_of::<PyDict>() {
        seen.call_method0("items")?
    } else {
        seen.clone()
    };
    let shape = || {
        invalid_argument(
            py,
            format!(
                "seen must map contract ids (int) to ISO-8601 timestamps (str), not {}",
                type_name(seen)
            ),
        )
    };
    let mut out = Vec::new();
    for item in source.try_iter().map_err(|_| shape())? {
        let (id, at): (u64, String) = item?.extract().map_err(|_| shape())?;
        out.push((id, at));
    }
    Ok(out)
}

#[pymethods]
impl Reconcile {
    #[new]
    #[pyo3(signature = (checkpoint, as_of, seen, mode = "synthetic"))]
    fn py_new(
        py: Python<'_>,
        checkpoint: &str,
        as_of: &str,
        seen: &Bound<'_, PyAny>,
        mode: &str,
    ) -> PyResult<Self> {
        let mode = ReconcileMode::parse(mode).into_py_result(py)?;
        let seen = seen_pairs(seen)?;
        let inner = core::Reconcile::new(checkpoint, as_of, &seen, mode).into_py_result(py)?;
        Ok(Reconcile { inner: Some(inner) })
    }

    /// The first listing call.
    fn first_call(&mut self, py: Python<'_>) -> PyResult<PlannedCall> {
        Ok(PlannedCall::new(self.sweep(py)?.first_call()))
    }

    /// Consumes one listing answer; the next call, or None when done.
    fn consume_page(
        &mut self,
        py: Python<'_>,
        page: &Bound<'_, PyAny>,
    ) -> PyResult<Option<PlannedCall>> {
        let page = to_json(page, "page")?;
        let next = self.sweep(py)?.consume_page(&page).into_py_result(py)?;
        Ok(next.map(PlannedCall::new))
    }

    /// Ends the sweep with its repairs (once).
    fn finish(&mut self, py: Python<'_>) -> PyResult<ReconcileOutcome> {
        let sweep = self
            .inner
            .take()
            .ok_or_else(|| invalid_argument(py, "this sweep is finished"))?;
        let outcome = sweep.finish();
        let deliveries = outcome
            .deliveries
            .into_iter()
            .map(|d| {
                Py::new(
                    py,
                    SyntheticDelivery {
                        contract_id: d.contract_id,
                        status: d.status,
                        body: PyBytes::new(py, &d.body).unbind(),
                        dedupe_key: d.dedupe_key,
                        body_sha256: d.body_sha256,
                    },
                )
            })
            .collect::<PyResult<_>>()?;
        let re_trigger = outcome
            .re_trigger
            .into_iter()
            .map(|c| Py::new(py, PlannedCall::new(c)))
            .collect::<PyResult<_>>()?;
        Ok(ReconcileOutcome {
            moved: outcome.moved,
            deliveries,
            re_trigger,
            unresolved: outcome.unresolved,
            pages: outcome.pages,
            complete: outcome.complete,
            next_checkpoint: outcome.next_checkpoint,
        })
    }

    fn __repr__(&self) -> &'static str {
        if self.inner.is_some() {
            "Reconcile(<in progress>)"
        } else {
            "Reconcile(<finished>)"
        }
    }
}

/// Adds the classes and constants.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PlannedCall>()?;
    module.add_class::<SyntheticDelivery>()?;
    module.add_class::<ReconcileOutcome>()?;
    module.add_class::<Reconcile>()?;
    module.add("CONTRACTS_LIST_OPERATION", core::CONTRACTS_LIST_OPERATION)?;
    module.add("RE_TRIGGER_OPERATION", core::RE_TRIGGER_OPERATION)?;
    module.add("RECONCILE_PAGE_LIMIT", core::RECONCILE_PAGE_LIMIT)?;
    module.add("RE_TRIGGER_BATCH_SIZE", core::RE_TRIGGER_BATCH_SIZE)?;
    module.add("MAX_RECONCILE_PAGES", core::MAX_RECONCILE_PAGES)?;
    module.add("RECONCILED_ACTIVITY", core::RECONCILED_ACTIVITY)?;
    Ok(())
}
