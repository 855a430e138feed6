//! `sdkit serve`: the reference receiver.
//!
//! Request path (async, hyper): size limit → [`Verifier::open`] → hand the
//! delivery to an ingest thread → answer once it is committed: 202 for a
//! new event, 200 `{"duplicate":true}` for one already stored, 503 when the
//! store fails (so SpotDraft retries).
//!
//! Ingest threads own write connections and group-commit whatever is
//! queued: many deliveries share one transaction and one fsync, and none is
//! answered before its commit. Worker threads claim pending deliveries from
//! the store with a lease (the attempt committed before the handler runs),
//! so work survives restarts and crashes and is run at least once. A
//! health thread pings the store; `/healthz` answers 503 while it is down.
//! An upkeep thread checkpoints SQLite's WAL, so that no ingest commit
//! (and no delivery waiting on it) does.
//!
//! [`Verifier::open`]: spotdraft_kit::Verifier::open

mod http;
mod reconcile;
pub use http::{target_fields, REQUEST_QUERY_SHA256, REQUEST_TARGET};
mod ingest;
mod process;
mod worker;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use spotdraft_kit::KeyEncoding;

use crate::cli::ServeArgs;
use crate::errors::{CliError, CliResult};
use crate::keys;
use crate::logline::Line;
use crate::store::{self, SingleInstanceGuard, StoreUrl};

/// Wakes idle workers when an ingest thread commits new deliveries.
#[derive(Default)]
pub struct Wake {
    pending: Mutex<bool>,
    cv: Condvar,
}

impl Wake {
    /// Signals new work to one idle worker (a worker that finds a full
    /// batch wakes the next one).
    pub fn notify(&self) {
        if let Ok(mut p) = self.pending.lock() {
            *p = true;
        }
        self.cv.notify_one();
    }

    /// Wakes every worker (to stop).
    pub fn notify_all(&self) {
        if let Ok(mut p) = self.pending.lock() {
            *p = true;
        }
        self.cv.notify_all();
    }

    /// Waits for new work or the timeout.
    pub fn wait(&self, timeout: Duration) {
        let Ok(mut p) = self.pending.lock() else {
            return;
        };
        if !*p {
            if let Ok((guard, _)) = self.cv.wait_timeout(p, timeout) {
                p = guard;
            } else {
                return;
            }
        }
        *p = false;
    }
}

/// Whether the store answered lately: set by the health thread's pings
/// and by every store operation that fails.
#[derive(Default)]
pub struct Health {
    down: AtomicBool,
}

impl Health {
    /// Whether `/healthz` should report the store reachable.
    pub fn is_up(&self) -> bool {
        !self.down.load(Ordering::SeqCst)
    }

    /// Records a store failure.
    pub fn failed(&self) {
        self.down.store(true, Ordering::SeqCst);
    }

    /// Records a store success.
    pub fn ok(&self) {
        self.down.store(false, Ordering::SeqCst);
    }
}

/// Pings the store every `every` until `stop`, logging each change.
fn watch_store(mut store: Box<dyn store::Store>, health: &Health, stop: &AtomicBool) {
    let every = Duration::from_millis(500);
    while !stop.load(Ordering::SeqCst) {
        let was_up = health.is_up();
        match store.ping() {
            Ok(()) => {
                health.ok();
                if !was_up {
                    Line::new("info", "store_reachable").emit();
                }
            }
            Err(err) => {
                health.failed();
                if was_up {
                    Line::new("error", "store_unreachable")
                        .field("error", err.message)
                        .emit();
                }
            }
        }
        std::thread::sleep(every);
    }
}

/// Runs the store's upkeep every 100 ms until `stop` (a failure is the
/// health thread's to report; the next round tries again).
fn keep_up(mut store: Box<dyn store::Store>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
        let _ = store.upkeep();
    }
}

/// Start-up warnings and refusals about where secrets come from.
fn check_secrets(args: &ServeArgs) -> CliResult<()> {
    for spec in &args.keys.keys {
        if let Some(warning) = spec.exposure_warning() {
            eprintln!("sdkit: warning: {warning}");
        }
        if let Some(warning) = spec.check_permissions()? {
            eprintln!("sdkit: warning: {warning}");
        }
    }
    let from_env = std::env::var("SDKIT_STORE").is_ok_and(|v| v == args.store.store);
    if !from_env && store::url_has_password(&args.store.store) {
        eprintln!(
            "sdkit: warning: the --store URL holds a password, which shows in `ps`; \
             leave it out and set {} (a file) or {} instead",
            store::PASSWORD_FILE_ENV,
            store::PASSWORD_ENV
        );
    }
    Ok(())
}

/// Runs until SIGTERM or SIGINT, then finishes in-flight requests and
/// commits, and exits 0.
pub fn run(args: &ServeArgs) -> CliResult<i32> {
    check_secrets(args)?;
    let encoding = KeyEncoding::parse(&args.keys.key_encoding).unwrap_or_default();
    let verifier = keys::verifier(&args.keys.keys, encoding, args.keys.policy())?
        .with_max_body_bytes(args.max_body_bytes);
    if !args.path.starts_with('/') {
        return Err(CliError::usage(format!(
            "--path {:?} must start with /",
            args.path
        )));
    }
    let url = store::parse_store_url(&args.store.store)
        .map_err(|e| CliError::usage(format!("--store: {e}")))?;
    let listen: std::net::SocketAddr = args.listen.parse().map_err(|_| {
        CliError::usage(format!(
            "--listen {:?}: expected IP:PORT, e.g. 127.0.0.1:8080",
            args.listen
        ))
    })?;
    let processor = process::Processor::from_args(args)?;
    let reconciler = reconcile::Reconciler::from_args(args)?;

    let guard = SingleInstanceGuard::acquire(&url)?;
    let sqlite = matches!(url, StoreUrl::Sqlite(_));
    let writers = if sqlite {
        1
    } else {
        usize::from(args.db_connections)
    };
    let workers = if args.no_worker {
        0
    } else {
        usize::from(args.workers)
    };
    // Every connection is opened before listening: a bad store fails fast.
    let mut writer_stores = (0..writers)
        .map(|_| store::open(&url))
        .collect::<CliResult<Vec<_>>>()?;
    // Claims and outcomes need no fsync of their own: a lost one is one
    // more attempt, and the next acknowledged delivery's commit syncs them.
    let mut worker_stores = (0..workers)
        .map(|_| store::open_with(&url, store::Durability::Deferred))
        .collect::<CliResult<Vec<_>>>()?;
    let mut health_store = store::open(&url)?;
    // SQLite's WAL checkpoints run on a connection of their own, never
    // inside an ingest commit that deliveries wait for.
    let upkeep_store = if sqlite {
        for s in writer_stores.iter_mut().chain(worker_stores.iter_mut()) {
            s.defer_upkeep()?;
        }
        Some(store::open(&url)?)
    } else {
        None
    };
    if sqlite {
        // This process alone serves the file: claims left behind are a
        // crash's, and run again now (counted as new attempts).
        let released = health_store.release_claims(crate::clock::now_ms())?;
        if released > 0 {
            Line::new("warn", "claims_released")
                .field("deliveries", released)
                .emit();
        }
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("cannot start the runtime: {e}")))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(listen))
        .map_err(|e| CliError::usage(format!("cannot listen on {listen}: {e}")))?;
    let addr = listener
        .local_addr()
        .map_err(|e| CliError::failure(format!("cannot read the bound address: {e}")))?;

    let wake = Arc::new(Wake::default());
    let health = Arc::new(Health::default());
    let (ingest_tx, ingest_rx) = tokio::sync::mpsc::channel(8192);
    let ingest_rx = Arc::new(Mutex::new(ingest_rx));
    let ingest_threads: Vec<_> = writer_stores
        .into_iter()
        .map(|s| {
            let (rx, wake, health) = (ingest_rx.clone(), wake.clone(), health.clone());
            std::thread::spawn(move || ingest::run(s, &rx, &wake, &health))
        })
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let poll = Duration::from_millis(args.poll_ms.max(10));
    let worker_threads: Vec<_> = worker_stores
        .into_iter()
        .map(|s| {
            let (processor, wake, stop) = (processor.clone(), wake.clone(), stop.clone());
            let health = health.clone();
            std::thread::spawn(move || worker::run(s, &processor, &wake, &health, &stop, poll))
        })
        .collect();
    let reconcile_thread = match reconciler {
        Some(r) => {
            let (store, wake, stop) = (store::open(&url)?, wake.clone(), stop.clone());
            Some(std::thread::spawn(move || r.run(store, &wake, &stop)))
        }
        None => None,
    };
    let health_thread = {
        let (health, stop) = (health.clone(), stop.clone());
        std::thread::spawn(move || watch_store(health_store, &health, &stop))
    };
    let upkeep_thread = upkeep_store.map(|store| {
        let stop = stop.clone();
        std::thread::spawn(move || keep_up(store, &stop))
    });

    Line::new("info", "listening")
        .field("addr", addr.to_string())
        .field("path", args.path.clone())
        .field("store", if sqlite { "sqlite" } else { "postgres" })
        .field("keys", verifier.len())
        .field("workers", workers)
        .field("processing", processor.describe())
        .emit();
    if let Some(path) = &args.addr_file {
        // Written after binding, atomically: scripts poll for it.
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, addr.to_string())
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
    }

    let state = Arc::new(http::State {
        verifier,
        path: args.path.clone(),
        health_path: args.health_path.clone(),
        max_body_bytes: args.max_body_bytes,
        ingest: ingest_tx,
        health,
        body_timeout: Duration::from_secs(args.body_timeout.max(1)),
        // At least one whole body, at most what the semaphore can count.
        inflight: Arc::new(tokio::sync::Semaphore::new(
            args.max_inflight_bytes
                .max(args.max_body_bytes)
                .clamp(1, tokio::sync::Semaphore::MAX_PERMITS),
        )),
    });
    let limits = http::Limits {
        header_timeout: Duration::from_secs(args.header_timeout.max(1)),
        max_connections: args.max_connections,
        shutdown_timeout: Duration::from_secs(args.shutdown_timeout),
    };
    runtime.block_on(http::serve(listener, state, limits));
    // Drops whatever outlived the timeout, and with it the last ingest sender.
    runtime.shutdown_timeout(Duration::from_secs(1));
    for t in ingest_threads {
        let _ = t.join();
    }
    stop.store(true, Ordering::SeqCst);
    wake.notify_all();
    for t in worker_threads {
        let _ = t.join();
    }
    let _ = health_thread.join();
    if let Some(t) = upkeep_thread {
        let _ = t.join();
    }
    if let Some(t) = reconcile_thread {
        let _ = t.join();
    }
    Line::new("info", "stopped").emit();
    drop(guard);
    Ok(0)
}
