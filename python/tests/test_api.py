"""The Python surface: argument shapes, errors, reprs, the Event model."""

from __future__ import annotations

import base64
import email.message
import json
import pickle
import threading
from typing import Any

import pytest

import spotdraft_kit
from spotdraft_kit import (
    ApiError,
    InvalidArgumentError,
    InvalidKeyError,
    PayloadError,
    SignatureError,
    SpotDraftKitError,
    Verifier,
)

from conftest import KEY, OTHER_KEY, payload, signed_headers

BODY = payload()
SIG = spotdraft_kit.sign(KEY, BODY)


# --- keys -----------------------------------------------------------------

@pytest.mark.parametrize(
    "keys",
    [
        KEY,
        [KEY],
        (KEY,),
        [OTHER_KEY, KEY],
        {"old": OTHER_KEY, "prod": KEY},
        [("old", OTHER_KEY), ("prod", KEY)],
        [OTHER_KEY, ("prod", KEY)],
        base64.b64decode(KEY),
        [bytearray(base64.b64decode(KEY))],
        KEY.rstrip("=").replace("+", "-").replace("/", "_"),  # URL-safe, unpadded
    ],
)
def test_key_shapes(keys: Any) -> None:
    v = Verifier(keys)
    index = v.verify(BODY, SIG)
    assert v.open(signed_headers(BODY), BODY).key_index == index


def test_key_labels_and_rotation() -> None:
    v = Verifier({"2025": OTHER_KEY, "2026": KEY})
    d = v.open(signed_headers(BODY), BODY)
    assert (d.key_index, d.key_id) == (1, "2026")
    assert v.key_ids == ["2025", "2026"]
    assert len(v) == 2


def test_utf8_encoding_is_explicit() -> None:
    secret = "not base64 at all!"
    sig = spotdraft_kit.sign(secret, BODY, encoding="utf8")
    assert Verifier(secret, encoding="utf8").verify(BODY, sig) == 0
    with pytest.raises(InvalidKeyError) as info:
        Verifier(secret)
    assert info.value.code == "invalid_key"
    assert secret not in str(info.value)


@pytest.mark.parametrize(
    ("keys", "code"),
    [([], "no_keys"), ({}, "no_keys"), ("", "invalid_key"), (b"", "invalid_key"), ([KEY] * 65, "no_keys")],
)
def test_bad_keys(keys: Any, code: str) -> None:
    with pytest.raises(InvalidKeyError) as info:
        Verifier(keys)
    assert info.value.code == code
    assert info.value.http_status == 500


@pytest.mark.parametrize("keys", [None, 42, [42], [("id", 42)], {1: KEY}, [(KEY,)], object()])
def test_wrong_key_types_are_type_errors(keys: Any) -> None:
    with pytest.raises(TypeError) as info:
        Verifier(keys)
    err = info.value
    assert isinstance(err, InvalidArgumentError) and isinstance(err, SpotDraftKitError)
    assert err.code == "invalid_argument"
    assert "keys" in str(err) or "key" in str(err)
    assert KEY not in str(err)


@pytest.mark.parametrize(
    "kwargs",
    [{"max_body_bytes": -1}, {"max_body_bytes": "10"}, {"max_body_bytes": True}, {"encoding": "hex"}, {"encoding": 1}],
)
def test_bad_options(kwargs: Any) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        Verifier(KEY, **kwargs)
    assert isinstance(info.value, (TypeError, ValueError))


def test_repr_never_shows_keys() -> None:
    raw = base64.b64decode(KEY)
    v = Verifier({"prod": KEY, "raw": raw})
    text = repr(v) + str(v)
    assert KEY not in text and repr(raw) not in text and raw.hex() not in text
    assert "'prod'" in text and "redacted" in text


# --- bodies and signatures ------------------------------------------------

@pytest.mark.parametrize("shape", [bytes, bytearray, memoryview, lambda b: b.decode()])
def test_body_shapes(shape: Any) -> None:
    v = Verifier(KEY)
    assert v.verify(shape(BODY), SIG) == 0
    assert v.open(signed_headers(BODY), shape(BODY)).body_sha256 == spotdraft_kit.body_sha256(BODY)


def test_non_utf8_body_is_verified_byte_exactly() -> None:
    body = b'{"activity":"A","x":"\xff\xfe"}'
    v = Verifier(KEY)
    assert v.verify(body, spotdraft_kit.sign(KEY, body)) == 0
    with pytest.raises(PayloadError) as info:
        v.open(signed_headers(body), body)
    assert info.value.code == "invalid_json"
    assert info.value.http_status == 400


def test_large_body_releases_the_gil_and_threads_agree() -> None:
    # Bodies over the threshold are hashed without the GIL; results from
    # many threads at once must all be right (no timing is asserted).
    big = payload(padding="y" * 256 * 1024)
    sig = spotdraft_kit.sign(KEY, big)
    v = Verifier([OTHER_KEY, KEY])
    results: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(20):
            index = v.open({"x-sd-webhook-content-hash": sig}, big).key_index
            with lock:
                results.append(index)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [1] * 80


@pytest.mark.parametrize("body", [None, 1, 1.5, ["x"], {"a": 1}])
def test_wrong_body_types(body: Any) -> None:
    v = Verifier(KEY)
    for call in (lambda: v.verify(body, SIG), lambda: v.open({}, body), lambda: spotdraft_kit.parse_event(body)):
        with pytest.raises(TypeError) as info:
            call()
        assert "body must be bytes, bytearray, memoryview or str" in str(info.value)


def test_lone_surrogate_str_body() -> None:
    with pytest.raises(InvalidArgumentError):
        Verifier(KEY).verify("\ud800", SIG)


@pytest.mark.parametrize("signature", ["", "zz", SIG[:-1], "sha512=" + SIG, SIG + "0", "\ud800", b"\xff" * 128])
def test_malformed_signatures_are_signature_errors(signature: Any) -> None:
    with pytest.raises(SignatureError) as info:
        Verifier(KEY).verify(BODY, signature)
    assert info.value.code == "malformed_signature"
    assert info.value.http_status == 401


def test_signature_whitespace_and_case() -> None:
    v = Verifier(KEY)
    assert v.verify(BODY, f"  {SIG.upper()}\n") == 0
    assert v.verify(BODY, SIG.encode()) == 0
    with pytest.raises(TypeError):
        v.verify(BODY, 123)  # type: ignore[arg-type]


def test_mismatch_error_carries_log_record_without_secrets() -> None:
    v = Verifier(KEY)
    with pytest.raises(SignatureError) as info:
        v.open(signed_headers(BODY, OTHER_KEY), BODY)
    err = info.value
    assert err.code == "signature_mismatch"
    assert err.log_record is not None
    assert err.log_record["reason"] == "signature_mismatch"
    assert err.log_record["body_sha256"] == spotdraft_kit.body_sha256(BODY)
    text = str(err) + repr(err) + json.dumps(err.log_record)
    for secret in (KEY, OTHER_KEY, SIG, BODY.decode(), "Sam Example", "sam@example.com"):
        assert secret not in text


def test_body_too_large_is_not_hashed() -> None:
    v = Verifier(KEY, max_body_bytes=10)
    assert v.max_body_bytes == 10
    with pytest.raises(PayloadError) as info:
        v.open(signed_headers(BODY), BODY)
    assert info.value.code == "body_too_large"
    assert info.value.http_status == 413
    assert info.value.log_record is not None
    assert "body_sha256" not in info.value.log_record
    with pytest.raises(PayloadError):
        v.check_body_length(11)
    v.check_body_length(10)


# --- headers ---------------------------------------------------------------

class CaseSensitiveMultiDict:
    """A multi-value mapping whose getlist is case-sensitive."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def getlist(self, name: str) -> list[str]:
        return [v for k, v in self._pairs if k == name]

    def items(self) -> list[tuple[str, str]]:
        return list(self._pairs)


class StrictMultiDict:
    """Like multidict's CIMultiDict: getall raises KeyError without a default."""

    _missing: Any = object()

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def getall(self, name: str, default: Any = _missing) -> list[str]:
        found = [v for k, v in self._pairs if k.lower() == name.lower()]
        if not found:
            if default is self._missing:
                raise KeyError(name)
            return list(default)
        return found

    def items(self) -> list[tuple[str, str]]:
        return list(self._pairs)


def header_shapes() -> list[Any]:
    msg = email.message.Message()
    msg["x-sd-webhook-content-hash"] = SIG
    shapes: list[Any] = [
        {"X-SD-WEBHOOK-CONTENT-HASH": SIG},
        {"x-sd-webhook-content-hash": SIG},
        {"X-Sd-Webhook-Content-Hash": SIG},
        [("x-sd-webhook-content-hash", SIG)],
        [["x-sd-webhook-content-hash", SIG]],
        ((b"x-sd-webhook-content-hash", SIG.encode()),),
        {"x-sd-webhook-content-hash": [SIG]},
        msg,
        CaseSensitiveMultiDict([("X-Sd-Webhook-Content-Hash", SIG)]),
        StrictMultiDict([("x-sd-webhook-content-hash", SIG)]),
    ]
    try:
        from werkzeug.datastructures import EnvironHeaders, Headers

        shapes.append(Headers([("X-SD-WEBHOOK-CONTENT-HASH", SIG)]))
        shapes.append(EnvironHeaders({"HTTP_X_SD_WEBHOOK_CONTENT_HASH": SIG}))
    except ImportError:
        pass
    try:
        from starlette.datastructures import Headers as StarletteHeaders

        shapes.append(StarletteHeaders({"X-SD-WEBHOOK-CONTENT-HASH": SIG}))
    except ImportError:
        pass
    try:
        from django.http.request import HttpHeaders

        shapes.append(HttpHeaders({"HTTP_X_SD_WEBHOOK_CONTENT_HASH": SIG}))
    except ImportError:
        pass
    return shapes


@pytest.mark.parametrize("headers", header_shapes(), ids=lambda h: type(h).__name__)
def test_header_shapes(headers: Any) -> None:
    d = Verifier(KEY).open(headers, BODY)
    assert d.signature_header == "current"


def test_multidict_getall_without_the_header_is_missing_signature() -> None:
    with pytest.raises(SignatureError) as info:
        Verifier(KEY).open(StrictMultiDict([("content-type", "application/json")]), BODY)
    assert info.value.code == "missing_signature"
    legacy = StrictMultiDict([("X-SD-CONTENT-HASH", SIG)])
    assert Verifier(KEY).open(legacy, BODY).signature_header == "legacy"


def test_repeated_header_in_a_multi_value_mapping() -> None:
    Headers = pytest.importorskip("werkzeug.datastructures").Headers

    other = spotdraft_kit.sign(KEY, b"{}")
    headers = Headers([("X-SD-WEBHOOK-CONTENT-HASH", SIG), ("x-sd-webhook-content-hash", other)])
    with pytest.raises(SignatureError) as info:
        Verifier(KEY).open(headers, BODY)
    assert info.value.code == "malformed_signature"
    # The same value twice is one signature.
    same = Headers([("X-SD-WEBHOOK-CONTENT-HASH", SIG), ("x-sd-webhook-content-hash", SIG)])
    assert Verifier(KEY).open(same, BODY).key_index == 0


@pytest.mark.parametrize("headers", [None, 42, "x-sd-webhook-content-hash", [("a",)], [1], {1: "x"}, {"x-sd-content-hash": 5}])
def test_wrong_header_types(headers: Any) -> None:
    with pytest.raises(TypeError) as info:
        Verifier(KEY).open(headers, BODY)
    assert isinstance(info.value, InvalidArgumentError)


# --- events ----------------------------------------------------------------

def test_event_attributes_and_lazy_payload() -> None:
    body = payload(
        contract_status="SIGN",
        external_metadata={"id": 77, "crm": {"stage": "won"}},
        counterparties=[{"type": "Organization", "organization_name": "Acme", "counterparty_id": 9}, 3],
        business_user={"name": "Bo"},
        big=2**70,
        ratio=0.5,
    )
    event = spotdraft_kit.parse_event(body)
    assert event.activity == "CONTRACT_SIGNED" and event.known and event.category == "signature"
    assert event.contract_id == 4242
    assert event.contract_status == "SIGN"
    assert event.contract_kind is None
    assert event.occurred_at == "2026-11-02T10:00:00Z"
    assert event.performed_by == {"name": "Sam Example", "email": "sam@example.com"}
    assert event.business_user == {"name": "Bo", "email": None}
    assert event.legal_user is None
    assert event.external_id == "77"
    assert event.external_metadata == {"id": 77, "crm": {"stage": "won"}}
    assert event.counterparties == [
        {"type": "Organization", "organization_name": "Acme", "poc_name": None, "poc_email": None, "counterparty_id": 9}
    ]
    assert event.source == body
    first = event.payload
    assert first is event.payload  # converted once, then cached
    assert first == json.loads(body)
    assert type(first["big"]) is int and first["big"] == 2**70  # exact beyond 64 bits
    assert list(first) == list(json.loads(body))  # keys in the order sent
    assert repr(event) == "Event(activity='CONTRACT_SIGNED', contract_id=4242)"


def test_event_is_immutable() -> None:
    event = spotdraft_kit.parse_event(BODY)
    with pytest.raises(AttributeError):
        event.activity = "X"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        event.new_attribute = 1  # type: ignore[attr-defined]
    d = Verifier(KEY).open(signed_headers(BODY), BODY)
    with pytest.raises(AttributeError):
        d.dedupe_key = "x"  # type: ignore[misc]


def test_unknown_activity_passes_through() -> None:
    event = spotdraft_kit.parse_event(b'{"activity":"SOMETHING_NEW","contract_id":"12"}')
    assert event.activity == "SOMETHING_NEW"
    assert not event.known and event.category == "other"
    assert event.contract_id is None  # a string is not the documented type


@pytest.mark.parametrize(("body", "code"), [(b"{", "invalid_json"), (b"[1]", "invalid_payload"), (b'{"activity":1}', "invalid_payload"), (b"[" * 100_000, "invalid_json")])
def test_parse_errors(body: bytes, code: str) -> None:
    with pytest.raises(PayloadError) as info:
        spotdraft_kit.parse_event(body)
    assert info.value.code == code


def test_delivery_fields_and_log_record() -> None:
    d = Verifier({"prod": KEY}).open(signed_headers(BODY), BODY)
    assert d.body_length == len(BODY)
    assert d.dedupe_key.startswith("sdk1:")
    record = d.log_record()
    assert record["outcome"] == "accepted" and record["key_id"] == "prod"
    assert record is not d.log_record()  # a new plain dict each call
    assert isinstance(d.event, spotdraft_kit.Event)
    assert d.event is d.event
    assert "Sam" not in repr(d)


def test_diagnosis() -> None:
    found = spotdraft_kit.diagnose(BODY + b"\n", SIG, [OTHER_KEY, KEY])
    assert found.cause == "trailing_newline"
    assert found.key_index == 1
    assert found.variant is not None
    assert found.message.startswith("trailing_newline:")
    assert KEY not in repr(found) + found.message


# --- the error classes -------------------------------------------------------

def test_error_hierarchy() -> None:
    for cls in (SignatureError, InvalidKeyError, PayloadError, ApiError, InvalidArgumentError):
        assert issubclass(cls, SpotDraftKitError)
        assert cls.__module__ == "spotdraft_kit"
    assert issubclass(InvalidArgumentError, TypeError) and issubclass(InvalidArgumentError, ValueError)
    assert issubclass(SpotDraftKitError, Exception)
    assert set(spotdraft_kit.ERROR_CODES) >= {"missing_signature", "invalid_argument", "api_error"}


def test_error_raised_by_hand_has_attributes() -> None:
    err = SpotDraftKitError("by hand")
    assert err.code and isinstance(err.http_status, int) and err.log_record is None


def test_errors_pickle() -> None:
    with pytest.raises(SignatureError) as info:
        Verifier(KEY).verify(BODY, "0" * 128)
    clone = pickle.loads(pickle.dumps(info.value))
    assert type(clone) is SignatureError
    assert str(clone) == str(info.value)
    assert (clone.code, clone.http_status, clone.log_record) == ("signature_mismatch", 401, None)


def test_constants() -> None:
    assert spotdraft_kit.SIGNATURE_HEADER == "X-SD-WEBHOOK-CONTENT-HASH"
    assert spotdraft_kit.LEGACY_SIGNATURE_HEADER == "X-SD-CONTENT-HASH"
    assert spotdraft_kit.DEFAULT_MAX_BODY_BYTES == 5 * 1024 * 1024
    assert spotdraft_kit.MAX_KEYS == 64
    assert Verifier(KEY).max_body_bytes == spotdraft_kit.DEFAULT_MAX_BODY_BYTES


def test_short_base64_keys_need_allow_short_keys() -> None:
    short = "c2VjcmV0"  # base64 of the 6 bytes "secret"
    with pytest.raises(spotdraft_kit.InvalidKeyError) as info:
        spotdraft_kit.Verifier(short)
    assert info.value.code == "invalid_key"
    assert "decodes to 6 bytes" in str(info.value) and short not in str(info.value)
    assert len(spotdraft_kit.Verifier(short, allow_short_keys=True)) == 1
    with pytest.raises(spotdraft_kit.InvalidKeyError):
        spotdraft_kit.Verifier.from_env({"SPOTDRAFT_HMAC_KEYS": f"demo:{short}"})
    env = {"SPOTDRAFT_HMAC_KEYS": f"demo:{short}"}
    assert spotdraft_kit.Verifier.from_env(env, allow_short_keys=True).key_ids == ["demo"]
    # Legacy UTF-8 secrets are exempt.
    assert len(spotdraft_kit.Verifier("abc", encoding="utf8")) == 1


def test_the_codes_adapters_answer_come_from_core() -> None:
    from spotdraft_kit._native import code_error

    for code, status in [("length_required", 411), ("store_unavailable", 503)]:
        err = code_error(code)
        assert isinstance(err, spotdraft_kit.SpotDraftKitError)
        assert (err.code, err.http_status) == (code, status)
        assert code in spotdraft_kit.ERROR_CODES
    with pytest.raises(spotdraft_kit.InvalidArgumentError):
        code_error("no_such_code")  # type: ignore[arg-type]
