//! The delivery store: one table, `sdkit_deliveries`, with the same schema
//! in SQLite (the embedded default) and PostgreSQL (several receivers).
//!
//! Deduplication is the table's unique `dedupe_key` with
//! `INSERT ... ON CONFLICT DO NOTHING`; the worker queue is the `status`
//! column. PostgreSQL workers claim rows with `FOR UPDATE SKIP LOCKED`, so
//! any number of `sdkit serve` instances never process one event twice;
//! a SQLite file is served by one process at a time (see
//! [`SingleInstanceGuard`]).

mod postgres_store;
mod sqlite_store;

use std::fs::File;

use crate::errors::{CliError, CliResult};

pub use postgres_store::PostgresStore;
pub use sqlite_store::SqliteStore;

/// A verified delivery about to be persisted.
#[derive(Clone, Debug)]
pub struct NewDelivery {
    /// The core's dedupe key: the table's unique key.
    pub dedupe_key: String,
    /// When the receiver got it.
    pub received_at_ms: i64,
    /// Activity wire string.
    pub activity: String,
    /// `contract_id`, when present.
    pub contract_id: Option<i64>,
    /// `external_metadata.id`, when present.
    pub external_id: Option<String>,
    /// `activity_data.timestamp`, when present.
    pub occurred_at: Option<String>,
    /// SHA-256 of the raw body.
    pub body_sha256: String,
    /// Index of the key that matched.
    pub key_index: i64,
    /// Label of the key that matched.
    pub key_id: Option<String>,
    /// Selected request headers, as a JSON object.
    pub headers: String,
    /// The raw body, byte for byte.
    pub body: Vec<u8>,
}

/// What an insert did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// A new event, queued under this row id.
    New(i64),
    /// The dedupe key was already stored: nothing was written or queued.
    Duplicate,
}

/// A stored delivery.
#[derive(Clone, Debug, Default)]
pub struct StoredDelivery {
    /// Row id (the queue job id in logs).
    pub id: i64,
    /// Dedupe key.
    pub dedupe_key: String,
    /// When it was received.
    pub received_at_ms: i64,
    /// Activity wire string.
    pub activity: String,
    /// Contract id.
    pub contract_id: Option<i64>,
    /// External id.
    pub external_id: Option<String>,
    /// Event timestamp.
    pub occurred_at: Option<String>,
    /// SHA-256 of the raw body.
    pub body_sha256: String,
    /// Index of the key that matched.
    pub key_index: i64,
    /// Label of the key that matched.
    pub key_id: Option<String>,
    /// Selected request headers (JSON object).
    pub headers: String,
    /// `pending`, `processed` or `failed`.
    pub status: String,
    /// Committed processing attempts.
    pub attempts: i64,
    /// When the next attempt is due.
    pub next_attempt_ms: i64,
    /// When processing succeeded.
    pub processed_at_ms: Option<i64>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// The raw body (loaded only where needed).
    pub body: Option<Vec<u8>>,
}

/// What processing one delivery came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done: mark processed.
    Processed,
    /// Try again after a delay.
    Retry {
        /// Delay before the next attempt.
        delay_ms: i64,
        /// Why it failed (no personal data).
        error: String,
    },
    /// Give up: mark failed.
    Failed {
        /// Why it failed (no personal data).
        error: String,
    },
}

/// `sdkit log` filters.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Received at or after.
    pub since_ms: Option<i64>,
    /// Activity, exact.
    pub activity: Option<String>,
    /// Contract id.
    pub contract_id: Option<i64>,
    /// Status.
    pub status: Option<String>,
    /// At most this many (the newest); 0 for all.
    pub limit: i64,
}

/// The handler [`Store::process_due`] calls for each claimed delivery.
pub type Handler<'a> = dyn FnMut(&StoredDelivery) -> Outcome + 'a;

/// Storage operations. Implementations are synchronous and are only used
/// from plain threads, never inside the async runtime.
pub trait Store: Send {
    /// Persists verified deliveries in one transaction; duplicates (already
    /// stored, or earlier in the batch) write nothing.
    fn insert_batch(&mut self, batch: &[NewDelivery]) -> CliResult<Vec<Inserted>>;

    /// Claims up to `limit` pending deliveries due at `now_ms`, calls
    /// `handler` on each (with the body only when `with_body`: a handler
    /// that only logs leaves large bodies on disk) and records the
    /// outcomes (attempts + 1).
    /// Returns how many were handled.
    fn process_due(
        &mut self,
        now_ms: i64,
        limit: usize,
        with_body: bool,
        handler: &mut Handler<'_>,
    ) -> CliResult<usize>;

    /// Deliveries matching `filter`, oldest first, without bodies.
    fn list(&mut self, filter: &Filter) -> CliResult<Vec<StoredDelivery>>;

    /// One delivery with its body.
    fn get(&mut self, dedupe_key: &str) -> CliResult<Option<StoredDelivery>>;

    /// Marks a delivery pending again, due now. False when not found.
    fn requeue(&mut self, dedupe_key: &str, now_ms: i64) -> CliResult<bool>;
}

/// Which backend a `--store` URL names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreUrl {
    /// A SQLite file.
    Sqlite(String),
    /// A PostgreSQL connection string.
    Postgres(String),
}

/// Parses `--store`: `sqlite:PATH`, `sqlite://PATH`, or `postgres://...`.
pub fn parse_store_url(url: &str) -> Result<StoreUrl, String> {
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        if path.is_empty() {
            return Err("sqlite: needs a file path, e.g. sqlite:./spotdraft-inbox.db".into());
        }
        return Ok(StoreUrl::Sqlite(path.to_owned()));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(StoreUrl::Postgres(url.to_owned()));
    }
    Err("expected sqlite:PATH or postgres://user@host/db".into())
}

/// Opens (and creates the schema of) the store.
pub fn open(url: &StoreUrl) -> CliResult<Box<dyn Store>> {
    Ok(match url {
        StoreUrl::Sqlite(path) => Box::new(SqliteStore::open(path)?),
        StoreUrl::Postgres(conn) => Box::new(PostgresStore::connect(conn)?),
    })
}

/// For `log`/`replay`: opens an existing store without creating a SQLite
/// file by mistake.
pub fn open_existing(url: &StoreUrl) -> CliResult<Box<dyn Store>> {
    if let StoreUrl::Sqlite(path) = url {
        if !std::path::Path::new(path).exists() {
            return Err(CliError::usage(format!(
                "no store at {path}: start `sdkit serve --store sqlite:{path}` first, or pass --store"
            )));
        }
    }
    open(url)
}

/// Held by `sdkit serve` for a SQLite store: a second server on the same
/// file would process deliveries twice, so it is refused. PostgreSQL needs
/// no guard.
pub struct SingleInstanceGuard {
    _file: Option<File>,
}

impl SingleInstanceGuard {
    /// Takes the guard, or explains who holds it.
    pub fn acquire(url: &StoreUrl) -> CliResult<Self> {
        let StoreUrl::Sqlite(path) = url else {
            return Ok(SingleInstanceGuard { _file: None });
        };
        let lock_path = format!("{path}.serve-lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| CliError::usage(format!("cannot open {lock_path}: {e}")))?;
        file.try_lock().map_err(|_| {
            CliError::usage(format!(
                "another `sdkit serve` is using {path}; a SQLite store is served by one process \
                 (use --store postgres://... for several instances)"
            ))
        })?;
        Ok(SingleInstanceGuard { _file: Some(file) })
    }
}

/// The columns every query selects, in [`StoredDelivery`] order (without
/// the body).
pub(crate) const COLUMNS: &str = "id, dedupe_key, received_at_ms, activity, contract_id, \
     external_id, occurred_at, body_sha256, key_index, key_id, headers, status, attempts, \
     next_attempt_ms, processed_at_ms, last_error";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            parse_store_url("sqlite:./x.db").unwrap(),
            StoreUrl::Sqlite("./x.db".into())
        );
        assert_eq!(
            parse_store_url("sqlite:///tmp/x.db").unwrap(),
            StoreUrl::Sqlite("/tmp/x.db".into())
        );
        assert!(matches!(
            parse_store_url("postgres://u@127.0.0.1/db").unwrap(),
            StoreUrl::Postgres(_)
        ));
        assert!(parse_store_url("mysql://x").is_err());
        assert!(parse_store_url("sqlite:").is_err());
    }
}
