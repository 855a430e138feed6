//! The sans-I/O SpotDraft API layer for Python: `Api` (one method per core
//! endpoint builder), `HttpRequest`, `RetryPolicy` and `RateLimiter`.
//!
//! Conversion only: the core validates configs and arguments, builds URLs,
//! headers and bodies, interprets responses and plans retries and waits.
//! The executors that actually send (`urllib` and `httpx`) are pure Python,
//! in `spotdraft_kit/_executor.py`; `Api.send` and `Api.send_async` only
//! hand over to them.

use std::collections::HashMap;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use serde_json::Value;
use spotdraft_kit::api::{self as core, ApiConfig, Method, Region, RetryAfter};
use spotdraft_kit::{ApiErrorDetails, Error, ErrorCode};

use crate::errors::{invalid_argument, log_record_dict, to_py, type_name, IntoPyResult};
use crate::repr::{optional, quoted};

/// The Python `json` module's `dumps` and `loads`, looked up once.
static JSON: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();

fn json_functions(py: Python<'_>) -> PyResult<&(Py<PyAny>, Py<PyAny>)> {
    JSON.get_or_try_init(py, || {
        let json = py.import("json")?;
        Ok((
            json.getattr("dumps")?.unbind(),
            json.getattr("loads")?.unbind(),
        ))
    })
}

/// A Python object (dict, list, str, int, float, bool, None) as JSON.
pub(crate) fn to_json(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    let py = value.py();
    let kwargs = PyDict::new(py);
    kwargs.set_item("allow_nan", false)?;
    let text = json_functions(py)?
        .0
        .bind(py)
        .call((value,), Some(&kwargs))
        .map_err(|_| {
            invalid_argument(
                py,
                format!("{what} must be JSON-serializable (dict, list, str, int, float, bool, None), not {}", type_name(value)),
            )
        })?;
    let text: String = text.extract()?;
    serde_json::from_str(&text)
        .map_err(|_| invalid_argument(py, format!("{what} is not representable as JSON")))
}

/// JSON as Python objects (what `json.loads` returns).
pub(crate) fn from_json<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|_| invalid_argument(py, "the response is not representable as JSON"))?;
    json_functions(py)?.1.bind(py).call1((text,))
}

/// The items of an iterable (a bare `str` is refused: iterating it would
/// yield characters).
fn items<'py>(value: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>() {
        return Err(invalid_argument(
            value.py(),
            format!(
                "{what} must be a list or tuple, not a single {}",
                type_name(value)
            ),
        ));
    }
    let iter = value.try_iter().map_err(|_| {
        invalid_argument(
            value.py(),
            format!("{what} must be a list or tuple, not {}", type_name(value)),
        )
    })?;
    iter.collect()
}

/// `(name, value)` pairs from a mapping (its `items()`) or an iterable of
/// pairs; names and values as `str` or `bytes`.
pub(crate) fn pairs(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<(String, String)>> {
    let py = value.py();
    let source = if value.is_instance_of::<PyDict>()
        || (!value.is_instance_of::<PyList>()
            && !value.is_instance_of::<PyTuple>()
            && value.hasattr("items")?)
    {
        value.call_method0("items")?
    } else {
        value.clone()
    };
    let shape = || {
        invalid_argument(
            py,
            format!("{what} must be a mapping or a list of (name, value) pairs"),
        )
    };
    let mut out = Vec::new();
    for item in items(&source, what)? {
        let pair = items(&item, what).map_err(|_| shape())?;
        let [name, val] = pair.as_slice() else {
            return Err(shape());
        };
        let name = header_text(name, what)?;
        // A mapping may hold several values of a name as a list.
        if val.is_instance_of::<PyList>() || val.is_instance_of::<PyTuple>() {
            for v in items(val, what)? {
                out.push((name.clone(), header_text(&v, what)?));
            }
        } else {
            out.push((name, header_text(val, what)?));
        }
    }
    Ok(out)
}

fn header_text(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(String::from_utf8_lossy(bytes.as_bytes()).into_owned());
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_string_lossy().into_owned());
    }
    if value.is_instance_of::<pyo3::types::PyInt>() {
        return Ok(value.str()?.to_string());
    }
    Err(invalid_argument(
        value.py(),
        format!(
            "{what}: names and values must be str or bytes, not {}",
            type_name(value)
        ),
    ))
}

fn optional_body(body: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<u8>> {
    match body {
        None => Ok(Vec::new()),
        Some(b) if b.is_none() => Ok(Vec::new()),
        Some(b) => Ok(crate::body::extract(b, "body")?.into_owned()),
    }
}

/// An immutable request built by `Api`: what an executor sends.
/// `repr()` shows it redacted (no secret headers, no query values).
#[pyclass(module = "spotdraft_kit", name = "HttpRequest", frozen)]
pub struct PyHttpRequest {
    inner: core::HttpRequest,
}

impl PyHttpRequest {
    fn new(inner: core::HttpRequest) -> Self {
        PyHttpRequest { inner }
    }
}

#[pymethods]
impl PyHttpRequest {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.as_str()
    }

    /// The absolute URL.
    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }

    /// The headers (lowercase names), credentials included: send them, do
    /// not log them (use `redacted()` or `log_record()`).
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (k, v) in &self.inner.headers {
            dict.set_item(k, v)?;
        }
        Ok(dict)
    }

    /// The JSON body as bytes, or None.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        self.inner.body.as_deref().map(|b| PyBytes::new(py, b))
    }

    /// A stable operation name (the table's), for logs.
    #[getter]
    fn operation(&self) -> &'static str {
        self.inner.operation
    }

    /// The environment label of the `Api` that built it.
    #[getter]
    fn environment(&self) -> &str {
        &self.inner.environment
    }

    /// Whether sending it twice cannot change the outcome (not POST/PATCH).
    #[getter]
    fn idempotent(&self) -> bool {
        self.inner.method.is_idempotent()
    }

    /// A copy safe to log: secret and personal headers `<redacted>`, query
    /// values dropped, no body.
    fn redacted(&self) -> PyHttpRequest {
        PyHttpRequest::new(self.inner.redacted())
    }

    /// What to log about the request: operation, method, host, path,
    /// environment (never secrets, query values or body).
    fn log_record<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        log_record_dict(py, &self.inner.log_record())
    }

    /// `log_record()` plus the response's status, the retries made and
    /// SpotDraft's `x-request-id`.
    #[pyo3(signature = (status, retries, headers=None))]
    fn response_log_record<'py>(
        &self,
        py: Python<'py>,
        status: u16,
        retries: u32,
        headers: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let headers = match headers {
            Some(h) if !h.is_none() => pairs(h, "headers")?,
            _ => Vec::new(),
        };
        log_record_dict(
            py,
            &self.inner.response_log_record(status, retries, &headers),
        )
    }

    /// The response's JSON as Python objects (None for 204 or an empty
    /// body), or raises `ApiError` (a 3xx names the likely cause).
    #[pyo3(signature = (status, headers, body))]
    fn parse_response<'py>(
        &self,
        py: Python<'py>,
        status: u16,
        headers: &Bound<'py, PyAny>,
        body: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let headers = pairs(headers, "headers")?;
        let body = optional_body(body)?;
        let json = self
            .inner
            .parse_response(status, &headers, &body)
            .into_py_result(py)?;
        from_json(py, &json)
    }

    /// The `ApiError` (returned, not raised) for a request that got no
    /// response; `maybe_sent` is whether the server may have received it
    /// (a timeout after sending), which makes a POST not retryable.
    fn transport_error<'py>(
        &self,
        py: Python<'py>,
        what: &str,
        maybe_sent: bool,
    ) -> Bound<'py, PyAny> {
        to_py(py, &self.inner.transport_error(what, maybe_sent))
            .into_value(py)
            .into_bound(py)
            .into_any()
    }

    fn __repr__(&self) -> String {
        let r = self.inner.redacted();
        format!(
            "HttpRequest(method={}, url={}, operation={}, environment={})",
            quoted(r.method.as_str()),
            quoted(&r.url),
            quoted(r.operation),
            quoted(&r.environment)
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyHttpRequest>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.url.hash(&mut h);
        self.inner.operation.hash(&mut h);
        h.finish()
    }
}

/// Bounded exponential backoff with full jitter, honouring `Retry-After`.
/// Deterministic: the caller passes the random number and the time.
#[pyclass(module = "spotdraft_kit", name = "RetryPolicy", frozen)]
pub struct PyRetryPolicy {
    inner: core::RetryPolicy,
}

fn retry_after_of(error: &Bound<'_, PyAny>) -> PyResult<Option<RetryAfter>> {
    let get = |name: &str| -> PyResult<Option<u64>> {
        match error.getattr(name) {
            Ok(v) if !v.is_none() => Ok(Some(v.extract()?)),
            _ => Ok(None),
        }
    };
    Ok(
        match (get("retry_after_at_unix_ms")?, get("retry_after_ms")?) {
            (Some(at), _) => Some(RetryAfter::AtUnixMs(at)),
            (None, Some(ms)) => Some(RetryAfter::DelayMs(ms)),
            (None, None) => None,
        },
    )
}

#[pymethods]
impl PyRetryPolicy {
    #[new]
    #[pyo3(signature = (*, max_attempts = None, base_ms = None, cap_ms = None))]
    fn py_new(max_attempts: Option<u32>, base_ms: Option<u64>, cap_ms: Option<u64>) -> Self {
        // Omitted settings are core's defaults.
        let d = core::RetryPolicy::default();
        PyRetryPolicy {
            inner: core::RetryPolicy {
                max_attempts: max_attempts.unwrap_or(d.max_attempts),
                base_ms: base_ms.unwrap_or(d.base_ms),
                cap_ms: cap_ms.unwrap_or(d.cap_ms),
            },
        }
    }

    /// Attempts in all, including the first.
    #[getter]
    fn max_attempts(&self) -> u32 {
        self.inner.max_attempts
    }

    /// Backoff base in milliseconds.
    #[getter]
    fn base_ms(&self) -> u64 {
        self.inner.base_ms
    }

    /// Largest delay in milliseconds, Retry-After included.
    #[getter]
    fn cap_ms(&self) -> u64 {
        self.inner.cap_ms
    }

    /// The delay (ms) before the next attempt, or None to stop.
    /// `attempt` counts the attempts made so far (1 after the first
    /// failure); `error` is the `ApiError` of the last attempt (its
    /// `retryable`, `status`, `retry_after_ms` and `retry_after_at_unix_ms`
    /// are read); `random` is uniform in [0, 1); `now_ms` is Unix epoch ms.
    fn next_delay_ms(
        &self,
        attempt: u32,
        error: &Bound<'_, PyAny>,
        random: f64,
        now_ms: u64,
    ) -> PyResult<Option<u64>> {
        let retryable = error
            .getattr("retryable")
            .and_then(|v| v.extract::<bool>())
            .unwrap_or(false);
        let status = error
            .getattr("status")
            .and_then(|v| v.extract::<u16>())
            .unwrap_or(0);
        let details = ApiErrorDetails {
            status,
            retryable,
            retry_after: retry_after_of(error)?,
            ..Default::default()
        };
        Ok(self.inner.next_delay_ms(attempt, &details, random, now_ms))
    }

    fn __repr__(&self) -> String {
        format!(
            "RetryPolicy(max_attempts={}, base_ms={}, cap_ms={})",
            self.inner.max_attempts, self.inner.base_ms, self.inner.cap_ms
        )
    }
}

/// Core's executor state machine for one call: the Python executors only
/// sleep and send as it says.
#[pyclass(module = "spotdraft_kit", name = "Execution", frozen)]
pub struct PyExecution {
    inner: Mutex<core::Execution>,
}

fn details_of(error: &Bound<'_, PyAny>) -> PyResult<ApiErrorDetails> {
    Ok(ApiErrorDetails {
        status: error
            .getattr("status")
            .and_then(|v| v.extract::<u16>())
            .unwrap_or(0),
        retryable: error
            .getattr("retryable")
            .and_then(|v| v.extract::<bool>())
            .unwrap_or(false),
        retry_after: retry_after_of(error)?,
        ..Default::default()
    })
}

#[pymethods]
impl PyExecution {
    #[new]
    #[pyo3(signature = (retry_policy, *, timeout_ms = None))]
    fn py_new(retry_policy: &Bound<'_, PyRetryPolicy>, timeout_ms: Option<u64>) -> Self {
        let run = core::Execution::new(retry_policy.get().inner);
        let run = match timeout_ms {
            Some(ms) => run.with_timeout_ms(ms),
            None => run,
        };
        PyExecution {
            inner: Mutex::new(run),
        }
    }

    /// The next step before an attempt: `("wait", ms)` or
    /// `("send", attempt, timeout_ms)`; `now_ms` is a monotonic clock.
    fn next(
        &self,
        limiter: &Bound<'_, PyRateLimiter>,
        now_ms: u64,
    ) -> PyResult<(&'static str, u64, u64)> {
        let mut run = lock(&self.inner);
        let action = run.next(&mut lock(&limiter.get().inner), now_ms);
        match action {
            core::Action::Wait(ms) => Ok(("wait", ms, 0)),
            core::Action::Send {
                attempt,
                timeout_ms,
            } => Ok(("send", u64::from(attempt), timeout_ms)),
            core::Action::GiveUp(err) => Err(to_py(limiter.py(), &err)),
            core::Action::Done(_) => Err(to_py(
                limiter.py(),
                &Error::new(
                    ErrorCode::InvalidArgument,
                    "executor misuse: the call is over",
                ),
            )),
        }
    }

    /// The attempt succeeded.
    fn succeeded(&self) {
        let _ = lock(&self.inner).on_outcome(Ok(Value::Null), 0.0, 0);
    }

    /// The attempt failed with `error` (an `ApiError`): the milliseconds
    /// to wait before the next attempt, or None to give up (raise it).
    fn failed(&self, error: &Bound<'_, PyAny>, random: f64, unix_ms: u64) -> PyResult<Option<u64>> {
        let details = details_of(error)?;
        let err = Error::api(details, "attempt failed");
        Ok(
            match lock(&self.inner).on_outcome(Err(err), random, unix_ms) {
                core::Action::Wait(ms) => Some(ms),
                _ => None,
            },
        )
    }

    /// The default timeout per attempt, in milliseconds.
    #[staticmethod]
    fn default_timeout_ms() -> u64 {
        core::DEFAULT_TIMEOUT_MS
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// At most `max_requests` requests in any `window_ms` window (SpotDraft
/// allows 10 per second per workspace). Thread-safe.
#[pyclass(module = "spotdraft_kit", name = "RateLimiter", frozen)]
pub struct PyRateLimiter {
    inner: Mutex<core::RateLimiter>,
    max_requests: u32,
    window_ms: u64,
}

#[pymethods]
impl PyRateLimiter {
    #[new]
    // Omitted settings are core's defaults.
    #[pyo3(signature = (*, max_requests = None, window_ms = None))]
    fn py_new(max_requests: Option<u32>, window_ms: Option<u64>) -> Self {
        let max_requests = max_requests.unwrap_or(core::RateLimiter::DEFAULT_MAX_REQUESTS);
        let window_ms = window_ms.unwrap_or(core::RateLimiter::DEFAULT_WINDOW_MS);
        PyRateLimiter {
            inner: Mutex::new(core::RateLimiter::new(max_requests, window_ms)),
            max_requests,
            window_ms,
        }
    }

    /// Reserves the next slot and returns how long to wait (ms) before
    /// sending. `now_ms` is any monotonic clock in milliseconds.
    fn acquire(&self, now_ms: u64) -> u64 {
        // A panic cannot happen inside `acquire`; recover the data anyway.
        let mut limiter = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        limiter.acquire(now_ms)
    }

    fn __repr__(&self) -> String {
        format!(
            "RateLimiter(max_requests={}, window_ms={})",
            self.max_requests, self.window_ms
        )
    }
}

/// A SpotDraft API client: one method per endpoint, each returning an
/// `HttpRequest`; `send()` / `send_async()` execute one with the rate
/// limiter and retry policy. The client secret is never shown.
#[pyclass(module = "spotdraft_kit", name = "Api", frozen)]
pub struct PyApi {
    inner: core::Api,
    rate_limiter: Py<PyRateLimiter>,
    retry_policy: Py<PyRetryPolicy>,
}

/// The credentials of an `Api`: the client pair, or an OAuth token.
struct Credentials<'a> {
    client_id: Option<&'a str>,
    client_secret: Option<&'a str>,
    oauth_token: Option<&'a str>,
}

fn build_config(
    py: Python<'_>,
    region: Option<&str>,
    base_url: Option<&str>,
    credentials: Credentials<'_>,
    environment: &str,
    user_email: Option<&str>,
) -> PyResult<ApiConfig> {
    let (client_id, client_secret) = match credentials {
        Credentials {
            oauth_token: Some(token),
            client_id: None,
            client_secret: None,
        } => {
            let region = region.map(Region::parse).transpose().into_py_result(py)?;
            return ApiConfig::oauth(region, base_url, token)
                .map(|c| c.with_environment(environment))
                .into_py_result(py);
        }
        Credentials {
            client_id: Some(id),
            client_secret: Some(secret),
            oauth_token: None,
        } => (id, secret),
        _ => {
            return Err::<ApiConfig, _>(Error::new(
                ErrorCode::InvalidConfig,
                "pass client_id and client_secret, or oauth_token",
            ))
            .into_py_result(py)
        }
    };
    let config = match (region, base_url) {
        (Some(region), None) => ApiConfig::new(
            Region::parse(region).into_py_result(py)?,
            client_id,
            client_secret,
        ),
        (None, Some(url)) => ApiConfig::with_base_url(url, client_id, client_secret),
        _ => Err(Error::new(
            ErrorCode::InvalidConfig,
            "pass region (in, us, me, eu) or base_url, exactly one of them",
        )),
    }
    .into_py_result(py)?
    .with_environment(environment);
    match user_email {
        Some(email) => config.with_user_email(email).into_py_result(py),
        None => Ok(config),
    }
}

impl PyApi {
    fn from_config(
        py: Python<'_>,
        config: ApiConfig,
        retry_policy: Option<Py<PyRetryPolicy>>,
        rate_limiter: Option<Py<PyRateLimiter>>,
    ) -> PyResult<Self> {
        let rate_limiter = match rate_limiter {
            Some(l) => l,
            None => Py::new(py, PyRateLimiter::py_new(None, None))?,
        };
        let retry_policy = match retry_policy {
            Some(p) => p,
            None => Py::new(py, PyRetryPolicy::py_new(None, None, None))?,
        };
        Ok(PyApi {
            inner: core::Api::new(config),
            rate_limiter,
            retry_policy,
        })
    }

    fn wrap(
        py: Python<'_>,
        result: spotdraft_kit::Result<core::HttpRequest>,
    ) -> PyResult<PyHttpRequest> {
        Ok(PyHttpRequest::new(result.into_py_result(py)?))
    }
}

#[pymethods]
impl PyApi {
    #[new]
    #[pyo3(signature = (
        *, client_id = None, client_secret = None, region = None, base_url = None,
        environment = "production", user_email = None, retry_policy = None, rate_limiter = None,
        oauth_token = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        py: Python<'_>,
        client_id: Option<&str>,
        client_secret: Option<&str>,
        region: Option<&str>,
        base_url: Option<&str>,
        environment: &str,
        user_email: Option<&str>,
        retry_policy: Option<Py<PyRetryPolicy>>,
        rate_limiter: Option<Py<PyRateLimiter>>,
        oauth_token: Option<&str>,
    ) -> PyResult<Self> {
        let credentials = Credentials {
            client_id,
            client_secret,
            oauth_token,
        };
        let config = build_config(py, region, base_url, credentials, environment, user_email)?;
        PyApi::from_config(py, config, retry_policy, rate_limiter)
    }

    /// An `Api` from environment variables given as a mapping (for example
    /// `os.environ`): `SPOTDRAFT_REGION` or `SPOTDRAFT_BASE_URL`,
    /// `SPOTDRAFT_CLIENT_ID`, `SPOTDRAFT_CLIENT_SECRET`, optional
    /// `SPOTDRAFT_ENVIRONMENT` and `SPOTDRAFT_USER_EMAIL`.
    #[staticmethod]
    #[pyo3(signature = (mapping, *, retry_policy = None, rate_limiter = None))]
    fn from_env(
        mapping: &Bound<'_, PyAny>,
        retry_policy: Option<Py<PyRetryPolicy>>,
        rate_limiter: Option<Py<PyRateLimiter>>,
    ) -> PyResult<PyApi> {
        let py = mapping.py();
        let mut env = HashMap::new();
        for (k, v) in pairs(mapping, "mapping")? {
            // Only SpotDraft's variables are copied out of the environment.
            if k.starts_with("SPOTDRAFT_") {
                env.insert(k, v);
            }
        }
        let config = ApiConfig::from_env_map(&env).into_py_result(py)?;
        PyApi::from_config(py, config, retry_policy, rate_limiter)
    }

    /// The base URL, ending in `/api/`.
    #[getter]
    fn base_url(&self) -> &str {
        self.inner.config().base_url()
    }

    /// The region (`in`, `us`, `me`, `eu`) or None when built from a base URL.
    #[getter]
    fn region(&self) -> Option<&'static str> {
        self.inner.config().region().map(Region::as_str)
    }

    /// The environment label.
    #[getter]
    fn environment(&self) -> &str {
        self.inner.config().environment()
    }

    /// The client id (not a secret).
    #[getter]
    fn client_id(&self) -> &str {
        self.inner.config().client_id()
    }

    /// The acting user's email, if set.
    #[getter]
    fn user_email(&self) -> Option<&str> {
        self.inner.config().user_email()
    }

    /// A short fingerprint of the client secret, safe to log.
    #[getter]
    fn secret_fingerprint(&self) -> String {
        self.inner.config().secret_fingerprint()
    }

    /// The rate limiter every `send` of this `Api` goes through.
    #[getter]
    fn rate_limiter(&self, py: Python<'_>) -> Py<PyRateLimiter> {
        self.rate_limiter.clone_ref(py)
    }

    /// The retry policy `send` follows.
    #[getter]
    fn retry_policy(&self, py: Python<'_>) -> Py<PyRetryPolicy> {
        self.retry_policy.clone_ref(py)
    }

    /// Any operation of the table by name, with its parameters as one
    /// dict (path, query and header parameters by name, `filters`,
    /// `filter_custom`, `body`), checked against SpotDraft's schema.
    #[pyo3(signature = (operation, params = None))]
    fn call(
        &self,
        py: Python<'_>,
        operation: &str,
        params: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyHttpRequest> {
        let params = params_json(params)?;
        PyApi::wrap(py, self.inner.call(operation, &params))
    }

    /// Any other endpoint: a path relative to the base URL, written exactly
    /// as SpotDraft documents it and checked by core, query pairs or a
    /// mapping, and an optional JSON body.
    #[pyo3(signature = (method, path, query = None, body = None))]
    fn request(
        &self,
        py: Python<'_>,
        method: &str,
        path: &str,
        query: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyHttpRequest> {
        let method = Method::parse(method).into_py_result(py)?;
        let query = match query {
            Some(q) if !q.is_none() => pairs(q, "query")?,
            _ => Vec::new(),
        };
        let refs: Vec<(&str, &str)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let body = match body {
            Some(b) if !b.is_none() => Some(to_json(b, "body")?),
            _ => None,
        };
        PyApi::wrap(py, self.inner.request(method, path, &refs, body))
    }

    /// The response's JSON as Python objects, or raises `ApiError`: the
    /// same as `request.parse_response(status, headers, body)`.
    #[pyo3(signature = (request, status, headers, body))]
    fn parse_response<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyHttpRequest>,
        status: u16,
        headers: &Bound<'py, PyAny>,
        body: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        request.get().parse_response(py, status, headers, body)
    }

    /// Sends `request` with `urllib` (no redirects followed), waiting for
    /// the rate limiter and retrying per the retry policy; returns the
    /// parsed JSON or raises `ApiError`.
    #[pyo3(signature = (request, *, timeout = None))]
    fn send<'py>(
        slf: &Bound<'py, Self>,
        request: &Bound<'py, PyHttpRequest>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        executor(slf.py())?.call_method1("send", (slf, request, timeout))
    }

    /// `send` with `httpx.AsyncClient` (install `spotdraft-kit[httpx]`):
    /// returns an awaitable.
    #[pyo3(signature = (request, *, timeout = None, client = None))]
    fn send_async<'py>(
        slf: &Bound<'py, Self>,
        request: &Bound<'py, PyHttpRequest>,
        timeout: Option<f64>,
        client: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let client = client.map_or_else(|| py.None().into_bound(py), Clone::clone);
        executor(py)?.call_method1("send_async", (slf, request, timeout, client))
    }

    /// The parameters of the first page of a paginated operation (`page`
    /// 1 and the default `limit` unless given); `invalid_argument` if it
    /// is not paginated.
    #[pyo3(signature = (operation, params = None))]
    fn first_page<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        params: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let op = find_operation(py, operation)?;
        let first = op.first_page(&params_json(params)?).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidArgument,
                format!("{} is not paginated", op.name),
            )
        });
        from_json(py, &first.into_py_result(py)?)
    }

    /// The parameters of the page after `params`, given its answer, or
    /// None when that was the last page.
    fn next_page<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        params: &Bound<'py, PyAny>,
        response: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let op = find_operation(py, operation)?;
        let params = to_json(params, "params")?;
        let response = to_json(response, "response")?;
        op.next_page(&params, &response)
            .map(|p| from_json(py, &p))
            .transpose()
    }

    /// Every item of every page of a paginated operation, sent with
    /// `send` (rate limit and retries included).
    #[pyo3(signature = (operation, params = None, *, timeout = None))]
    fn paginate<'py>(
        slf: &Bound<'py, Self>,
        operation: &str,
        params: Option<&Bound<'py, PyAny>>,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let params = params.map_or_else(|| py.None().into_bound(py), Clone::clone);
        executor(py)?.call_method1("paginate", (slf, operation, params, timeout))
    }

    /// `paginate` with `send_async`: an async iterator.
    #[pyo3(signature = (operation, params = None, *, timeout = None, client = None))]
    fn paginate_async<'py>(
        slf: &Bound<'py, Self>,
        operation: &str,
        params: Option<&Bound<'py, PyAny>>,
        timeout: Option<f64>,
        client: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let params = params.map_or_else(|| py.None().into_bound(py), Clone::clone);
        let client = client.map_or_else(|| py.None().into_bound(py), Clone::clone);
        executor(py)?.call_method1("paginate_async", (slf, operation, params, timeout, client))
    }

    fn __repr__(&self) -> String {
        let c = self.inner.config();
        format!(
            "Api(base_url={}, environment={}, client_id={}, user_email={})",
            quoted(c.base_url()),
            quoted(c.environment()),
            quoted(c.client_id()),
            optional(c.user_email().map(|_| "<set>"))
        )
    }
}

fn find_operation(py: Python<'_>, name: &str) -> PyResult<&'static core::Operation> {
    core::Operation::find(name)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidArgument,
                format!(
                    "{:?} is not a SpotDraft operation",
                    name.chars().take(64).collect::<String>()
                ),
            )
        })
        .into_py_result(py)
}

fn params_json(params: Option<&Bound<'_, PyAny>>) -> PyResult<Value> {
    match params {
        Some(p) if !p.is_none() => to_json(p, "params"),
        _ => Ok(Value::Null),
    }
}

fn executor(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("spotdraft_kit._executor")
}

/// Gives `Api` one method per operation of core's table, named as the
/// operation: `api.<operation>(params)` is
/// `api.call("<operation>", params)`. `params` is optional exactly
/// when the operation needs none ([`core::Operation::needs_params`]).
fn add_operation_methods(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let api = module.getattr("Api")?;
    let required = py.eval(
        c"lambda name: lambda self, params: self.call(name, params)",
        None,
        None,
    )?;
    let optional = py.eval(
        c"lambda name: lambda self, params=None: self.call(name, params)",
        None,
        None,
    )?;
    for op in core::Operation::all() {
        let make = if op.needs_params() {
            &required
        } else {
            &optional
        };
        let method = make.call1((op.name,))?;
        method.setattr("__name__", op.name)?;
        method.setattr("__qualname__", format!("Api.{}", op.name))?;
        method.setattr("__module__", "spotdraft_kit")?;
        let doc = format!(
            "`{} {}`: {}\n\nThe same as `call({:?}, params)`.",
            op.method.as_str(),
            op.path,
            op.summary,
            op.name
        );
        method.setattr("__doc__", doc)?;
        api.setattr(op.name, method)?;
    }
    Ok(())
}

/// Adds the API classes to the module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyApi>()?;
    add_operation_methods(module)?;
    module.add_class::<PyHttpRequest>()?;
    module.add_class::<PyRetryPolicy>()?;
    module.add_class::<PyRateLimiter>()?;
    module.add_class::<PyExecution>()?;
    module.add("MAX_PAGE_LIMIT", core::MAX_PAGE_LIMIT)?;
    Ok(())
}
