"""Api.send (urllib) and Api.send_async (httpx) against the SpotDraft stub
(tests/stub/spotdraft_stub.py) on 127.0.0.1: rate limiting, retries,
redirects, timeouts, and that the client secret never leaks."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import threading
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any, Callable

import pytest

import spotdraft_kit
from spotdraft_kit import Api, ApiError, HttpRequest, RetryPolicy, SpotDraftKitError, Verifier

from conftest import REPO, free_port

SECRET = "stub-secret"
P = "/api/v2.1/public/"


def load_stub() -> ModuleType:
    path = REPO / "tests" / "stub" / "spotdraft_stub.py"
    spec = importlib.util.spec_from_file_location("spotdraft_stub", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STUB = load_stub()


class Stub:
    """The stub server in a thread, with its control endpoints."""

    def __init__(self) -> None:
        self.server = STUB.serve(0)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def control(self, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        method = "GET" if path == "calls" and body is None else "POST"
        req = urllib.request.Request(f"{self.base}/__control/{path}", data=data, method=method)
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def fault(self, path: str, *, status: int = 0, times: int = 1, delay_ms: int = 0) -> None:
        self.control("fault", {"path": path, "status": status or None, "times": times, "delay_ms": delay_ms})

    def calls(self) -> list[dict[str, Any]]:
        calls: list[dict[str, Any]] = self.control("calls")
        return calls

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def stub() -> Iterator[Stub]:
    server = Stub()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def api(stub: Stub) -> Api:
    stub.control("reset")
    # Short backoff so retries do not slow the suite; the decisions are the
    # core's either way.
    return Api(
        base_url=f"{stub.base}/api/",
        client_id="stub-client",
        client_secret=SECRET,
        environment="test",
        retry_policy=RetryPolicy(max_attempts=4, base_ms=20, cap_ms=200),
    )


Send = Callable[..., Any]


def send_sync(api: Api, request: HttpRequest, timeout: float = 10.0) -> Any:
    return api.send(request, timeout=timeout)


def send_async(api: Api, request: HttpRequest, timeout: float = 10.0) -> Any:
    async def run() -> Any:
        return await api.send_async(request, timeout=timeout)

    return asyncio.run(run())


MODES = pytest.mark.parametrize("send", [send_sync, send_async], ids=["urllib", "httpx"])


@MODES
def test_hmac_key_fetch(api: Api, stub: Stub, send: Send) -> None:
    result = send(api, api.webhooks_hmac_key_get())
    assert result == {"hmac_key": STUB.HMAC_KEY}
    # The key is usable as-is by a Verifier.
    body = b'{"activity":"CONTRACT_SIGNED","contract_id":1}'
    Verifier(result["hmac_key"]).verify(body, spotdraft_kit.sign(result["hmac_key"], body))
    [call] = stub.calls()
    assert call["authed"] and call["method"] == "GET" and call["path"] == P + "webhooks/hmac_key/"


@MODES
def test_webhook_create_delete_round_trip(api: Api, stub: Stub, send: Send) -> None:
    hook = send(api, api.webhooks_create({"body": {"title": "CRM sync", "url": "https://hooks.example.com/sd", "only_for_activities": ["CONTRACT_SIGNED"]}}))
    assert hook["status"] == "ACTIVE" and hook["only_for_activities"] == ["CONTRACT_SIGNED"]
    assert send(api, api.webhooks_destroy({"webhook_id": hook["id"]})) is None  # 204
    with pytest.raises(ApiError) as info:
        send(api, api.webhooks_destroy({"webhook_id": hook["id"]}))
    assert info.value.status == 404 and not info.value.retryable


@MODES
def test_list_pagination(api: Api, stub: Stub, send: Send) -> None:
    seen: list[str] = []
    page = 1
    while True:
        result = send(api, api.contracts_retrieve({"page": page, "limit": 10}))
        seen.extend(c["id"] for c in result["results"])
        if page * 10 >= result["total_results"]:
            break
        page += 1
    assert page == 3
    assert seen == [str(i) for i in range(1, 24)]  # the listing schema's ids are strings
    assert [c["query"] for c in stub.calls()] == [f"limit=10&page={n}" for n in (1, 2, 3)]


@MODES
def test_retry_on_503_then_success(api: Api, stub: Stub, send: Send) -> None:
    stub.fault(P + "counter_parties/2", status=503, times=2)
    party = send(api, api.counter_parties_retrieve_by_id({"counterparty_id": 2}))
    assert (party["id"], party["name"]) == (2, "Counterparty 2")
    assert len(stub.calls()) == 3


@MODES
def test_retries_are_bounded(api: Api, stub: Stub, send: Send) -> None:
    stub.fault(P + "counter_parties/2", status=503, times=10)
    with pytest.raises(ApiError) as info:
        send(api, api.counter_parties_retrieve_by_id({"counterparty_id": 2}))
    assert info.value.status == 503 and info.value.retryable
    assert len(stub.calls()) == 4  # max_attempts


@MODES
def test_no_retry_on_404(api: Api, stub: Stub, send: Send) -> None:
    with pytest.raises(ApiError) as info:
        send(api, api.counter_parties_retrieve_by_id({"counterparty_id": 99}))
    err = info.value
    assert (err.code, err.status, err.retryable, err.detail) == ("api_error", 404, False, "Not found.")
    assert len(stub.calls()) == 1


@MODES
def test_redirect_is_surfaced_with_its_cause(api: Api, stub: Stub, send: Send) -> None:
    # SpotDraft answers 302 when the trailing slash is wrong; never followed.
    with pytest.raises(ApiError) as info:
        send(api, api.request("GET", "v2.1/public/webhooks/hmac_key"))
    err = info.value
    assert err.status == 302 and not err.retryable
    assert "trailing slash" in str(err)
    assert [c["path"] for c in stub.calls()] == [P + "webhooks/hmac_key"]


@MODES
def test_timeout_is_retried_for_get(api: Api, stub: Stub, send: Send) -> None:
    stub.fault(P + "counter_parties/3", delay_ms=1500, times=1)
    party = send(api, api.counter_parties_retrieve_by_id({"counterparty_id": 3}), 0.3)
    assert (party["id"], party["name"]) == (3, "Counterparty 3")
    assert len(stub.calls()) == 2


@MODES
def test_timeout_is_not_retried_for_post(api: Api, stub: Stub, send: Send) -> None:
    # The server may have acted on a POST that timed out: not repeated.
    stub.fault(P + "webhooks/", delay_ms=1500, times=1)
    with pytest.raises(ApiError) as info:
        send(api, api.webhooks_create({"body": {"title": "t", "url": "https://hooks.example.com/x", "only_for_activities": ["CONTRACT_SIGNED"]}}), 0.3)
    assert info.value.status == 0 and not info.value.retryable
    assert "webhooks_create" in str(info.value)
    assert len(stub.calls()) == 1


@MODES
def test_connection_refused_is_an_api_error(send: Send) -> None:
    api = Api(
        base_url=f"http://127.0.0.1:{free_port()}/api/",
        client_id="stub-client",
        client_secret=SECRET,
        retry_policy=RetryPolicy(max_attempts=2, base_ms=1, cap_ms=5),
    )
    with pytest.raises(ApiError) as info:
        send(api, api.auth_roles_retrieve(), 2.0)
    assert info.value.status == 0 and info.value.retryable
    assert SECRET not in str(info.value)


def test_burst_of_50_sync_stays_under_the_rate_limit(api: Api, stub: Stub) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda n: api.send(api.counter_parties_retrieve_by_id({"counterparty_id": 1 + n % 5})), range(50)))
    assert all(r["id"] in range(1, 6) for r in results)
    assert sum(1 for c in stub.calls() if c["path"].startswith(P)) >= 50


def test_burst_of_50_async_stays_under_the_rate_limit(api: Api, stub: Stub) -> None:
    async def burst() -> list[Any]:
        return await asyncio.gather(*(api.send_async(api.counter_parties_retrieve_by_id({"counterparty_id": 1 + n % 5})) for n in range(50)))

    results = asyncio.run(burst())
    assert all(r["id"] in range(1, 6) for r in results)


async def _with_client(api: Api, request: HttpRequest) -> Any:
    import httpx

    async with httpx.AsyncClient() as client:
        return await api.send_async(request, client=client)


def test_send_async_with_a_caller_client(api: Api) -> None:
    assert asyncio.run(_with_client(api, api.counter_parties_retrieve_by_id({"counterparty_id": 4})))["id"] == 4


@MODES
def test_the_client_secret_never_leaks(stub: Stub, send: Send) -> None:
    stub.control("reset")
    wrong = "wrong-s3cret-for-tests"
    texts: list[object] = []
    for secret, request_of in (
        (wrong, lambda a: a.webhooks_hmac_key_get()),  # 401
        (SECRET, lambda a: a.counter_parties_retrieve_by_id({"counterparty_id": 99})),  # 404
        (SECRET, lambda a: a.request("GET", "v2.1/public/webhooks/hmac_key")),  # 302
    ):
        api = Api(base_url=f"{stub.base}/api/", client_id="stub-client", client_secret=secret,
                  user_email="ops@example.com", retry_policy=RetryPolicy(max_attempts=1))
        request = request_of(api)
        with pytest.raises(SpotDraftKitError) as info:
            send(api, request)
        err = info.value
        texts += [str(err), repr(err), err.args, err.log_record, vars(err), repr(api), repr(request),
                  request.log_record(), request.redacted().headers, repr(request.redacted()),
                  request.response_log_record(401, 0, {"x-request-id": "r1"}),
                  api.secret_fingerprint, api.retry_policy, api.rate_limiter]
        assert request.headers["client-secret"] == secret  # what is sent
    blob = "\n".join(map(str, texts))
    assert wrong not in blob and SECRET not in blob and "ops@example.com" not in blob


def test_parse_response_and_log_records(api: Api) -> None:
    request = api.contracts_retrieve({"page": 1, "limit": 10, "filters": {"client_email_address": {"$eq": "a@example.com"}}})
    record = request.response_log_record(200, 2, [("X-Request-Id", "req-7")])
    assert record == {"operation": "contracts_retrieve", "method": "GET", "host": request.url.split("/")[2],
                      "path": "/api/v2.1/public/contracts/", "environment": "test", "status": 200,
                      "retries": 2, "request_id": "req-7"}
    assert "a@example.com" not in repr(request) and "a%40example.com" not in repr(request)
    assert api.parse_response(request, 200, {}, b'{"results": []}') == {"results": []}
    with pytest.raises(ApiError) as info:
        api.parse_response(request, 400, {}, b'{"url": ["Enter a valid URL."]}')
    assert info.value.field_errors == (("url", "Enter a valid URL."),)
    # Headers as a mapping with several values of a name, or as bytes pairs.
    with pytest.raises(ApiError) as info:
        api.parse_response(request, 429, {"Retry-After": ["7", "9"]}, b"")
    assert info.value.retry_after_ms == 7000
    with pytest.raises(ApiError) as info:
        api.parse_response(request, 503, [(b"retry-after", b"Sun, 06 Nov 1994 08:49:37 GMT")], None)
    assert (info.value.retry_after_ms, info.value.retry_after_at_unix_ms) == (None, 784111777000)


def test_from_env_and_argument_errors() -> None:
    env = {"SPOTDRAFT_REGION": "eu", "SPOTDRAFT_CLIENT_ID": "id", "SPOTDRAFT_CLIENT_SECRET": "s3cret-env",
           "SPOTDRAFT_ENVIRONMENT": "uat", "PATH": "/bin"}
    api = Api.from_env(env)
    assert (api.region, api.environment, api.base_url) == ("eu", "uat", "https://api.eu.spotdraft.com/api/")
    assert "s3cret-env" not in repr(api)
    with pytest.raises(ApiError) as info:
        Api.from_env({"SPOTDRAFT_CLIENT_ID": "id", "SPOTDRAFT_CLIENT_SECRET": "s3cret-env"})
    assert info.value.code == "invalid_config" and "s3cret-env" not in str(info.value)
    with pytest.raises(ApiError):
        Api(region="us", base_url="https://x.example/api/", client_id="i", client_secret="s")
    with pytest.raises(spotdraft_kit.InvalidArgumentError):
        api.webhooks_create({"body": {"title": "t", "url": "https://x.example/h", "only_for_activities": "CONTRACT_SIGNED"}})  # a str, not a list
    with pytest.raises(spotdraft_kit.InvalidArgumentError):
        api.contracts_retrieve({"page": 1, "limit": 10, "filters": {"colour": {"$eq": "red"}}})  # no such filter
    with pytest.raises(spotdraft_kit.InvalidArgumentError):
        api.contracts_create({"body": {"bad": {1, 2}}})  # a set is not JSON
    keys = {"SPOTDRAFT_HMAC_KEYS": f"new:{STUB.HMAC_KEY}, c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ=="}
    assert Verifier.from_env(keys).key_ids == ["new", None]
    with pytest.raises(spotdraft_kit.InvalidKeyError):
        Verifier.from_env({})
    request = api.webhooks_hmac_key_get()
    assert request == api.webhooks_hmac_key_get() and hash(request) == hash(api.webhooks_hmac_key_get())
    with pytest.raises(AttributeError):
        request.url = "https://evil.example/"  # type: ignore[misc]
