//! Runs the API golden tables in `tests/vectors/api/` against the core:
//! request builders, config validation, response parsing, retry delays and
//! the rate limiter. The same tables run in every binding.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use serde_json::Value;
use spotdraft_kit::api::{
    parse_response, Api, ApiConfig, HttpRequest, Method, RateLimiter, Region, RetryAfter,
    RetryPolicy,
};
use spotdraft_kit::{ApiErrorDetails, Error};

fn cases(file: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/api")
        .join(file);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(doc["format"], "spotdraft-kit-vectors/1");
    doc["cases"].as_array().unwrap().clone()
}

fn config(c: &Value) -> Result<ApiConfig, Error> {
    let cfg = &c["config"];
    let region = cfg["region"].as_str().map(Region::parse).transpose()?;
    if let Some(token) = cfg["oauth_token"].as_str() {
        let config = ApiConfig::oauth(region, cfg["base_url"].as_str(), token)?;
        return Ok(config.with_environment(cfg["environment"].as_str().unwrap_or("production")));
    }
    let id = cfg["client_id"].as_str().unwrap();
    let secret = cfg["client_secret"].as_str().unwrap();
    let mut config = match (region, cfg["base_url"].as_str()) {
        (Some(region), None) => ApiConfig::new(region, id, secret)?,
        (None, Some(url)) => ApiConfig::with_base_url(url, id, secret)?,
        _ => panic!("{}: region or base_url", c["name"]),
    };
    if let Some(env) = cfg["environment"].as_str() {
        config = config.with_environment(env);
    }
    if let Some(email) = cfg["user_email"].as_str() {
        config = config.with_user_email(email)?;
    }
    Ok(config)
}

fn s(v: &Value) -> &str {
    v.as_str().expect("string argument")
}

fn u(v: &Value) -> u32 {
    u32::try_from(v.as_u64().expect("integer argument")).unwrap()
}

fn call(api: &Api, name: &str, a: &[Value]) -> Result<HttpRequest, Error> {
    match name {
        "webhooks_hmac_key" => api.webhooks_hmac_key(),
        "webhooks_create" => {
            let acts: Vec<&str> = a[2].as_array().unwrap().iter().map(s).collect();
            api.webhooks_create(s(&a[0]), s(&a[1]), &acts)
        }
        "webhooks_delete" => api.webhooks_delete(s(&a[0])),
        "webhooks_re_trigger_latest" => {
            let ids: Vec<u64> = a[0]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect();
            api.webhooks_re_trigger_latest(&ids)
        }
        "contracts_list" => {
            let filters: Vec<(&str, &str, &str)> = a[2]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| (s(&f[0]), s(&f[1]), s(&f[2])))
                .collect();
            api.contracts_list(u(&a[0]), u(&a[1]), &filters)
        }
        "contracts_create" => api.contracts_create(a[0].clone()),
        "contracts_status" => api.contracts_status(s(&a[0])),
        "contracts_key_pointers" => api.contracts_key_pointers(s(&a[0])),
        "contracts_download_link" => api.contracts_download_link(s(&a[0]), a[1].as_str()),
        "contracts_send_to_counterparties" => {
            api.contracts_send_to_counterparties(s(&a[0]), a[1].clone())
        }
        "contracts_mark_for_execution" => api.contracts_mark_for_execution(s(&a[0])),
        "contracts_unmark_for_execution" => api.contracts_unmark_for_execution(s(&a[0])),
        "contracts_void" => api.contracts_void(s(&a[0]), s(&a[1])),
        "contracts_by_external_metadata" => api.contracts_by_external_metadata(s(&a[0])),
        "contracts_external_metadata" => api.contracts_external_metadata(s(&a[0])),
        "contracts_update_external_metadata" => {
            api.contracts_update_external_metadata(s(&a[0]), a[1].clone())
        }
        "templates_list" => api.templates_list(),
        "templates_get" => api.templates_get(s(&a[0])),
        "templates_metadata" => api.templates_metadata(s(&a[0])),
        "contract_types_list" => api.contract_types_list(),
        "contract_types_intake_form" => api.contract_types_intake_form(s(&a[0])),
        "counterparties_list" => api.counterparties_list(u(&a[0]), u(&a[1])),
        "counterparties_get" => api.counterparties_get(s(&a[0])),
        "counterparties_create" => api.counterparties_create(a[0].clone()),
        "users_list" => api.users_list(u(&a[0]), u(&a[1])),
        "roles_list" => api.roles_list(),
        "request" => {
            let query: Vec<(&str, &str)> = a[2]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (s(&p[0]), s(&p[1])))
                .collect();
            let body = (!a[3].is_null()).then(|| a[3].clone());
            api.request(Method::parse(s(&a[0]))?, s(&a[1]), &query, body)
        }
        other => panic!("unknown call {other}"),
    }
}

#[test]
fn request_golden_table() {
    for c in cases("requests.json") {
        let name = c["name"].as_str().unwrap();
        let api = Api::new(config(&c).unwrap());
        let result = call(
            &api,
            c["call"].as_str().unwrap(),
            c["args"].as_array().unwrap(),
        );
        let expect = &c["expect"];
        match result {
            Err(e) => assert_eq!(e.code().as_str(), expect["error"], "{name}: {e}"),
            Ok(req) => assert_request(name, &req, expect),
        }
    }
}

/// Checks a built request against a vector's `expect`: method, URL,
/// headers (a subset), body, and no secret in `Debug` or the log record.
fn assert_request(name: &str, req: &HttpRequest, expect: &Value) {
    assert!(expect.get("error").is_none(), "{name}: expected an error");
    assert_eq!(req.method.as_str(), expect["method"], "{name}");
    assert_eq!(req.url, expect["url"], "{name}");
    for (k, v) in expect["headers"].as_object().unwrap() {
        assert_eq!(req.header(k), v.as_str(), "{name}: header {k}");
    }
    let body: Value = req
        .body
        .as_deref()
        .map_or(Value::Null, |b| serde_json::from_slice(b).unwrap());
    assert_eq!(body, expect["body"], "{name}: body");
    let redacted = format!("{req:?} {}", req.log_record().to_json());
    for secret in ["s3cret-value", "eyJhbGciOi"] {
        assert!(!redacted.contains(secret), "{name}: secret in Debug/log");
    }
}

#[test]
fn call_table() {
    let mut operations = std::collections::BTreeSet::new();
    for c in cases("calls.json") {
        let name = c["name"].as_str().unwrap();
        let api = Api::new(config(&c).unwrap());
        let operation = c["operation"].as_str().unwrap();
        let expect = &c["expect"];
        match api.call(operation, &c["params"]) {
            Err(e) => {
                assert_eq!(e.code().as_str(), expect["error"], "{name}: {e}");
                let wanted = expect["message_contains"].as_str().unwrap();
                assert!(
                    e.to_string().contains(wanted),
                    "{name}: {e:?} lacks {wanted:?}"
                );
            }
            Ok(req) => {
                assert_request(name, &req, expect);
                assert_eq!(req.operation, operation, "{name}");
                operations.insert(operation.to_owned());
            }
        }
    }
    for op in spotdraft_kit::api::Operation::all() {
        assert!(
            operations.contains(op.name),
            "{}: no success vector",
            op.name
        );
    }
}

#[test]
fn config_table() {
    for c in cases("config.json") {
        let name = c["name"].as_str().unwrap();
        match config(&c) {
            Ok(_) => assert_eq!(c["expect"]["ok"], true, "{name}"),
            Err(e) => {
                assert_eq!(e.code().as_str(), c["expect"]["error"], "{name}: {e}");
                let secret = c["config"]["client_secret"].as_str().unwrap();
                assert!(
                    secret.trim().len() < 6 || !e.to_string().contains(secret),
                    "{name}: leaks"
                );
            }
        }
    }
}

fn retry_after_json(r: Option<RetryAfter>) -> Value {
    match r {
        None => Value::Null,
        Some(RetryAfter::DelayMs(ms)) => serde_json::json!({ "delay_ms": ms }),
        Some(RetryAfter::AtUnixMs(ms)) => serde_json::json!({ "at_unix_ms": ms }),
    }
}

#[test]
fn response_table() {
    for c in cases("responses.json") {
        let name = c["name"].as_str().unwrap();
        let headers: Vec<(String, String)> = c["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (s(&p[0]).to_owned(), s(&p[1]).to_owned()))
            .collect();
        let status = u16::try_from(c["status"].as_u64().unwrap()).unwrap();
        let expect = &c["expect"];
        match parse_response(status, &headers, s(&c["body"]).as_bytes()) {
            Ok(json) => assert_eq!(&json, &expect["json"], "{name}"),
            Err(e) => {
                assert_eq!(e.code().as_str(), expect["error"], "{name}: {e}");
                let Some(d) = e.api_details() else { continue };
                assert_eq!(
                    u64::from(d.status),
                    expect["status"].as_u64().unwrap(),
                    "{name}"
                );
                assert_eq!(
                    d.retryable,
                    expect["retryable"].as_bool().unwrap(),
                    "{name}"
                );
                for field in ["detail", "code", "message"] {
                    if let Some(want) = expect.get(field) {
                        let got = match field {
                            "detail" => &d.detail,
                            "code" => &d.code,
                            _ => &d.message,
                        };
                        assert_eq!(got.as_deref(), want.as_str(), "{name}: {field}");
                    }
                }
                if let Some(want) = expect.get("field_errors") {
                    let got: Vec<Value> = d
                        .field_errors
                        .iter()
                        .map(|(f, m)| serde_json::json!([f, m]))
                        .collect();
                    assert_eq!(&Value::Array(got), want, "{name}: field_errors");
                }
                if let Some(want) = expect.get("retry_after") {
                    assert_eq!(
                        &retry_after_json(d.retry_after),
                        want,
                        "{name}: retry_after"
                    );
                }
            }
        }
    }
}

#[test]
fn retry_and_limiter_table() {
    for c in cases("retry.json") {
        let name = c["name"].as_str().unwrap();
        match c["op"].as_str().unwrap() {
            "retry_delay" => {
                let p = &c["policy"];
                let policy = RetryPolicy {
                    max_attempts: u(&p["max_attempts"]),
                    base_ms: p["base_ms"].as_u64().unwrap(),
                    cap_ms: p["cap_ms"].as_u64().unwrap(),
                };
                let retry_after = match &c["retry_after"] {
                    Value::Null => None,
                    r if r.get("delay_ms").is_some() => {
                        Some(RetryAfter::DelayMs(r["delay_ms"].as_u64().unwrap()))
                    }
                    r => Some(RetryAfter::AtUnixMs(r["at_unix_ms"].as_u64().unwrap())),
                };
                let details = ApiErrorDetails {
                    status: 503,
                    retryable: c["retryable"].as_bool().unwrap(),
                    retry_after,
                    ..Default::default()
                };
                let got = policy.next_delay_ms(
                    u(&c["attempt"]),
                    &details,
                    c["random"].as_f64().unwrap(),
                    c["now_ms"].as_u64().unwrap(),
                );
                assert_eq!(got, c["expect"]["delay_ms"].as_u64(), "{name}");
            }
            "rate_limiter" => {
                // Null settings: the default constructor.
                let mut limiter = if c["max_requests"].is_null() {
                    RateLimiter::default()
                } else {
                    RateLimiter::new(u(&c["max_requests"]), c["window_ms"].as_u64().unwrap())
                };
                let waits: Vec<u64> = c["calls"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|now| limiter.acquire(now.as_u64().unwrap()))
                    .collect();
                let want: Vec<u64> = c["expect"]["waits"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w.as_u64().unwrap())
                    .collect();
                assert_eq!(waits, want, "{name}");
            }
            other => panic!("{name}: unknown op {other}"),
        }
    }
}
