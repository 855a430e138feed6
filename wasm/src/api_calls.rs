//! The SpotDraft API layer for the JavaScript bindings, as JSON text in and
//! out: configs, `call` over core's operation table, requests, response parsing,
//! retry and rate-limit planning, log records.
//!
//! Both JS packages use this one file (the Node addon includes it by path),
//! so their conversions cannot drift. Every decision (validation, URLs,
//! retryability, delays, waits, redaction) is core's; this only moves
//! values between JSON and core types. Argument type errors are
//! `invalid_argument` and name the parameter, never its value.

use spotdraft_kit::api::{
    parse_response, Action, Api, ApiConfig, Execution, HttpRequest, Method, Operation, RateLimiter,
    Region, RetryAfter, RetryPolicy,
};
use spotdraft_kit::serde_json::{self, Map, Value};
use spotdraft_kit::{ApiErrorDetails, Error, ErrorCode};

fn bad(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidArgument, message)
}

fn parse_json(text: &str, what: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|_| bad(format!("{what} must be JSON data")))
}

/// Every operation name of core's table, snake_case (the JS method is the
/// camelCase form, one line over `call`).
pub fn operation_names() -> Vec<&'static str> {
    Operation::all().iter().map(|op| op.name).collect()
}

// --- configs ------------------------------------------------------------------

fn opt_field<'a>(obj: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, Error> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(bad(format!("config.{name} must be a string"))),
    }
}

/// `{region?, baseUrl?, environment?, clientId, clientSecret, userEmail?}`
/// or `{region?, baseUrl?, environment?, oauthToken}` as core's
/// [`ApiConfig`].
pub fn config_from_json(text: &str) -> Result<ApiConfig, Error> {
    let value = parse_json(text, "config")?;
    let Some(obj) = value.as_object() else {
        return Err(bad("config must be an object"));
    };
    if let Some(token) = opt_field(obj, "oauthToken")? {
        let region = opt_field(obj, "region")?.map(Region::parse).transpose()?;
        let config = ApiConfig::oauth(region, opt_field(obj, "baseUrl")?, token)?;
        return Ok(match opt_field(obj, "environment")? {
            Some(environment) => config.with_environment(environment),
            None => config,
        });
    }
    let id = opt_field(obj, "clientId")?.unwrap_or("");
    let secret = opt_field(obj, "clientSecret")?.unwrap_or("");
    let mut config = match (opt_field(obj, "region")?, opt_field(obj, "baseUrl")?) {
        (Some(_), Some(_)) => {
            return Err(Error::new(
                ErrorCode::InvalidConfig,
                "give region or baseUrl, not both",
            ))
        }
        (Some(region), None) => ApiConfig::new(Region::parse(region)?, id, secret)?,
        (None, Some(url)) => ApiConfig::with_base_url(url, id, secret)?,
        (None, None) => {
            return Err(Error::new(
                ErrorCode::InvalidConfig,
                "give region (in, us, me, eu) or baseUrl",
            ))
        }
    };
    if let Some(environment) = opt_field(obj, "environment")? {
        config = config.with_environment(environment);
    }
    if let Some(email) = opt_field(obj, "userEmail")? {
        config = config.with_user_email(email)?;
    }
    Ok(config)
}

/// A map of environment variables (JSON object of strings; other values
/// are ignored) read by core's [`ApiConfig::from_env_map`].
pub fn config_from_env_json(text: &str) -> Result<ApiConfig, Error> {
    let value = parse_json(text, "env")?;
    let Some(obj) = value.as_object() else {
        return Err(bad("env must be an object of strings"));
    };
    let env: std::collections::HashMap<String, String> = obj
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
        .collect();
    ApiConfig::from_env_map(&env)
}

/// What the JS `Api` shows about its config: never the secret.
pub fn config_info(config: &ApiConfig) -> String {
    let mut m = Map::new();
    m.insert(
        "region".into(),
        config.region().map_or(Value::Null, |r| r.as_str().into()),
    );
    m.insert("baseUrl".into(), config.base_url().into());
    m.insert("environment".into(), config.environment().into());
    m.insert("clientId".into(), config.client_id().into());
    m.insert(
        "userEmail".into(),
        config.user_email().map_or(Value::Null, Value::from),
    );
    m.insert(
        "secretFingerprint".into(),
        config.secret_fingerprint().into(),
    );
    Value::Object(m).to_string()
}

// --- builders -----------------------------------------------------------------

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Query pairs: `[[name, value], ...]` or `{name: value}`; values may be
/// numbers or booleans.
fn query(value: &Value) -> Result<Vec<(String, String)>, Error> {
    let pair = |k: &str, v: &Value| {
        scalar_text(v)
            .map(|v| (k.to_owned(), v))
            .ok_or_else(|| bad("query values must be strings or numbers"))
    };
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Object(map) => map.iter().map(|(k, v)| pair(k, v)).collect(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item.as_array().map(Vec::as_slice) {
                Some([Value::String(k), v]) => pair(k, v),
                _ => Err(bad("query must be [name, value] pairs or an object")),
            })
            .collect(),
        _ => Err(bad("query must be [name, value] pairs or an object")),
    }
}

/// Core's `call(operation, params)`; the request as JSON text.
pub fn call_json(api: &Api, operation: &str, params_json: &str) -> Result<String, Error> {
    let params = parse_json(params_json, "params")?;
    Ok(request_json(&api.call(operation, &params)?))
}

/// Core's generic `request`: `[method, path, query?, body?]` as a JSON
/// array; the request as JSON text.
pub fn request_call_json(api: &Api, args_json: &str) -> Result<String, Error> {
    let args = parse_json(args_json, "arguments")?;
    let args = args.as_array().map(Vec::as_slice).unwrap_or(&[]);
    let arg = |i: usize| args.get(i).unwrap_or(&Value::Null);
    let text = |i: usize, what: &str| {
        arg(i)
            .as_str()
            .ok_or_else(|| bad(format!("{what} must be a string")))
    };
    let method = Method::parse(text(0, "method")?)?;
    let pairs = query(arg(2))?;
    let borrowed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let body = match arg(3) {
        Value::Null => None,
        body => Some(body.clone()),
    };
    Ok(request_json(&api.request(
        method,
        text(1, "path")?,
        &borrowed,
        body,
    )?))
}

// --- requests -----------------------------------------------------------------

/// `{method, url, headers: {name: value}, body: string | null, operation,
/// environment}`.
pub fn request_json(req: &HttpRequest) -> String {
    let mut headers = Map::new();
    for (k, v) in &req.headers {
        headers.insert(k.clone(), Value::from(v.as_str()));
    }
    let mut m = Map::new();
    m.insert("method".into(), req.method.as_str().into());
    m.insert("url".into(), req.url.as_str().into());
    m.insert("headers".into(), Value::Object(headers));
    m.insert(
        "body".into(),
        req.body.as_deref().map_or(Value::Null, |b| {
            Value::from(String::from_utf8_lossy(b).into_owned())
        }),
    );
    m.insert("operation".into(), req.operation.into());
    m.insert("environment".into(), req.environment.as_str().into());
    Value::Object(m).to_string()
}

/// A request object from JavaScript (as built by [`request_json`]).
pub fn request_from_json(text: &str) -> Result<HttpRequest, Error> {
    const WHAT: &str = "request must be an HttpRequest built by Api";
    let value = parse_json(text, "request")?;
    let obj = value.as_object().ok_or_else(|| bad(WHAT))?;
    let field = |name: &str| {
        obj.get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| bad(WHAT))
    };
    let headers = obj
        .get("headers")
        .and_then(Value::as_object)
        .ok_or_else(|| bad(WHAT))?
        .iter()
        .map(|(k, v)| {
            Ok((
                k.to_ascii_lowercase(),
                v.as_str().ok_or_else(|| bad(WHAT))?.to_owned(),
            ))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let body = match obj.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone().into_bytes()),
        Some(_) => return Err(bad(WHAT)),
    };
    let operation = obj.get("operation").and_then(Value::as_str).unwrap_or("");
    Ok(HttpRequest {
        method: Method::parse(field("method")?)?,
        url: field("url")?.to_owned(),
        headers,
        body,
        // `HttpRequest::operation` is a `&'static str`: a request coming
        // back from JavaScript gets the table's name, or `request`.
        operation: Operation::find(operation).map_or("request", |op| op.name),
        environment: obj
            .get("environment")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned(),
    })
}

/// A status code from JavaScript.
pub fn status(value: f64) -> Result<u16, Error> {
    if value.is_finite() && value.fract() == 0.0 && (0.0..=999.0).contains(&value) {
        Ok(value as u16)
    } else {
        Err(bad("status must be an integer HTTP status"))
    }
}

/// A non-negative integer (milliseconds, counts) from JavaScript.
pub fn whole(value: f64, what: &str) -> Result<u64, Error> {
    if value.is_finite() && value >= 0.0 {
        // Fractions (performance.now()) are cut; saturates above 2^64.
        Ok(value as u64)
    } else {
        Err(bad(format!("{what} must be a non-negative number")))
    }
}

/// Core's response parsing, for a request (redirect causes named) or
/// without one; the JSON value as text.
pub fn parse_json_response(
    request_json: Option<&str>,
    status_code: f64,
    headers: &[String],
    body: &[u8],
) -> Result<String, Error> {
    let status_code = status(status_code)?;
    let pairs = crate::packed::header_pairs(headers);
    let value = match request_json {
        Some(text) => request_from_json(text)?.parse_response(status_code, &pairs, body)?,
        None => parse_response(status_code, &pairs, body)?,
    };
    Ok(value.to_string())
}

/// The error for a request that got no response.
pub fn transport_error(request_json: &str, what: &str, maybe_sent: bool) -> Error {
    match request_from_json(request_json) {
        Ok(req) => req.transport_error(what, maybe_sent),
        Err(e) => e,
    }
}

/// The redacted copy of a request, as JSON text.
pub fn redacted_json(request: &str) -> Result<String, Error> {
    Ok(request_json(&request_from_json(request)?.redacted()))
}

/// The request's log record, as JSON text.
pub fn log_record_json(request_json: &str) -> Result<String, Error> {
    Ok(request_from_json(request_json)?.log_record().to_json())
}

/// A completed call's log record, as JSON text.
pub fn response_log_record_json(
    request_json: &str,
    status_code: f64,
    retries: f64,
    headers: &[String],
) -> Result<String, Error> {
    let req = request_from_json(request_json)?;
    let retries = u32::try_from(whole(retries, "retries")?).unwrap_or(u32::MAX);
    Ok(req
        .response_log_record(
            status(status_code)?,
            retries,
            &crate::packed::header_pairs(headers),
        )
        .to_json())
}

// --- errors, retries, limits -------------------------------------------------

fn retry_after_value(r: Option<RetryAfter>) -> Value {
    let mut m = Map::new();
    match r {
        None => return Value::Null,
        Some(RetryAfter::DelayMs(ms)) => m.insert("delayMs".into(), ms.into()),
        Some(RetryAfter::AtUnixMs(ms)) => m.insert("atUnixMs".into(), ms.into()),
    };
    Value::Object(m)
}

fn opt_text_value(v: Option<&str>) -> Value {
    v.map_or(Value::Null, Value::from)
}

/// The `api_error` fields of a `SpotDraftKitError`: `status`, `retryable`,
/// `detail`, `apiCode`, `apiMessage`, `fieldErrors`, `retryAfter` and
/// `retryAfterMs` (the wait measured from `now_ms`, when given).
pub fn api_fields(d: &ApiErrorDetails, now_ms: Option<u64>) -> Value {
    let mut m = Map::new();
    m.insert("status".into(), d.status.into());
    m.insert("retryable".into(), d.retryable.into());
    m.insert("detail".into(), opt_text_value(d.detail.as_deref()));
    m.insert("apiCode".into(), opt_text_value(d.code.as_deref()));
    m.insert("apiMessage".into(), opt_text_value(d.message.as_deref()));
    m.insert(
        "fieldErrors".into(),
        Value::Array(
            d.field_errors
                .iter()
                .map(|(f, e)| Value::Array(vec![f.as_str().into(), e.as_str().into()]))
                .collect(),
        ),
    );
    m.insert("retryAfter".into(), retry_after_value(d.retry_after));
    m.insert(
        "retryAfterMs".into(),
        match (d.retry_after, now_ms) {
            (Some(RetryAfter::DelayMs(ms)), _) => ms.into(),
            (Some(r), Some(now)) => r.wait_ms(now).into(),
            _ => Value::Null,
        },
    );
    Value::Object(m)
}

fn opt_number(obj: Option<&Map<String, Value>>, name: &str) -> Result<Option<u64>, Error> {
    match obj.and_then(|o| o.get(name)) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| bad(format!("{name} must be a non-negative integer"))),
    }
}

fn options(text: &str, what: &str) -> Result<Option<Map<String, Value>>, Error> {
    match parse_json(text, what)? {
        Value::Null => Ok(None),
        Value::Object(m) => Ok(Some(m)),
        _ => Err(bad(format!("{what} must be an object"))),
    }
}

/// `{maxAttempts?, baseMs?, capMs?}` over core's defaults.
pub fn retry_policy_from_json(text: &str) -> Result<RetryPolicy, Error> {
    let obj = options(text, "retry options")?;
    let d = RetryPolicy::default();
    let max_attempts = match opt_number(obj.as_ref(), "maxAttempts")? {
        Some(n) => u32::try_from(n).map_err(|_| bad("maxAttempts is too large"))?,
        None => d.max_attempts,
    };
    Ok(RetryPolicy {
        max_attempts,
        base_ms: opt_number(obj.as_ref(), "baseMs")?.unwrap_or(d.base_ms),
        cap_ms: opt_number(obj.as_ref(), "capMs")?.unwrap_or(d.cap_ms),
    })
}

/// `{maxRequests, windowMs}` (both or neither; core's default otherwise).
pub fn rate_limiter_from_json(text: &str) -> Result<RateLimiter, Error> {
    let obj = options(text, "rate limit options")?;
    match (
        opt_number(obj.as_ref(), "maxRequests")?,
        opt_number(obj.as_ref(), "windowMs")?,
    ) {
        (None, None) => Ok(RateLimiter::default()),
        (Some(max), Some(window)) => Ok(RateLimiter::new(
            u32::try_from(max).map_err(|_| bad("maxRequests is too large"))?,
            window,
        )),
        _ => Err(bad("give both maxRequests and windowMs, or neither")),
    }
}

/// The policy's settings, for the JS getters.
pub fn retry_policy_info(p: &RetryPolicy) -> String {
    let mut m = Map::new();
    m.insert("maxAttempts".into(), p.max_attempts.into());
    m.insert("baseMs".into(), p.base_ms.into());
    m.insert("capMs".into(), p.cap_ms.into());
    Value::Object(m).to_string()
}

/// Core's retry decision for an error given as `{retryable, retryAfter}`
/// (a `SpotDraftKitError` or plain data).
pub fn next_delay_ms(
    policy: &RetryPolicy,
    attempt: f64,
    error_json: &str,
    random: f64,
    now_ms: f64,
) -> Result<Option<u64>, Error> {
    let details = error_details_json(error_json)?;
    let attempt = u32::try_from(whole(attempt, "attempt")?).unwrap_or(u32::MAX);
    let random = if random.is_finite() { random } else { 0.0 };
    Ok(policy.next_delay_ms(attempt, &details, random, whole(now_ms, "nowMs")?))
}

/// `{retryable, status?, retryAfter?}` (a JS error's retry facts) as
/// core's [`ApiErrorDetails`].
fn error_details_json(error_json: &str) -> Result<ApiErrorDetails, Error> {
    let value = parse_json(error_json, "error")?;
    let retryable = value
        .get("retryable")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let status = value
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(0);
    let retry_after = match value.get("retryAfter") {
        None | Some(Value::Null) => None,
        Some(r) => match (
            r.get("delayMs").and_then(Value::as_u64),
            r.get("atUnixMs").and_then(Value::as_u64),
        ) {
            (Some(ms), _) => Some(RetryAfter::DelayMs(ms)),
            (None, Some(at)) => Some(RetryAfter::AtUnixMs(at)),
            _ => return Err(bad("retryAfter must be {delayMs} or {atUnixMs}")),
        },
    };
    Ok(ApiErrorDetails {
        status,
        retryable,
        retry_after,
        ..Default::default()
    })
}

// --- the executor state machine and pagination ------------------------------

/// Core's [`Execution`] for one call, with the timeout in ms (`null`:
/// core's default).
pub fn execution_new(policy: &RetryPolicy, timeout_ms: Option<f64>) -> Result<Execution, Error> {
    let run = Execution::new(*policy);
    Ok(match timeout_ms {
        Some(ms) => run.with_timeout_ms(whole(ms, "timeoutMs")?),
        None => run,
    })
}

/// The next step as JSON: `{"wait": ms}` or `{"send": attempt, "timeoutMs": ms}`.
pub fn execution_next(
    run: &mut Execution,
    limiter: &mut RateLimiter,
    now_ms: f64,
) -> Result<String, Error> {
    match run.next(limiter, whole(now_ms, "nowMs")?) {
        Action::Wait(ms) => Ok(serde_json::json!({ "wait": ms }).to_string()),
        Action::Send {
            attempt,
            timeout_ms,
        } => Ok(serde_json::json!({ "send": attempt, "timeoutMs": timeout_ms }).to_string()),
        Action::GiveUp(err) => Err(err),
        Action::Done(_) => Err(bad("executor misuse: the call is over")),
    }
}

/// The attempt failed (`{retryable, status?, retryAfter?}`): the wait
/// before the next attempt, or `None` to give up.
pub fn execution_failed(
    run: &mut Execution,
    error_json: &str,
    random: f64,
    unix_ms: f64,
) -> Result<Option<u64>, Error> {
    let details = error_details_json(error_json)?;
    let random = if random.is_finite() { random } else { 0.0 };
    let err = Error::api(details, "attempt failed");
    Ok(
        match run.on_outcome(Err(err), random, whole(unix_ms, "nowMs")?) {
            Action::Wait(ms) => Some(ms),
            _ => None,
        },
    )
}

/// The attempt succeeded.
pub fn execution_succeeded(run: &mut Execution) {
    let _ = run.on_outcome(Ok(Value::Null), 0.0, 0);
}

fn paginated(name: &str) -> Result<&'static Operation, Error> {
    let op = Operation::find(name).ok_or_else(|| bad("not a SpotDraft operation"))?;
    if op.is_paginated() {
        Ok(op)
    } else {
        Err(bad(format!("{} is not paginated", op.name)))
    }
}

/// The first page's parameters of a paginated operation, as JSON.
pub fn first_page_json(name: &str, params_json: &str) -> Result<String, Error> {
    let op = paginated(name)?;
    let params = parse_json(params_json, "params")?;
    op.first_page(&params)
        .map(|p| p.to_string())
        .ok_or_else(|| bad("params must be an object"))
}

/// The next page's parameters, as JSON, or `None` after the last page.
pub fn next_page_json(
    name: &str,
    params_json: &str,
    response_json: &str,
) -> Result<Option<String>, Error> {
    let op = paginated(name)?;
    let params = parse_json(params_json, "params")?;
    let response = parse_json(response_json, "response")?;
    Ok(op.next_page(&params, &response).map(|p| p.to_string()))
}
