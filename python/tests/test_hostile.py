"""Randomised calls of every public function, class and method of
spotdraft_kit with hostile values: no input may crash the interpreter, panic
in Rust or raise something a caller cannot handle.

The calls run in a child interpreter, so an abort is reported with the call
that caused it instead of ending the pytest session. The seed is printed;
SPOTDRAFT_KIT_SEED=<n> replays a run.

Acceptable outcomes: a return; a SpotDraftKitError (any subclass) with a
documented code; TypeError, ValueError or OverflowError (argument
conversion: an int out of range, a str with a lone surrogate, a released
memoryview); or the hostile value's own exception, raised unchanged. Never
SystemError, pyo3's PanicException or any other exception. No error text may
contain a key or the client secret.
"""

from __future__ import annotations

import array
import asyncio
import base64
import functools
import inspect
import json
import os
import random
import re
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Callable, Optional

import spotdraft_kit
from spotdraft_kit import Api, RateLimiter, RetryPolicy, SpotDraftKitError, Verifier

ITERATIONS = 3000
KEY_TEXT = "hostile-suite-hmac-key-7f3a9c"
KEY = base64.b64encode(KEY_TEXT.encode()).decode()
OTHER_KEY_TEXT = "hostile-suite-utf8-key-e4d81b"
CLIENT_SECRET = "hostile-suite-client-secret-5be1d2"
SECRETS = (KEY, KEY_TEXT, OTHER_KEY_TEXT, CLIENT_SECRET)
H = "X-SD-WEBHOOK-CONTENT-HASH"
BODY = b'{"activity":"CONTRACT_SIGNED","contract_id":42}'
SIGNATURE = spotdraft_kit.sign(KEY, BODY)
MIB = 1024 * 1024


class HostileError(Exception):
    """Raised by the hostile values themselves (the caller's own exception)."""


def boom(*_args: Any, **_kwargs: Any) -> Any:
    raise HostileError("hostile value")


class Raising:
    """Every protocol a binding might use raises."""

    __str__ = __repr__ = __iter__ = __getitem__ = __len__ = __bytes__ = boom
    __index__ = __int__ = __float__ = __eq__ = __hash__ = __bool__ = boom
    keys = items = values = get = getlist = get_all = getall = boom

    def __getattr__(self, name: str) -> Any:
        raise HostileError(name)


class RaisingMapping(Mapping[str, str]):
    """A mapping whose every method raises."""

    __getitem__ = __iter__ = __len__ = items = keys = boom


class OddMapping(Mapping[str, Any]):
    """A mapping whose items() is not what it claims."""

    def __init__(self, items: Any) -> None:
        self._items = items

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def items(self) -> Any:
        return self._items


class MultiHeaders:
    """A multi-value headers class (getlist) answering oddly."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer

    def getlist(self, name: str) -> Any:
        return self.answer


class EvilInt(int):
    __str__ = __repr__ = boom


class FakeApiError:
    """What RetryPolicy.next_delay_ms reads of an error, with odd values."""

    def __init__(self, retryable: Any, ms: Any, at: Any) -> None:
        self.retryable = retryable
        self.status = 503
        self.retry_after_ms = ms
        self.retry_after_at_unix_ms = at


def released() -> memoryview:
    view = memoryview(b"released")
    view.release()
    return view


def nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def circular() -> list[Any]:
    value: list[Any] = [1]
    value.append(value)
    return value


def raising_generator() -> Iterator[Any]:
    yield (H, "0" * 128)
    raise HostileError("generator")


HUGE_STR = "a" * MIB
HUGE_SURROGATES = "\ud800" * (MIB // 2)
HUGE_BYTES = b"{" * MIB

# (label, factory): labels name a failing call in the report.
POOL: list[tuple[str, Callable[[], Any]]] = [
    ("None", lambda: None), ("True", lambda: True), ("False", lambda: False),
    ("0", lambda: 0), ("-1", lambda: -1), ("1", lambda: 1), ("2**31", lambda: 2**31),
    ("2**32-1", lambda: 2**32 - 1), ("2**32", lambda: 2**32), ("2**63", lambda: 2**63),
    ("2**64-1", lambda: 2**64 - 1), ("2**64", lambda: 2**64), ("-2**63", lambda: -(2**63)),
    ("10**100", lambda: 10**100), ("-10**100", lambda: -(10**100)), ("EvilInt", lambda: EvilInt(7)),
    ("nan", lambda: float("nan")), ("inf", lambda: float("inf")), ("-inf", lambda: float("-inf")),
    ("-0.0", lambda: -0.0), ("1.5", lambda: 1.5), ("1e308", lambda: 1e308), ("1j", lambda: 1j),
    ("''", lambda: ""), ("' '", lambda: " "), ("NUL", lambda: "\x00"), ("lone surrogate", lambda: "\ud800"),
    ("mixed surrogates", lambda: "a\udfffb\ud800"), ("128 NUL", lambda: "\x00" * 128),
    ("1 MiB str", lambda: HUGE_STR), ("1 MiB lone surrogates", lambda: HUGE_SURROGATES),
    ("2049 chars", lambda: "f" * 2049), ("128 hex", lambda: "0" * 128), ("'{}'", lambda: "{}"),
    ("'null'", lambda: "null"), ("body str", lambda: BODY.decode()), ("'us'", lambda: "us"),
    ("'GET'", lambda: "GET"), ("'base64'", lambda: "base64"), ("'utf8'", lambda: "utf8"),
    ("'v2.1/public/x'", lambda: "v2.1/public/x"), ("http url", lambda: "http://127.0.0.1:9/api/"),
    ("https url", lambda: "https://api.us.spotdraft.com/api/"), ("newlines", lambda: "a\r\nb: c"),
    ("b''", lambda: b""), ("b'\\xff\\xfe'", lambda: b"\xff\xfe\x00"), ("body", lambda: BODY),
    ("bytearray", lambda: bytearray(BODY)), ("memoryview", lambda: memoryview(BODY)),
    ("released memoryview", released), ("strided memoryview", lambda: memoryview(BODY)[::2]),
    ("2-d memoryview", lambda: memoryview(bytes(12)).cast("B", (3, 4))),
    ("double memoryview", lambda: memoryview(array.array("d", [float("nan"), -0.0]))),
    ("empty memoryview", lambda: memoryview(b"")),
    ("{}", lambda: {}), ("[]", lambda: []), ("()", lambda: ()), ("[[]]", lambda: [[]]),
    ("nested 5000", lambda: nested(5000)), ("circular", circular), ("set", lambda: {1, 2}),
    ("frozenset", lambda: frozenset({"a"})), ("range(3)", lambda: range(3)),
    ("{1: 2}", lambda: {1: 2}), ("{None: b'x'}", lambda: {None: b"x"}), ("{(1, 2): object}", lambda: {(1, 2): object()}),
    ("{sig: 5}", lambda: {H: 5}), ("{sig: [None]}", lambda: {H: [None, "0" * 128]}),
    ("{b'sig': bytes}", lambda: {H.lower().encode(): b"0" * 128}), ("{sig: Raising}", lambda: {H: Raising()}),
    ("[(sig,)]", lambda: [(H,)]), ("[(sig, x, y)]", lambda: [(H, "x", "y")]), ("[[sig, 1]]", lambda: [[H, 1]]),
    ("generator", lambda: ((H, "0" * 128) for _ in range(2))), ("raising generator", raising_generator),
    ("Raising", Raising), ("RaisingMapping", RaisingMapping), ("items() -> 5", lambda: OddMapping(5)),
    ("items() -> [(1, 2, 3)]", lambda: OddMapping([(1, 2, 3)])), ("items() -> [Raising]", lambda: OddMapping([Raising()])),
    ("getlist -> 5", lambda: MultiHeaders(5)), ("getlist -> [b'x', None]", lambda: MultiHeaders([b"x", None])),
    ("getlist raises", lambda: MultiHeaders(Raising())), ("object()", object), ("lambda", lambda: lambda: 1),
    ("type", lambda: type), ("print", lambda: print), ("exception", lambda: ValueError("x")),
    ("FakeApiError odd", lambda: FakeApiError(Raising(), -1, 2**64)),
    ("FakeApiError nan", lambda: FakeApiError(True, float("nan"), "soon")),
]

ApiCall = tuple[str, Callable[[], Any]]


class Run:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        # How often an argument is valid, drawn per call: calls with several
        # arguments need most of them valid to reach the inner conversions.
        self.valid_percent = 30
        self.api = Api(
            client_id="hostile-client", client_secret=CLIENT_SECRET, region="us", user_email="ops@example.com"
        )
        # Sends go to a port bound but not listening: refused at once (no
        # retries), and nothing else can take the port meanwhile.
        self.closed = socket.socket()
        self.closed.bind(("127.0.0.1", 0))
        port = self.closed.getsockname()[1]
        self.local_api = Api(
            client_id="hostile-client", client_secret=CLIENT_SECRET, base_url=f"http://127.0.0.1:{port}/api/",
            retry_policy=RetryPolicy(max_attempts=1), rate_limiter=RateLimiter(max_requests=1, window_ms=0),
        )
        self.verifier = Verifier([KEY, ("text", base64.b64encode(OTHER_KEY_TEXT.encode()).decode())])
        self.builders = sorted(
            name for name in dir(Api)
            if not name.startswith("_") and callable(getattr(Api, name))
            and name not in ("from_env", "parse_response", "send", "send_async")
        )

    def chance(self, percent: int) -> bool:
        return self.rng.randrange(100) < percent

    def value(self, valid: Any = None, has_valid: bool = False) -> tuple[str, Any]:
        """A hostile value; sometimes `valid`, so calls get past the first check."""
        if has_valid and self.chance(self.valid_percent):
            return f"valid {str(valid)[:30]}", valid
        label, make = self.rng.choice(POOL)
        return label, make()

    def valid(self, valid: Any) -> tuple[str, Any]:
        return self.value(valid, True)

    def body(self) -> tuple[str, Any]:
        return ("1 MiB bytes", HUGE_BYTES) if self.chance(5) else self.valid(BODY)

    def keys(self) -> tuple[str, Any]:
        label, v = self.valid(KEY)
        return self.rng.choice([
            (f"[{label}]", [v]), (f"[(id, {label})]", [("id", v)]), (f"[({label}, key)]", [(v, KEY)]),
            (f"{{id: {label}}}", {"id": v}), (f"{{{label}: key}}", {v: KEY} if _hashable(v) else {"k": v}),
            (f"[key, {label}]", [KEY, v]), (label, v),
        ])

    def headers(self) -> tuple[str, Any]:
        label, v = self.valid(SIGNATURE)
        return self.rng.choice([
            (f"{{sig: {label}}}", {H: v}), (f"[(sig, {label})]", [(H, v)]), (f"[({label}, x)]", [(v, "x")]),
            (f"{{legacy: [{label}]}}", {"x-sd-content-hash": [v]}), (f"getlist -> [{label}]", MultiHeaders([v])),
            (label, v),
        ])

    def request(self) -> tuple[str, Any]:
        return ("request", self.api.contracts_status_retrieve({"composite_id": 7})) if self.chance(60) else self.value()

    def ops(self) -> list[Callable[[], ApiCall]]:
        r = self
        v = r.verifier

        def verifier_new() -> ApiCall:
            (lk, k), (lm, m), (le, e) = r.keys(), r.valid(1000), r.valid("utf8")
            kwargs = {"max_body_bytes": m} if r.chance(50) else {"encoding": e}
            return f"Verifier({lk}, {lm if 'max_body_bytes' in kwargs else le})", lambda: Verifier(k, **kwargs)

        def verifier_from_env() -> ApiCall:
            (lv, val), (lm, m) = r.valid(f"main:{KEY}"), r.valid(1000)
            mapping = {"SPOTDRAFT_HMAC_KEYS": val} if r.chance(70) else val
            return f"Verifier.from_env({lv}, {lm})", lambda: Verifier.from_env(mapping, max_body_bytes=m)

        def verify() -> ApiCall:
            (lb, b), (ls, s) = r.body(), r.valid(SIGNATURE)
            return f"verify({lb}, {ls})", lambda: v.verify(b, s)

        def is_valid() -> ApiCall:
            (lb, b), (ls, s) = r.body(), r.valid(SIGNATURE)
            return f"is_valid({lb}, {ls})", lambda: v.is_valid(b, s)

        def open_() -> ApiCall:
            (lh, h), (lb, b) = r.headers(), r.body()
            return f"open({lh}, {lb})", lambda: touch(v.open(h, b))

        def open_with_signature() -> ApiCall:
            (ls, s), (lb, b), (ll, legacy) = r.valid(SIGNATURE), r.body(), r.valid(True)
            return f"open_with_signature({ls}, {lb}, legacy={ll})", lambda: touch(v.open_with_signature(s, b, legacy=legacy))

        def check_body_length() -> ApiCall:
            ln, n = r.valid(10)
            return f"check_body_length({ln})", lambda: v.check_body_length(n)

        def parse_event() -> ApiCall:
            lb, b = r.body()
            return f"parse_event({lb})", lambda: touch(spotdraft_kit.parse_event(b))

        def sign() -> ApiCall:
            (lk, k), (lb, b), (le, e) = r.valid(KEY), r.body(), r.valid("base64")
            return f"sign({lk}, {lb}, encoding={le})", lambda: spotdraft_kit.sign(k, b, encoding=e)

        def diagnose() -> ApiCall:
            (lb, b), (ls, s), (lk, k) = r.body(), r.valid(SIGNATURE), r.keys()
            return f"diagnose({lb}, {ls}, {lk})", lambda: touch(spotdraft_kit.diagnose(b, s, k))

        def body_sha256() -> ApiCall:
            lb, b = r.body()
            return f"body_sha256({lb})", lambda: spotdraft_kit.body_sha256(b)

        def api_new() -> ApiCall:
            kwargs: dict[str, Any] = {"client_id": "hostile-client", "client_secret": CLIENT_SECRET, "region": "us"}
            field = r.rng.choice(["client_id", "client_secret", "region", "base_url", "environment",
                                  "user_email", "retry_policy", "rate_limiter"])
            label, val = r.valid("eu")
            kwargs[field] = val
            return f"Api({field}={label})", lambda: touch(Api(**kwargs))

        def api_from_env() -> ApiCall:
            env = {"SPOTDRAFT_REGION": "eu", "SPOTDRAFT_CLIENT_ID": "hostile-client",
                   "SPOTDRAFT_CLIENT_SECRET": CLIENT_SECRET}
            name = r.rng.choice(["SPOTDRAFT_REGION", "SPOTDRAFT_BASE_URL", "SPOTDRAFT_ENVIRONMENT",
                                 "SPOTDRAFT_USER_EMAIL", "SPOTDRAFT_CLIENT_ID"])
            label, val = r.value()
            mapping: Any = {**env, name: val} if r.chance(70) else val
            where = f"env.{name} = {label}" if isinstance(mapping, dict) and name in mapping else label
            return f"Api.from_env({where})", lambda: touch(Api.from_env(mapping))

        def builder() -> ApiCall:
            name = r.rng.choice(r.builders)
            params = inspect.signature(getattr(r.api, name)).parameters.values()
            required = sum(1 for p in params if p.default is inspect.Parameter.empty)
            count = r.rng.randrange(required, len(params) + 1) if r.chance(90) else r.rng.randrange(5)
            args = [r.builder_arg() for _ in range(count)]
            return (f"api.{name}({', '.join(a[0] for a in args)})",
                    lambda: touch(getattr(r.api, name)(*(a[1] for a in args))))

        def parse_response() -> ApiCall:
            (lq, q), (ls, s), (lh, h), (lb, b) = r.request(), r.valid(200), r.valid([("retry-after", "5")]), r.body()
            return f"api.parse_response({lq}, {ls}, {lh}, {lb})", lambda: r.api.parse_response(q, s, h, b)

        def request_methods() -> ApiCall:
            req = r.api.contracts_retrieve({"page": 1, "limit": 10, "filters": {"client_name": {"$eq": "x"}}})
            (ls, s), (ln, n), (lh, h), (lw, w) = r.valid(503), r.valid(2), r.valid({"x-request-id": "r"}), r.valid("refused")
            lf, flag = r.valid(False)
            calls: list[ApiCall] = [
                (f"request.parse_response({ls}, {lh}, {lw})", lambda: req.parse_response(s, h, w)),
                (f"request.response_log_record({ls}, {ln}, {lh})", lambda: req.response_log_record(s, n, h)),
                (f"request.transport_error({lw}, {lf})", lambda: req.transport_error(w, flag)),
                (f"request == {lw}", lambda: (req == w, hash(req), repr(req.redacted()), req.log_record())),
            ]
            return r.rng.choice(calls)

        def send() -> ApiCall:
            (lq, q), (lt, t) = r.request(), r.valid(5.0)
            req = r.local_api.auth_roles_retrieve() if lq == "request" else q
            return f"api.send({lq}, timeout={lt})", lambda: r.local_api.send(req, timeout=t)

        def send_async() -> ApiCall:
            (lq, q), (lt, t) = r.request(), r.valid(5.0)
            req = r.local_api.auth_roles_retrieve() if lq == "request" else q
            return f"api.send_async({lq}, timeout={lt})", lambda: asyncio.run(r.local_api.send_async(req, timeout=t))  # type: ignore[arg-type]

        def retry_policy() -> ApiCall:
            field = r.rng.choice(["max_attempts", "base_ms", "cap_ms"])
            label, val = r.valid(3)
            return f"RetryPolicy({field}={label})", lambda: repr(RetryPolicy(**{field: val}))

        def next_delay() -> ApiCall:
            policy = RetryPolicy(max_attempts=10)
            error = r.local_api.auth_roles_retrieve().transport_error("refused", False)
            (la, a), (le, e), (lr, rand), (ln, now) = r.valid(1), r.valid(error), r.valid(0.5), r.valid(1_700_000_000_000)
            return f"next_delay_ms({la}, {le}, {lr}, {ln})", lambda: policy.next_delay_ms(a, e, rand, now)

        def rate_limiter() -> ApiCall:
            field = r.rng.choice(["max_requests", "window_ms"])
            label, val = r.valid(5)
            return f"RateLimiter({field}={label})", lambda: repr(RateLimiter(**{field: val}))

        def acquire() -> ApiCall:
            limiter = RateLimiter(max_requests=2, window_ms=1000)
            times = [r.valid(1000) for _ in range(3)]
            return (f"acquire({' then '.join(t[0] for t in times)})",
                    lambda: [limiter.acquire(t[1]) for t in times])

        def verifier_introspection() -> ApiCall:
            return "len/repr/key_ids/max_body_bytes", lambda: (len(v), repr(v), v.key_ids, v.max_body_bytes)

        return [verifier_new, verifier_from_env, verify, is_valid, open_, open_with_signature, check_body_length,
                parse_event, sign, diagnose, body_sha256, api_new, api_from_env, builder, builder, builder,
                parse_response, request_methods, send, send_async, retry_policy, next_delay, rate_limiter, acquire,
                verifier_introspection]

    def builder_arg(self) -> tuple[str, Any]:
        """An argument for an endpoint builder: valid-looking or hostile."""
        label, v = self.value()
        hostile = [(label, v), (f"[{label}]", [v]), (f"[(f, eq, {label})]", [("client_name", "eq", v)]),
                   (f"{{a: {label}}}", {"a": v}), (f"[(q, {label})]", [("q", v)])]
        valid = [("'123'", "123"), ("7", 7), ("[1, 2]", [1, 2]), ("'GET'", "GET"), ("'pdf'", "pdf"),
                 ("path", "v2.1/public/contracts/"), ("{a: 1}", {"a": 1}), ("https url", "https://example.com/hook")]
        return self.rng.choice(valid if self.chance(self.valid_percent) else hostile)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except Exception:
        return False
    return True


def touch(result: Any) -> Any:
    """Reads every public attribute of a returned object, calls its
    log_record() / redacted() and repr()."""
    for name in dir(result):
        if name.startswith("_"):
            continue
        attr = getattr(result, name)
        if callable(attr) and name in ("log_record", "redacted"):
            attr()
    repr(result)
    return result


def problem(error: BaseException) -> Optional[str]:
    """Why an exception is not acceptable, or None."""
    if type(error).__name__ == "PanicException" or isinstance(error, SystemError):
        return f"{type(error).__name__}: {str(error)[:160]}"
    if isinstance(error, SpotDraftKitError):
        if error.code not in spotdraft_kit.ERROR_CODES:
            return f"{type(error).__name__} with unknown code {error.code!r}"
        return None
    if isinstance(error, (TypeError, ValueError, OverflowError, HostileError)):
        return None
    return f"{type(error).__name__}: {str(error)[:160]}"


def leak(error: BaseException) -> Optional[str]:
    texts: list[str] = []
    seen: Optional[BaseException] = error
    while seen is not None and len(texts) < 20:
        if not isinstance(seen, HostileError):
            texts += [str(seen), repr(seen), repr(getattr(seen, "log_record", None))]
        seen = seen.__cause__ or seen.__context__
    for secret in SECRETS:
        if any(secret in t for t in texts):
            return f"{type(error).__name__} text contains a secret: {str(error)[:80]!r}"
    return None


def still_works() -> None:
    signature = spotdraft_kit.sign(KEY, BODY)
    delivery = Verifier(KEY).open({H: signature}, BODY)
    assert delivery.key_index == 0 and delivery.event.contract_id == 42
    other = base64.b64encode(OTHER_KEY_TEXT.encode()).decode()
    assert Verifier([KEY, ("text", other)]).open([(H, spotdraft_kit.sign(other, BODY))], BODY).key_id == "text"
    assert Api(client_id="c", client_secret=CLIENT_SECRET, region="us").contracts_status_retrieve({"composite_id": 42}).method == "GET"
    assert RateLimiter(max_requests=1, window_ms=10).acquire(0) == 0
    # The leak check itself sees a secret.
    assert leak(ValueError(f"bad key {KEY}")) is not None


# Every numeric parameter gets every edge value, whatever the seed: the
# random run reaches a given (parameter, value) pair only now and then.
EDGE_NUMBERS: list[tuple[str, Any]] = [
    ("0", 0), ("-1", -1), ("1.5", 1.5), ("nan", float("nan")), ("inf", float("inf")), ("-inf", float("-inf")),
    ("1e308", 1e308), ("2**31", 2**31), ("2**32-1", 2**32 - 1), ("2**32", 2**32), ("2**63", 2**63),
    ("2**64-1", 2**64 - 1), ("2**64", 2**64), ("-2**63", -(2**63)), ("10**100", 10**100), ("True", True),
    ("None", None), ("'7'", "7"), ("EvilInt", EvilInt(7)),
]


def numeric_parameters(run: Run) -> list[tuple[str, Callable[[Any], Any]]]:
    api, local = run.api, run.local_api
    req = api.contracts_status_retrieve({"composite_id": 7})
    error = req.transport_error("refused", False)

    def fake(ms: Any, at: Any) -> Any:
        return FakeApiError(True, ms, at)

    def window(n: Any) -> Any:
        limiter = RateLimiter(max_requests=1, window_ms=n)
        return limiter.acquire(0), limiter.acquire(0)

    return [
        ("Verifier(key, max_body_bytes=n)", lambda n: Verifier(KEY, max_body_bytes=n)),
        ("verifier.check_body_length(n)", lambda n: run.verifier.check_body_length(n)),
        ("RetryPolicy(max_attempts=n)", lambda n: RetryPolicy(max_attempts=n).next_delay_ms(3, error, 0.5, 0)),
        ("RetryPolicy(base_ms=n)", lambda n: RetryPolicy(base_ms=n).next_delay_ms(3, error, 0.5, 0)),
        ("RetryPolicy(cap_ms=n)", lambda n: RetryPolicy(cap_ms=n).next_delay_ms(3, error, 0.5, 0)),
        ("RateLimiter(max_requests=n, window_ms=1)", lambda n: RateLimiter(max_requests=n, window_ms=1).acquire(0)),
        ("RateLimiter(max_requests=1, window_ms=n)", window),
        ("rate_limiter.acquire(n)", lambda n: RateLimiter().acquire(n)),
        ("next_delay_ms(n, ...)", lambda n: RetryPolicy().next_delay_ms(n, error, 0.5, 0)),
        ("next_delay_ms(1, ..., n, ...)", lambda n: RetryPolicy().next_delay_ms(1, error, n, 0)),
        ("next_delay_ms(1, ..., n)", lambda n: RetryPolicy().next_delay_ms(1, error, 0.5, n)),
        ("next_delay_ms(retry_after_ms=n)", lambda n: RetryPolicy().next_delay_ms(1, fake(n, None), 0.5, 0)),
        ("next_delay_ms(retry_after_at_unix_ms=n)", lambda n: RetryPolicy().next_delay_ms(1, fake(None, n), 0.5, 0)),
        ("request.parse_response(n, [], body)", lambda n: req.parse_response(n, [], b"{}")),
        ("api.parse_response(request, n, [], body)", lambda n: api.parse_response(req, n, [], b"{}")),
        ("request.response_log_record(n, 0)", lambda n: req.response_log_record(n, 0)),
        ("request.response_log_record(200, n)", lambda n: req.response_log_record(200, n)),
        ("api.contracts_retrieve({'page': n, 'limit': 10})", lambda n: api.contracts_retrieve({"page": n, "limit": 10})),
        ("api.contracts_retrieve({'page': 1, 'limit': n})", lambda n: api.contracts_retrieve({"page": 1, "limit": n})),
        ("api.contracts_status_retrieve({'composite_id': n})", lambda n: api.contracts_status_retrieve({"composite_id": n})),
        ("api.contracts_webhooks_re_trigger_latest_create({'body': {'contract_ids': [n]}})", lambda n: api.contracts_webhooks_re_trigger_latest_create({"body": {"contract_ids": [n]}})),
        ("api.request(GET, path, [(q, n)])", lambda n: api.request("GET", "v2.1/public/contracts/", [("q", n)])),
        ("api.send(request, timeout=n)", lambda n: local.send(local.auth_roles_retrieve(), timeout=n)),
    ]


def child(seed: int) -> None:
    """The numeric edges, then the randomised run: one trace line per call
    on stderr (the last one names the culprit of a crash), the findings as
    JSON on stdout."""
    run = Run(seed)
    calls: list[ApiCall] = [
        (re.sub(r"\bn\b", label, name, count=1), functools.partial(fn, n))
        for name, fn in numeric_parameters(run) for label, n in EDGE_NUMBERS
    ]
    ops = run.ops()
    for i in range(ITERATIONS):
        run.valid_percent = run.rng.choice([30, 60, 85])
        label, call = ops[i % len(ops)]()
        calls.append((f"#{i} {label}", call))
    findings: dict[str, str] = {}
    errors = 0
    for label, call in calls:
        print(f"# {label}", file=sys.stderr, flush=True)
        try:
            call()
        except BaseException as error:  # PanicException is a BaseException
            errors += 1
            found = problem(error) or leak(error)
            if found is not None and found not in findings:
                findings[found] = label
    try:
        still_works()
    except BaseException as error:
        findings[f"the module no longer works: {type(error).__name__}: {error}"] = "after the loop"
    print(json.dumps({"calls": len(calls), "errors": errors, "findings": findings}))


def test_hostile_values_never_crash_or_escape() -> None:
    seed = int(os.environ.get("SPOTDRAFT_KIT_SEED", random.randrange(2**32)))
    print(f"hostile seed: {seed} (replay with SPOTDRAFT_KIT_SEED={seed})")
    env = dict(os.environ)
    # The child imports the same spotdraft_kit as this process.
    env["PYTHONPATH"] = os.pathsep.join([str(Path(spotdraft_kit.__file__).parent.parent), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        [sys.executable, __file__, str(seed)], capture_output=True, text=True, env=env, timeout=300
    )
    trace = proc.stderr.splitlines()
    calls = [line for line in trace if line.startswith("#")]
    if proc.returncode != 0:
        last = calls[-1] if calls else "(before the first call)"
        tail = "\n".join(line for line in trace[-8:] if not line.startswith("#"))
        raise AssertionError(f"seed {seed}: the interpreter died (exit {proc.returncode}) at {last}\n{tail}")
    result = json.loads(proc.stdout.splitlines()[-1])
    print(f"{result['calls']} calls, {result['errors']} raised")
    report = "\n".join(f"{found}\n    first at {where}" for found, where in result["findings"].items())
    assert not result["findings"], f"seed {seed}:\n{report}"


if __name__ == "__main__":
    child(int(sys.argv[1]))
