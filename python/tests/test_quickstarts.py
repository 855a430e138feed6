"""Starts each quickstart (examples/quickstart/<stack>/app.py) as a real
server and drives it with real HTTP, and shows that a huge chunked body
with a fake signature never grows the server (peak RSS read from /proc)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from adapter_cases import rejected
from conftest import KEY, OTHER_KEY, REPO, payload, signed_headers
from http_client import post
from processes import Server, peak_rss_bytes, post_endless_chunks, serve

import spotdraft_kit

QUICKSTARTS = REPO / "examples" / "quickstart"
NEEDS = {"fastapi": ("fastapi", "uvicorn"), "flask": ("flask",), "django": ("django", "uvicorn")}
URL = "/webhooks/spotdraft"
LIMIT = spotdraft_kit.Verifier(KEY).max_body_bytes


def start(stack: str, tmp_path: Path) -> AbstractContextManager[Server]:
    for module in NEEDS[stack]:
        pytest.importorskip(module)
    env = {"SPOTDRAFT_HMAC_KEYS": f"old:{OTHER_KEY},new:{KEY}", "SEEN_DB": str(tmp_path / "seen.db")}
    return serve(QUICKSTARTS / stack / "app.py", env)


def headers(body: bytes, key: str = KEY) -> list[tuple[str, str]]:
    return list(signed_headers(body, key).items())


@pytest.mark.parametrize("stack", sorted(NEEDS))
def test_quickstart_answers(stack: str, tmp_path: Path) -> None:
    body = payload(contract_id=1)
    with start(stack, tmp_path) as server:
        port = server.port
        assert post(port, URL, body, headers(body)) == (202, {"ok": True, "duplicate": False})
        assert post(port, URL, body, headers(body)) == (200, {"ok": True, "duplicate": True})
        # Signed with the previous key (rotation): a new delivery, accepted.
        rotated = payload(contract_id=2)
        assert post(port, URL, rotated, headers(rotated, OTHER_KEY))[0] == 202

        status, answer = post(port, URL, body.replace(b'"contract_id":1', b'"contract_id":3'), headers(body))
        assert status == 401 and rejected(answer, "signature_mismatch"), answer
        status, answer = post(port, URL, body, [("Content-Type", "application/json")])
        assert status == 401 and rejected(answer, "missing_signature"), answer
        over = payload(padding="x" * LIMIT)
        status, answer = post(port, URL, over, headers(over))
        assert status == 413 and rejected(answer, "body_too_large"), answer

        chunked = payload(contract_id=4, padding="c" * 100_000)
        assert post(port, URL, chunked, headers(chunked), chunked=True) == (202, {"ok": True, "duplicate": False})
        # Over 2.5 MiB (Django's own upload limit) and within ours.
        large = payload(contract_id=5, padding="l" * (3 * 1024 * 1024))
        assert post(port, URL, large, headers(large))[0] == 202

        # Signed bytes are hashed as they are: non-ASCII text is accepted,
        # and bytes that are not UTF-8 pass the signature check and are then
        # refused as not JSON (400, as tests/vectors/open.json pins), never 401.
        accented = payload(contract_id=6, contract_title="Accord cadre \u00e9t\u00e9 \u2013 \u6771\u4eac").replace(
            b"\\u00e9", "\u00e9".encode()
        )
        assert post(port, URL, accented, headers(accented))[0] == 202
        latin1 = payload(contract_id=7).replace(b"Master", b"Ma\xdfter")
        status, answer = post(port, URL, latin1, headers(latin1))
        assert status == 400 and rejected(answer, "invalid_json"), answer
    # The handler ran once per accepted delivery; nothing secret was printed.
    assert server.output.count("received CONTRACT_SIGNED") == 5, server.output
    for secret in (KEY, OTHER_KEY, signed_headers(body)["X-SD-WEBHOOK-CONTENT-HASH"], "sam@example.com"):
        assert secret not in server.output


@pytest.mark.parametrize(("stack", "mib"), [("fastapi", 300), ("flask", 600), ("django", 300)])
def test_huge_chunked_body_with_a_fake_signature_keeps_memory_small(stack: str, mib: int, tmp_path: Path) -> None:
    fake = [("X-SD-WEBHOOK-CONTENT-HASH", "ab" * 64), ("Content-Type", "application/json")]
    with start(stack, tmp_path) as server:
        port = server.port
        before = peak_rss_bytes(server.pid)
        status, sent = post_endless_chunks(port, URL, fake, mib * 1024 * 1024)
        after = peak_rss_bytes(server.pid)
        # Refused once past the limit: the server stopped reading a little
        # after it (socket buffers hold a few MiB more), never stored the
        # rest in memory or on disk, and its peak memory barely moved.
        assert status in (413, None), status
        assert sent < LIMIT + 48 * 1024 * 1024, sent
        assert after - before < LIMIT + 32 * 1024 * 1024, (before, after)
        body = payload(contract_id=8)
        assert post(port, URL, body, headers(body))[0] == 202
