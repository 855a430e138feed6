"""The API golden tables (tests/vectors/api/*.json), run against the Python
package: request builders, config validation, response parsing, retry
delays and the rate limiter. Format: tests/vectors/README.md ("API golden
tables"); the Rust runner is core/tests/api_vectors.rs."""

from __future__ import annotations

import json
from typing import Any, Optional

import pytest

from spotdraft_kit import Api, ApiError, HttpRequest, RateLimiter, RetryPolicy, SpotDraftKitError

from conftest import VECTORS

API_VECTORS = VECTORS / "api"


def cases(file: str) -> list[dict[str, Any]]:
    doc = json.loads((API_VECTORS / file).read_text())
    assert doc["format"] == "spotdraft-kit-vectors/1"
    found: list[dict[str, Any]] = doc["cases"]
    assert found, file
    return found


def ids(found: list[dict[str, Any]]) -> list[str]:
    return [c["name"] for c in found]


CONFIGS, RESPONSES, RETRIES = (cases(f) for f in ("config.json", "responses.json", "retry.json"))
# requests.json pins core's typed Rust builders (`Api::contracts_list`, ...)
# and the generic `request`. Python has `request` and, for every operation,
# the method over `call` that calls.json pins (test_api_calls.py).
REQUESTS = [c for c in cases("requests.json") if c["call"] == "request"]


def api_of(case: dict[str, Any]) -> Api:
    cfg = case["config"]
    return Api(
        region=cfg.get("region"),
        base_url=cfg.get("base_url"),
        client_id=cfg["client_id"],
        client_secret=cfg["client_secret"],
        environment=cfg.get("environment", "production"),
        user_email=cfg.get("user_email"),
    )


def call(api: Api, name: str, args: list[Any]) -> HttpRequest:
    assert name == "request", name
    method, path, query, body = args
    return api.request(method, path, [tuple(p) for p in query], body)


def no_secret(secret: str, *texts: object) -> None:
    if len(secret.strip()) < 6:
        return  # too short to search for meaningfully
    for text in texts:
        assert secret not in str(text), "the client secret leaked"


@pytest.mark.parametrize("case", REQUESTS, ids=ids(REQUESTS))
def test_request(case: dict[str, Any]) -> None:
    api = api_of(case)
    secret = case["config"]["client_secret"]
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(SpotDraftKitError) as info:
            call(api, case["call"], case["args"])
        assert info.value.code == expect["error"], info.value
        no_secret(secret, info.value, repr(info.value))
        return
    req = call(api, case["call"], case["args"])
    assert req.method == expect["method"]
    assert req.url == expect["url"]
    for name, value in expect["headers"].items():
        assert req.headers.get(name) == value, name
    body = None if req.body is None else json.loads(req.body)
    assert body == expect["body"]
    assert req.environment == case["config"].get("environment", "production")
    no_secret(secret, repr(req), req.log_record(), req.redacted().headers, repr(req.redacted()), repr(api))


@pytest.mark.parametrize("case", CONFIGS, ids=ids(CONFIGS))
def test_config(case: dict[str, Any]) -> None:
    expect = case["expect"]
    if expect.get("ok"):
        api = api_of(case)
        no_secret(case["config"]["client_secret"], repr(api))
        return
    with pytest.raises(ApiError) as info:
        api_of(case)
    assert info.value.code == expect["error"], info.value
    no_secret(case["config"]["client_secret"], info.value, repr(info.value))


# Any request will do: parse_response only adds a cause to 3xx messages.
PROBE = Api(region="us", client_id="client-123", client_secret="s3cret-value").webhooks_hmac_key_get()


def retry_after_of(error: ApiError) -> Optional[dict[str, int]]:
    if error.retry_after_at_unix_ms is not None:
        return {"at_unix_ms": error.retry_after_at_unix_ms}
    if error.retry_after_ms is not None:
        return {"delay_ms": error.retry_after_ms}
    return None


@pytest.mark.parametrize("case", RESPONSES, ids=ids(RESPONSES))
def test_response(case: dict[str, Any]) -> None:
    headers = [tuple(p) for p in case["headers"]]
    body = case["body"].encode()
    expect = case["expect"]
    if "error" not in expect:
        assert PROBE.parse_response(case["status"], headers, body) == expect["json"]
        return
    with pytest.raises(SpotDraftKitError) as info:
        PROBE.parse_response(case["status"], headers, body)
    err = info.value
    assert err.code == expect["error"], err
    if expect["error"] != "api_error":
        return
    assert isinstance(err, ApiError)
    assert err.status == expect["status"]
    assert err.retryable == expect["retryable"]
    for field, attr in (("detail", "detail"), ("code", "api_code"), ("message", "api_message")):
        if field in expect:
            assert getattr(err, attr) == expect[field], field
    if "field_errors" in expect:
        assert [list(pair) for pair in err.field_errors] == expect["field_errors"]
    if "retry_after" in expect:
        assert retry_after_of(err) == expect["retry_after"]
    no_secret("s3cret-value", err, repr(err), err.log_record)


def error_with(retryable: bool, retry_after: Optional[dict[str, int]]) -> ApiError:
    err = ApiError("probe")
    err.status = 503
    err.retryable = retryable
    if retry_after and "delay_ms" in retry_after:
        err.retry_after_ms = retry_after["delay_ms"]
    if retry_after and "at_unix_ms" in retry_after:
        err.retry_after_at_unix_ms = retry_after["at_unix_ms"]
    return err


@pytest.mark.parametrize("case", RETRIES, ids=ids(RETRIES))
def test_retry_and_limiter(case: dict[str, Any]) -> None:
    if case["op"] == "retry_delay":
        p = case["policy"]
        policy = RetryPolicy(max_attempts=p["max_attempts"], base_ms=p["base_ms"], cap_ms=p["cap_ms"])
        error = error_with(case["retryable"], case["retry_after"])
        got = policy.next_delay_ms(case["attempt"], error, case["random"], case["now_ms"])
        assert got == case["expect"]["delay_ms"]
    elif case["op"] == "rate_limiter":
        # Null settings: the default constructor.
        settings = {k: case[k] for k in ("max_requests", "window_ms") if case[k] is not None}
        limiter = RateLimiter(**settings)
        assert [limiter.acquire(now) for now in case["calls"]] == case["expect"]["waits"]
    else:
        pytest.fail(f"unknown op {case['op']}")
