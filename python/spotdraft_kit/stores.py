"""Seen-stores: exactly-once delivery handling in one argument.

Give any adapter ``store=`` and it claims each delivery's dedupe key before
the handler runs: the first copy goes to the handler once and is answered
202, every repeat is answered 200 without reaching it. A handler that raises
releases the claim, so SpotDraft's retry is handled again.

    from spotdraft_kit.stores import SQLiteStore
    from spotdraft_kit.flask import webhook

    @app.post("/webhooks/spotdraft")
    @webhook(verifier, store=SQLiteStore("seen.db"))
    def receive(delivery): ...

Every store claims atomically (``INSERT ... ON CONFLICT DO NOTHING``,
``SET NX``), so two copies arriving at once are told apart, and the claim is
committed before the adapter answers.

- ``MemoryStore``: one process, forgotten on restart (tests).
- ``SQLiteStore``: standard library; one machine.
- ``PostgresStore``: ``pip install "spotdraft-kit[postgres]"`` (psycopg 3).
- ``RedisStore``: ``pip install "spotdraft-kit[redis]"`` (redis-py); as
  durable as the server's persistence (``appendonly yes``, ``appendfsync
  always`` for claims that survive a crash).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path
from typing import Any, Optional, Protocol, Union, runtime_checkable

__all__ = ["MemoryStore", "PostgresStore", "RedisStore", "SQLiteStore", "SeenStore"]


@runtime_checkable
class SeenStore(Protocol):
    """What an adapter needs from a store: an atomic claim and its undo."""

    def claim(self, dedupe_key: str) -> bool:
        """Records the key; True if it was not recorded before. Atomic, and
        persisted before it returns."""
        ...

    def release(self, dedupe_key: str) -> None:
        """Forgets a claimed key (its handler failed; the retry is new)."""
        ...


_TABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def _table_name(table: str) -> str:
    if not _TABLE.match(table):
        raise ValueError(f"table must be a plain SQL identifier (letters, digits, _), got {table!r}")
    return table


class MemoryStore:
    """A set in memory, for tests and single-process demos.

    >>> store = MemoryStore()
    >>> store.claim("sdk1:a"), store.claim("sdk1:a")
    (True, False)
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def claim(self, dedupe_key: str) -> bool:
        with self._lock:
            if dedupe_key in self._seen:
                return False
            self._seen.add(dedupe_key)
            return True

    def release(self, dedupe_key: str) -> None:
        with self._lock:
            self._seen.discard(dedupe_key)


class SQLiteStore:
    """A table in an SQLite file (``synchronous=FULL``: a claim survives a
    crash). One connection per thread.

    >>> store = SQLiteStore(":memory:")
    >>> store.claim("sdk1:a"), store.claim("sdk1:a")
    (True, False)
    """

    def __init__(self, path: Union[str, Path], table: str = "spotdraft_seen") -> None:
        self._path = str(path)
        self._table = _table_name(table)
        self._local = threading.local()
        self._db().execute(
            f"CREATE TABLE IF NOT EXISTS {self._table} ("
            " dedupe_key TEXT PRIMARY KEY,"
            " claimed_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )

    def _db(self) -> sqlite3.Connection:
        db: Optional[sqlite3.Connection] = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self._path, timeout=30, isolation_level=None)
            if self._path != ":memory:":
                db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            self._local.db = db
        return db

    def claim(self, dedupe_key: str) -> bool:
        cursor = self._db().execute(
            f"INSERT INTO {self._table} (dedupe_key) VALUES (?) ON CONFLICT DO NOTHING", (dedupe_key,)
        )
        return cursor.rowcount == 1

    def release(self, dedupe_key: str) -> None:
        self._db().execute(f"DELETE FROM {self._table} WHERE dedupe_key = ?", (dedupe_key,))


class PostgresStore:
    """A table in PostgreSQL through psycopg 3 (autocommit: each claim is
    committed when ``claim`` returns). Thread-safe: one connection, locked.

        store = PostgresStore(os.environ["DATABASE_URL"])
    """

    def __init__(self, conninfo: str, table: str = "spotdraft_seen") -> None:
        import psycopg  # noqa: F401 - fail here, not on the first delivery, when missing

        self._conninfo = conninfo
        self._table = _table_name(table)
        self._lock = threading.Lock()
        self._conn: Any = None
        self._execute(
            f"CREATE TABLE IF NOT EXISTS {self._table} ("
            " dedupe_key TEXT PRIMARY KEY,"
            " claimed_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            (),
        )

    def _execute(self, sql: str, params: tuple[str, ...]) -> int:
        with self._lock:
            if self._conn is None or self._conn.closed:
                import psycopg

                self._conn = psycopg.connect(self._conninfo, autocommit=True)
            rowcount: int = self._conn.execute(sql, params).rowcount
            return rowcount

    def claim(self, dedupe_key: str) -> bool:
        sql = f"INSERT INTO {self._table} (dedupe_key) VALUES (%s) ON CONFLICT DO NOTHING"
        return self._execute(sql, (dedupe_key,)) == 1

    def release(self, dedupe_key: str) -> None:
        self._execute(f"DELETE FROM {self._table} WHERE dedupe_key = %s", (dedupe_key,))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()


class RedisStore:
    """A key per delivery in Redis (``SET key 1 NX``), optionally expiring
    after ``ttl_seconds`` (keep it longer than SpotDraft's retry window).

        store = RedisStore("redis://127.0.0.1:6379/0", ttl_seconds=7 * 24 * 3600)
    """

    def __init__(self, url_or_client: Any, prefix: str = "spotdraft:seen:", ttl_seconds: Optional[int] = None) -> None:
        if isinstance(url_or_client, str):
            import redis

            url_or_client = redis.Redis.from_url(url_or_client)
        self._redis = url_or_client
        self._prefix = prefix
        self._ttl = ttl_seconds

    def claim(self, dedupe_key: str) -> bool:
        return bool(self._redis.set(self._prefix + dedupe_key, b"1", nx=True, ex=self._ttl))

    def release(self, dedupe_key: str) -> None:
        self._redis.delete(self._prefix + dedupe_key)
