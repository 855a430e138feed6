//! Escalation bundles: the minimal failing example SpotDraft's support asks
//! for, sanitised.
//!
//! Support asks for the exact endpoint or webhook event, environment and
//! region, timestamp, method and status, a sanitised body or payload, the
//! contract or external metadata id, and the integration's own request,
//! delivery or job id. [`delivery_bundle`] builds that from a delivery (raw
//! body, headers, the receiver's log records); [`api_bundle`] from an API
//! request/response log record. Both run every value through one
//! [`Sanitizer`], so a value gets the same placeholder in the payload and
//! in the log records, and list what they replaced under `redacted`
//! (paths only). A delivery bundle carries a signature check anyone holding
//! the original body can re-run: the body's SHA-256 and length, the header
//! used and the SHA-256 of its value, never the key or the signature.
//!
//! ```
//! use spotdraft_kit::escalation::{delivery_bundle, EscalationContext};
//!
//! let body = br#"{"activity":"CONTRACT_SIGNED","contract_id":42,
//!   "business_user":{"name":"Sam Example","email":"sam@example.com"},
//!   "activity_data":{"timestamp":"2026-11-02T10:00:00Z"}}"#;
//! let headers = [("Content-Type", "application/json")];
//! let context = EscalationContext { environment: "production".into(), region: Some("us".into()),
//!     integration_id: Some("job-981".into()), status: Some(500), ..Default::default() };
//! let bundle = delivery_bundle(body, &headers, &[], None, &context);
//! assert_eq!(bundle["webhook_event"], "CONTRACT_SIGNED");
//! assert_eq!(bundle["contract_id"], 42);
//! assert_eq!(bundle["payload"]["business_user"]["email"], "<email-1>");
//! assert!(!bundle.to_string().contains("sam@example.com"));
//! ```

use serde_json::{json, Map, Value};

use crate::api::HttpRequest;
use crate::fingerprint::body_sha256;
use crate::headers::find_signature;
use crate::sanitize::{Redaction, RedactionKind, Sanitizer};
use crate::signature::Verifier;

/// The `format` of every bundle; bumped when the shape changes.
///
/// ```
/// assert_eq!(spotdraft_kit::escalation::BUNDLE_FORMAT, "spotdraft-kit-escalation/1");
/// ```
pub const BUNDLE_FORMAT: &str = "spotdraft-kit-escalation/1";

/// Headers whose values a bundle keeps; every other header's value is
/// replaced (signatures, auth, cookies, forwarded client addresses).
const KEPT_HEADERS: [&str; 6] = [
    "content-type",
    "content-length",
    "content-encoding",
    "user-agent",
    "accept",
    "x-forwarded-proto",
];

/// What the integration knows about the failure beyond the delivery or
/// request itself.
///
/// ```
/// let c = spotdraft_kit::escalation::EscalationContext { environment: "uat".into(), ..Default::default() };
/// assert_eq!(c.region, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EscalationContext {
    /// The environment label (`production`, `uat`, ...).
    pub environment: String,
    /// SpotDraft region (`in`, `us`, `me`, `eu`), if known.
    pub region: Option<String>,
    /// The integration's own delivery, request or queue job id.
    pub integration_id: Option<String>,
    /// When the delivery arrived or the request was sent (ISO-8601).
    pub occurred_at: Option<String>,
    /// The HTTP status: what the receiver answered, or what SpotDraft did.
    pub status: Option<u16>,
}

/// The bundle of a webhook delivery: the raw `body`, the request's
/// `headers` (name/value pairs), the receiver's log records for it, and,
/// when given, a verifier to re-run the signature check with.
///
/// ```
/// use spotdraft_kit::{escalation::{delivery_bundle, EscalationContext}, sign, HmacKey, Verifier};
/// let key = HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")?;
/// let body = br#"{"activity":"CONTRACT_CREATED","contract_id":5}"#;
/// let headers = vec![("X-SD-WEBHOOK-CONTENT-HASH".to_string(), sign(&key, body))];
/// let verifier = Verifier::new(vec![key])?;
/// let b = delivery_bundle(body, &headers, &[], Some(&verifier), &EscalationContext::default());
/// assert_eq!(b["signature_check"]["result"], "valid");
/// assert_eq!(b["headers"][0][1], "<secret-1>");
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn delivery_bundle<K: AsRef<str>, V: AsRef<str>>(
    body: &[u8],
    headers: &[(K, V)],
    log_records: &[Value],
    verifier: Option<&Verifier>,
    context: &EscalationContext,
) -> Value {
    let mut sanitizer = Sanitizer::new();
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let payload = parsed.as_ref().filter(|v| v.is_object());
    let field = |name: &str| payload.and_then(|p| p.get(name)).cloned();
    let external_id = payload
        .and_then(|p| p.pointer("/external_metadata/id"))
        .filter(|id| id.is_string() || id.is_number())
        .cloned();
    let timestamp = payload
        .and_then(|p| p.pointer("/activity_data/timestamp"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| context.occurred_at.clone());

    let mut bundle = Map::new();
    bundle.insert("format".into(), json!(BUNDLE_FORMAT));
    bundle.insert("kind".into(), json!("webhook_delivery"));
    bundle.insert(
        "webhook_event".into(),
        field("activity")
            .filter(Value::is_string)
            .unwrap_or(Value::Null),
    );
    insert_context(&mut bundle, context, "POST");
    bundle.insert("timestamp".into(), json!(timestamp));
    bundle.insert(
        "contract_id".into(),
        field("contract_id")
            .filter(Value::is_number)
            .unwrap_or(Value::Null),
    );
    bundle.insert(
        "external_metadata_id".into(),
        external_id.unwrap_or(Value::Null),
    );
    bundle.insert(
        "signature_check".into(),
        signature_check(body, headers, verifier),
    );
    bundle.insert("headers".into(), sanitize_headers(&mut sanitizer, headers));
    match parsed {
        Some(value) => {
            bundle.insert("payload".into(), sanitizer.sanitize("/payload", &value));
        }
        None => {
            bundle.insert("payload".into(), Value::Null);
            bundle.insert("payload_error".into(), json!("body is not JSON"));
        }
    }
    bundle.insert(
        "log_records".into(),
        sanitize_records(&mut sanitizer, log_records),
    );
    finish(bundle, sanitizer)
}

/// The bundle of an API call, from its log record (as
/// [`HttpRequest::response_log_record`] writes it, or the integration's own
/// with `method`, `host`, `path`, `status`, `request_id`, ...) and, if the
/// integration kept them, the request and response bodies. Query values in
/// `path` are replaced; the path itself is kept, so the endpoint is exact.
///
/// ```
/// use serde_json::json;
/// use spotdraft_kit::escalation::{api_bundle, EscalationContext};
/// let record = json!({"operation": "contracts_retrieve", "method": "GET", "host": "api.us.spotdraft.com",
///     "path": "/api/v2.1/public/contracts/?filter__client_email=kim@example.com", "status": 400,
///     "request_id": "r-1"});
/// let b = api_bundle(&record, None, Some(&json!({"detail": "bad filter"})), &EscalationContext::default());
/// assert_eq!(b["endpoint"]["path"], "/api/v2.1/public/contracts/?filter__client_email=<email-1>");
/// assert_eq!(b["status"], 400);
/// assert_eq!(b["response_body"]["detail"], "bad filter");
/// ```
pub fn api_bundle(
    record: &Value,
    request_body: Option<&Value>,
    response_body: Option<&Value>,
    context: &EscalationContext,
) -> Value {
    let mut sanitizer = Sanitizer::new();
    let text = |name: &str| record.get(name).and_then(Value::as_str).map(str::to_owned);
    let method = text("method").unwrap_or_default();
    let mut bundle = Map::new();
    bundle.insert("format".into(), json!(BUNDLE_FORMAT));
    bundle.insert("kind".into(), json!("api_request"));
    let path = text("path").map(|p| sanitize_query(&mut sanitizer, "/endpoint/path", &p));
    bundle.insert(
        "endpoint".into(),
        json!({"operation": text("operation"), "method": method, "host": text("host"), "path": &path}),
    );
    let mut context = context.clone();
    if context.environment.is_empty() {
        context.environment = text("environment").unwrap_or_default();
    }
    if context.status.is_none() {
        context.status = record
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok());
    }
    if context.integration_id.is_none() {
        context.integration_id = text("request_id");
    }
    insert_context(&mut bundle, &context, &method);
    bundle.insert("timestamp".into(), json!(context.occurred_at));
    bundle.insert(
        "retries".into(),
        record.get("retries").cloned().unwrap_or(Value::Null),
    );
    for (name, body) in [
        ("request_body", request_body),
        ("response_body", response_body),
    ] {
        let clean = body.map(|b| sanitizer.sanitize(&format!("/{name}"), b));
        bundle.insert(name.into(), clean.unwrap_or(Value::Null));
    }
    let mut records = sanitize_records(&mut sanitizer, std::slice::from_ref(record));
    if let (Some(path), Some(copy)) = (path, records.get_mut(0)) {
        // The record's own copy of the path gets the same sanitised query.
        copy["path"] = json!(path);
    }
    bundle.insert("log_records".into(), records);
    finish(bundle, sanitizer)
}

/// [`api_bundle`] straight from a built request, its status and response
/// body (the request's secret headers never enter the bundle).
///
/// ```
/// use spotdraft_kit::api::{Api, ApiConfig, Region};
/// use spotdraft_kit::escalation::{request_bundle, EscalationContext};
/// let api = Api::new(ApiConfig::new(Region::Eu, "client-id", "client-secret")?.with_environment("uat"));
/// let b = request_bundle(&api.webhooks_hmac_key()?, 403, None, &EscalationContext::default());
/// assert_eq!(b["environment"], "uat");
/// assert!(!b.to_string().contains("client-secret"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn request_bundle(
    request: &HttpRequest,
    status: u16,
    response_body: Option<&Value>,
    context: &EscalationContext,
) -> Value {
    let record = request.response_log_record(status, 0, &[] as &[(&str, &str)]);
    let mut fields = Map::new();
    for (name, value) in record.fields() {
        let value = match value {
            crate::LogValue::Str(s) => json!(s),
            crate::LogValue::Int(n) => json!(n),
            crate::LogValue::Bool(b) => json!(b),
        };
        fields.insert((*name).to_owned(), value);
    }
    let request_body = request
        .body
        .as_deref()
        .and_then(|b| serde_json::from_slice::<Value>(b).ok());
    api_bundle(
        &Value::Object(fields),
        request_body.as_ref(),
        response_body,
        context,
    )
}

fn insert_context(bundle: &mut Map<String, Value>, context: &EscalationContext, method: &str) {
    bundle.insert("environment".into(), json!(context.environment));
    bundle.insert("region".into(), json!(context.region));
    bundle.insert("method".into(), json!(method));
    bundle.insert("status".into(), json!(context.status));
    bundle.insert("integration_id".into(), json!(context.integration_id));
    bundle.insert("occurred_at".into(), json!(context.occurred_at));
}

fn signature_check<K: AsRef<str>, V: AsRef<str>>(
    body: &[u8],
    headers: &[(K, V)],
    verifier: Option<&Verifier>,
) -> Value {
    let headers: Vec<(&str, &[u8])> = headers
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref().as_bytes()))
        .collect();
    let headers = headers.as_slice();
    let found = find_signature(headers);
    let (header, value_sha256) = match &found {
        Ok((which, value)) => (json!(which.name()), json!(body_sha256(value))),
        Err(_) => (Value::Null, Value::Null),
    };
    let (result, key_index, key_id) = match verifier {
        None => (json!("not_checked"), Value::Null, Value::Null),
        Some(v) => match v.open(headers, body) {
            Ok(d) => (json!("valid"), json!(d.key_index()), json!(d.key_id())),
            Err(e) => (json!(e.code().as_str()), Value::Null, Value::Null),
        },
    };
    json!({
        "result": result,
        "key_index": key_index,
        "key_id": key_id,
        "header": header,
        "signature_sha256": value_sha256,
        "body_sha256": body_sha256(body),
        "body_len": body.len(),
        "how_to_verify": "Take the exact raw body bytes whose SHA-256 is body_sha256; compute \
            hex(HMAC-SHA512(base64decode(hmac_key), body)) with the workspace's hmac_key \
            (GET webhooks/hmac_key/); its SHA-256 must equal signature_sha256, the \
            SHA-256 of the signature header's value as received.",
    })
}

fn sanitize_headers<K: AsRef<str>, V: AsRef<str>>(
    sanitizer: &mut Sanitizer,
    headers: &[(K, V)],
) -> Value {
    let pairs = headers.iter().enumerate().map(|(i, (name, value))| {
        let name = name.as_ref();
        let lower = name.to_ascii_lowercase();
        let value = value.as_ref();
        let shown = if KEPT_HEADERS.contains(&lower.as_str()) {
            value.to_owned()
        } else {
            let kind = if lower.starts_with("x-forwarded") || lower == "x-real-ip" {
                RedactionKind::Text
            } else {
                RedactionKind::Secret
            };
            sanitizer.redact(&format!("/headers/{i}/1"), kind, value)
        };
        json!([name, shown])
    });
    Value::Array(pairs.collect())
}

fn sanitize_records(sanitizer: &mut Sanitizer, records: &[Value]) -> Value {
    let clean = records
        .iter()
        .enumerate()
        .map(|(i, r)| sanitizer.sanitize(&format!("/log_records/{i}"), r));
    Value::Array(clean.collect())
}

/// A path with every query value replaced (names kept).
fn sanitize_query(sanitizer: &mut Sanitizer, pointer: &str, path: &str) -> String {
    let Some((base, query)) = path.split_once('?') else {
        return path.to_owned();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) if name == "page" || name == "limit" => format!("{name}={value}"),
            Some((name, value)) => {
                let decoded = percent_decode(value);
                let kind = if decoded.contains('@') {
                    RedactionKind::Email
                } else {
                    RedactionKind::Text
                };
                format!("{name}={}", sanitizer.redact(pointer, kind, &decoded))
            }
            None => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}

/// `%XX` escapes and `+` decoded (invalid escapes kept as written).
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.extend(u8::try_from(h * 16 + l).ok());
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn finish(mut bundle: Map<String, Value>, sanitizer: Sanitizer) -> Value {
    let redacted: Vec<Value> = sanitizer
        .into_redactions()
        .into_iter()
        .map(
            |Redaction {
                 path,
                 kind,
                 placeholder,
             }| {
                json!({"path": path, "kind": kind.as_str(), "placeholder": placeholder})
            },
        )
        .collect();
    bundle.insert("redacted".into(), Value::Array(redacted));
    Value::Object(bundle)
}
