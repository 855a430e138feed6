"""Shared fixtures: a workspace key, signed sample deliveries, free ports."""

from __future__ import annotations

import base64
import json
import os
import socket
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
