//! Ingest threads: group commit of verified deliveries.

use std::sync::Mutex;

use tokio::sync::{mpsc, oneshot};

use super::{Health, Wake};
use crate::logline::Line;
use crate::store::{Inserted, NewDelivery, Store};

/// Most deliveries committed in one transaction.
const MAX_BATCH: usize = 256;

/// One delivery waiting for its commit.
pub struct IngestJob {
    /// What to store.
    pub delivery: NewDelivery,
    /// Where the outcome goes (the request is waiting on it).
    pub reply: oneshot::Sender<Result<Inserted, String>>,
}

/// Takes everything queued (up to [`MAX_BATCH`]), commits it in one
/// transaction, then answers each request. Returns when every sender is
/// gone and the queue is empty.
pub fn run(
    mut store: Box<dyn Store>,
    rx: &Mutex<mpsc::Receiver<IngestJob>>,
    wake: &Wake,
    health: &Health,
) {
    loop {
        let mut jobs = Vec::new();
        {
            let Ok(mut rx) = rx.lock() else { return };
            match rx.blocking_recv() {
                Some(job) => jobs.push(job),
                None => return,
            }
            while jobs.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(job) => jobs.push(job),
                    Err(_) => break,
                }
            }
        }
        let (deliveries, replies): (Vec<_>, Vec<_>) =
            jobs.into_iter().map(|j| (j.delivery, j.reply)).unzip();
        match store.insert_batch(&deliveries) {
            Ok(outcomes) => {
                health.ok();
                if outcomes.iter().any(|o| matches!(o, Inserted::New(_))) {
                    wake.notify();
                }
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            Err(err) => {
                health.failed();
                Line::new("error", "store_write_failed")
                    .field("deliveries", deliveries.len())
                    .field("error", err.message.clone())
                    .emit();
                for reply in replies {
                    let _ = reply.send(Err(err.message.clone()));
                }
            }
        }
    }
}
