//! SQLite: WAL journal, one serving process per file, any number of
//! connections in it.
//!
//! Write transactions of one process take [`WRITE_LOCK`] first: SQLite's
//! own busy handler sleeps (1 ms, then longer) when connections contend,
//! which would cost more than the transactions themselves. Connections of
//! other processes (`sdkit replay`) still wait through the busy timeout.

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::{
    activities_json, webhook_record, Filter, Inserted, NewDelivery, Outcome, Recorded, Store,
    StoredDelivery, ADD_WEBHOOK_SQL, CHECKPOINT_SCHEMA, COLUMNS, JOINED, MIGRATE_QUEUE_SQL,
    QUEUE_COLUMNS, REGISTRY_SCHEMA, REMOVE_WEBHOOK_SQL, REQUEUE_SQL, SEEN_SQL, SET_CHECKPOINT_SQL,
    WEBHOOKS_SQL,
};
use spotdraft_kit::webhook_registry::WebhookRecord;

use crate::errors::{CliError, CliResult};

/// The events as received: written once, never updated (the body last).
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sdkit_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key      TEXT    NOT NULL UNIQUE,
    received_at_ms  BIGINT  NOT NULL,
    activity        TEXT    NOT NULL,
    contract_id     BIGINT,
    external_id     TEXT,
    occurred_at     TEXT,
    body_sha256     TEXT    NOT NULL,
    key_index       INTEGER NOT NULL,
    key_id          TEXT,
    headers         TEXT    NOT NULL,
    body            BLOB    NOT NULL
);
CREATE INDEX IF NOT EXISTS sdkit_deliveries_received ON sdkit_deliveries (received_at_ms);
";

/// The queue: one narrow row per delivery, under the delivery's id. The
/// due index holds only the rows still to run, so it stays small.
const QUEUE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sdkit_queue (
    id              INTEGER PRIMARY KEY,
    status          TEXT    NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT  NOT NULL,
    processed_at_ms BIGINT,
    last_error      TEXT
);
CREATE INDEX IF NOT EXISTS sdkit_queue_due ON sdkit_queue (next_attempt_ms)
    WHERE status IN ('pending', 'running');
";

/// The queue columns that a claim returns, in [`StoredDelivery`] order.
const QUEUE_RETURNING: &str = "id, status, attempts, next_attempt_ms, processed_at_ms, last_error";

/// A SQLite store.
pub struct SqliteStore {
    conn: Connection,
}

/// Serialises this process's write transactions (see the module docs).
static WRITE_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn write_lock() -> std::sync::MutexGuard<'static, ()> {
    // The guarded data is (): a panic elsewhere leaves nothing inconsistent.
    WRITE_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn db_err(e: rusqlite::Error) -> CliError {
    CliError::store(e)
}

impl SqliteStore {
    /// Opens or creates the file and its schema. `Durability::Fsync`
    /// commits reach the disk before they return (`synchronous=FULL`);
    /// `Durability::Deferred` commits survive a crash of this process at
    /// once and a power loss with the next fsync'd commit
    /// (`synchronous=NORMAL`, the WAL is synced in order).
    pub fn open(path: &str, durability: super::Durability) -> CliResult<Self> {
        let conn = Connection::open(path)
            .map_err(|e| CliError::usage(format!("cannot open SQLite store {path}: {e}")))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(db_err)?;
        // WAL lets `sdkit log` read while the server writes; FULL makes every
        // commit durable before the receiver answers 2xx.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_err)?;
        let synchronous = match durability {
            super::Durability::Fsync => "FULL",
            super::Durability::Deferred => "NORMAL",
        };
        conn.pragma_update(None, "synchronous", synchronous)
            .map_err(db_err)?;
        conn.execute_batch(SCHEMA).map_err(db_err)?;
        conn.execute_batch(QUEUE_SCHEMA).map_err(db_err)?;
        conn.execute_batch(CHECKPOINT_SCHEMA).map_err(db_err)?;
        conn.execute_batch(REGISTRY_SCHEMA).map_err(db_err)?;
        let mut store = SqliteStore { conn };
        store.migrate_queue()?;
        Ok(store)
    }

    /// Whether `sdkit_deliveries` still holds the queue columns (a store
    /// created before the queue had a table of its own).
    fn predates_queue_table(&self) -> CliResult<bool> {
        self.conn
            .query_row(
                "SELECT count(*) FROM pragma_table_info('sdkit_deliveries') WHERE name = 'status'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(db_err)
    }

    /// Moves the queue columns of an older store into `sdkit_queue`, in one
    /// transaction (checked again inside it: two processes may open the
    /// store at once).
    fn migrate_queue(&mut self) -> CliResult<()> {
        if !self.predates_queue_table()? {
            return Ok(());
        }
        let _lock = write_lock();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db_err)?;
        let still_old: i64 = tx
            .query_row(
                "SELECT count(*) FROM pragma_table_info('sdkit_deliveries') WHERE name = 'status'",
                [],
                |r| r.get(0),
            )
            .map_err(db_err)?;
        if still_old > 0 {
            tx.execute(MIGRATE_QUEUE_SQL, []).map_err(db_err)?;
            // The old due index covers columns about to go.
            tx.execute_batch("DROP INDEX IF EXISTS sdkit_deliveries_due")
                .map_err(db_err)?;
            for column in QUEUE_COLUMNS {
                tx.execute_batch(&format!(
                    "ALTER TABLE sdkit_deliveries DROP COLUMN {column}"
                ))
                .map_err(db_err)?;
            }
        }
        tx.commit().map_err(db_err)
    }

    /// The deliveries (with their queue rows) of `ids`, oldest first.
    fn load(
        tx: &rusqlite::Transaction<'_>,
        ids: &[i64],
        with_body: bool,
    ) -> CliResult<Vec<StoredDelivery>> {
        let body = if with_body { "d.body" } else { "NULL" };
        let mut stmt = tx
            .prepare_cached(&format!(
                "SELECT {COLUMNS}, {body} FROM {JOINED} WHERE d.id = ?1"
            ))
            .map_err(db_err)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(d) = stmt
                .query_row(params![id], |r| {
                    let mut d = row_to_delivery(r)?;
                    d.body = r.get(16)?;
                    Ok(d)
                })
                .optional()
                .map_err(db_err)?
            {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// Runs a queue `UPDATE ... RETURNING id` and loads what it touched, in
    /// one write transaction.
    fn update_and_load(
        &mut self,
        update: &str,
        args: impl rusqlite::Params,
        with_body: bool,
    ) -> CliResult<Vec<StoredDelivery>> {
        let _lock = write_lock();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db_err)?;
        let mut ids: Vec<i64> = {
            let mut stmt = tx.prepare_cached(update).map_err(db_err)?;
            let rows = stmt.query_map(args, |r| r.get(0)).map_err(db_err)?;
            rows.collect::<rusqlite::Result<_>>().map_err(db_err)?
        };
        ids.sort_unstable();
        let out = Self::load(&tx, &ids, with_body)?;
        tx.commit().map_err(db_err)?;
        Ok(out)
    }
}

fn row_to_delivery(row: &Row<'_>) -> rusqlite::Result<StoredDelivery> {
    Ok(StoredDelivery {
        id: row.get(0)?,
        dedupe_key: row.get(1)?,
        received_at_ms: row.get(2)?,
        activity: row.get(3)?,
        contract_id: row.get(4)?,
        external_id: row.get(5)?,
        occurred_at: row.get(6)?,
        body_sha256: row.get(7)?,
        key_index: row.get(8)?,
        key_id: row.get(9)?,
        headers: row.get(10)?,
        status: row.get(11)?,
        attempts: row.get(12)?,
        next_attempt_ms: row.get(13)?,
        processed_at_ms: row.get(14)?,
        last_error: row.get(15)?,
        body: None,
    })
}

impl Store for SqliteStore {
    fn insert_batch(&mut self, batch: &[NewDelivery]) -> CliResult<Vec<Inserted>> {
        let _lock = write_lock();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db_err)?;
        let mut out = Vec::with_capacity(batch.len());
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO sdkit_deliveries (dedupe_key, received_at_ms, activity, \
                     contract_id, external_id, occurred_at, body_sha256, key_index, key_id, \
                     headers, body) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
                     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
                )
                .map_err(db_err)?;
            let mut queue = tx
                .prepare_cached("INSERT INTO sdkit_queue (id, next_attempt_ms) VALUES (?1, ?2)")
                .map_err(db_err)?;
            for d in batch {
                let id: Option<i64> = stmt
                    .query_row(
                        params![
                            d.dedupe_key,
                            d.received_at_ms,
                            d.activity,
                            d.contract_id,
                            d.external_id,
                            d.occurred_at,
                            d.body_sha256,
                            d.key_index,
                            d.key_id,
                            d.headers,
                            d.body,
                        ],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(db_err)?;
                if let Some(id) = id {
                    queue
                        .execute(params![id, d.received_at_ms])
                        .map_err(db_err)?;
                }
                out.push(id.map_or(Inserted::Duplicate, Inserted::New));
            }
        }
        tx.commit().map_err(db_err)?;
        Ok(out)
    }

    fn claim(
        &mut self,
        now_ms: i64,
        limit: usize,
        lease_ms: i64,
        with_body: bool,
    ) -> CliResult<Vec<StoredDelivery>> {
        // IMMEDIATE: the select and the update are one write transaction,
        // so two workers never claim one row. `+id`: find due rows through
        // the small due index and sort them, rather than walk the whole
        // queue in id order. The limit is written into the statement: SQLite
        // re-prepares a statement on every new binding of a LIMIT parameter.
        self.update_and_load(
            &format!(
                "UPDATE sdkit_queue SET status = 'running', attempts = attempts + 1, \
                 next_attempt_ms = ?2 WHERE id IN (SELECT id FROM sdkit_queue \
                 WHERE status IN ('pending', 'running') AND next_attempt_ms <= ?1 \
                 ORDER BY +id LIMIT {limit}) RETURNING {QUEUE_RETURNING}"
            ),
            params![now_ms, now_ms + lease_ms],
            with_body,
        )
    }

    fn settle_due(&mut self, now_ms: i64, limit: usize) -> CliResult<Vec<StoredDelivery>> {
        self.update_and_load(
            &format!(
                "UPDATE sdkit_queue SET status = 'processed', attempts = attempts + 1, \
                 processed_at_ms = ?1, last_error = NULL WHERE id IN (SELECT id FROM \
                 sdkit_queue WHERE status IN ('pending', 'running') AND next_attempt_ms <= ?1 \
                 ORDER BY +id LIMIT {limit}) RETURNING {QUEUE_RETURNING}"
            ),
            params![now_ms],
            false,
        )
    }

    fn record(&mut self, outcomes: &[Recorded], now_ms: i64) -> CliResult<usize> {
        let _lock = write_lock();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db_err)?;
        let mut written = 0;
        for r in outcomes {
            written += record_outcome(&tx, r, now_ms)?;
        }
        tx.commit().map_err(db_err)?;
        Ok(written)
    }

    fn release_claims(&mut self, now_ms: i64) -> CliResult<usize> {
        let _lock = write_lock();
        self.conn
            .execute(
                "UPDATE sdkit_queue SET status = 'pending', next_attempt_ms = ?1 \
                 WHERE status = 'running'",
                params![now_ms],
            )
            .map_err(db_err)
    }

    fn ping(&mut self) -> CliResult<()> {
        self.conn
            .query_row("SELECT 1", [], |_| Ok(()))
            .map_err(db_err)
    }

    fn defer_upkeep(&mut self) -> CliResult<()> {
        // By default the connection whose commit fills the WAL past 1,000
        // pages checkpoints it inside that commit: the ingest thread, with
        // every waiting delivery behind it.
        self.conn
            .pragma_update(None, "wal_autocheckpoint", 0)
            .map_err(db_err)
    }

    fn upkeep(&mut self) -> CliResult<()> {
        // PASSIVE never waits for readers or writers. The first copies the
        // bulk of the WAL while writers go on; the second, with this
        // process's writers held off, copies the few frames committed
        // meanwhile, so the WAL is wholly copied and the next write starts
        // it again from the top (else it grows for as long as writes go on).
        let checkpoint = |conn: &Connection| {
            conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                .map_err(db_err)
        };
        checkpoint(&self.conn)?;
        let _lock = write_lock();
        checkpoint(&self.conn)
    }

    fn list(&mut self, filter: &Filter) -> CliResult<Vec<StoredDelivery>> {
        let mut sql = format!("SELECT {COLUMNS} FROM {JOINED} WHERE 1=1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(since) = filter.since_ms {
            args.push(since.into());
            sql.push_str(&format!(" AND d.received_at_ms >= ?{}", args.len()));
        }
        if let Some(activity) = &filter.activity {
            args.push(activity.clone().into());
            sql.push_str(&format!(" AND d.activity = ?{}", args.len()));
        }
        if let Some(contract) = filter.contract_id {
            args.push(contract.into());
            sql.push_str(&format!(" AND d.contract_id = ?{}", args.len()));
        }
        if let Some(status) = &filter.status {
            args.push(status.clone().into());
            sql.push_str(&format!(" AND q.status = ?{}", args.len()));
        }
        sql.push_str(" ORDER BY d.id DESC");
        if filter.limit > 0 {
            sql.push_str(&format!(" LIMIT {}", filter.limit));
        }
        let mut stmt = self.conn.prepare(&sql).map_err(db_err)?;
        let rows = stmt
            .query_map(params_from_iter(args), row_to_delivery)
            .map_err(db_err)?;
        let mut out: Vec<StoredDelivery> = rows.collect::<rusqlite::Result<_>>().map_err(db_err)?;
        out.reverse();
        Ok(out)
    }

    fn get(&mut self, dedupe_key: &str) -> CliResult<Option<StoredDelivery>> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS}, d.body FROM {JOINED} WHERE d.dedupe_key = ?1"),
                params![dedupe_key],
                |r| {
                    let mut d = row_to_delivery(r)?;
                    d.body = Some(r.get(16)?);
                    Ok(d)
                },
            )
            .optional()
            .map_err(db_err)
    }

    fn requeue(&mut self, dedupe_key: &str, now_ms: i64) -> CliResult<bool> {
        let n = self
            .conn
            .execute(REQUEUE_SQL, params![dedupe_key, now_ms])
            .map_err(db_err)?;
        Ok(n > 0)
    }

    fn seen_per_contract(&mut self) -> CliResult<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare(SEEN_SQL).map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_err)
    }

    fn checkpoint(&mut self, name: &str) -> CliResult<Option<String>> {
        self.conn
            .query_row(
                "SELECT value FROM sdkit_checkpoints WHERE name = ?1",
                params![name],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err)
    }

    fn set_checkpoint(&mut self, name: &str, value: &str) -> CliResult<()> {
        let _lock = write_lock();
        self.conn
            .execute(SET_CHECKPOINT_SQL, params![name, value])
            .map(drop)
            .map_err(db_err)
    }

    fn webhooks(&mut self) -> CliResult<Vec<WebhookRecord>> {
        let mut stmt = self.conn.prepare(WEBHOOKS_SQL).map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| {
                let activities: String = r.get(3)?;
                Ok(webhook_record(
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    &activities,
                    r.get(4)?,
                ))
            })
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_err)
    }

    fn add_webhook(&mut self, w: &WebhookRecord, now_ms: i64) -> CliResult<()> {
        let _lock = write_lock();
        let activities = activities_json(w);
        self.conn
            .execute(
                ADD_WEBHOOK_SQL,
                params![w.id, w.title, w.url, activities, w.environment, now_ms],
            )
            .map(drop)
            .map_err(db_err)
    }

    fn remove_webhook(&mut self, id: &str) -> CliResult<bool> {
        let _lock = write_lock();
        let n = self
            .conn
            .execute(REMOVE_WEBHOOK_SQL, params![id])
            .map_err(db_err)?;
        Ok(n > 0)
    }
}

/// Writes one outcome if its claim is still current (same attempt, still
/// running); returns the rows written (0 or 1).
fn record_outcome(tx: &rusqlite::Transaction<'_>, r: &Recorded, now_ms: i64) -> CliResult<usize> {
    const CURRENT: &str = "WHERE id = ?1 AND attempts = ?2 AND status = 'running'";
    match &r.outcome {
        Outcome::Processed => tx.execute(
            &format!(
                "UPDATE sdkit_queue SET status = 'processed', processed_at_ms = ?3, \
                 last_error = NULL {CURRENT}"
            ),
            params![r.id, r.attempt, now_ms],
        ),
        Outcome::Retry { delay_ms, error } => tx.execute(
            &format!(
                "UPDATE sdkit_queue SET status = 'pending', next_attempt_ms = ?3, \
                 last_error = ?4 {CURRENT}"
            ),
            params![r.id, r.attempt, now_ms + delay_ms, error],
        ),
        Outcome::Failed { error } => tx.execute(
            &format!("UPDATE sdkit_queue SET status = 'failed', last_error = ?3 {CURRENT}"),
            params![r.id, r.attempt, error],
        ),
    }
    .map_err(db_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A delivery under `key`, received at 1,000, with a 2-byte body.
    pub(super) fn delivery(key: &str) -> NewDelivery {
        NewDelivery {
            dedupe_key: key.into(),
            received_at_ms: 1_000,
            activity: "CONTRACT_EXECUTED".into(),
            contract_id: Some(1),
            external_id: None,
            occurred_at: None,
            body_sha256: "00".into(),
            key_index: 0,
            key_id: None,
            headers: "{}".into(),
            body: b"{}".to_vec(),
        }
    }

    fn temp_store(name: &str) -> (SqliteStore, std::path::PathBuf) {
        let path = std::env::temp_dir().join(format!("sdkit-{name}-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let store = SqliteStore::open(path.to_str().unwrap(), super::super::Durability::Fsync);
        (store.unwrap(), path)
    }

    #[test]
    fn an_expired_lease_is_claimed_again_and_the_attempt_counted() {
        let (mut store, path) = temp_store("lease");
        store.insert_batch(&[delivery("a"), delivery("b")]).unwrap();
        let first = store.claim(2_000, 1, 500, false).unwrap();
        assert_eq!((first.len(), first[0].attempts), (1, 1));
        // Within the lease a second worker gets the other row only.
        let other = store.claim(2_100, 5, 500, false).unwrap();
        assert_eq!(other.len(), 1);
        assert_ne!(other[0].id, first[0].id);
        // The lease ends: the row is claimed again, as attempt 2.
        let again = store.claim(2_600, 5, 500, false).unwrap();
        assert_eq!(again.len(), 2, "both leases ended");
        let a = again.iter().find(|d| d.id == first[0].id).unwrap();
        assert_eq!((a.attempts, a.status.as_str()), (2, "running"));
        // The first worker's late outcome no longer counts; the current one does.
        let late = Recorded {
            id: a.id,
            attempt: 1,
            outcome: Outcome::Processed,
        };
        assert_eq!(store.record(&[late], 2_700).unwrap(), 0);
        let current = Recorded {
            id: a.id,
            attempt: 2,
            outcome: Outcome::Processed,
        };
        assert_eq!(store.record(&[current], 2_700).unwrap(), 1);
        let row = store.get("a").unwrap().unwrap();
        assert_eq!((row.status.as_str(), row.attempts), ("processed", 2));
        // After a crash, claims are released at start and due at once.
        assert_eq!(store.release_claims(2_800).unwrap(), 1);
        let b = store.claim(2_800, 5, 500, false).unwrap();
        assert_eq!((b.len(), b[0].attempts), (1, 3));
        drop(store);
        std::fs::remove_file(path).unwrap();
    }
}

#[cfg(test)]
mod upkeep_tests {
    use super::*;

    fn batch(from: usize, n: usize) -> Vec<NewDelivery> {
        (from..from + n)
            .map(|i| NewDelivery {
                body: vec![b'x'; 2048],
                ..super::tests::delivery(&format!("k{i}"))
            })
            .collect()
    }

    /// Frames in the WAL (the probe checkpoints too, which is harmless here).
    fn wal_frames(path: &std::path::Path) -> i64 {
        Connection::open(path)
            .unwrap()
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1))
            .unwrap()
    }

    #[test]
    fn deferred_upkeep_leaves_commits_alone_and_upkeep_lets_the_wal_start_again() {
        let path = std::env::temp_dir().join(format!("sdkit-upkeep-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let open = || SqliteStore::open(path.to_str().unwrap(), super::super::Durability::Fsync);
        let (mut writer, mut upkeep) = (open().unwrap(), open().unwrap());
        writer.defer_upkeep().unwrap();
        for i in 0..15 {
            writer.insert_batch(&batch(i * 100, 100)).unwrap();
        }
        // No checkpoint ran inside those commits (by default one would
        // have, past 1,000 pages, and the WAL would have started again).
        assert!(wal_frames(&path) > 1_500);
        // The probe copied it all: the WAL starts again and grows anew.
        for i in 15..27 {
            writer.insert_batch(&batch(i * 100, 100)).unwrap();
        }
        upkeep.upkeep().unwrap();
        // All copied by upkeep: the next commit writes the WAL from the top.
        writer.insert_batch(&batch(2_700, 1)).unwrap();
        assert!(wal_frames(&path) < 50);
        assert_eq!(writer.list(&Filter::default()).unwrap().len(), 2_701);
        drop((writer, upkeep));
        std::fs::remove_file(path).unwrap();
    }
}

#[cfg(test)]
mod migration_tests {
    use super::*;

    /// The one-table schema of stores created before the queue table.
    const OLD_SCHEMA: &str = "
    CREATE TABLE sdkit_deliveries (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        dedupe_key      TEXT    NOT NULL UNIQUE,
        received_at_ms  BIGINT  NOT NULL,
        activity        TEXT    NOT NULL,
        contract_id     BIGINT,
        external_id     TEXT,
        occurred_at     TEXT,
        body_sha256     TEXT    NOT NULL,
        key_index       INTEGER NOT NULL,
        key_id          TEXT,
        headers         TEXT    NOT NULL,
        body            BLOB    NOT NULL,
        status          TEXT    NOT NULL DEFAULT 'pending',
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms BIGINT  NOT NULL,
        processed_at_ms BIGINT,
        last_error      TEXT
    );
    CREATE INDEX sdkit_deliveries_due ON sdkit_deliveries (status, next_attempt_ms);
    CREATE INDEX sdkit_deliveries_received ON sdkit_deliveries (received_at_ms);
    INSERT INTO sdkit_deliveries (dedupe_key, received_at_ms, activity, contract_id,
        body_sha256, key_index, headers, body, status, attempts, next_attempt_ms,
        processed_at_ms, last_error) VALUES
        ('done', 10, 'CONTRACT_EXECUTED', 7, 'aa', 0, '{}', X'7B7D', 'processed', 1, 10, 20, NULL),
        ('later', 11, 'CONTRACT_SIGNED', 8, 'bb', 0, '{}', X'7B317D', 'pending', 2, 9000, NULL, 'exit 1'),
        ('gave-up', 12, 'CONTRACT_SIGNED', 9, 'cc', 1, '{}', X'7B327D', 'failed', 5, 12, NULL, 'exit 2'),
        ('due', 13, 'CONTRACT_SIGNED', 9, 'dd', 0, '{}', X'7B337D', 'pending', 0, 13, NULL, NULL);
    ";

    fn by_key(rows: &[StoredDelivery], key: &str) -> StoredDelivery {
        rows.iter().find(|d| d.dedupe_key == key).unwrap().clone()
    }

    #[test]
    fn a_store_from_before_the_queue_table_opens_and_keeps_its_events() {
        let path = std::env::temp_dir().join(format!("sdkit-migrate-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        Connection::open(&path)
            .unwrap()
            .execute_batch(OLD_SCHEMA)
            .unwrap();
        let open = || SqliteStore::open(path.to_str().unwrap(), super::super::Durability::Fsync);
        let mut store = open().unwrap();
        assert!(!store.predates_queue_table().unwrap());
        let rows = store.list(&Filter::default()).unwrap();
        assert_eq!(rows.len(), 4);
        let done = by_key(&rows, "done");
        assert_eq!(
            (done.status.as_str(), done.attempts, done.processed_at_ms),
            ("processed", 1, Some(20))
        );
        let later = by_key(&rows, "later");
        assert_eq!(
            (later.status.as_str(), later.attempts, later.next_attempt_ms),
            ("pending", 2, 9000)
        );
        assert_eq!(later.last_error.as_deref(), Some("exit 1"));
        let gave_up = by_key(&rows, "gave-up");
        assert_eq!((gave_up.status.as_str(), gave_up.attempts), ("failed", 5));
        assert_eq!(gave_up.key_index, 1);
        assert_eq!(store.get("later").unwrap().unwrap().body.unwrap(), b"{1}");
        // Only the due one is claimed; the retry waits for its time.
        let claimed = store.claim(1_000, 10, 500, true).unwrap();
        assert_eq!(claimed.len(), 1);
        assert_eq!(
            (claimed[0].dedupe_key.as_str(), claimed[0].attempts),
            ("due", 1)
        );
        assert_eq!(claimed[0].body.as_deref(), Some(&b"{3}"[..]));
        // Old events still dedupe; new ones follow the old ids.
        let new = NewDelivery {
            received_at_ms: 2_000,
            ..super::tests::delivery("new")
        };
        let mut old = new.clone();
        old.dedupe_key = "done".into();
        let inserted = store.insert_batch(&[old, new]).unwrap();
        assert_eq!(inserted[0], Inserted::Duplicate);
        assert!(
            matches!(inserted[1], Inserted::New(id) if id > 4),
            "{inserted:?}"
        );
        // Requeue reaches the queue row; the claim of "due" has ended.
        assert!(store.requeue("done", 3_000).unwrap());
        let again = store.settle_due(3_000, 10).unwrap();
        let keys: Vec<&str> = again.iter().map(|d| d.dedupe_key.as_str()).collect();
        assert_eq!(keys, ["done", "due", "new"]);
        assert_eq!(by_key(&again, "done").attempts, 2);
        assert_eq!(by_key(&again, "due").attempts, 2);
        drop(store);
        // Opening again finds nothing left to migrate.
        let mut store = open().unwrap();
        assert_eq!(store.list(&Filter::default()).unwrap().len(), 5);
        drop(store);
        std::fs::remove_file(path).unwrap();
    }
}
