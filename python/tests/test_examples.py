"""Boots each example receiver (examples/fastapi, examples/flask) as its own
process on 127.0.0.1 and posts signed deliveries to it: persisted before the
answer, deduplicated, processed by the worker, kept across a restart."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from adapter_cases import rejected
from conftest import KEY, OTHER_KEY, REPO, payload, signed_headers
from http_client import get, post
from processes import serve

import spotdraft_kit

LIMIT = spotdraft_kit.Verifier(KEY).max_body_bytes

EXAMPLES = {"fastapi": ("fastapi", "uvicorn"), "flask": ("flask",)}


@contextmanager
def receiver(name: str, data_dir: Path) -> Iterator[int]:
    env = {"SPOTDRAFT_HMAC_KEYS": f"old:{OTHER_KEY},new:{KEY}", "DATA_DIR": str(data_dir)}
    with serve(REPO / "examples" / name / "app.py", env) as server:
        yield server.port
    # Logs carry log records only: never a key, a signature or a name.
    for secret in (KEY, OTHER_KEY, "Sam Example", "sam@example.com"):
        assert secret not in server.output


def wait_processed(port: int, processed: int) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while True:
        status, health = get(port, "/healthz")
        assert status == 200
        if health["processed"] >= processed and health["pending"] == 0:
            return dict(health)
        if time.monotonic() > deadline:
            raise AssertionError(f"not processed: {health}")
        time.sleep(0.05)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_receiver(name: str, tmp_path: Path) -> None:
    for module in EXAMPLES[name]:
        pytest.importorskip(module)
    first, second = payload(contract_id=1), payload(contract_id=2)

    def send(port: int, body: bytes, key: str = KEY) -> tuple[int, object]:
        return post(port, "/webhooks/spotdraft", body, list(signed_headers(body, key).items()))

    with receiver(name, tmp_path) as port:
        assert send(port, first) == (202, {"ok": True, "duplicate": False})
        assert send(port, first) == (200, {"ok": True, "duplicate": True})
        # Signed with the previous key (rotation): accepted too.
        assert send(port, second, OTHER_KEY) == (202, {"ok": True, "duplicate": False})
        status, _ = post(port, "/webhooks/spotdraft", second.replace(b"2", b"3"), list(signed_headers(second).items()))
        assert status == 401
        status, answer = post(port, "/webhooks/spotdraft", b"{}", [("Content-Type", "application/json")])
        assert status == 401 and rejected(answer, "missing_signature"), answer
        # Over the limit and chunked: refused while reading.
        big = payload(contract_id=9, padding="x" * LIMIT)
        status, answer = post(port, "/webhooks/spotdraft", big, list(signed_headers(big).items()), chunked=True)
        assert status == 413 and rejected(answer, "body_too_large"), answer
        health = wait_processed(port, 2)
        assert health["processed"] == 2

    # Persisted: after a restart the same delivery is still a duplicate.
    with receiver(name, tmp_path) as port:
        assert send(port, first) == (200, {"ok": True, "duplicate": True})
        assert wait_processed(port, 2)["processed"] == 2
