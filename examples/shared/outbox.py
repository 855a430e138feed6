"""A durable outbox in SQLite (standard library only): persist first,
answer 2xx, process later in a background worker.

Each verified delivery is inserted under a UNIQUE dedupe_key before the
receiver answers, with `synchronous=FULL`, so an answered delivery survives
a crash and a repeated delivery is stored once. The worker processes stored
deliveries in order, retries failures with a capped backoff, and resumes
whatever is pending after a restart.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Callable, Optional

from spotdraft_kit import Delivery, Event, parse_event

log = logging.getLogger("spotdraft.outbox")

SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    id              INTEGER PRIMARY KEY,
    dedupe_key      TEXT    NOT NULL UNIQUE,
    body_sha256     TEXT    NOT NULL,
    activity        TEXT    NOT NULL,
    contract_id     INTEGER,
    key_id          TEXT,
    body            BLOB    NOT NULL,
    received_at     REAL    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL    NOT NULL DEFAULT 0,
    processed_at    REAL,
    last_error      TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_pending
    ON deliveries (processed_at, next_attempt_at, id);
"""

MAX_BACKOFF_SECONDS = 300.0


class Outbox:
    """Stores verified deliveries and processes them with `process`."""

    def __init__(self, path: Path, process: Callable[[Event], None]) -> None:
        self.path = path
        self.process = process
        self._local = threading.local()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._db().executescript(SCHEMA)

    def _db(self) -> sqlite3.Connection:
        # One connection per thread: sqlite3 connections are not shared.
        db: Optional[sqlite3.Connection] = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            self._local.db = db
        return db

    def store(self, delivery: Delivery) -> bool:
        """Persists a verified delivery; False if its dedupe key is already stored."""
        event = delivery.event
        cursor = self._db().execute(
            "INSERT OR IGNORE INTO deliveries"
            " (dedupe_key, body_sha256, activity, contract_id, key_id, body, received_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                delivery.dedupe_key,
                delivery.body_sha256,
                event.activity,
                event.contract_id,
                delivery.key_id,
                event.source,
                time.time(),
            ),
        )
        fresh = cursor.rowcount == 1
        if fresh:
            self._wake.set()
        return fresh

    def counts(self) -> dict[str, int]:
        pending, processed = self._db().execute(
            "SELECT COUNT(*) - COUNT(processed_at), COUNT(processed_at) FROM deliveries"
        ).fetchone()
        return {"pending": pending, "processed": processed}

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            if not self._process_due():
                self._wake.wait(timeout=1.0)
                self._wake.clear()

    def _process_due(self) -> bool:
        db = self._db()
        rows = db.execute(
            "SELECT id, body, attempts FROM deliveries"
            " WHERE processed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT 50",
            (time.time(),),
        ).fetchall()
        for row_id, body, attempts in rows:
            if self._stop.is_set():
                break
            try:
                # Verified before it was stored: parsing is all that is left.
                self.process(parse_event(body))
            except Exception as err:  # noqa: BLE001 - any failure is retried
                delay = min(MAX_BACKOFF_SECONDS, 2.0 ** attempts)
                log.warning("delivery %s failed (%s); retry in %.0f s", row_id, type(err).__name__, delay)
                db.execute(
                    "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                    " WHERE id = ?",
                    (time.time() + delay, type(err).__name__, row_id),
                )
            else:
                db.execute("UPDATE deliveries SET processed_at = ? WHERE id = ?", (time.time(), row_id))
        return bool(rows)
