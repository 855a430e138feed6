"""Realistic SpotDraft delivery bodies for the Python benchmarks.

The core's benchmarks build their bodies in `core/benches/support/realistic.rs`
(serde_json's pretty printer, 2-space indent, nested people, a counterparty
array of five-field objects, as many as fit the size asked for). This module
builds the same bytes with Python's `json.dumps(indent=2)`, whose output
matches serde_json's pretty printer for these values, so that the Python
figures are taken on exactly the bodies the core figures are.
`core/benches/support/realistic-bodies.json` pins the length and SHA-256 of the Rust
generator's output at the sizes the benchmarks use (`core/tests/realistic_bodies.rs`
checks the Rust side, `tests/js/bodies.mjs` its own copy): if either generator
changes, `realistic_body` refuses to run rather than measure a different body.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

PINNED_FILE = Path(__file__).resolve().parents[2] / "core" / "benches" / "support" / "realistic-bodies.json"

# max_bytes -> {"body_length", "body_sha256"} of the Rust generator's output.
PINNED: dict[int, dict[str, Any]] = {
    entry["max_bytes"]: entry for entry in json.loads(PINNED_FILE.read_text(encoding="utf-8"))["bodies"]
}


def _counterparty(i: int) -> dict[str, Any]:
    return {
        "type": "Individual" if i % 3 == 0 else "Organization",
        "organization_name": f"Example Holdings {i} Ltd",
        "poc_name": f"Contact {i}",
        "poc_email": f"contact{i}@example.com",
        "counterparty_id": 880_000 + i,
    }


def _person(name: str, email: str) -> dict[str, str]:
    return {"name": name, "email": email}


def _event(counterparties: int) -> dict[str, Any]:
    return {
        "activity": "CONTRACT_SIGNED",
        "activity_data": {
            "performed_by": _person("Sam Example", "sam@example.com"),
            "signatory": _person("Di Signer", "di.signer@example.com"),
            "timestamp": "2026-11-02T10:00:00.000000Z",
        },
        "contract_id": 424_242,
        "contract_title": "Master Services Agreement",
        "contract_status": "SIGN",
        "contract_kind": "TEMPLATE_CONTRACT",
        "contract_type": "MSA",
        "contract_type_name": "Master Services Agreement",
        "contract_type_id": 12,
        "created_at": "2026-11-01T09:00:00Z",
        "business_user": _person("Bo Example", "bo@example.com"),
        "legal_user": _person("Lee Counsel", "lee.counsel@example.com"),
        "external_metadata": {"id": "crm-991", "source": "crm", "synced": True},
        "counterparties": [_counterparty(i) for i in range(counterparties)],
    }


def _pretty(counterparties: int) -> bytes:
    return json.dumps(_event(counterparties), indent=2).encode()


def build(max_bytes: int) -> bytes:
    """The largest pretty-printed delivery of at most `max_bytes` bytes
    (at least one counterparty), unchecked."""
    n = 1
    body = _pretty(n)
    while True:
        following = _pretty(n + 1)
        if len(following) > max_bytes:
            return body
        n += 1
        body = following


def realistic_body(max_bytes: int) -> bytes:
    """`build(max_bytes)`, checked against the Rust generator's length and
    digest pinned in `core/benches/support/realistic-bodies.json`."""
    pin = PINNED.get(max_bytes)
    if pin is None:
        raise SystemExit(
            f"core/benches/support/realistic-bodies.json pins no {max_bytes}-byte realistic body "
            f"(it pins {', '.join(map(str, PINNED))})"
        )
    body = build(max_bytes)
    got = hashlib.sha256(body).hexdigest()
    if len(body) != pin["body_length"] or got != pin["body_sha256"]:
        raise SystemExit(
            f"the {max_bytes}-byte realistic body ({len(body)} bytes, sha256 {got}) is not "
            "the one core/benches/support/realistic.rs builds "
            f"({pin['body_length']} bytes, sha256 {pin['body_sha256']}, pinned in "
            "core/benches/support/realistic-bodies.json): the two generators have drifted"
        )
    return body
