"""Shared fixtures: a workspace key, signed sample deliveries, free ports,
and one PostgreSQL and one Redis server for the stores' tests."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import spotdraft_kit

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"

# A made-up workspace key, in the shape SpotDraft's hmac_key has.
KEY = base64.b64encode(bytes(range(64))).decode()
OTHER_KEY = base64.b64encode(bytes(range(64, 128))).decode()


def payload(contract_id: int = 4242, timestamp: str = "2026-11-02T10:00:00Z", **extra: Any) -> bytes:
    body = {
        "activity": "CONTRACT_SIGNED",
        "activity_data": {
            "performed_by": {"name": "Sam Example", "email": "sam@example.com"},
            "timestamp": timestamp,
        },
        "contract_id": contract_id,
        "contract_title": "Master Services Agreement",
        **extra,
    }
    return json.dumps(body, separators=(",", ":")).encode()


def signed_headers(body: bytes, key: str = KEY) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "X-SD-WEBHOOK-CONTENT-HASH": spotdraft_kit.sign(key, body),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session", autouse=True)
def _installed_copy_check() -> None:
    # The fresh-venv check in `make test` must exercise the installed wheel,
    # not the source tree's editable build.
    expected = os.environ.get("SPOTDRAFT_KIT_EXPECT_PREFIX")
    if expected:
        assert Path(spotdraft_kit.__file__).resolve().is_relative_to(Path(expected).resolve()), spotdraft_kit.__file__


def _install(package: str, binary: str) -> None:
    """Installs a Debian package when its program is missing (the test
    machines are Debian and the tests run as root)."""
    if shutil.which(binary):
        return
    log = subprocess.run(["apt-get", "install", "-y", "-q", package], capture_output=True, text=True)
    if log.returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True, check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", package], capture_output=True, check=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One throwaway PostgreSQL server on 127.0.0.1 for the whole run,
    started and stopped by the repository's script (installs it if needed)."""
    script = REPO / "cli" / "scripts" / "postgres.sh"
    # Not pytest's tmp_path: the server runs as the postgres user, which
    # must be able to reach its directory.
    parent = Path(tempfile.mkdtemp(prefix="spotdraft-kit-pg-"))
    parent.chmod(0o755)
    where = parent / "server"
    started = subprocess.run(["bash", str(script), "start", str(where)], capture_output=True, text=True)
    try:
        if started.returncode != 0:
            raise RuntimeError(f"PostgreSQL: {started.stdout.strip()}")
        yield (where / "url").read_text().strip()
    finally:
        subprocess.run(["bash", str(script), "stop", str(where)], capture_output=True)
        shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One throwaway Redis server on 127.0.0.1 for the whole run, with
    every write fsynced (appendfsync always), as a durable store would be."""
    _install("redis-server", "redis-server")
    where = tmp_path_factory.mktemp("redis")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--dir", str(where), "--save", "",
         "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no", "--loglevel", "warning"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=15)
