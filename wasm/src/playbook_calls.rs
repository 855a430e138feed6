//! The playbook planners for the JavaScript bindings, as JSON text in and
//! out: the sanitiser, escalation bundles, reconcile sweeps, the webhook
//! registry's rules and rotation.
//!
//! Both JS packages use this one file (the Node addon includes it by path),
//! so their conversions cannot drift. Every decision is core's; this only
//! moves values between JSON (camelCase field names, as the JS layer
//! `js/playbook.js` passes them) and core types. Argument type errors are
//! `invalid_argument` and name the parameter, never its value.

use spotdraft_kit::escalation::{self, EscalationContext};
use spotdraft_kit::reconcile::{PlannedCall, Reconcile, ReconcileMode, ReconcileOutcome};
use spotdraft_kit::sanitize::{RedactionKind, Sanitizer};
use spotdraft_kit::serde_json::{self, json, Map, Value};
use spotdraft_kit::webhook_registry::{self, WebhookRecord, WebhookSpec};
use spotdraft_kit::webhook_rotation::{Rotation, RotationStep};
use spotdraft_kit::{Error, ErrorCode, Verifier};

fn bad(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidArgument, message)
}

fn parse(text: &str, what: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|_| bad(format!("{what} must be JSON data")))
}

fn object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>, Error> {
    value
        .as_object()
        .ok_or_else(|| bad(format!("{what} must be an object")))
}

fn text_field(obj: &Map<String, Value>, what: &str, name: &str) -> Result<String, Error> {
    match obj.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(bad(format!("{what}.{name} must be a string"))),
    }
}

fn opt_text(obj: &Map<String, Value>, what: &str, name: &str) -> Result<Option<String>, Error> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad(format!("{what}.{name} must be a string"))),
    }
}

fn texts(obj: &Map<String, Value>, what: &str, name: &str) -> Result<Vec<String>, Error> {
    let shape = || bad(format!("{what}.{name} must be an array of strings"));
    obj.get(name)
        .and_then(Value::as_array)
        .ok_or_else(shape)?
        .iter()
        .map(|v| v.as_str().map(str::to_owned).ok_or_else(shape))
        .collect()
}

/// A planned call as `{operation, params}`.
pub fn call_value(call: &PlannedCall) -> Value {
    json!({"operation": call.operation, "params": call.params})
}

// --- the sanitiser ----------------------------------------------------------

/// Core's sanitiser over a JSON value; the sanitised value as JSON.
pub fn sanitize_json(
    sanitizer: &mut Sanitizer,
    path: &str,
    value_json: &str,
) -> Result<String, Error> {
    let value = parse(value_json, "value")?;
    Ok(sanitizer.sanitize(path, &value).to_string())
}

/// Core's `redact` for a kind named as core names it.
pub fn redact(
    sanitizer: &mut Sanitizer,
    path: &str,
    kind: &str,
    value: &str,
) -> Result<String, Error> {
    let kind = RedactionKind::from_name(kind)
        .ok_or_else(|| bad("kind must be name, email, title, url, secret or text"))?;
    Ok(sanitizer.redact(path, kind, value))
}

/// What the sanitiser replaced so far: `[{path, kind, placeholder}]` as JSON.
pub fn redactions_json(sanitizer: &Sanitizer) -> String {
    let list: Vec<Value> = sanitizer
        .redactions()
        .iter()
        .map(|r| json!({"path": r.path, "kind": r.kind.as_str(), "placeholder": r.placeholder}))
        .collect();
    Value::Array(list).to_string()
}

// --- escalation bundles -----------------------------------------------------

/// `{environment?, region?, integrationId?, occurredAt?, status?}`.
fn context(context_json: &str) -> Result<EscalationContext, Error> {
    let value = parse(context_json, "options")?;
    let obj = object(&value, "options")?;
    let status = match obj.get("status") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .ok_or_else(|| bad("options.status must be an HTTP status (an integer)"))?,
        ),
    };
    Ok(EscalationContext {
        environment: opt_text(obj, "options", "environment")?.unwrap_or_default(),
        region: opt_text(obj, "options", "region")?,
        integration_id: opt_text(obj, "options", "integrationId")?,
        occurred_at: opt_text(obj, "options", "occurredAt")?,
        status,
    })
}

fn optional(text: Option<&str>, what: &str) -> Result<Option<Value>, Error> {
    text.map(|t| parse(t, what)).transpose()
}

/// Core's `delivery_bundle`: `headers` flat `[name, value, ...]`, log
/// records as a JSON array; the bundle as JSON.
pub fn delivery_bundle_json(
    body: &[u8],
    headers: &[String],
    records_json: &str,
    verifier: Option<&Verifier>,
    context_json: &str,
) -> Result<String, Error> {
    let pairs: Vec<(&str, &str)> = headers
        .chunks_exact(2)
        .map(|p| (p[0].as_str(), p[1].as_str()))
        .collect();
    let records = match parse(records_json, "logRecords")? {
        Value::Array(items) => items,
        _ => return Err(bad("logRecords must be an array of objects")),
    };
    let context = context(context_json)?;
    Ok(escalation::delivery_bundle(body, &pairs, &records, verifier, &context).to_string())
}

/// Core's `api_bundle`; the bundle as JSON.
pub fn api_bundle_json(
    record_json: &str,
    request_body_json: Option<&str>,
    response_body_json: Option<&str>,
    context_json: &str,
) -> Result<String, Error> {
    let record = parse(record_json, "record")?;
    let request_body = optional(request_body_json, "requestBody")?;
    let response_body = optional(response_body_json, "responseBody")?;
    let context = context(context_json)?;
    let bundle = escalation::api_bundle(
        &record,
        request_body.as_ref(),
        response_body.as_ref(),
        &context,
    );
    Ok(bundle.to_string())
}

// --- reconcile --------------------------------------------------------------

/// Core's sweep from `seen` as JSON `[[contractId, timestamp], ...]`.
pub fn reconcile_new(
    checkpoint: &str,
    as_of: &str,
    seen_json: &str,
    mode: &str,
) -> Result<Reconcile, Error> {
    let mode = ReconcileMode::parse(mode)?;
    let shape = || bad("seen must map contract ids (integers) to ISO-8601 timestamps (strings)");
    let seen = match parse(seen_json, "seen")? {
        Value::Array(items) => items
            .iter()
            .map(|pair| match pair.as_array().map(Vec::as_slice) {
                Some([id, Value::String(at)]) => {
                    id.as_u64().map(|id| (id, at.clone())).ok_or_else(shape)
                }
                _ => Err(shape()),
            })
            .collect::<Result<Vec<_>, _>>()?,
        _ => return Err(shape()),
    };
    Reconcile::new(checkpoint, as_of, &seen, mode)
}

/// Core's `first_call`, as JSON.
pub fn reconcile_first_call(sweep: &Reconcile) -> String {
    call_value(&sweep.first_call()).to_string()
}

/// Core's `consume_page`: the next call as JSON, or `None` when done.
pub fn reconcile_consume_page(
    sweep: &mut Reconcile,
    page_json: &str,
) -> Result<Option<String>, Error> {
    let page = parse(page_json, "page")?;
    Ok(sweep
        .consume_page(&page)?
        .map(|c| call_value(&c).to_string()))
}

/// Core's outcome as JSON (a delivery's `body` as its UTF-8 text).
pub fn outcome_json(outcome: ReconcileOutcome) -> String {
    let deliveries: Vec<Value> = outcome
        .deliveries
        .iter()
        .map(|d| {
            json!({
                "contractId": d.contract_id,
                "status": d.status,
                "body": String::from_utf8_lossy(&d.body),
                "dedupeKey": d.dedupe_key,
                "bodySha256": d.body_sha256,
            })
        })
        .collect();
    let re_trigger: Vec<Value> = outcome.re_trigger.iter().map(call_value).collect();
    json!({
        "moved": outcome.moved,
        "deliveries": deliveries,
        "reTrigger": re_trigger,
        "unresolved": outcome.unresolved,
        "pages": outcome.pages,
        "complete": outcome.complete,
        "nextCheckpoint": outcome.next_checkpoint,
    })
    .to_string()
}

// --- the webhook registry and rotation ----------------------------------------

fn record_value(r: &WebhookRecord) -> Value {
    json!({"id": r.id, "title": r.title, "url": r.url, "activities": r.activities, "environment": r.environment})
}

fn record_of(value: &Value) -> Result<WebhookRecord, Error> {
    let obj = object(value, "a registry record")?;
    let what = "record";
    Ok(WebhookRecord {
        id: text_field(obj, what, "id")?,
        title: text_field(obj, what, "title")?,
        url: text_field(obj, what, "url")?,
        activities: texts(obj, what, "activities")?,
        environment: text_field(obj, what, "environment")?,
    })
}

fn registry(registry_json: &str) -> Result<Vec<WebhookRecord>, Error> {
    match parse(registry_json, "registry")? {
        Value::Array(items) => items.iter().map(record_of).collect(),
        _ => Err(bad("registry must be an array of webhook records")),
    }
}

fn spec(spec_json: &str) -> Result<WebhookSpec, Error> {
    let value = parse(spec_json, "spec")?;
    let obj = object(&value, "spec")?;
    Ok(WebhookSpec {
        title: text_field(obj, "spec", "title")?,
        url: text_field(obj, "spec", "url")?,
        activities: texts(obj, "spec", "activities")?,
        environment: text_field(obj, "spec", "environment")?,
    })
}

/// Core's `WebhookRecord::from_created`, as JSON.
pub fn record_from_created(response_json: &str, environment: &str) -> Result<String, Error> {
    let response = parse(response_json, "response")?;
    Ok(record_value(&WebhookRecord::from_created(&response, environment)?).to_string())
}

/// Core's `plan_create`, as JSON.
pub fn plan_create(registry_json: &str, spec_json: &str) -> Result<String, Error> {
    let call = webhook_registry::plan_create(&registry(registry_json)?, &spec(spec_json)?)?;
    Ok(call_value(&call).to_string())
}

/// Core's `plan_delete`, as JSON.
pub fn plan_delete(registry_json: &str, id: &str, force: bool) -> Result<String, Error> {
    let call = webhook_registry::plan_delete(&registry(registry_json)?, id, force)?;
    Ok(call_value(&call).to_string())
}

/// Core's `shared_urls` as `[[url, [environment, ...]], ...]` JSON.
pub fn shared_urls(registry_json: &str) -> Result<String, Error> {
    Ok(json!(webhook_registry::shared_urls(&registry(registry_json)?)).to_string())
}

/// Core's `Rotation::start`.
pub fn rotation_start(
    registry_json: &str,
    old_id: &str,
    spec_json: &str,
) -> Result<Rotation, Error> {
    Rotation::start(&registry(registry_json)?, old_id, &spec(spec_json)?)
}

/// The rotation's step as `{name, call, webhookId, url, kept}` JSON.
pub fn rotation_step(rotation: &Rotation) -> String {
    let step = rotation.step();
    let mut out =
        json!({"name": step.name(), "call": null, "webhookId": null, "url": null, "kept": null});
    match &step {
        RotationStep::Create(c) | RotationStep::DeleteOld(c) | RotationStep::DeleteNew(c) => {
            out["call"] = call_value(c);
        }
        RotationStep::AwaitDelivery { webhook_id, url } => {
            out["webhookId"] = json!(webhook_id);
            out["url"] = json!(url);
        }
        RotationStep::Done { kept } => out["kept"] = record_value(kept),
        RotationStep::RolledBack => {}
    }
    out.to_string()
}

/// Core's `Rotation::created`: the record to persist, as JSON.
pub fn rotation_created(rotation: &mut Rotation, response_json: &str) -> Result<String, Error> {
    let response = parse(response_json, "response")?;
    Ok(record_value(&rotation.created(&response)?).to_string())
}

/// The planners' constants (operation names, limits, the bundle format),
/// as JSON with core's names.
pub fn constants_json() -> String {
    use spotdraft_kit::reconcile as r;
    json!({
        "BUNDLE_FORMAT": escalation::BUNDLE_FORMAT,
        "CONTRACTS_LIST_OPERATION": r::CONTRACTS_LIST_OPERATION,
        "RE_TRIGGER_OPERATION": r::RE_TRIGGER_OPERATION,
        "RECONCILE_PAGE_LIMIT": r::RECONCILE_PAGE_LIMIT,
        "RE_TRIGGER_BATCH_SIZE": r::RE_TRIGGER_BATCH_SIZE,
        "MAX_RECONCILE_PAGES": r::MAX_RECONCILE_PAGES,
        "RECONCILED_ACTIVITY": r::RECONCILED_ACTIVITY,
        "WEBHOOK_CREATE_OPERATION": webhook_registry::WEBHOOK_CREATE_OPERATION,
        "WEBHOOK_DELETE_OPERATION": webhook_registry::WEBHOOK_DELETE_OPERATION,
    })
    .to_string()
}
