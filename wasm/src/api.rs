//! The SpotDraft API layer behind the JS `Api`, `RetryPolicy` and
//! `RateLimiter` classes and `parseResponse`. Values cross as JSON text
//! (see [`crate::api_calls`]); the executor (`send`) is the shared
//! JavaScript file `js/api-client.js`, which does only I/O and sleeping.

use spotdraft_kit::api::{Api, Execution, RateLimiter, RetryPolicy};
use wasm_bindgen::prelude::*;

use crate::api_calls;
use crate::errors;

/// Core's [`Api`] for one workspace.
#[wasm_bindgen]
pub struct RawApi {
    inner: Api,
}

#[wasm_bindgen]
impl RawApi {
    /// From `{region?, baseUrl?, environment?, clientId, clientSecret,
    /// userEmail?}` as JSON.
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str) -> Result<RawApi, JsValue> {
        let config = api_calls::config_from_json(config_json).map_err(errors::js)?;
        Ok(RawApi {
            inner: Api::new(config),
        })
    }

    /// From a map of `SPOTDRAFT_*` environment variables as JSON.
    #[wasm_bindgen(js_name = fromEnv)]
    pub fn from_env(env_json: &str) -> Result<RawApi, JsValue> {
        let config = api_calls::config_from_env_json(env_json).map_err(errors::js)?;
        Ok(RawApi {
            inner: Api::new(config),
        })
    }

    /// The config without its secret, as JSON.
    pub fn info(&self) -> String {
        api_calls::config_info(self.inner.config())
    }

    /// Core's `call(operation, params)` with the params as JSON; the
    /// request as JSON.
    pub fn call(&self, operation: &str, params_json: &str) -> Result<String, JsValue> {
        api_calls::call_json(&self.inner, operation, params_json).map_err(errors::js)
    }

    /// Core's generic `request` with `[method, path, query?, body?]` as
    /// JSON; the request as JSON.
    pub fn request(&self, args_json: &str) -> Result<String, JsValue> {
        api_calls::request_call_json(&self.inner, args_json).map_err(errors::js)
    }

    /// Core's executor state machine for one call with `policy`.
    pub fn execution(
        &self,
        policy: &RawRetryPolicy,
        timeout_ms: Option<f64>,
    ) -> Result<RawExecution, JsValue> {
        RawExecution::new(policy, timeout_ms)
    }

    /// The first page's parameters of a paginated operation, as JSON.
    #[wasm_bindgen(js_name = firstPage)]
    pub fn first_page(&self, name: &str, params_json: &str) -> Result<String, JsValue> {
        api_calls::first_page_json(name, params_json).map_err(errors::js)
    }

    /// The next page's parameters, as JSON, or null after the last page.
    #[wasm_bindgen(js_name = nextPage)]
    pub fn next_page(
        &self,
        name: &str,
        params_json: &str,
        response_json: &str,
    ) -> Result<Option<String>, JsValue> {
        api_calls::next_page_json(name, params_json, response_json).map_err(errors::js)
    }
}

/// Core's [`RetryPolicy`].
#[wasm_bindgen]
pub struct RawRetryPolicy {
    inner: RetryPolicy,
}

#[wasm_bindgen]
impl RawRetryPolicy {
    /// From `{maxAttempts?, baseMs?, capMs?}` as JSON (`null`: defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(options_json: &str) -> Result<RawRetryPolicy, JsValue> {
        let inner = api_calls::retry_policy_from_json(options_json).map_err(errors::js)?;
        Ok(RawRetryPolicy { inner })
    }

    /// The settings as JSON.
    pub fn info(&self) -> String {
        api_calls::retry_policy_info(&self.inner)
    }

    /// The delay before the next attempt, or `undefined` to stop.
    #[wasm_bindgen(js_name = nextDelayMs)]
    pub fn next_delay_ms(
        &self,
        attempt: f64,
        error_json: &str,
        random: f64,
        now_ms: f64,
    ) -> Result<Option<f64>, JsValue> {
        let delay = api_calls::next_delay_ms(&self.inner, attempt, error_json, random, now_ms)
            .map_err(errors::js)?;
        Ok(delay.map(|ms| ms as f64))
    }
}

/// Core's [`RateLimiter`].
#[wasm_bindgen]
pub struct RawRateLimiter {
    inner: RateLimiter,
}

#[wasm_bindgen]
impl RawRateLimiter {
    /// From `{maxRequests, windowMs}` as JSON (`null`: 10 per second).
    #[wasm_bindgen(constructor)]
    pub fn new(options_json: &str) -> Result<RawRateLimiter, JsValue> {
        let inner = api_calls::rate_limiter_from_json(options_json).map_err(errors::js)?;
        Ok(RawRateLimiter { inner })
    }

    /// Reserves the next slot; the wait in ms before sending.
    pub fn acquire(&mut self, now_ms: f64) -> Result<f64, JsValue> {
        let now = api_calls::whole(now_ms, "nowMs").map_err(errors::js)?;
        Ok(self.inner.acquire(now) as f64)
    }
}

/// Core's executor state machine for one call.
#[wasm_bindgen]
pub struct RawExecution {
    inner: Execution,
}

#[wasm_bindgen]
impl RawExecution {
    /// A call with `policy`; `timeout_ms` per attempt (`null`: core's default).
    #[wasm_bindgen(constructor)]
    pub fn new(policy: &RawRetryPolicy, timeout_ms: Option<f64>) -> Result<RawExecution, JsValue> {
        let inner = api_calls::execution_new(&policy.inner, timeout_ms).map_err(errors::js)?;
        Ok(RawExecution { inner })
    }

    /// The next step as JSON: `{"wait": ms}` or `{"send": attempt, "timeoutMs": ms}`.
    pub fn next(&mut self, limiter: &mut RawRateLimiter, now_ms: f64) -> Result<String, JsValue> {
        api_calls::execution_next(&mut self.inner, &mut limiter.inner, now_ms).map_err(errors::js)
    }

    /// The attempt failed: the wait (ms) before the next attempt, or null to give up.
    pub fn failed(
        &mut self,
        error_json: &str,
        random: f64,
        unix_ms: f64,
    ) -> Result<Option<f64>, JsValue> {
        let wait = api_calls::execution_failed(&mut self.inner, error_json, random, unix_ms)
            .map_err(errors::js)?;
        Ok(wait.map(|ms| ms as f64))
    }

    /// The attempt succeeded.
    pub fn succeeded(&mut self) {
        api_calls::execution_succeeded(&mut self.inner);
    }
}

/// Every operation name of core's table, snake_case.
#[wasm_bindgen(js_name = apiOperations)]
pub fn api_operations() -> Vec<String> {
    api_calls::operation_names()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Core's response parsing (for a request when `request_json` is given);
/// the JSON value as text. `now_ms` measures an HTTP-date `Retry-After`.
#[wasm_bindgen(js_name = apiParseResponse)]
pub fn api_parse_response(
    request_json: Option<String>,
    status: f64,
    headers: Vec<String>,
    body: &[u8],
    now_ms: f64,
) -> Result<String, JsValue> {
    api_calls::parse_json_response(request_json.as_deref(), status, &headers, body).map_err(|e| {
        let now = api_calls::whole(now_ms, "nowMs").ok();
        errors::to_js_at(&e, now)
    })
}

/// The error descriptor for a request that got no response.
#[wasm_bindgen(js_name = apiTransportError)]
pub fn api_transport_error(request_json: &str, what: &str, maybe_sent: bool) -> JsValue {
    errors::to_js(&api_calls::transport_error(request_json, what, maybe_sent))
}

/// The redacted request, as JSON.
#[wasm_bindgen(js_name = apiRedact)]
pub fn api_redact(request_json: &str) -> Result<String, JsValue> {
    api_calls::redacted_json(request_json).map_err(errors::js)
}

/// The request's log record, as JSON.
#[wasm_bindgen(js_name = apiLogRecord)]
pub fn api_log_record(request_json: &str) -> Result<String, JsValue> {
    api_calls::log_record_json(request_json).map_err(errors::js)
}

/// A completed call's log record, as JSON.
#[wasm_bindgen(js_name = apiResponseLogRecord)]
pub fn api_response_log_record(
    request_json: &str,
    status: f64,
    retries: f64,
    headers: Vec<String>,
) -> Result<String, JsValue> {
    api_calls::response_log_record_json(request_json, status, retries, &headers).map_err(errors::js)
}
