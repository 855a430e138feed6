"""The call vectors (tests/vectors/api/calls.json): every operation of the
table through ``Api.call(operation, params)``, its success request and the
errors of its path and body rules. The Rust runner is
core/tests/api_vectors.rs (``call_table``)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from spotdraft_kit import Api, SpotDraftKitError

from conftest import VECTORS

CALLS: list[dict[str, Any]] = json.loads((VECTORS / "api" / "calls.json").read_text())["cases"]
SECRETS = ("s3cret-value", "eyJhbGciOi")


def api_of(case: dict[str, Any]) -> Api:
    cfg = case["config"]
    return Api(
        region=cfg.get("region"),
        base_url=cfg.get("base_url"),
        client_id=cfg.get("client_id"),
        client_secret=cfg.get("client_secret"),
        oauth_token=cfg.get("oauth_token"),
        environment=cfg.get("environment", "production"),
        user_email=cfg.get("user_email"),
    )


def no_secret(*texts: object) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in str(text), "a secret leaked"


@pytest.mark.parametrize("case", CALLS, ids=[c["name"] for c in CALLS])
def test_call(case: dict[str, Any]) -> None:
    api = api_of(case)
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(SpotDraftKitError) as info:
            api.call(case["operation"], case["params"])
        assert info.value.code == expect["error"], info.value
        assert expect["message_contains"] in str(info.value)
        no_secret(info.value, repr(info.value))
        return
    req = api.call(case["operation"], case["params"])
    assert req.method == expect["method"]
    assert req.url == expect["url"]
    for name, value in expect["headers"].items():
        assert req.headers.get(name) == value, name
    body = None if req.body is None else json.loads(req.body)
    assert body == expect["body"]
    assert req.operation == case["operation"]
    no_secret(repr(req), req.log_record(), req.redacted().headers, repr(api))
    # The operation's own method is the same call.
    assert getattr(api, case["operation"])(case["params"]) == req


def test_every_operation_has_a_success_vector() -> None:
    table = json.loads((VECTORS.parent.parent / "api" / "operations.json").read_text())
    ok = {c["operation"] for c in CALLS if "error" not in c["expect"]}
    assert ok == {op["name"] for op in table["operations"]}


def test_api_has_one_method_per_operation_over_call() -> None:
    table = json.loads((VECTORS.parent.parent / "api" / "operations.json").read_text())
    api = Api(region="us", client_id="a", client_secret="method-s3cret")
    for op in table["operations"]:
        method = getattr(Api, op["name"])
        assert method.__name__ == op["name"] and op["path"] in method.__doc__
        # Errors are call's: a missing required parameter names the field.
        needs = any(p["required"] for p in op["params"]) or op["body_required"]
        if needs:
            with pytest.raises(TypeError):
                method(api)  # params is required
        for params in [None, {}] if not needs else [{}]:
            try:
                expected: Any = api.call(op["name"], params)
            except SpotDraftKitError as err:
                expected = (err.code, str(err))
            try:
                got: Any = method(api, params)
            except SpotDraftKitError as err:
                got = (err.code, str(err))
            assert got == expected, op["name"]
    assert "contracts_create" in dir(api)
    with pytest.raises(AttributeError):
        api.contracts_list  # the hand-written builders are gone  # noqa: B018
