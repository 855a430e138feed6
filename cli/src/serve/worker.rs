//! Worker threads: process pending deliveries from the store.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::process::Processor;
use super::Wake;
use crate::clock::now_ms;
use crate::logline::Line;
use crate::store::Store;

/// Processes due deliveries until `stop`; sleeps on `wake` (or `poll`,
/// which also catches retries falling due and other instances' inserts).
pub fn run(
    mut store: Box<dyn Store>,
    processor: &Processor,
    wake: &Wake,
    stop: &AtomicBool,
    poll: Duration,
) {
    while !stop.load(Ordering::SeqCst) {
        match store.process_due(
            now_ms(),
            processor.batch_size(),
            processor.needs_body(),
            &mut |d| processor.handle(d),
        ) {
            Ok(0) => wake.wait(poll),
            Ok(_) => {}
            Err(err) => {
                Line::new("error", "worker_store_failed")
                    .field("error", err.message)
                    .emit();
                wake.wait(Duration::from_secs(1));
            }
        }
    }
}
