"""The deliveries every adapter is tested with: valid, tampered, missing
header, oversize, duplicate, and an invalid payload."""

from __future__ import annotations

from typing import Callable

from conftest import KEY, payload, signed_headers

import spotdraft_kit

# Small enough that the oversize case stays small.
MAX_BODY_BYTES = 4096
VERIFIER = spotdraft_kit.Verifier({"production": KEY}, max_body_bytes=MAX_BODY_BYTES)

Post = Callable[[bytes, list[tuple[str, str]]], tuple[int, object]]


def pairs(headers: dict[str, str]) -> list[tuple[str, str]]:
    return list(headers.items())


def rejected(answer: object, code: str) -> bool:
    """The one error body of every adapter."""
    return isinstance(answer, dict) and set(answer) == {"error", "message"} and answer["error"] == code


def run_all(post: Post) -> list[str]:
    """Posts each case; returns the dedupe keys the receiver accepted."""
    accepted: list[str] = []
    body = payload()

    status, answer = post(body, pairs(signed_headers(body)))
    assert status == 202, answer
    assert isinstance(answer, dict)
    accepted.append(answer["dedupe_key"])
    assert answer["key_id"] == "production"

    # The same delivery again (SpotDraft retries): verified again; the
    # receiver sees the same dedupe key.
    status, answer = post(body, pairs(signed_headers(body)))
    assert status == 202
    assert isinstance(answer, dict)
    assert answer["dedupe_key"] == accepted[0]

    # Lower-case header names (proxies, HTTP/2) and the legacy header.
    lower = {k.lower(): v for k, v in signed_headers(body).items()}
    status, answer = post(body, pairs(lower))
    assert status == 202
    legacy = [("X-SD-CONTENT-HASH", spotdraft_kit.sign(KEY, body))]
    status, answer = post(body, legacy)
    assert status == 202
    assert isinstance(answer, dict)
    assert answer["signature_header"] == "legacy"

    tampered = body.replace(b"4242", b"4243")
    status, answer = post(tampered, pairs(signed_headers(body)))
    assert status == 401
    assert rejected(answer, "signature_mismatch"), answer

    status, answer = post(body, [("Content-Type", "application/json")])
    assert status == 401
    assert rejected(answer, "missing_signature"), answer

    # Present twice with different values: refused, not guessed.
    other = spotdraft_kit.sign(KEY, b"{}")
    twice = [("X-SD-WEBHOOK-CONTENT-HASH", spotdraft_kit.sign(KEY, body)), ("X-SD-WEBHOOK-CONTENT-HASH", other)]
    status, answer = post(body, twice)
    assert status == 401
    assert rejected(answer, "malformed_signature"), answer

    big = payload(padding="x" * MAX_BODY_BYTES)
    status, answer = post(big, pairs(signed_headers(big)))
    assert status == 413
    assert rejected(answer, "body_too_large"), answer

    not_event = b'{"no_activity": true}'
    status, answer = post(not_event, pairs(signed_headers(not_event)))
    assert status == 400
    assert rejected(answer, "invalid_payload"), answer

    second = payload(contract_id=7)
    status, answer = post(second, pairs(signed_headers(second)))
    assert status == 202
    assert isinstance(answer, dict)
    assert answer["dedupe_key"] != accepted[0]
    accepted.append(answer["dedupe_key"])
    return accepted


def run_store_cases(post: Post, handled: list[str]) -> None:
    """A receiver with a seen-store whose handler appends each dedupe key
    to ``handled`` and raises for contract 13: the first copy is handled
    once (202), repeats are 200 and not handled, a failed handler releases
    the claim so the retry is handled."""
    body = payload(contract_id=101)
    assert post(body, pairs(signed_headers(body))) == (202, {"ok": True, "duplicate": False})
    assert post(body, pairs(signed_headers(body))) == (200, {"ok": True, "duplicate": True})
    assert post(body, pairs(signed_headers(body))) == (200, {"ok": True, "duplicate": True})
    assert len(handled) == 1

    # Tampered and unsigned copies are rejected before the store is asked.
    status, answer = post(body.replace(b"101", b"102"), pairs(signed_headers(body)))
    assert status == 401 and rejected(answer, "signature_mismatch"), answer
    status, answer = post(body, [])
    assert status == 401 and rejected(answer, "missing_signature"), answer

    failing = payload(contract_id=13)
    status, _ = post(failing, pairs(signed_headers(failing)))
    assert status == 500
    status, _ = post(failing, pairs(signed_headers(failing)))
    assert status == 500, "a failed handler's claim must be released"
    assert len(handled) == 3


class DownStore:
    """A seen-store whose database is down: ``claim`` raises, with a detail
    that must never reach the sender."""

    def claim(self, dedupe_key: str) -> bool:
        raise ConnectionError("connection refused: host=127.0.0.1 user=secret-db-user")

    def release(self, dedupe_key: str) -> None:
        pass


def run_store_down_case(post: Post, handled: list[str]) -> None:
    """A failing store is core's ``store_unavailable`` (503, so SpotDraft
    retries) in the one error body, and the handler never runs."""
    body = payload(contract_id=404)
    status, answer = post(body, pairs(signed_headers(body)))
    assert status == 503 and rejected(answer, "store_unavailable"), (status, answer)
    assert "secret-db-user" not in str(answer)
    assert handled == []
