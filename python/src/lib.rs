//! Python extension of spotdraft-kit (pyo3), imported as
//! `spotdraft_kit._native` and re-exported by the `spotdraft_kit` package.
//!
//! Conversion code only: every webhook rule lives in the `spotdraft-kit`
//! core crate. Python values become core inputs in [`body`], [`headers`] and
//! [`keys`]; core results become Python objects in [`event`] and
//! [`delivery`]; core errors become exceptions in one place, [`errors`].
//! The SpotDraft API layer (request builders, response parsing, retry
//! policy, rate limiter) is converted in [`api`]; its executors are pure
//! Python (`spotdraft_kit/_executor.py`). The playbook planners (escalation
//! bundles, reconcile sweeps, the webhook registry) are converted in
//! [`escalation`], [`reconcile`] and [`webhook_registry`].
//! Bodies of 4 KiB and more are hashed with the GIL released.

// The crate docs are a map of its private modules (a cdylib: nothing links
// to it from outside); `make test` builds them with --document-private-items.
#![allow(rustdoc::private_intra_doc_links)]

mod api;
mod body;
mod delivery;
mod errors;
mod escalation;
mod event;
mod headers;
mod keys;
mod reconcile;
mod repr;
mod verifier;
mod webhook_registry;

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use spotdraft_kit::{ErrorCode, KeyEncoding};

use crate::delivery::{Delivery, Diagnosis};
use crate::errors::IntoPyResult;
use crate::event::Event;
use crate::verifier::Verifier;

/// Parses a payload into an `Event` (no signature check: use
/// `Verifier.open` for deliveries).
#[pyfunction]
fn parse_event(body: &Bound<'_, PyAny>) -> PyResult<Event> {
    let py = body.py();
    let bytes = body::extract(body, "body")?;
    let event = body::run(py, bytes.len(), || spotdraft_kit::parse_event(&bytes));
    Ok(Event::parsed(
        event.into_py_result(py)?,
        body::immutable(body),
    ))
}

/// The signature header value (128 lowercase hex digits) for a body: for
/// tests and local senders.
#[pyfunction]
#[pyo3(
    signature = (key, body, *, encoding = None),
    text_signature = "(key, body, *, encoding='base64')"
)]
fn sign(
    key: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    encoding: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let py = body.py();
    let encoding = match encoding {
        Some(name) => keys::encoding(name)?,
        None => KeyEncoding::default(),
    };
    let key = keys::one(key, None, encoding)?;
    let bytes = body::extract(body, "body")?;
    Ok(body::run(py, bytes.len(), || {
        spotdraft_kit::sign(&key, &bytes)
    }))
}

/// Explains why `signature` does or does not match `body` under `keys`.
/// Slow by design (dozens of HMACs): for tooling, not for the hot path.
#[pyfunction]
#[pyo3(
    signature = (body, signature, keys, *, encoding = None),
    text_signature = "(body, signature, keys, *, encoding='base64')"
)]
fn diagnose(
    body: &Bound<'_, PyAny>,
    signature: &Bound<'_, PyAny>,
    keys: &Bound<'_, PyAny>,
    encoding: Option<&Bound<'_, PyAny>>,
) -> PyResult<Diagnosis> {
    let py = body.py();
    let encoding = match encoding {
        Some(name) => keys::encoding(name)?,
        None => KeyEncoding::default(),
    };
    let keys = keys::all(keys, encoding)?;
    let signature = verifier::signature_text(signature)?;
    let bytes = body::extract(body, "body")?;
    let found = py.detach(|| spotdraft_kit::diagnose(&bytes, &signature, &keys));
    Ok(Diagnosis::new(&found))
}

/// Lowercase hex SHA-256 of the body.
#[pyfunction]
fn body_sha256(body: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = body.py();
    let bytes = body::extract(body, "body")?;
    Ok(body::run(py, bytes.len(), || {
        spotdraft_kit::body_sha256(&bytes)
    }))
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    errors::register(module)?;
    api::register(module)?;
    escalation::register(module)?;
    reconcile::register(module)?;
    webhook_registry::register(module)?;
    module.add_class::<Verifier>()?;
    module.add_class::<Delivery>()?;
    module.add_class::<Event>()?;
    module.add_class::<Diagnosis>()?;
    module.add_function(wrap_pyfunction!(parse_event, module)?)?;
    module.add_function(wrap_pyfunction!(sign, module)?)?;
    module.add_function(wrap_pyfunction!(diagnose, module)?)?;
    module.add_function(wrap_pyfunction!(body_sha256, module)?)?;
    module.add_function(wrap_pyfunction!(errors::code_error, module)?)?;
    module.add("SIGNATURE_HEADER", spotdraft_kit::SIGNATURE_HEADER)?;
    module.add(
        "LEGACY_SIGNATURE_HEADER",
        spotdraft_kit::LEGACY_SIGNATURE_HEADER,
    )?;
    module.add(
        "DEFAULT_MAX_BODY_BYTES",
        spotdraft_kit::DEFAULT_MAX_BODY_BYTES,
    )?;
    module.add("MAX_KEYS", spotdraft_kit::MAX_KEYS)?;
    module.add(
        "ERROR_CODES",
        PyTuple::new(py, ErrorCode::ALL.iter().map(|c| c.as_str()))?,
    )?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
