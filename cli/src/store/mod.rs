//! The delivery store: two tables with the same schema in SQLite (the
//! embedded default) and PostgreSQL (several receivers).
//!
//! `sdkit_deliveries` holds each event as received (metadata, headers and
//! the raw body), written once at ingest and never updated. The worker
//! queue lives in `sdkit_queue`, a narrow row per delivery under the same
//! id: status, attempts, lease, outcome. Claims and outcomes rewrite only
//! these small rows, never the row that holds the body. Stores created
//! before the split are migrated when opened (see [`QUEUE_COLUMNS`]).
//!
//! Deduplication is the unique `dedupe_key` of `sdkit_deliveries` with
//! `INSERT ... ON CONFLICT DO NOTHING`: every event is stored once, and
//! its queue row is written in the same transaction.
//!
//! The queue uses leased claims. A worker
//! claims due rows in a transaction of their own that sets `running`,
//! counts the attempt (`attempts + 1`) and sets `next_attempt_ms` to the end
//! of the lease, and commits *before* the handler starts. The outcome is
//! committed afterwards, only while the claim is still the worker's. A
//! crash leaves the claim behind: its lease expires (PostgreSQL, where
//! other instances may be running) or the next start releases it (SQLite,
//! one process per file, see [`SingleInstanceGuard`]), and the next
//! attempt is counted, so a re-run shows in `sdkit log`. Handlers therefore
//! run at least once per event; PostgreSQL claims use
//! `FOR UPDATE SKIP LOCKED`, so instances never claim one row together.

mod postgres_store;
mod sqlite_store;

use std::fs::File;

use spotdraft_kit::webhook_registry::WebhookRecord;

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
    /// `pending`, `running` (claimed), `processed` or `failed`.
    pub status: String,
    /// Processing attempts, counted when claimed (a claimed delivery
    /// carries its own attempt number).
    pub attempts: i64,
    /// When the next attempt is due (for a claim: when its lease ends).
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

/// The outcome of one claimed attempt, for [`Store::record`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// Row id.
    pub id: i64,
    /// The attempt number the claim counted.
    pub attempt: i64,
    /// What the handler came to.
    pub outcome: Outcome,
}

/// Storage operations. Implementations are synchronous and are only used
/// from plain threads, never inside the async runtime.
pub trait Store: Send {
    /// Persists verified deliveries in one transaction; duplicates (already
    /// stored, or earlier in the batch) write nothing.
    fn insert_batch(&mut self, batch: &[NewDelivery]) -> CliResult<Vec<Inserted>>;

    /// Claims up to `limit` deliveries due at `now_ms` (pending, or claims
    /// whose lease ended) and commits the claim: status `running`, the
    /// attempt counted, the lease until `now_ms + lease_ms`. Bodies are
    /// loaded only when `with_body` (a handler that only logs leaves large
    /// bodies on disk). Oldest first.
    fn claim(
        &mut self,
        now_ms: i64,
        limit: usize,
        lease_ms: i64,
        with_body: bool,
    ) -> CliResult<Vec<StoredDelivery>>;

    /// For a handler without side effects (the default, which logs):
    /// claims up to `limit` due deliveries and marks them processed in one
    /// statement (attempt counted), without bodies. Oldest first.
    fn settle_due(&mut self, now_ms: i64, limit: usize) -> CliResult<Vec<StoredDelivery>>;

    /// Commits outcomes in one transaction. An outcome whose claim is no
    /// longer current (its lease ended and another worker took it) writes
    /// nothing; returns how many were written.
    fn record(&mut self, outcomes: &[Recorded], now_ms: i64) -> CliResult<usize>;

    /// Releases every claim at once (due now). Only for a store no other
    /// process serves: `sdkit serve` on SQLite calls it at start, after a
    /// crash left claims behind.
    fn release_claims(&mut self, now_ms: i64) -> CliResult<usize>;

    /// Whether the store answers (`/healthz`); reconnects when it can.
    fn ping(&mut self) -> CliResult<()>;

    /// Leaves log upkeep to [`Store::upkeep`] on another connection, so
    /// that commits on this one never wait for it. SQLite: no automatic WAL
    /// checkpoint on this connection. PostgreSQL: nothing to do.
    fn defer_upkeep(&mut self) -> CliResult<()> {
        Ok(())
    }

    /// Background upkeep, run every so often by `sdkit serve`. SQLite: a
    /// passive WAL checkpoint (copies committed pages into the database
    /// file; commits are already durable in the WAL). PostgreSQL: nothing.
    fn upkeep(&mut self) -> CliResult<()> {
        Ok(())
    }

    /// Deliveries matching `filter`, oldest first, without bodies.
    fn list(&mut self, filter: &Filter) -> CliResult<Vec<StoredDelivery>>;

    /// One delivery with its body.
    fn get(&mut self, dedupe_key: &str) -> CliResult<Option<StoredDelivery>>;

    /// Marks a delivery pending again, due now. False when not found.
    fn requeue(&mut self, dedupe_key: &str, now_ms: i64) -> CliResult<bool>;

    /// What the inbox has seen per contract: `(contract_id,
    /// activity_data.timestamp)` of every delivery that carries both, for
    /// the reconcile planner (which keeps the latest per contract).
    fn seen_per_contract(&mut self) -> CliResult<Vec<(i64, String)>>;

    /// The stored checkpoint `name` (`reconcile`), if any.
    fn checkpoint(&mut self, name: &str) -> CliResult<Option<String>>;

    /// Stores checkpoint `name`, replacing the old value.
    fn set_checkpoint(&mut self, name: &str, value: &str) -> CliResult<()>;

    /// The webhook registry (SpotDraft cannot list webhooks), oldest first.
    fn webhooks(&mut self) -> CliResult<Vec<WebhookRecord>>;

    /// Persists a webhook SpotDraft created, at `now_ms`.
    fn add_webhook(&mut self, record: &WebhookRecord, now_ms: i64) -> CliResult<()>;

    /// Removes webhook `id` from the registry; false when it was not there.
    fn remove_webhook(&mut self, id: &str) -> CliResult<bool>;
}

/// The registry table, the same in SQLite and PostgreSQL; `activities` is
/// a JSON list.
const REGISTRY_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sdkit_webhooks (
    id            TEXT   NOT NULL PRIMARY KEY,
    title         TEXT   NOT NULL,
    url           TEXT   NOT NULL,
    activities    TEXT   NOT NULL,
    environment   TEXT   NOT NULL,
    created_at_ms BIGINT NOT NULL
);
";

/// The registry's statements, written for both backends (`$n` parameters).
const WEBHOOKS_SQL: &str =
    "SELECT id, title, url, activities, environment FROM sdkit_webhooks ORDER BY created_at_ms, id";
const ADD_WEBHOOK_SQL: &str = "INSERT INTO sdkit_webhooks \
     (id, title, url, activities, environment, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6) \
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, url = excluded.url, \
     activities = excluded.activities, environment = excluded.environment";
const REMOVE_WEBHOOK_SQL: &str = "DELETE FROM sdkit_webhooks WHERE id = $1";

/// A registry row from its columns (`activities` as stored).
fn webhook_record(
    id: String,
    title: String,
    url: String,
    activities: &str,
    environment: String,
) -> WebhookRecord {
    WebhookRecord {
        id,
        title,
        url,
        activities: serde_json::from_str(activities).unwrap_or_default(),
        environment,
    }
}

/// `activities` as stored.
fn activities_json(record: &WebhookRecord) -> String {
    serde_json::Value::from(record.activities.clone()).to_string()
}

/// The checkpoint table, the same in SQLite and PostgreSQL.
const CHECKPOINT_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sdkit_checkpoints (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
";

/// The columns that moved from `sdkit_deliveries` to `sdkit_queue`: a store
/// whose `sdkit_deliveries` still has them predates the split, and opening
/// it copies them into `sdkit_queue` and drops them (in one transaction).
pub(crate) const QUEUE_COLUMNS: [&str; 5] = [
    "status",
    "attempts",
    "next_attempt_ms",
    "processed_at_ms",
    "last_error",
];

/// Copies the queue columns of a store that predates the split into
/// `sdkit_queue` (the same in both backends).
pub(crate) const MIGRATE_QUEUE_SQL: &str = "INSERT INTO sdkit_queue \
     (id, status, attempts, next_attempt_ms, processed_at_ms, last_error) \
     SELECT id, status, attempts, next_attempt_ms, processed_at_ms, last_error \
     FROM sdkit_deliveries";

/// The query behind [`Store::seen_per_contract`], the same in both backends.
const SEEN_SQL: &str = "SELECT contract_id, occurred_at FROM sdkit_deliveries \
                        WHERE contract_id IS NOT NULL AND occurred_at IS NOT NULL";

/// The upsert behind [`Store::set_checkpoint`] (`$1`/`$2` are accepted by both).
const SET_CHECKPOINT_SQL: &str = "INSERT INTO sdkit_checkpoints (name, value) VALUES ($1, $2) \
                                  ON CONFLICT (name) DO UPDATE SET value = excluded.value";

/// Which backend a `--store` URL names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreUrl {
    /// A SQLite file.
    Sqlite(String),
    /// A PostgreSQL connection string.
    Postgres(String),
}

/// Where a PostgreSQL password may come from instead of the URL (which
/// shows in `ps` when given as `--store`): a file named by this variable...
pub const PASSWORD_FILE_ENV: &str = "SDKIT_STORE_PASSWORD_FILE";
/// ...or libpq's variable.
pub const PASSWORD_ENV: &str = "PGPASSWORD";

/// Environment variables that may hold store credentials: `serve` keeps
/// them out of handler environments.
pub const CREDENTIAL_ENV: [&str; 3] = ["SDKIT_STORE", PASSWORD_ENV, PASSWORD_FILE_ENV];

/// The PostgreSQL password from [`PASSWORD_FILE_ENV`] or [`PASSWORD_ENV`],
/// when either is set.
pub fn password_from_env() -> CliResult<Option<String>> {
    if let Some(path) = std::env::var_os(PASSWORD_FILE_ENV) {
        let text = std::fs::read_to_string(&path).map_err(|e| {
            CliError::usage(format!(
                "cannot read {PASSWORD_FILE_ENV} {}: {e}",
                std::path::Path::new(&path).display()
            ))
        })?;
        return Ok(Some(text.trim_end_matches(['\r', '\n']).to_owned()));
    }
    Ok(std::env::var(PASSWORD_ENV).ok())
}

/// Whether a `postgres://` URL carries a password (`user:secret@host`).
pub fn url_has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    authority
        .rsplit_once('@')
        .is_some_and(|(userinfo, _)| userinfo.contains(':'))
        || url.contains("password=")
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

/// When a commit is on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// Before the commit returns: for deliveries about to be acknowledged.
    Fsync,
    /// At once against a crash of this process, against a power loss or a
    /// database crash with the next `Fsync` commit (SQLite
    /// `synchronous=NORMAL`, PostgreSQL `synchronous_commit=off`): for
    /// claims and outcomes, where a lost one means one more attempt.
    Deferred,
}

/// Opens (and creates the schema of) the store, with `Fsync` commits.
pub fn open(url: &StoreUrl) -> CliResult<Box<dyn Store>> {
    open_with(url, Durability::Fsync)
}

/// Opens the store with the given commit durability.
pub fn open_with(url: &StoreUrl, durability: Durability) -> CliResult<Box<dyn Store>> {
    Ok(match url {
        StoreUrl::Sqlite(path) => Box::new(SqliteStore::open(path, durability)?),
        StoreUrl::Postgres(conn) => Box::new(PostgresStore::connect(conn, durability)?),
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
/// the body), from [`JOINED`].
pub(crate) const COLUMNS: &str = "d.id, d.dedupe_key, d.received_at_ms, d.activity, \
     d.contract_id, d.external_id, d.occurred_at, d.body_sha256, d.key_index, d.key_id, \
     d.headers, q.status, q.attempts, q.next_attempt_ms, q.processed_at_ms, q.last_error";

/// A delivery with its queue row.
pub(crate) const JOINED: &str = "sdkit_deliveries d JOIN sdkit_queue q ON q.id = d.id";

/// The statement behind [`Store::requeue`]. `$n` parameters suit both
/// backends as long as they first appear in order (SQLite numbers them so).
pub(crate) const REQUEUE_SQL: &str = "WITH target AS \
     (SELECT id FROM sdkit_deliveries WHERE dedupe_key = $1) \
     UPDATE sdkit_queue SET status = 'pending', next_attempt_ms = $2 \
     WHERE id IN (SELECT id FROM target)";

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

    #[test]
    fn passwords_in_urls() {
        assert!(url_has_password("postgres://u:secret@127.0.0.1/db"));
        assert!(!url_has_password("postgres://u@127.0.0.1/db"));
        assert!(!url_has_password("postgres://127.0.0.1/db?user=a:b"));
        assert!(url_has_password("postgres://u@h/db?password=x"));
    }
}
