//! Worker threads: claim due deliveries, run the handler, record outcomes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::process::Processor;
use super::{Health, Wake};
use crate::clock::now_ms;
use crate::logline::Line;
use crate::store::{Recorded, Store};

/// Processes due deliveries until `stop`; sleeps on `wake` (or `poll`,
/// which also catches retries falling due, ended leases and other
/// instances' inserts). Each claim is committed before its handler runs.
pub fn run(
    mut store: Box<dyn Store>,
    processor: &Processor,
    wake: &Wake,
    health: &Health,
    stop: &AtomicBool,
    poll: Duration,
) {
    let limit = processor.batch_size();
    while !stop.load(Ordering::SeqCst) {
        let claimed = if processor.settles_inline() {
            store.settle_due(now_ms(), limit)
        } else {
            store.claim(
                now_ms(),
                limit,
                processor.lease_ms(),
                processor.needs_body(),
            )
        };
        let due = match claimed {
            Ok(due) => due,
            Err(err) => {
                health.failed();
                Line::new("error", "worker_store_failed")
                    .field("error", err.message)
                    .emit();
                wake.wait(Duration::from_secs(1));
                continue;
            }
        };
        if due.is_empty() {
            wake.wait(poll);
            continue;
        }
        if due.len() == limit {
            // More may be due: another worker shares the work.
            wake.notify();
        }
        if processor.settles_inline() {
            processor.log_settled(&due);
            continue;
        }
        let outcomes: Vec<Recorded> = due
            .iter()
            .map(|d| Recorded {
                id: d.id,
                attempt: d.attempts,
                outcome: processor.handle(d),
            })
            .collect();
        record(&mut *store, &outcomes, health, stop);
    }
}

/// Commits the outcomes, retrying while the store is unreachable (the
/// handler already ran: its outcome is worth keeping until the lease ends).
fn record(store: &mut dyn Store, outcomes: &[Recorded], health: &Health, stop: &AtomicBool) {
    for _ in 0..30 {
        match store.record(outcomes, now_ms()) {
            Ok(written) => {
                if written < outcomes.len() {
                    Line::new("warn", "claim_lost")
                        .field("outcomes", outcomes.len())
                        .field("written", written)
                        .emit();
                }
                return;
            }
            Err(err) => {
                health.failed();
                Line::new("error", "worker_store_failed")
                    .field("error", err.message)
                    .emit();
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    }
}
