"""The shared conformance vectors (tests/vectors/*.json), run against the
Python package. The format is described in tests/vectors/README.md."""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import pytest

import spotdraft_kit
from spotdraft_kit import SpotDraftKitError, Verifier

from conftest import VECTORS

FILES = sorted(p for p in VECTORS.glob("*.json"))
CASES = [(path.name, case) for path in FILES for case in json.loads(path.read_text())["cases"]]

PII = ["Sam Example", "sam@example.com", "Bo Example", "cy@example.com", "Master Services"]


def body_of(case: dict[str, Any]) -> bytes:
    if "body_b64" in case:
        return base64.b64decode(case["body_b64"])
    return str(case.get("body", "")).encode()


def encoding_of(case: dict[str, Any]) -> str:
    encodings = {k.get("encoding", "base64") for k in case.get("keys", [])}
    assert len(encodings) <= 1, "a case mixes key encodings"
    return encodings.pop() if encodings else "base64"


def keys_of(case: dict[str, Any]) -> list[str | tuple[str, str]]:
    return [(k["id"], k["key"]) if "id" in k else k["key"] for k in case.get("keys", [])]


def verifier_of(case: dict[str, Any]) -> Verifier:
    options = case.get("options", {})
    return Verifier(
        keys_of(case),
        max_body_bytes=options.get("max_body_bytes"),
        encoding=encoding_of(case),
        allow_short_keys=options.get("allow_short_keys", False),
    )


def forbidden(case: dict[str, Any]) -> list[str]:
    out = list(PII)
    out += [k["key"].strip() for k in case.get("keys", []) if len(k["key"].strip()) >= 8]
    if len(case.get("signature", "").strip()) >= 16:
        out.append(case["signature"].strip())
    out += [v.strip() for _, v in case.get("headers", []) if len(v.strip()) >= 16]
    body = case.get("body", "")
    if len(body) >= 16:
        out.append(body)
    return out


def expect_error(case: dict[str, Any], call: Callable[[], object]) -> SpotDraftKitError:
    with pytest.raises(SpotDraftKitError) as info:
        call()
    err = info.value
    assert err.code == case["expect"]["error"], str(err)
    assert err.http_status == case["expect"]["http_status"]
    texts = [str(err), repr(err), json.dumps(err.log_record), repr(err.args)]
    for text in texts:
        for secret in forbidden(case):
            assert secret not in text, f"error text leaks {secret!r}"
    return err


def check_event(event: spotdraft_kit.Event, expected: dict[str, Any]) -> None:
    for field, want in expected.items():
        assert getattr(event, field) == want, field
    assert isinstance(event.payload, dict)
    assert event.payload["activity"] == event.activity


def header_shapes(pairs: list[list[str]]) -> list[tuple[str, object]]:
    """The header shapes users pass. Repeated names survive only as pairs."""
    shapes: list[tuple[str, object]] = [
        ("pairs", [tuple(p) for p in pairs]),
        ("bytes-pairs", [(n.lower().encode(), v.encode()) for n, v in pairs]),
    ]
    names = [n.lower() for n, _ in pairs]
    if len(set(names)) == len(names):
        shapes.append(("dict", {n: v for n, v in pairs}))
        shapes.append(("dict-lower", {n.lower(): v for n, v in pairs}))
    try:
        from werkzeug.datastructures import Headers as WerkzeugHeaders

        shapes.append(("werkzeug", WerkzeugHeaders([tuple(p) for p in pairs])))
    except ImportError:
        pass
    try:
        from starlette.datastructures import Headers as StarletteHeaders

        raw = [(n.lower().encode("latin-1"), v.encode("latin-1")) for n, v in pairs]
        shapes.append(("starlette", StarletteHeaders(raw=raw)))
    except ImportError:
        pass
    return shapes


def test_vector_files_exist() -> None:
    assert FILES, f"no vector files in {VECTORS}"
    for path in FILES:
        doc = json.loads(path.read_text())
        assert doc["format"] == "spotdraft-kit-vectors/1"
    names = [case["name"] for _, case in CASES]
    assert len(names) == len(set(names)), "case names must be unique"


@pytest.mark.parametrize(("file", "case"), CASES, ids=[c["name"] for _, c in CASES])
def test_vector(file: str, case: dict[str, Any]) -> None:
    body = body_of(case)
    expect = case["expect"]
    wants_error = "error" in expect
    op = case["op"]
    if op == "new_verifier":
        if wants_error:
            expect_error(case, lambda: verifier_of(case))
        else:
            assert len(verifier_of(case)) == expect["key_count"]
    elif op == "sign":
        key = case["keys"][0]["key"]
        for shape in (body, bytearray(body), memoryview(body)):
            assert spotdraft_kit.sign(key, shape, encoding=encoding_of(case)) == expect["signature"]
    elif op == "body_sha256":
        assert spotdraft_kit.body_sha256(body) == expect["body_sha256"]
        assert spotdraft_kit.body_sha256(memoryview(body)) == expect["body_sha256"]
    elif op == "verify":
        v = verifier_of(case)
        if wants_error:
            expect_error(case, lambda: v.verify(body, case["signature"]))
            assert v.is_valid(body, case["signature"]) is False
        else:
            assert v.verify(body, case["signature"]) == expect["key_index"]
            assert v.verify(bytearray(body), case["signature"]) == expect["key_index"]
            assert v.is_valid(body, case["signature"]) is True
    elif op == "parse_event":
        if wants_error:
            expect_error(case, lambda: spotdraft_kit.parse_event(body))
            return
        event = spotdraft_kit.parse_event(body)
        check_event(event, expect["event"])
        for field, want in expect.get("event_exact_or_null", {}).items():
            got = getattr(event, field)
            assert got is None or got == want, f"{field} must be exact or None, got {got!r}"
    elif op == "open":
        run_open(file, case, body)
    elif op == "diagnose":
        found = spotdraft_kit.diagnose(body, case["signature"], keys_of(case), encoding=encoding_of(case))
        assert found.cause == expect["cause"], found.message
        assert found.key_index == expect["key_index"]
        for secret in forbidden(case):
            assert secret not in found.message and secret not in repr(found)
    else:
        pytest.fail(f"unknown op {op}")


# file/group -> dedupe keys seen; dedupe key -> file/group.
GROUPS: dict[str, set[str]] = defaultdict(set)
OWNERS: dict[str, str] = {}


def run_open(file: str, case: dict[str, Any], body: bytes) -> None:
    expect = case["expect"]
    v = verifier_of(case)
    for shape_name, headers in header_shapes(case.get("headers", [])):
        if "error" in expect:
            err = expect_error(case, lambda: v.open(headers, body))
            assert isinstance(err.log_record, dict), shape_name
            assert err.log_record["outcome"] == "rejected"
            assert err.log_record["reason"] == expect["error"]
            continue
        d = v.open(headers, body)
        assert d.key_index == expect["key_index"], shape_name
        assert d.key_id == expect["key_id"]
        assert d.signature_header == expect["signature_header"]
        assert d.body_sha256 == expect["body_sha256"]
        assert d.body_length == expect["body_length"]
        if "dedupe_key" in expect:
            assert d.dedupe_key == expect["dedupe_key"]
        if "event" in expect:
            check_event(d.event, expect["event"])
        record = d.log_record()
        for field, want in expect.get("log_record", {}).items():
            assert record.get(field) == want, field
        text = json.dumps(record) + repr(d) + repr(d.event)
        for secret in forbidden(case):
            assert secret not in text, f"{shape_name}: log record leaks {secret!r}"
        if "dedupe_group" in expect:
            group = f"{file}/{expect['dedupe_group']}"
            GROUPS[group].add(d.dedupe_key)
            assert len(GROUPS[group]) == 1, f"group {group} has several dedupe keys"
            owner = OWNERS.setdefault(d.dedupe_key, group)
            assert owner == group, f"{group} shares a dedupe key with {owner}"
