"""Every operation of the table, built by ``Api.call`` from its success
vector and sent by the urllib executor to the stub SpotDraft
(tests/stub/spotdraft_stub.py), which serves every operation of
api/operations.json: the path, method and trailing slash are the ones the
stub routes, and the answer's kind is what the operation documents."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from spotdraft_kit import Api, ApiError, RetryPolicy, SpotDraftKitError

from conftest import VECTORS
from test_api_executor import STUB, Stub

CALLS: list[dict[str, Any]] = json.loads((VECTORS / "api" / "calls.json").read_text())["cases"]
SUCCESS = [c for c in CALLS if "error" not in c["expect"] and c["config"].get("region")]
# Each answer's JSON type is its success schema's (api/responses.json);
# tests/stub/check_answers.py validates the answers in full.
JSON_TYPES: dict[str, type] = {"object": dict, "array": list, "string": str}
ANSWER_TYPES = {
    name: type(None) if entry["schema"] is None else JSON_TYPES[entry["schema"]["type"]]
    for name, entry in STUB.answers.RESPONSES.items()
}


@pytest.fixture(scope="module")
def served() -> Iterator[Stub]:
    server = Stub()
    try:
        yield server
    finally:
        server.stop()


def test_every_operation_reaches_its_route(served: Stub) -> None:
    # One client per workspace, so one rate limiter keeps the calls under
    # the stub's 10 per second (a 429 would fail the call: one attempt).
    # Routing is the point here, so a 429 is retried as the policy says: on a
    # loaded machine a stalled sender can bunch requests the limiter spaced out
    # (the limiter itself is tested against the stub's count of arrivals).
    policy = RetryPolicy(max_attempts=4)
    client = Api(base_url=f"{served.base}/api/", client_id="stub-client", client_secret="stub-secret",
                 retry_policy=policy)
    oauth = Api(base_url=f"{served.base}/api/", oauth_token=STUB.OAUTH_TOKEN, retry_policy=policy,
                rate_limiter=client.rate_limiter)
    seen = set()
    for case in SUCCESS:
        api = oauth if case["config"].get("oauth_token") else client
        request = api.call(case["operation"], case["params"])
        path = "/" + request.url.split("/", 3)[3].split("?")[0]
        if any(m == request.method and re.fullmatch(p, path) for m, p, _ in STUB.ROUTES):
            # A route the stub keeps state for: the sample id may not exist.
            try:
                api.send(request)
            except ApiError as err:
                assert err.status == 404, (case["name"], err)
            seen.add(case["operation"])
            continue
        result = api.send(request)
        assert isinstance(result, ANSWER_TYPES[case["operation"]]), (case["name"], result)
        seen.add(case["operation"])
    assert seen == set(ANSWER_TYPES)


def test_a_wrong_trailing_slash_is_a_302_and_an_unknown_path_a_404(served: Stub) -> None:
    api = Api(base_url=f"{served.base}/api/", client_id="stub-client", client_secret="stub-secret")
    with pytest.raises(ApiError) as info:
        api.send(api.request("GET", "v2.1/public/contracts/approvals/T-1"))
    assert info.value.status == 302
    with pytest.raises(ApiError) as info:
        api.send(api.request("GET", "v2.1/public/contracts/T-1/void"))
    assert info.value.status == 404


def test_oauth_is_refused_where_the_schema_does_not_take_it(served: Stub) -> None:
    api = Api(base_url=f"{served.base}/api/", oauth_token=STUB.OAUTH_TOKEN)
    with pytest.raises(ApiError) as info:
        api.send(api.request("GET", "v2.1/public/webhooks/hmac_key/"))
    assert info.value.status == 401


def test_paginate_walks_every_page(served: Stub) -> None:
    served.control("reset")
    api = Api(base_url=f"{served.base}/api/", client_id="stub-client", client_secret="stub-secret")
    ids = [c["id"] for c in api.paginate("contracts_retrieve", {"limit": 10})]
    assert ids == [str(i) for i in range(1, 24)]  # the listing schema's ids are strings
    queries = [c["query"] for c in served.calls()]
    assert queries == ["limit=10&page=1", "limit=10&page=2", "limit=10&page=3"]

    async def collect() -> list[Any]:
        return [c["id"] async for c in api.paginate_async("contracts_retrieve", {"limit": 20})]

    assert asyncio.run(collect()) == [str(i) for i in range(1, 24)]
    with pytest.raises(SpotDraftKitError) as info:
        next(iter(api.paginate("templates_list")))
    assert info.value.code == "invalid_argument"
