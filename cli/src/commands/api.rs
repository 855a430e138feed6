//! `sdkit api`: a small executor over the core's sans-I/O API layer. Core
//! builds each request and interprets each response; this module sends
//! them with ureq, waits as the rate limiter says, and retries as the
//! retry policy says.

use std::collections::HashMap;
use std::io::Write as _;
use std::time::Duration;

use serde_json::{json, Value};
use spotdraft_kit::api::{Api, ApiConfig, HttpRequest, Method, RateLimiter, RetryPolicy};
use spotdraft_kit::{ErrorCode, HmacKey};

use crate::cli::{ApiArgs, ApiCommand, ContractsCommand, WebhooksCommand};
use crate::clock::now_ms;
use crate::errors::{CliError, CliResult};

/// Status, headers and body of one response.
type RawResponse = (u16, Vec<(String, String)>, Vec<u8>);

/// Sends requests built by core.
struct Executor {
    agent: ureq::Agent,
    limiter: RateLimiter,
    policy: RetryPolicy,
    verbose: bool,
}

fn now_u64() -> u64 {
    u64::try_from(now_ms()).unwrap_or(0)
}

fn api_failure(err: &spotdraft_kit::Error) -> CliError {
    let status = err
        .api_details()
        .map(|d| format!(" (HTTP {})", d.status))
        .filter(|_| err.api_details().is_some_and(|d| d.status != 0))
        .unwrap_or_default();
    match err.code() {
        ErrorCode::ApiError => CliError::failure(format!("{err}{status}")),
        _ => CliError::usage(err.to_string()),
    }
}

impl Executor {
    fn new(verbose: bool) -> Self {
        Executor {
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(Duration::from_secs(30)))
                .user_agent("sdkit-api")
                .build()
                .into(),
            limiter: RateLimiter::default(),
            policy: RetryPolicy::default(),
            verbose,
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

    fn call(&mut self, req: &HttpRequest) -> CliResult<Value> {
        let mut attempt = 0u32;
        loop {
            let wait = self.limiter.acquire(now_u64());
            if wait > 0 {
                std::thread::sleep(Duration::from_millis(wait));
            }
            attempt += 1;
            let redacted = req.redacted();
            let result = match self.send_once(req) {
                Ok((status, headers, body)) => {
                    if self.verbose {
                        eprintln!("{} {} -> {status}", redacted.method.as_str(), redacted.url);
                    }
                    req.parse_response(status, &headers, &body)
                }
                Err(what) => {
                    if self.verbose {
                        eprintln!("{} {} -> {what}", redacted.method.as_str(), redacted.url);
                    }
                    // ureq reports connect failures before anything was sent.
                    let maybe_sent = !what.to_ascii_lowercase().contains("connect");
                    Err(req.transport_error(&what, maybe_sent))
                }
            };
            match result {
                Ok(json) => return Ok(json),
                Err(err) => {
                    let details = err.api_details().cloned().unwrap_or_default();
                    match self
                        .policy
                        .next_delay_ms(attempt, &details, fastrand::f64(), now_u64())
                    {
                        Some(delay) => {
                            if self.verbose {
                                eprintln!("retrying in {delay} ms");
                            }
                            std::thread::sleep(Duration::from_millis(delay));
                        }
                        None => return Err(api_failure(&err)),
                    }
                }
            }
        }
    }
}

fn config() -> CliResult<Api> {
    let env: HashMap<String, String> = std::env::vars()
        .filter(|(k, _)| k.starts_with("SPOTDRAFT_"))
        .collect();
    let config = ApiConfig::from_env_map(&env).map_err(|e| CliError::usage(e.to_string()))?;
    Ok(Api::new(config))
}

fn write_secret_file(path: &std::path::Path, text: &str) -> CliResult<()> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| CliError::usage(format!("cannot write {}: {e}", path.display())))?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.write_all(b"\n"))
        .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))
}

/// Runs one API command and prints its JSON result (never a secret).
pub fn run(args: &ApiArgs) -> CliResult<i32> {
    let api = config()?;
    let mut exec = Executor::new(args.verbose);
    let built =
        |r: spotdraft_kit::Result<HttpRequest>| r.map_err(|e| CliError::usage(e.to_string()));
    match &args.command {
        ApiCommand::HmacKey { write } => {
            let json = exec.call(&api.webhooks_hmac_key())?;
            let key = json["hmac_key"]
                .as_str()
                .ok_or_else(|| CliError::failure("the response has no hmac_key"))?;
            let parsed = HmacKey::from_base64(key).map_err(|e| {
                CliError::failure(format!("SpotDraft returned an unusable key: {e}"))
            })?;
            if let Some(path) = write {
                write_secret_file(path, key)?;
            }
            println!(
                "{}",
                json!({
                    "environment": api.config().environment(),
                    "fingerprint": parsed.fingerprint(),
                    "written_to": write.as_ref().map(|p| p.display().to_string()),
                })
            );
        }
        ApiCommand::Webhooks(WebhooksCommand::Create {
            title,
            url,
            activities,
        }) => {
            let activities: Vec<&str> = activities.iter().map(String::as_str).collect();
            let req = built(api.webhooks_create(title, url, &activities))?;
            println!("{}", exec.call(&req)?);
        }
        ApiCommand::Webhooks(WebhooksCommand::Delete { id }) => {
            let req = built(api.webhooks_delete(id))?;
            let json = exec.call(&req)?;
            println!(
                "{}",
                if json.is_null() {
                    json!({"deleted": id})
                } else {
                    json
                }
            );
        }
        ApiCommand::Webhooks(WebhooksCommand::ReTrigger { contract_ids }) => {
            let req = built(api.webhooks_re_trigger_latest(contract_ids))?;
            println!("{}", exec.call(&req)?);
        }
        ApiCommand::Contracts(ContractsCommand::Status { id }) => {
            let req = built(api.contracts_status(id))?;
            debug_assert_eq!(req.method, Method::Get);
            println!("{}", exec.call(&req)?);
        }
    }
    Ok(0)
}
