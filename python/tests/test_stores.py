"""The seen-stores against their real backends: an SQLite file, a
PostgreSQL server and a Redis server (started once per run by conftest),
alone and behind an adapter."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path
from typing import Callable

import pytest

from adapter_cases import VERIFIER, run_store_cases
from conftest import payload, signed_headers

from spotdraft_kit import Delivery
from spotdraft_kit.stores import MemoryStore, PostgresStore, RedisStore, SeenStore, SQLiteStore

Factory = Callable[[], SeenStore]
_names = itertools.count()


@pytest.fixture(params=["memory", "sqlite", "postgres", "redis"])
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Factory:
    """Makes stores that share one backend (a new connection each), fresh
    for each test."""
    name = f"seen_{next(_names)}"
    if request.param == "memory":
        shared = MemoryStore()
        return lambda: shared
    if request.param == "sqlite":
        return lambda: SQLiteStore(tmp_path / "seen.db", table=name)
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        return lambda: PostgresStore(url, table=name)
    url = request.getfixturevalue("redis_url")
    return lambda: RedisStore(url, prefix=f"{name}:", ttl_seconds=3600)


def test_claim_once_then_release(new_store: Factory) -> None:
    store = new_store()
    assert isinstance(store, SeenStore)
    assert store.claim("sdk1:a") is True
    assert store.claim("sdk1:a") is False
    assert store.claim("sdk1:b") is True
    store.release("sdk1:a")
    assert store.claim("sdk1:a") is True
    store.release("sdk1:never-claimed")  # releasing an unknown key is harmless


def test_a_claim_is_seen_by_another_connection(new_store: Factory) -> None:
    assert new_store().claim("sdk1:persisted") is True
    assert new_store().claim("sdk1:persisted") is False


def test_concurrent_claims_of_one_key_have_one_winner(new_store: Factory) -> None:
    stores = [new_store() for _ in range(8)]
    start = threading.Barrier(len(stores))
    won: list[bool] = []
    lock = threading.Lock()

    def race(store: SeenStore) -> None:
        start.wait()
        result = store.claim("sdk1:contested")
        with lock:
            won.append(result)

    threads = [threading.Thread(target=race, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(won) == [False] * 7 + [True]


def test_behind_an_adapter_the_first_copy_is_handled_once(new_store: Factory) -> None:
    pytest.importorskip("flask")
    from flask import Flask

    from spotdraft_kit.flask import webhook

    handled: list[str] = []

    def handle(delivery: Delivery) -> None:
        handled.append(delivery.dedupe_key)
        if delivery.event.contract_id == 13:
            raise RuntimeError("the handler failed")

    def receiver() -> Flask:
        app = Flask(__name__)
        app.add_url_rule("/hook", view_func=webhook(VERIFIER, store=new_store())(handle), methods=["POST"])
        return app

    client = receiver().test_client()

    def send(body: bytes, headers: list[tuple[str, str]]) -> tuple[int, object]:
        response = client.post("/hook", data=body, headers=headers)
        return response.status_code, response.get_json(silent=True)

    run_store_cases(send, handled)
    # A new process (another store object) still sees the claim.
    body = payload(contract_id=101)
    assert receiver().test_client().post("/hook", data=body, headers=signed_headers(body)).status_code == 200


def test_table_names_are_identifiers(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="plain SQL identifier"):
        SQLiteStore(tmp_path / "x.db", table="seen; DROP TABLE x")


def test_any_object_with_claim_and_release_is_a_store() -> None:
    pytest.importorskip("flask")
    from flask import Flask

    from spotdraft_kit.flask import webhook

    class Seen:
        def __init__(self) -> None:
            self.keys: dict[str, int] = {}

        def claim(self, dedupe_key: str) -> bool:
            fresh = dedupe_key not in self.keys
            self.keys[dedupe_key] = 1
            return fresh

        def release(self, dedupe_key: str) -> None:
            self.keys.pop(dedupe_key, None)

    seen = Seen()
    app = Flask(__name__)
    app.add_url_rule("/hook", view_func=webhook(VERIFIER, store=seen)(lambda delivery: None), methods=["POST"])
    body = payload(contract_id=55)
    client = app.test_client()
    assert client.post("/hook", data=body, headers=signed_headers(body)).status_code == 202
    assert client.post("/hook", data=body, headers=signed_headers(body)).status_code == 200
    assert len(seen.keys) == 1


@pytest.mark.parametrize("adapter", ["starlette", "flask", "django"])
def test_wrong_arguments_fail_when_the_adapter_is_set_up(adapter: str, tmp_path: Path) -> None:
    import importlib

    webhook = importlib.import_module(f"spotdraft_kit.{adapter}").webhook
    with pytest.raises(TypeError, match="takes a spotdraft_kit.Verifier"):
        webhook("the-hmac-key")
    with pytest.raises(TypeError, match="claim\\(key\\) and release\\(key\\)"):
        webhook(VERIFIER, store=str(tmp_path / "seen.db"))
    assert callable(webhook(VERIFIER, store=MemoryStore()))
