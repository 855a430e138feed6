//! `sdkit serve --reconcile-every`: one reconcile sweep per interval, from
//! the checkpoint the store keeps, its synthetic deliveries processed by
//! this receiver's workers.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use spotdraft_kit::api::Api;
use spotdraft_kit::reconcile::ReconcileMode;

use super::Wake;
use crate::api_client::Client;
use crate::cli::ServeArgs;
use crate::clock::{format_ms, now_ms, parse_since};
use crate::commands::api::config;
use crate::commands::reconcile::{sweep, CHECKPOINT};
use crate::errors::{CliError, CliResult};
use crate::logline::Line;
use crate::store::Store;

/// How often the thread looks at the stop flag while it waits.
const TICK: Duration = Duration::from_millis(200);

/// The scheduled sweeps of one receiver.
pub struct Reconciler {
    api: Api,
    every_ms: i64,
}

impl Reconciler {
    /// `None` without `--reconcile-every`; refuses a bad interval or a
    /// missing API config at start.
    pub fn from_args(args: &ServeArgs) -> CliResult<Option<Reconciler>> {
        let Some(every) = &args.reconcile_every else {
            return Ok(None);
        };
        let every_ms = match parse_since(every, 0) {
            Some(ms) if ms < 0 && every.ends_with(['s', 'm', 'h', 'd']) => -ms,
            _ => {
                return Err(CliError::usage(format!(
                    "--reconcile-every wants 30m, 1h or 1d, got {every:?}"
                )))
            }
        };
        Ok(Some(Reconciler {
            api: config()?,
            every_ms,
        }))
    }

    /// Sweeps once per interval until `stop` (the first one an interval
    /// after start), logging each outcome and waking the workers.
    pub fn run(self, mut store: Box<dyn Store>, wake: &Wake, stop: &AtomicBool) {
        let client = Client::new();
        let mut due = now_ms() + self.every_ms;
        while !stop.load(Ordering::SeqCst) {
            if now_ms() < due {
                std::thread::sleep(TICK);
                continue;
            }
            let now = now_ms();
            due = now + self.every_ms;
            let checkpoint = match store.checkpoint(CHECKPOINT) {
                Ok(Some(c)) => c,
                Ok(None) => format_ms(now - self.every_ms),
                Err(err) => {
                    failed(&err.message);
                    continue;
                }
            };
            match sweep(
                store.as_mut(),
                &self.api,
                &client,
                &checkpoint,
                ReconcileMode::Synthetic,
                now,
            ) {
                Ok(done) => {
                    let s = &done.summary;
                    let mut line = Line::new(
                        if done.failure.is_some() {
                            "warn"
                        } else {
                            "info"
                        },
                        "reconcile_swept",
                    )
                    .field("checkpoint", checkpoint.clone())
                    .field("complete", s["complete"].as_bool().unwrap_or(false))
                    .field("moved", s["moved"].as_array().map_or(0, Vec::len))
                    .field("enqueued", s["enqueued"].as_u64().unwrap_or(0));
                    if let Some(err) = &done.failure {
                        line = line.field("error", err.to_string());
                    }
                    line.emit();
                    if s["enqueued"].as_u64().unwrap_or(0) > 0 {
                        wake.notify();
                    }
                }
                Err(err) => failed(&err.message),
            }
        }
    }
}

fn failed(error: &str) {
    Line::new("error", "reconcile_failed")
        .field("error", error.to_owned())
        .emit();
}
