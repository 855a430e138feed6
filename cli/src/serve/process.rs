//! What "processing a delivery" means: log it (default), run `--exec`, or
//! POST to `--forward`; failures retry with exponential backoff and jitter.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use spotdraft_kit::api::RetryPolicy;

use crate::cli::ServeArgs;
use crate::delivery_json;
use crate::errors::{CliError, CliResult};
use crate::logline::Line;
use crate::store::{Outcome, StoredDelivery};

/// Longest retry delay.
const MAX_RETRY_DELAY_MS: u64 = 300_000;

#[derive(Clone)]
enum Action {
    Log,
    Exec(String),
    Forward(String, ureq::Agent),
}

/// The processing step the workers run.
#[derive(Clone)]
pub struct Processor {
    action: Action,
    max_attempts: i64,
    retry_base_ms: i64,
    timeout: Duration,
}

impl Processor {
    /// From `sdkit serve` flags.
    pub fn from_args(args: &ServeArgs) -> CliResult<Self> {
        let timeout = Duration::from_secs(args.handler_timeout.max(1));
        let action = match (&args.exec, &args.forward) {
            (Some(cmd), _) => Action::Exec(cmd.clone()),
            (None, Some(url)) => {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(CliError::usage(format!(
                        "--forward {url:?}: expected an http:// or https:// URL"
                    )));
                }
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(timeout))
                    .user_agent("sdkit-serve")
                    .build()
                    .into();
                Action::Forward(url.clone(), agent)
            }
            (None, None) => Action::Log,
        };
        Ok(Processor {
            action,
            max_attempts: args.max_attempts,
            retry_base_ms: args.retry_base_ms.max(1),
            timeout,
        })
    }

    /// For the start-up log line.
    pub fn describe(&self) -> &'static str {
        match self.action {
            Action::Log => "log",
            Action::Exec(_) => "exec",
            Action::Forward(..) => "forward",
        }
    }

    /// Deliveries claimed per transaction. Handlers with side effects take
    /// one at a time so a crash repeats at most one of them.
    pub fn batch_size(&self) -> usize {
        match self.action {
            Action::Log => 64,
            _ => 1,
        }
    }

    /// Whether the handler reads the body (the default one only logs).
    pub fn needs_body(&self) -> bool {
        !matches!(self.action, Action::Log)
    }

    /// Processes one delivery and logs the result.
    pub fn handle(&self, d: &StoredDelivery) -> Outcome {
        let attempt = d.attempts + 1;
        let started = Instant::now();
        let result = match &self.action {
            Action::Log => Ok(()),
            Action::Exec(cmd) => self.exec(cmd, d, attempt),
            Action::Forward(url, agent) => forward(agent, url, d, attempt),
        };
        let outcome = match result {
            Ok(()) => Outcome::Processed,
            Err(error) if attempt >= self.max_attempts => Outcome::Failed { error },
            Err(error) => Outcome::Retry {
                delay_ms: self.backoff_ms(attempt),
                error,
            },
        };
        let (event, level, result) = match &outcome {
            Outcome::Processed => ("delivery_processed", "info", "processed"),
            Outcome::Retry { .. } => ("delivery_retry", "warn", "retry"),
            Outcome::Failed { .. } => ("delivery_failed", "error", "failed"),
        };
        let mut line = Line::new(level, event)
            .field("job_id", d.id)
            .field("activity", d.activity.clone())
            .opt("contract_id", d.contract_id)
            .opt("external_id", d.external_id.clone())
            .field("dedupe_key", d.dedupe_key.clone())
            .field("body_sha256", d.body_sha256.clone())
            .field("attempt", attempt)
            .field("result", result)
            .field("duration_ms", started.elapsed().as_millis() as u64);
        match &outcome {
            Outcome::Retry { delay_ms, error } => {
                line = line
                    .field("retry_in_ms", *delay_ms)
                    .field("error", error.clone());
            }
            Outcome::Failed { error } => line = line.field("error", error.clone()),
            Outcome::Processed => {}
        }
        line.emit();
        outcome
    }

    fn backoff_ms(&self, attempt: i64) -> i64 {
        // The core's policy: exponential, capped, full jitter.
        let policy = RetryPolicy {
            max_attempts: u32::try_from(self.max_attempts).unwrap_or(u32::MAX),
            base_ms: u64::try_from(self.retry_base_ms).unwrap_or(1000),
            cap_ms: MAX_RETRY_DELAY_MS,
        };
        let attempt = u32::try_from(attempt).unwrap_or(u32::MAX);
        let delay = policy.backoff_ms(attempt, None, fastrand::f64(), 0);
        i64::try_from(delay).unwrap_or(i64::MAX)
    }

    fn exec(&self, cmd: &str, d: &StoredDelivery, attempt: i64) -> Result<(), String> {
        let doc = delivery_json::for_handler(d, attempt).to_string();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .stdin(Stdio::piped())
            // The receiver's stdout is its JSON log: keep the handler's output apart.
            .stdout(Stdio::from(std::io::stderr()))
            .env("SDKIT_DEDUPE_KEY", &d.dedupe_key)
            .env("SDKIT_ACTIVITY", &d.activity)
            .env("SDKIT_ATTEMPT", attempt.to_string())
            .env("SDKIT_JOB_ID", d.id.to_string())
            .spawn()
            .map_err(|e| format!("cannot start the --exec command: {e}"))?;
        if let Some(mut stdin) = child.stdin.take() {
            // A handler that never reads stdin must not block the worker.
            std::thread::spawn(move || {
                let _ = stdin.write_all(doc.as_bytes());
            });
        }
        let deadline = Instant::now() + self.timeout;
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(format!("--exec command failed ({status})")),
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "--exec command timed out after {} s",
                        self.timeout.as_secs()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(format!("cannot wait for the --exec command: {e}")),
            }
        }
    }
}

fn forward(agent: &ureq::Agent, url: &str, d: &StoredDelivery, attempt: i64) -> Result<(), String> {
    let doc = delivery_json::for_handler(d, attempt).to_string();
    match agent
        .post(url)
        .header("content-type", "application/json")
        .header("x-sdkit-dedupe-key", &d.dedupe_key)
        .send(doc.as_bytes())
    {
        Ok(resp) if resp.status().is_success() => Ok(()),
        Ok(resp) => Err(format!("--forward answered {}", resp.status().as_u16())),
        Err(e) => Err(format!("--forward failed: {e}")),
    }
}
