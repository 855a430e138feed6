//! The playbook planners behind `js/playbook.js`: the sanitiser, escalation
//! bundles, reconcile sweeps, the webhook registry's rules and rotation.
//! Values cross as JSON text (see [`crate::playbook_calls`], shared with
//! the Node addon, which exports the same names); the JS layer converts
//! them and does the I/O. Built only with the `api` feature, so the
//! verifier-only module holds none of it.

use spotdraft_kit::reconcile::Reconcile;
use spotdraft_kit::sanitize::Sanitizer;
use spotdraft_kit::webhook_rotation::Rotation;
use wasm_bindgen::prelude::*;

use crate::errors;
use crate::playbook_calls as calls;
use crate::verifier::RawVerifier;

/// Core's [`Sanitizer`].
#[wasm_bindgen]
pub struct RawSanitizer {
    inner: Sanitizer,
}

#[wasm_bindgen]
impl RawSanitizer {
    /// An empty sanitiser.
    #[wasm_bindgen(constructor)]
    pub fn new() -> RawSanitizer {
        RawSanitizer {
            inner: Sanitizer::new(),
        }
    }

    /// The sanitised copy of a JSON value at JSON Pointer `path`, as JSON.
    pub fn sanitize(&mut self, path: &str, value_json: &str) -> Result<String, JsValue> {
        calls::sanitize_json(&mut self.inner, path, value_json).map_err(errors::js)
    }

    /// One value of `kind` replaced; its placeholder.
    pub fn redact(&mut self, path: &str, kind: &str, value: &str) -> Result<String, JsValue> {
        calls::redact(&mut self.inner, path, kind, value).map_err(errors::js)
    }

    /// What was replaced so far, as JSON.
    pub fn redactions(&self) -> String {
        calls::redactions_json(&self.inner)
    }
}

impl Default for RawSanitizer {
    fn default() -> Self {
        RawSanitizer::new()
    }
}

/// Core's [`Reconcile`] sweep (finished once).
#[wasm_bindgen]
pub struct RawReconcile {
    inner: Option<Reconcile>,
}

fn finished() -> JsValue {
    errors::invalid_argument("this sweep is finished")
}

#[wasm_bindgen]
impl RawReconcile {
    /// A sweep from `checkpoint` as of `as_of`; `seen_json` is
    /// `[[contractId, timestamp], ...]`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        checkpoint: &str,
        as_of: &str,
        seen_json: &str,
        mode: &str,
    ) -> Result<RawReconcile, JsValue> {
        let inner = calls::reconcile_new(checkpoint, as_of, seen_json, mode).map_err(errors::js)?;
        Ok(RawReconcile { inner: Some(inner) })
    }

    /// The first listing call, as JSON.
    #[wasm_bindgen(js_name = firstCall)]
    pub fn first_call(&self) -> Result<String, JsValue> {
        let sweep = self.inner.as_ref().ok_or_else(finished)?;
        Ok(calls::reconcile_first_call(sweep))
    }

    /// One listing answer consumed; the next call as JSON, or null.
    #[wasm_bindgen(js_name = consumePage)]
    pub fn consume_page(&mut self, page_json: &str) -> Result<Option<String>, JsValue> {
        let sweep = self.inner.as_mut().ok_or_else(finished)?;
        calls::reconcile_consume_page(sweep, page_json).map_err(errors::js)
    }

    /// The outcome, as JSON (once).
    pub fn finish(&mut self) -> Result<String, JsValue> {
        let sweep = self.inner.take().ok_or_else(finished)?;
        Ok(calls::outcome_json(sweep.finish()))
    }
}

/// Core's webhook [`Rotation`].
#[wasm_bindgen]
pub struct RawRotation {
    inner: Rotation,
}

#[wasm_bindgen]
impl RawRotation {
    /// Starts rotating the registry's webhook `old_id` to the spec.
    pub fn start(
        registry_json: &str,
        old_id: &str,
        spec_json: &str,
    ) -> Result<RawRotation, JsValue> {
        let inner = calls::rotation_start(registry_json, old_id, spec_json).map_err(errors::js)?;
        Ok(RawRotation { inner })
    }

    /// The current step, as JSON.
    pub fn step(&self) -> String {
        calls::rotation_step(&self.inner)
    }

    /// Create's 201 body reported; the record to persist, as JSON.
    pub fn created(&mut self, response_json: &str) -> Result<String, JsValue> {
        calls::rotation_created(&mut self.inner, response_json).map_err(errors::js)
    }

    /// A delivery at `url` reported; whether it is the new webhook's.
    #[wasm_bindgen(js_name = deliveryAt)]
    pub fn delivery_at(&mut self, url: &str) -> bool {
        self.inner.delivery_at(url)
    }

    /// Gives up (the new webhook, if created, is deleted next).
    #[wasm_bindgen(js_name = giveUp)]
    pub fn give_up(&mut self) -> Result<(), JsValue> {
        self.inner.give_up().map_err(errors::js)
    }

    /// The delete of webhook `id` reported.
    pub fn deleted(&mut self, id: &str) -> Result<(), JsValue> {
        self.inner.deleted(id).map_err(errors::js)
    }
}

/// Core's `delivery_bundle` without a signature check (see
/// [`calls::delivery_bundle_json`]).
#[wasm_bindgen(js_name = playbookDeliveryBundle)]
pub fn delivery_bundle(
    body: &[u8],
    headers: Vec<String>,
    records_json: &str,
    context_json: &str,
) -> Result<String, JsValue> {
    calls::delivery_bundle_json(body, &headers, records_json, None, context_json)
        .map_err(errors::js)
}

/// Core's `delivery_bundle` with the signature check re-run by `verifier`.
#[wasm_bindgen(js_name = playbookCheckedDeliveryBundle)]
pub fn checked_delivery_bundle(
    verifier: &RawVerifier,
    body: &[u8],
    headers: Vec<String>,
    records_json: &str,
    context_json: &str,
) -> Result<String, JsValue> {
    let verifier = Some(verifier.core());
    calls::delivery_bundle_json(body, &headers, records_json, verifier, context_json)
        .map_err(errors::js)
}

/// Core's `api_bundle` (see [`calls::api_bundle_json`]).
#[wasm_bindgen(js_name = playbookApiBundle)]
pub fn api_bundle(
    record_json: &str,
    request_body_json: Option<String>,
    response_body_json: Option<String>,
    context_json: &str,
) -> Result<String, JsValue> {
    calls::api_bundle_json(
        record_json,
        request_body_json.as_deref(),
        response_body_json.as_deref(),
        context_json,
    )
    .map_err(errors::js)
}

/// Core's `WebhookRecord::from_created`, as JSON.
#[wasm_bindgen(js_name = playbookRecordFromCreated)]
pub fn record_from_created(response_json: &str, environment: &str) -> Result<String, JsValue> {
    calls::record_from_created(response_json, environment).map_err(errors::js)
}

/// Core's `plan_create`, as JSON.
#[wasm_bindgen(js_name = playbookPlanCreate)]
pub fn plan_create(registry_json: &str, spec_json: &str) -> Result<String, JsValue> {
    calls::plan_create(registry_json, spec_json).map_err(errors::js)
}

/// Core's `plan_delete`, as JSON.
#[wasm_bindgen(js_name = playbookPlanDelete)]
pub fn plan_delete(registry_json: &str, id: &str, force: bool) -> Result<String, JsValue> {
    calls::plan_delete(registry_json, id, force).map_err(errors::js)
}

/// Core's `shared_urls`, as JSON.
#[wasm_bindgen(js_name = playbookSharedUrls)]
pub fn shared_urls(registry_json: &str) -> Result<String, JsValue> {
    calls::shared_urls(registry_json).map_err(errors::js)
}

/// The planners' constants, as JSON.
#[wasm_bindgen(js_name = playbookConstants)]
pub fn constants() -> String {
    calls::constants_json()
}
