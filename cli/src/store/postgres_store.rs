//! PostgreSQL: the same table; `ON CONFLICT DO NOTHING` for dedupe and
//! `FOR UPDATE SKIP LOCKED` for the queue, so several receivers can share
//! one database. A closed connection (server restart, failover) is opened
//! again on the next use, with exponential backoff between tries.

use std::time::{Duration, Instant};

use postgres::types::ToSql;
use postgres::{Client, Config, NoTls, Row};

use super::{
    activities_json, webhook_record, Filter, Inserted, NewDelivery, Outcome, Recorded, Store,
    StoredDelivery, ADD_WEBHOOK_SQL, CHECKPOINT_SCHEMA, COLUMNS, JOINED, MIGRATE_QUEUE_SQL,
    QUEUE_COLUMNS, REGISTRY_SCHEMA, REMOVE_WEBHOOK_SQL, REQUEUE_SQL, SEEN_SQL, SET_CHECKPOINT_SQL,
    WEBHOOKS_SQL,
};
use spotdraft_kit::webhook_registry::WebhookRecord;

use crate::errors::{CliError, CliResult};

/// The events as received: written once, never updated.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sdkit_deliveries (
    id              BIGSERIAL PRIMARY KEY,
    dedupe_key      TEXT    NOT NULL UNIQUE,
    received_at_ms  BIGINT  NOT NULL,
    activity        TEXT    NOT NULL,
    contract_id     BIGINT,
    external_id     TEXT,
    occurred_at     TEXT,
    body_sha256     TEXT    NOT NULL,
    key_index       BIGINT  NOT NULL,
    key_id          TEXT,
    headers         TEXT    NOT NULL,
    body            BYTEA   NOT NULL
);
CREATE INDEX IF NOT EXISTS sdkit_deliveries_received ON sdkit_deliveries (received_at_ms);
CREATE TABLE IF NOT EXISTS sdkit_queue (
    id              BIGINT  PRIMARY KEY,
    status          TEXT    NOT NULL DEFAULT 'pending',
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT  NOT NULL,
    processed_at_ms BIGINT,
    last_error      TEXT
);
CREATE INDEX IF NOT EXISTS sdkit_queue_due ON sdkit_queue (next_attempt_ms)
    WHERE status IN ('pending', 'running');
";

/// Whether `sdkit_deliveries` still holds the queue columns.
const PREDATES_QUEUE_SQL: &str = "SELECT count(*) FROM information_schema.columns \
     WHERE table_schema = current_schema() AND table_name = 'sdkit_deliveries' \
     AND column_name = 'status'";

/// First and longest wait between reconnection tries.
const BACKOFF_MIN: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_secs(5);

/// A PostgreSQL store: one connection, reopened after it closes.
pub struct PostgresStore {
    config: Config,
    durability: super::Durability,
    client: Option<Client>,
    backoff: Duration,
    next_try: Instant,
}

fn db_err(e: postgres::Error) -> CliError {
    CliError::store(e)
}

fn connect_err(e: &postgres::Error) -> String {
    format!("cannot connect to PostgreSQL: {e}")
}

impl PostgresStore {
    /// Connects and creates the schema. Plain TCP or a Unix socket: put a
    /// TLS-terminating proxy in front for a remote database. A password
    /// missing from the URL is taken from the environment
    /// ([`super::password_from_env`]). `Durability::Deferred` sets
    /// `synchronous_commit = off` on this connection.
    pub fn connect(url: &str, durability: super::Durability) -> CliResult<Self> {
        let mut config: Config = url
            .parse()
            .map_err(|e| CliError::usage(format!("--store: not a PostgreSQL URL: {e}")))?;
        if config.get_connect_timeout().is_none() {
            // A failover target that does not answer must not hang a worker.
            config.connect_timeout(Duration::from_secs(5));
        }
        if config.get_password().is_none() {
            if let Some(password) = super::password_from_env()? {
                config.password(password);
            }
        }
        let mut client = config
            .connect(NoTls)
            .map_err(|e| CliError::usage(connect_err(&e)))?;
        // Two instances starting together may race on CREATE TABLE: an
        // advisory lock serialises schema creation.
        let mut tx = client.transaction().map_err(db_err)?;
        tx.execute("SELECT pg_advisory_xact_lock(7317001)", &[])
            .map_err(db_err)?;
        tx.batch_execute(SCHEMA).map_err(db_err)?;
        let old: i64 = tx
            .query_one(PREDATES_QUEUE_SQL, &[])
            .map_err(db_err)?
            .get(0);
        if old > 0 {
            // A store from before the queue had a table of its own: move the
            // queue columns there (the old due index goes with them).
            tx.execute(MIGRATE_QUEUE_SQL, &[]).map_err(db_err)?;
            let drops: Vec<String> = QUEUE_COLUMNS
                .iter()
                .map(|c| format!("DROP COLUMN {c}"))
                .collect();
            tx.batch_execute(&format!(
                "ALTER TABLE sdkit_deliveries {}",
                drops.join(", ")
            ))
            .map_err(db_err)?;
        }
        tx.batch_execute(CHECKPOINT_SCHEMA).map_err(db_err)?;
        tx.batch_execute(REGISTRY_SCHEMA).map_err(db_err)?;
        tx.commit().map_err(db_err)?;
        set_durability(&mut client, durability)?;
        Ok(PostgresStore {
            config,
            durability,
            client: Some(client),
            backoff: BACKOFF_MIN,
            next_try: Instant::now(),
        })
    }

    /// The open connection, reconnecting when it closed and the backoff
    /// allows; an error while the server is unreachable.
    fn conn(&mut self) -> CliResult<&mut Client> {
        if self.client.as_ref().is_some_and(Client::is_closed) {
            self.client = None;
        }
        if self.client.is_none() {
            let now = Instant::now();
            if now < self.next_try {
                return Err(CliError::store("PostgreSQL is unreachable; reconnecting"));
            }
            match self.config.connect(NoTls) {
                Ok(mut client) => {
                    set_durability(&mut client, self.durability)?;
                    crate::logline::Line::new("info", "store_reconnected").emit();
                    self.client = Some(client);
                    self.backoff = BACKOFF_MIN;
                }
                Err(e) => {
                    self.next_try = now + self.backoff;
                    self.backoff = (self.backoff * 2).min(BACKOFF_MAX);
                    return Err(CliError::store(connect_err(&e)));
                }
            }
        }
        self.client
            .as_mut()
            .ok_or_else(|| CliError::store("PostgreSQL is unreachable"))
    }
}

fn set_durability(client: &mut Client, durability: super::Durability) -> CliResult<()> {
    if durability == super::Durability::Deferred {
        client
            .batch_execute("SET synchronous_commit = off")
            .map_err(db_err)?;
    }
    Ok(())
}

fn row_to_delivery(row: &Row) -> StoredDelivery {
    StoredDelivery {
        id: row.get(0),
        dedupe_key: row.get(1),
        received_at_ms: row.get(2),
        activity: row.get(3),
        contract_id: row.get(4),
        external_id: row.get(5),
        occurred_at: row.get(6),
        body_sha256: row.get(7),
        key_index: row.get(8),
        key_id: row.get(9),
        headers: row.get(10),
        status: row.get(11),
        attempts: row.get(12),
        next_attempt_ms: row.get(13),
        processed_at_ms: row.get(14),
        last_error: row.get(15),
        body: None,
    }
}

/// A claiming statement: `set` applied to up to `limit` due queue rows
/// (locked rows skipped), returning each with its delivery and `body`.
fn claim_sql(set: &str, limit: &str, body: &str) -> String {
    format!(
        "WITH q AS (UPDATE sdkit_queue SET {set} WHERE id IN (SELECT id FROM sdkit_queue \
         WHERE status IN ('pending', 'running') AND next_attempt_ms <= $1 ORDER BY id \
         LIMIT {limit} FOR UPDATE SKIP LOCKED) RETURNING *) \
         SELECT {COLUMNS}, {body} FROM q JOIN sdkit_deliveries d ON d.id = q.id ORDER BY d.id"
    )
}

/// Claimed rows with their bodies (NULL when not loaded).
fn loaded(rows: &[Row]) -> Vec<StoredDelivery> {
    rows.iter()
        .map(|row| {
            let mut d = row_to_delivery(row);
            d.body = row.get(16);
            d
        })
        .collect()
}

impl Store for PostgresStore {
    fn insert_batch(&mut self, batch: &[NewDelivery]) -> CliResult<Vec<Inserted>> {
        // Insert in dedupe-key order: two instances inserting overlapping
        // batches then take row locks in the same order and cannot deadlock.
        let mut order: Vec<usize> = (0..batch.len()).collect();
        order.sort_by(|&a, &b| batch[a].dedupe_key.cmp(&batch[b].dedupe_key));
        let mut out = vec![Inserted::Duplicate; batch.len()];
        let mut tx = self.conn()?.transaction().map_err(db_err)?;
        let stmt = tx
            .prepare(
                "WITH d AS (INSERT INTO sdkit_deliveries (dedupe_key, received_at_ms, activity, \
                 contract_id, external_id, occurred_at, body_sha256, key_index, key_id, \
                 headers, body) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                 ON CONFLICT (dedupe_key) DO NOTHING RETURNING id) \
                 INSERT INTO sdkit_queue (id, next_attempt_ms) SELECT id, $2 FROM d RETURNING id",
            )
            .map_err(db_err)?;
        for i in order {
            let d = &batch[i];
            let row = tx
                .query_opt(
                    &stmt,
                    &[
                        &d.dedupe_key,
                        &d.received_at_ms,
                        &d.activity,
                        &d.contract_id,
                        &d.external_id,
                        &d.occurred_at,
                        &d.body_sha256,
                        &d.key_index,
                        &d.key_id,
                        &d.headers,
                        &d.body,
                    ],
                )
                .map_err(db_err)?;
            out[i] = row.map_or(Inserted::Duplicate, |r| Inserted::New(r.get(0)));
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
        let body = if with_body { "d.body" } else { "NULL::bytea" };
        // SKIP LOCKED: instances claiming at the same time take different
        // rows. The claim commits at once; the row is not locked while the
        // handler runs, the lease keeps others off it.
        let rows = self
            .conn()?
            .query(
                &claim_sql(
                    "status = 'running', attempts = attempts + 1, next_attempt_ms = $2",
                    "$3",
                    body,
                ),
                &[
                    &now_ms,
                    &(now_ms + lease_ms),
                    &i64::try_from(limit).unwrap_or(64),
                ],
            )
            .map_err(db_err)?;
        Ok(loaded(&rows))
    }

    fn settle_due(&mut self, now_ms: i64, limit: usize) -> CliResult<Vec<StoredDelivery>> {
        let rows = self
            .conn()?
            .query(
                &claim_sql(
                    "status = 'processed', attempts = attempts + 1, processed_at_ms = $1, \
                     last_error = NULL",
                    "$2",
                    "NULL::bytea",
                ),
                &[&now_ms, &i64::try_from(limit).unwrap_or(64)],
            )
            .map_err(db_err)?;
        Ok(loaded(&rows))
    }

    fn record(&mut self, outcomes: &[Recorded], now_ms: i64) -> CliResult<usize> {
        const CURRENT: &str = "WHERE id = $1 AND attempts = $2 AND status = 'running'";
        let mut tx = self.conn()?.transaction().map_err(db_err)?;
        let mut written = 0;
        for r in outcomes {
            written += match &r.outcome {
                Outcome::Processed => tx.execute(
                    &format!(
                        "UPDATE sdkit_queue SET status = 'processed', processed_at_ms = $3, \
                         last_error = NULL {CURRENT}"
                    ),
                    &[&r.id, &r.attempt, &now_ms],
                ),
                Outcome::Retry { delay_ms, error } => tx.execute(
                    &format!(
                        "UPDATE sdkit_queue SET status = 'pending', next_attempt_ms = $3, \
                         last_error = $4 {CURRENT}"
                    ),
                    &[&r.id, &r.attempt, &(now_ms + delay_ms), error],
                ),
                Outcome::Failed { error } => tx.execute(
                    &format!("UPDATE sdkit_queue SET status = 'failed', last_error = $3 {CURRENT}"),
                    &[&r.id, &r.attempt, error],
                ),
            }
            .map_err(db_err)?;
        }
        tx.commit().map_err(db_err)?;
        Ok(usize::try_from(written).unwrap_or(usize::MAX))
    }

    fn release_claims(&mut self, _now_ms: i64) -> CliResult<usize> {
        // Other instances may hold live claims: only leases end them.
        Ok(0)
    }

    fn ping(&mut self) -> CliResult<()> {
        self.conn()?.simple_query("SELECT 1").map_err(db_err)?;
        Ok(())
    }

    fn list(&mut self, filter: &Filter) -> CliResult<Vec<StoredDelivery>> {
        let mut sql = format!("SELECT {COLUMNS} FROM {JOINED} WHERE true");
        let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        if let Some(since) = filter.since_ms {
            args.push(Box::new(since));
            sql.push_str(&format!(" AND d.received_at_ms >= ${}", args.len()));
        }
        if let Some(activity) = &filter.activity {
            args.push(Box::new(activity.clone()));
            sql.push_str(&format!(" AND d.activity = ${}", args.len()));
        }
        if let Some(contract) = filter.contract_id {
            args.push(Box::new(contract));
            sql.push_str(&format!(" AND d.contract_id = ${}", args.len()));
        }
        if let Some(status) = &filter.status {
            args.push(Box::new(status.clone()));
            sql.push_str(&format!(" AND q.status = ${}", args.len()));
        }
        sql.push_str(" ORDER BY d.id DESC");
        if filter.limit > 0 {
            sql.push_str(&format!(" LIMIT {}", filter.limit));
        }
        let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
        let rows = self.conn()?.query(&sql, &refs).map_err(db_err)?;
        let mut out: Vec<StoredDelivery> = rows.iter().map(row_to_delivery).collect();
        out.reverse();
        Ok(out)
    }

    fn get(&mut self, dedupe_key: &str) -> CliResult<Option<StoredDelivery>> {
        let row = self
            .conn()?
            .query_opt(
                &format!("SELECT {COLUMNS}, d.body FROM {JOINED} WHERE d.dedupe_key = $1"),
                &[&dedupe_key],
            )
            .map_err(db_err)?;
        Ok(row.map(|r| {
            let mut d = row_to_delivery(&r);
            d.body = Some(r.get(16));
            d
        }))
    }

    fn requeue(&mut self, dedupe_key: &str, now_ms: i64) -> CliResult<bool> {
        let n = self
            .conn()?
            .execute(REQUEUE_SQL, &[&dedupe_key, &now_ms])
            .map_err(db_err)?;
        Ok(n > 0)
    }

    fn seen_per_contract(&mut self) -> CliResult<Vec<(i64, String)>> {
        let rows = self.conn()?.query(SEEN_SQL, &[]).map_err(db_err)?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn checkpoint(&mut self, name: &str) -> CliResult<Option<String>> {
        let row = self
            .conn()?
            .query_opt(
                "SELECT value FROM sdkit_checkpoints WHERE name = $1",
                &[&name],
            )
            .map_err(db_err)?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_checkpoint(&mut self, name: &str, value: &str) -> CliResult<()> {
        self.conn()?
            .execute(SET_CHECKPOINT_SQL, &[&name, &value])
            .map(drop)
            .map_err(db_err)
    }

    fn webhooks(&mut self) -> CliResult<Vec<WebhookRecord>> {
        let rows = self.conn()?.query(WEBHOOKS_SQL, &[]).map_err(db_err)?;
        Ok(rows
            .iter()
            .map(|r| {
                let activities: String = r.get(3);
                webhook_record(r.get(0), r.get(1), r.get(2), &activities, r.get(4))
            })
            .collect())
    }

    fn add_webhook(&mut self, w: &WebhookRecord, now_ms: i64) -> CliResult<()> {
        let activities = activities_json(w);
        self.conn()?
            .execute(
                ADD_WEBHOOK_SQL,
                &[
                    &w.id,
                    &w.title,
                    &w.url,
                    &activities,
                    &w.environment,
                    &now_ms,
                ],
            )
            .map(drop)
            .map_err(db_err)
    }

    fn remove_webhook(&mut self, id: &str) -> CliResult<bool> {
        let n = self
            .conn()?
            .execute(REMOVE_WEBHOOK_SQL, &[&id])
            .map_err(db_err)?;
        Ok(n > 0)
    }
}
