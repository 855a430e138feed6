//! The SpotDraft API layer behind the JS `Api`, `RetryPolicy` and
//! `RateLimiter` classes and `parseResponse`. Values cross as JSON text
//! (see [`crate::api_calls`], shared with the WASM package); the executor
//! (`send`) is the shared JavaScript file `js/api-client.js`, which does
//! only I/O and sleeping.

use napi::bindgen_prelude::Uint8ArraySlice;
use napi::Env;
use napi_derive::napi;
use spotdraft_kit::api::{Api, Execution, RateLimiter, RetryPolicy};

use crate::api_calls;
use crate::errors::{self, IntoJs};

/// Core's [`Api`] for one workspace.
#[napi(js_name = "RawApi")]
pub struct RawApi {
    inner: Api,
}

#[napi]
impl RawApi {
    /// From `{region?, baseUrl?, environment?, clientId, clientSecret,
    /// userEmail?}` as JSON.
    #[napi(constructor)]
    pub fn new(env: Env, config_json: String) -> napi::Result<Self> {
        let config = api_calls::config_from_json(&config_json).into_js(&env)?;
        Ok(RawApi {
            inner: Api::new(config),
        })
    }

    /// From a map of `SPOTDRAFT_*` environment variables as JSON.
    #[napi(factory, js_name = "fromEnv")]
    pub fn from_env(env: Env, env_json: String) -> napi::Result<Self> {
        let config = api_calls::config_from_env_json(&env_json).into_js(&env)?;
        Ok(RawApi {
            inner: Api::new(config),
        })
    }

    /// The config without its secret, as JSON.
    #[napi]
    pub fn info(&self) -> String {
        api_calls::config_info(self.inner.config())
    }

    /// Core's `call(operation, params)` with the params as JSON; the
    /// request as JSON.
    #[napi]
    pub fn call(&self, env: Env, operation: String, params_json: String) -> napi::Result<String> {
        api_calls::call_json(&self.inner, &operation, &params_json).into_js(&env)
    }

    /// Core's generic `request` with `[method, path, query?, body?]` as
    /// JSON; the request as JSON.
    #[napi]
    pub fn request(&self, env: Env, args_json: String) -> napi::Result<String> {
        api_calls::request_call_json(&self.inner, &args_json).into_js(&env)
    }

    /// Core's executor state machine for one call with `policy`.
    #[napi]
    pub fn execution(
        &self,
        env: Env,
        policy: &RawRetryPolicy,
        timeout_ms: Option<f64>,
    ) -> napi::Result<RawExecution> {
        RawExecution::new(env, policy, timeout_ms)
    }

    /// The first page's parameters of a paginated operation, as JSON.
    #[napi(js_name = "firstPage")]
    pub fn first_page(&self, env: Env, name: String, params_json: String) -> napi::Result<String> {
        api_calls::first_page_json(&name, &params_json).into_js(&env)
    }

    /// The next page's parameters, as JSON, or null after the last page.
    #[napi(js_name = "nextPage")]
    pub fn next_page(
        &self,
        env: Env,
        name: String,
        params_json: String,
        response_json: String,
    ) -> napi::Result<Option<String>> {
        api_calls::next_page_json(&name, &params_json, &response_json).into_js(&env)
    }
}

/// Core's [`RetryPolicy`].
#[napi(js_name = "RawRetryPolicy")]
pub struct RawRetryPolicy {
    inner: RetryPolicy,
}

#[napi]
impl RawRetryPolicy {
    /// From `{maxAttempts?, baseMs?, capMs?}` as JSON (`null`: defaults).
    #[napi(constructor)]
    pub fn new(env: Env, options_json: String) -> napi::Result<Self> {
        let inner = api_calls::retry_policy_from_json(&options_json).into_js(&env)?;
        Ok(RawRetryPolicy { inner })
    }

    /// The settings as JSON.
    #[napi]
    pub fn info(&self) -> String {
        api_calls::retry_policy_info(&self.inner)
    }

    /// The delay before the next attempt, or `null` to stop.
    #[napi(js_name = "nextDelayMs")]
    pub fn next_delay_ms(
        &self,
        env: Env,
        attempt: f64,
        error_json: String,
        random: f64,
        now_ms: f64,
    ) -> napi::Result<Option<f64>> {
        let delay = api_calls::next_delay_ms(&self.inner, attempt, &error_json, random, now_ms)
            .into_js(&env)?;
        Ok(delay.map(|ms| ms as f64))
    }
}

/// Core's [`RateLimiter`].
#[napi(js_name = "RawRateLimiter")]
pub struct RawRateLimiter {
    inner: RateLimiter,
}

#[napi]
impl RawRateLimiter {
    /// From `{maxRequests, windowMs}` as JSON (`null`: 10 per second).
    #[napi(constructor)]
    pub fn new(env: Env, options_json: String) -> napi::Result<Self> {
        let inner = api_calls::rate_limiter_from_json(&options_json).into_js(&env)?;
        Ok(RawRateLimiter { inner })
    }

    /// Reserves the next slot; the wait in ms before sending.
    #[napi]
    pub fn acquire(&mut self, env: Env, now_ms: f64) -> napi::Result<f64> {
        let now = api_calls::whole(now_ms, "nowMs").into_js(&env)?;
        Ok(self.inner.acquire(now) as f64)
    }
}

/// Core's executor state machine for one call.
#[napi(js_name = "RawExecution")]
pub struct RawExecution {
    inner: Execution,
}

#[napi]
impl RawExecution {
    /// A call with `policy`; `timeout_ms` per attempt (`null`: core's default).
    #[napi(constructor)]
    pub fn new(env: Env, policy: &RawRetryPolicy, timeout_ms: Option<f64>) -> napi::Result<Self> {
        let inner = api_calls::execution_new(&policy.inner, timeout_ms).into_js(&env)?;
        Ok(RawExecution { inner })
    }

    /// The next step as JSON: `{"wait": ms}` or `{"send": attempt, "timeoutMs": ms}`.
    #[napi]
    pub fn next(
        &mut self,
        env: Env,
        limiter: &mut RawRateLimiter,
        now_ms: f64,
    ) -> napi::Result<String> {
        api_calls::execution_next(&mut self.inner, &mut limiter.inner, now_ms).into_js(&env)
    }

    /// The attempt failed: the wait (ms) before the next attempt, or null to give up.
    #[napi]
    pub fn failed(
        &mut self,
        env: Env,
        error_json: String,
        random: f64,
        unix_ms: f64,
    ) -> napi::Result<Option<f64>> {
        let wait = api_calls::execution_failed(&mut self.inner, &error_json, random, unix_ms)
            .into_js(&env)?;
        Ok(wait.map(|ms| ms as f64))
    }

    /// The attempt succeeded.
    #[napi]
    pub fn succeeded(&mut self) {
        api_calls::execution_succeeded(&mut self.inner);
    }
}

/// Every operation name of core's table, snake_case.
#[napi(js_name = "apiOperations")]
pub fn api_operations() -> Vec<&'static str> {
    api_calls::operation_names()
}

/// Core's response parsing (for a request when `request_json` is given);
/// the JSON value as text. `now_ms` measures an HTTP-date `Retry-After`.
#[napi(js_name = "apiParseResponse")]
pub fn api_parse_response(
    env: Env,
    request_json: Option<String>,
    status: f64,
    headers: Vec<String>,
    body: Uint8ArraySlice<'_>,
    now_ms: f64,
) -> napi::Result<String> {
    api_calls::parse_json_response(request_json.as_deref(), status, &headers, &body).map_err(|e| {
        let now = api_calls::whole(now_ms, "nowMs").ok();
        errors::to_js_at(&env, &e, now)
    })
}

/// The `SpotDraftKitError` for a request that got no response.
#[napi(js_name = "apiTransportError")]
pub fn api_transport_error(
    env: Env,
    request_json: String,
    what: String,
    maybe_sent: bool,
) -> napi::Error {
    errors::to_js(
        &env,
        &api_calls::transport_error(&request_json, &what, maybe_sent),
    )
}

/// The redacted request, as JSON.
#[napi(js_name = "apiRedact")]
pub fn api_redact(env: Env, request_json: String) -> napi::Result<String> {
    api_calls::redacted_json(&request_json).into_js(&env)
}

/// The request's log record, as JSON.
#[napi(js_name = "apiLogRecord")]
pub fn api_log_record(env: Env, request_json: String) -> napi::Result<String> {
    api_calls::log_record_json(&request_json).into_js(&env)
}

/// A completed call's log record, as JSON.
#[napi(js_name = "apiResponseLogRecord")]
pub fn api_response_log_record(
    env: Env,
    request_json: String,
    status: f64,
    retries: f64,
    headers: Vec<String>,
) -> napi::Result<String> {
    api_calls::response_log_record_json(&request_json, status, retries, &headers).into_js(&env)
}
