//! A blocking executor for the core's sans-I/O API layer, over ureq.
//!
//! Core builds each request and interprets each response; `Client` only
//! sends them: it waits as the core's `RateLimiter` says (one limiter per
//! client, i.e. per workspace), gives every attempt a timeout, never follows
//! redirects, and retries as the core's `RetryPolicy` says (429, 500, 502,
//! 503, 504, timeouts; never 400/401/403/404/409).
//!
//! `sdkit api` uses it, and `examples/register_webhook.rs` compiles this
//! same file (with `clock.rs`) into a stand-alone program: copy both into a
//! project of your own to call SpotDraft from Rust.
//!
//! ```ignore
//! let api = Api::new(ApiConfig::from_env_map(&env)?);
//! let client = Client::new();
//! let key = client.send(&api.webhooks_hmac_key()?)?["hmac_key"].clone();
//! ```

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;
use spotdraft_kit::api::{
    Action, Execution, HttpRequest, RateLimiter, RetryPolicy, DEFAULT_TIMEOUT_MS,
};

/// Status, headers and body of one response.
type RawResponse = (u16, Vec<(String, String)>, Vec<u8>);

/// Sends requests built by the core's `Api`, one workspace per client.
pub struct Client {
    agent: ureq::Agent,
    limiter: Mutex<RateLimiter>,
    policy: RetryPolicy,
    timeout_ms: u64,
    started: Instant,
    verbose: bool,
}

impl Default for Client {
    fn default() -> Self {
        Client::new()
    }
}

impl Client {
    /// A client with SpotDraft's limit (10 requests per second), the core's
    /// default retry policy and its default timeout per attempt.
    pub fn new() -> Self {
        Client {
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_global(Some(Duration::from_millis(DEFAULT_TIMEOUT_MS)))
                .user_agent(concat!("spotdraft-kit/", env!("CARGO_PKG_VERSION")))
                .build()
                .into(),
            limiter: Mutex::new(RateLimiter::default()),
            policy: RetryPolicy::default(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            started: Instant::now(),
            verbose: false,
        }
    }

    /// Logs each attempt, redacted (method, URL without secrets, outcome),
    /// to stderr.
    #[must_use]
    pub fn verbose(mut self, on: bool) -> Self {
        self.verbose = on;
        self
    }

    /// Sends `req` until it succeeds or the retry policy gives up; the JSON
    /// of the 2xx answer (`null` for 204), or the last `api_error`. The
    /// core's `Execution` decides every wait, attempt and retry; this loop
    /// only sleeps and sends.
    pub fn send(&self, req: &HttpRequest) -> spotdraft_kit::Result<Value> {
        let mut run = Execution::new(self.policy).with_timeout_ms(self.timeout_ms);
        loop {
            let action = match self.with_limiter(|limiter, now| run.next(limiter, now)) {
                Action::Send { .. } => match self.send_once(req) {
                    Ok((status, headers, body)) => {
                        self.log(req, &status.to_string());
                        run.on_response(req, status, &headers, &body, fastrand::f64(), unix_ms())
                    }
                    Err(what) => {
                        self.log(req, &what);
                        // ureq reports connect failures before anything was sent.
                        let maybe_sent = !what.to_ascii_lowercase().contains("connect");
                        run.on_transport_error(req, &what, maybe_sent, fastrand::f64(), unix_ms())
                    }
                },
                other => other,
            };
            match action {
                Action::Wait(ms) => {
                    if self.verbose && run.attempts() > 0 {
                        eprintln!("waiting {ms} ms");
                    }
                    std::thread::sleep(Duration::from_millis(ms));
                }
                Action::Done(json) => return Ok(json),
                Action::GiveUp(err) => return Err(err),
                Action::Send { .. } => {}
            }
        }
    }

    /// Runs `f` with the rate limiter and the client's monotonic clock.
    fn with_limiter<T>(&self, f: impl FnOnce(&mut RateLimiter, u64) -> T) -> T {
        let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        match self.limiter.lock() {
            Ok(mut limiter) => f(&mut limiter, now),
            Err(poisoned) => f(&mut poisoned.into_inner(), now),
        }
    }

    fn log(&self, req: &HttpRequest, outcome: &str) {
        if self.verbose {
            let shown = req.redacted();
            eprintln!("{} {} -> {outcome}", shown.method.as_str(), shown.url);
        }
    }

    fn send_once(&self, req: &HttpRequest) -> Result<RawResponse, String> {
        let mut builder = ureq::http::Request::builder()
            .method(req.method.as_str())
            .uri(&req.url);
        for (k, v) in &req.headers {
            builder = builder.header(k, v);
        }
        let result = match &req.body {
            Some(body) => {
                let request = builder.body(body.clone()).map_err(|e| e.to_string())?;
                self.agent.run(request)
            }
            None => {
                let request = builder.body(()).map_err(|e| e.to_string())?;
                self.agent.run(request)
            }
        };
        let mut resp = result.map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        let body = resp.body_mut().read_to_vec().map_err(|e| e.to_string())?;
        Ok((status, headers, body))
    }
}

/// Milliseconds since the Unix epoch, for `Retry-After` HTTP dates.
fn unix_ms() -> u64 {
    u64::try_from(crate::clock::now_ms()).unwrap_or(0)
}
