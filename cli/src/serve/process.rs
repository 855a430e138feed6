//! What "processing a delivery" means: log it (default), run `--exec`, or
//! POST to `--forward`; failures retry with exponential backoff and jitter.
//!
//! Guarantees: the attempt is committed before the handler starts (see
//! [`crate::store`]), so a handler runs at least once per event and a re-run
//! after a crash is counted. `--exec` gets the idempotency key
//! (`SDKIT_IDEMPOTENCY_KEY`, the dedupe key) and `SDKIT_ATTEMPT`, runs in a
//! process group of its own with key and store credentials removed from
//! its environment, and a timeout kills the whole group. `--forward` sends
//! `Idempotency-Key`; the outcome is committed only on the answer, so a
//! target that honours the header applies each event exactly once.

use std::io::Write as _;
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use spotdraft_kit::api::RetryPolicy;

use crate::cli::ServeArgs;
use crate::delivery_json;
use crate::errors::{CliError, CliResult};
use crate::logline::Line;
use crate::store::{Outcome, StoredDelivery};

/// Longest retry delay.
const MAX_RETRY_DELAY_MS: u64 = 300_000;

/// A claim outlives the handler timeout by this much: time to stop the
/// handler and commit its outcome.
const LEASE_GRACE_MS: i64 = 5_000;

/// Variables a handler never inherits, besides the `env:VAR` key sources
/// and the store's credentials.
const SECRET_ENV: [&str; 2] = ["SPOTDRAFT_HMAC_KEYS", "CREDENTIALS_DIRECTORY"];

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
    scrubbed_env: Vec<String>,
}

impl Processor {
    /// From `sdkit serve` flags.
    pub fn from_args(args: &ServeArgs) -> CliResult<Self> {
        let timeout = Duration::from_secs(args.handler_timeout.max(1));
        let action = match (&args.exec, &args.forward) {
            (Some(cmd), _) => {
                check_exec(cmd)?;
                Action::Exec(cmd.clone())
            }
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
        let mut scrubbed_env: Vec<String> = SECRET_ENV
            .iter()
            .chain(crate::store::CREDENTIAL_ENV.iter())
            .map(|v| (*v).to_owned())
            .collect();
        scrubbed_env.extend(
            args.keys
                .keys
                .iter()
                .filter_map(|k| k.env_var().map(str::to_owned)),
        );
        Ok(Processor {
            action,
            max_attempts: args.max_attempts,
            retry_base_ms: args.retry_base_ms.max(1),
            timeout,
            scrubbed_env,
        })
    }

    /// How long a claim lasts: the handler timeout and a grace period.
    pub fn lease_ms(&self) -> i64 {
        i64::try_from(self.timeout.as_millis()).unwrap_or(i64::MAX / 2) + LEASE_GRACE_MS
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

    /// Whether the handler has no side effect (the default one logs): its
    /// deliveries are settled in the claiming statement, with no second
    /// transaction (a crash may lose a log line, never the store's record).
    pub fn settles_inline(&self) -> bool {
        matches!(self.action, Action::Log)
    }

    /// Whether the handler reads the body (the default one only logs).
    pub fn needs_body(&self) -> bool {
        !matches!(self.action, Action::Log)
    }

    /// Processes one claimed delivery (its `attempts` is this attempt's
    /// number) and logs the result.
    pub fn handle(&self, d: &StoredDelivery) -> Outcome {
        let (outcome, line) = self.run(d);
        line.emit();
        outcome
    }

    /// Logs deliveries the claiming statement already settled (the default
    /// handler, [`Processor::settles_inline`]): one write for the batch.
    pub fn log_settled(&self, settled: &[StoredDelivery]) {
        Line::emit_all(settled.iter().map(|d| self.run(d).1));
    }

    /// Runs the handler on one delivery: its outcome and the line to log.
    fn run(&self, d: &StoredDelivery) -> (Outcome, Line) {
        let attempt = d.attempts;
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
        (outcome, line)
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
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(cmd)
            // Its own process group: a timeout stops everything it started.
            .process_group(0)
            .stdin(Stdio::piped())
            // The receiver's stdout is its JSON log: keep the handler's output apart.
            .stdout(Stdio::from(std::io::stderr()))
            .env("SDKIT_IDEMPOTENCY_KEY", &d.dedupe_key)
            .env("SDKIT_DEDUPE_KEY", &d.dedupe_key)
            .env("SDKIT_ACTIVITY", &d.activity)
            .env("SDKIT_ATTEMPT", attempt.to_string())
            .env("SDKIT_JOB_ID", d.id.to_string());
        for var in &self.scrubbed_env {
            command.env_remove(var);
        }
        let mut child = command
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
                    kill_group(&mut child);
                    return Err(format!(
                        "--exec command timed out after {} s",
                        self.timeout.as_secs()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(2)),
                Err(e) => return Err(format!("cannot wait for the --exec command: {e}")),
            }
        }
    }
}

/// SIGKILL to the handler's whole process group, then reaps the shell.
fn kill_group(child: &mut Child) {
    // The shell leads the group: its pid is the group id.
    let pgid = rustix::process::Pid::from_child(child);
    let _ = rustix::process::kill_process_group(pgid, rustix::process::Signal::KILL);
    let _ = child.kill();
    let _ = child.wait();
}

/// Refuses at start an `--exec` command whose program does not exist or
/// cannot run (it would fail every attempt with exit code 126 or 127): the
/// first word that is not a `NAME=value` assignment must be an executable
/// file, a command on PATH or a shell builtin. A first word the shell would
/// expand (quotes, `$`, globs, subshells) is left to the shell.
fn check_exec(cmd: &str) -> CliResult<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let Some(program) = cmd
        .split_whitespace()
        .find(|w| !w.contains('=') || w.starts_with('='))
    else {
        return Err(CliError::usage("--exec: the command is empty"));
    };
    if program.contains(|c: char| "'\"$`\\*?[({~".contains(c)) {
        return Ok(());
    }
    let refused = |why: &str| Err(CliError::usage(format!("--exec: {program:?} {why}")));
    if program.contains('/') {
        return match std::fs::metadata(program) {
            Ok(m) if m.is_file() && m.permissions().mode() & 0o111 != 0 => Ok(()),
            Ok(m) if m.is_file() => refused("is not executable (chmod +x it)"),
            Ok(_) => refused("is not a file"),
            Err(e) => refused(&format!("cannot be run: {e}")),
        };
    }
    let found = Command::new("sh")
        .args(["-c", "command -v -- \"$1\" >/dev/null 2>&1", "sh", program])
        .stdin(Stdio::null())
        .status()
        .map_err(|e| CliError::failure(format!("cannot run sh to check --exec: {e}")))?;
    if found.success() {
        Ok(())
    } else {
        refused("is not a command on PATH or a shell builtin")
    }
}

fn forward(agent: &ureq::Agent, url: &str, d: &StoredDelivery, attempt: i64) -> Result<(), String> {
    let doc = delivery_json::for_handler(d, attempt).to_string();
    match agent
        .post(url)
        .header("content-type", "application/json")
        // The same key on every attempt: the target applies the event once.
        .header("idempotency-key", &d.dedupe_key)
        .header("x-sdkit-dedupe-key", &d.dedupe_key)
        .header("x-sdkit-attempt", attempt.to_string())
        .send(doc.as_bytes())
    {
        Ok(resp) if resp.status().is_success() => Ok(()),
        Ok(resp) => Err(format!("--forward answered {}", resp.status().as_u16())),
        Err(e) => Err(format!("--forward failed: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_handlers_are_refused_at_start() {
        assert!(check_exec("cat > /dev/null").is_ok());
        assert!(check_exec("FOO=1 exit 0").is_ok());
        assert!(check_exec("\"$HANDLER\" --flag").is_ok());
        let err = check_exec("./no-such-handler --x").unwrap_err();
        assert!(err.message.contains("no-such-handler"), "{}", err.message);
        assert!(check_exec("no-such-command-sdkit").is_err());
        assert!(check_exec("   ").is_err());
    }
}
