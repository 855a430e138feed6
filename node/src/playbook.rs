//! The playbook planners behind `js/playbook.js`: the sanitiser, escalation
//! bundles, reconcile sweeps, the webhook registry's rules and rotation.
//! Values cross as JSON text (see `playbook_calls`, shared with the WASM
//! package, which exports the same names); the JS layer converts them and
//! does the I/O.

use napi::bindgen_prelude::Uint8ArraySlice;
use napi::Env;
use napi_derive::napi;
use spotdraft_kit::reconcile::Reconcile;
use spotdraft_kit::sanitize::Sanitizer;
use spotdraft_kit::webhook_rotation::Rotation;

use crate::errors::{self, IntoJs};
use crate::playbook_calls as calls;
use crate::Handle;

/// Core's [`Sanitizer`].
#[napi(js_name = "RawSanitizer")]
pub struct RawSanitizer {
    inner: Sanitizer,
}

#[napi]
impl RawSanitizer {
    /// An empty sanitiser.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        RawSanitizer {
            inner: Sanitizer::new(),
        }
    }

    /// The sanitised copy of a JSON value at JSON Pointer `path`, as JSON.
    #[napi]
    pub fn sanitize(&mut self, env: Env, path: String, value_json: String) -> napi::Result<String> {
        calls::sanitize_json(&mut self.inner, &path, &value_json).into_js(&env)
    }

    /// One value of `kind` replaced; its placeholder.
    #[napi]
    pub fn redact(
        &mut self,
        env: Env,
        path: String,
        kind: String,
        value: String,
    ) -> napi::Result<String> {
        calls::redact(&mut self.inner, &path, &kind, &value).into_js(&env)
    }

    /// What was replaced so far, as JSON.
    #[napi]
    pub fn redactions(&self) -> String {
        calls::redactions_json(&self.inner)
    }
}

/// Core's [`Reconcile`] sweep (finished once).
#[napi(js_name = "RawReconcile")]
pub struct RawReconcile {
    inner: Option<Reconcile>,
}

fn finished(env: &Env) -> napi::Error {
    errors::invalid_argument(env, "this sweep is finished")
}

#[napi]
impl RawReconcile {
    /// A sweep from `checkpoint` as of `as_of`; `seen_json` is
    /// `[[contractId, timestamp], ...]`.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        checkpoint: String,
        as_of: String,
        seen_json: String,
        mode: String,
    ) -> napi::Result<Self> {
        let inner = calls::reconcile_new(&checkpoint, &as_of, &seen_json, &mode).into_js(&env)?;
        Ok(RawReconcile { inner: Some(inner) })
    }

    /// The first listing call, as JSON.
    #[napi(js_name = "firstCall")]
    pub fn first_call(&self, env: Env) -> napi::Result<String> {
        let sweep = self.inner.as_ref().ok_or_else(|| finished(&env))?;
        Ok(calls::reconcile_first_call(sweep))
    }

    /// One listing answer consumed; the next call as JSON, or null.
    #[napi(js_name = "consumePage")]
    pub fn consume_page(&mut self, env: Env, page_json: String) -> napi::Result<Option<String>> {
        let sweep = self.inner.as_mut().ok_or_else(|| finished(&env))?;
        calls::reconcile_consume_page(sweep, &page_json).into_js(&env)
    }

    /// The outcome, as JSON (once).
    #[napi]
    pub fn finish(&mut self, env: Env) -> napi::Result<String> {
        let sweep = self.inner.take().ok_or_else(|| finished(&env))?;
        Ok(calls::outcome_json(sweep.finish()))
    }
}

/// Core's webhook [`Rotation`].
#[napi(js_name = "RawRotation")]
pub struct RawRotation {
    inner: Rotation,
}

#[napi]
impl RawRotation {
    /// Starts rotating the registry's webhook `old_id` to the spec.
    #[napi(factory)]
    pub fn start(
        env: Env,
        registry_json: String,
        old_id: String,
        spec_json: String,
    ) -> napi::Result<Self> {
        let inner = calls::rotation_start(&registry_json, &old_id, &spec_json).into_js(&env)?;
        Ok(RawRotation { inner })
    }

    /// The current step, as JSON.
    #[napi]
    pub fn step(&self) -> String {
        calls::rotation_step(&self.inner)
    }

    /// Create's 201 body reported; the record to persist, as JSON.
    #[napi]
    pub fn created(&mut self, env: Env, response_json: String) -> napi::Result<String> {
        calls::rotation_created(&mut self.inner, &response_json).into_js(&env)
    }

    /// A delivery at `url` reported; whether it is the new webhook's.
    #[napi(js_name = "deliveryAt")]
    pub fn delivery_at(&mut self, url: String) -> bool {
        self.inner.delivery_at(&url)
    }

    /// Gives up (the new webhook, if created, is deleted next).
    #[napi(js_name = "giveUp")]
    pub fn give_up(&mut self, env: Env) -> napi::Result<()> {
        self.inner.give_up().into_js(&env)
    }

    /// The delete of webhook `id` reported.
    #[napi]
    pub fn deleted(&mut self, env: Env, id: String) -> napi::Result<()> {
        self.inner.deleted(&id).into_js(&env)
    }
}

/// Core's `delivery_bundle` without a signature check.
#[napi(js_name = "playbookDeliveryBundle")]
pub fn delivery_bundle(
    env: Env,
    body: Uint8ArraySlice<'_>,
    headers: Vec<String>,
    records_json: String,
    context_json: String,
) -> napi::Result<String> {
    calls::delivery_bundle_json(&body, &headers, &records_json, None, &context_json).into_js(&env)
}

/// Core's `delivery_bundle` with the signature check re-run by `verifier`.
#[napi(js_name = "playbookCheckedDeliveryBundle")]
pub fn checked_delivery_bundle(
    env: Env,
    verifier: &Handle,
    body: Uint8ArraySlice<'_>,
    headers: Vec<String>,
    records_json: String,
    context_json: String,
) -> napi::Result<String> {
    let core = Some(&***verifier);
    calls::delivery_bundle_json(&body, &headers, &records_json, core, &context_json).into_js(&env)
}

/// Core's `api_bundle`.
#[napi(js_name = "playbookApiBundle")]
pub fn api_bundle(
    env: Env,
    record_json: String,
    request_body_json: Option<String>,
    response_body_json: Option<String>,
    context_json: String,
) -> napi::Result<String> {
    calls::api_bundle_json(
        &record_json,
        request_body_json.as_deref(),
        response_body_json.as_deref(),
        &context_json,
    )
    .into_js(&env)
}

/// Core's `WebhookRecord::from_created`, as JSON.
#[napi(js_name = "playbookRecordFromCreated")]
pub fn record_from_created(
    env: Env,
    response_json: String,
    environment: String,
) -> napi::Result<String> {
    calls::record_from_created(&response_json, &environment).into_js(&env)
}

/// Core's `plan_create`, as JSON.
#[napi(js_name = "playbookPlanCreate")]
pub fn plan_create(env: Env, registry_json: String, spec_json: String) -> napi::Result<String> {
    calls::plan_create(&registry_json, &spec_json).into_js(&env)
}

/// Core's `plan_delete`, as JSON.
#[napi(js_name = "playbookPlanDelete")]
pub fn plan_delete(
    env: Env,
    registry_json: String,
    id: String,
    force: bool,
) -> napi::Result<String> {
    calls::plan_delete(&registry_json, &id, force).into_js(&env)
}

/// Core's `shared_urls`, as JSON.
#[napi(js_name = "playbookSharedUrls")]
pub fn shared_urls(env: Env, registry_json: String) -> napi::Result<String> {
    calls::shared_urls(&registry_json).into_js(&env)
}

/// The planners' constants, as JSON.
#[napi(js_name = "playbookConstants")]
pub fn constants() -> String {
    calls::constants_json()
}
