"""FastAPI and plain Starlette endpoints against a real uvicorn server on
127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

fastapi = pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

from fastapi import FastAPI  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import JSONResponse, Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

from adapter_cases import VERIFIER, rejected, run_all, run_store_cases, DownStore, run_store_down_case  # noqa: E402
from conftest import KEY, free_port, payload, signed_headers  # noqa: E402
from http_client import post  # noqa: E402

import spotdraft_kit  # noqa: E402
from spotdraft_kit import Delivery  # noqa: E402
from spotdraft_kit.starlette import error_response, open_request, webhook  # noqa: E402
from spotdraft_kit.stores import MemoryStore  # noqa: E402

REJECTED: list[spotdraft_kit.SpotDraftKitError] = []
HANDLED: list[str] = []


def describe(delivery: Delivery) -> JSONResponse:
    return JSONResponse(
        {
            "dedupe_key": delivery.dedupe_key,
            "key_id": delivery.key_id,
            "signature_header": delivery.signature_header,
        },
        status_code=202,
    )


def make_app() -> FastAPI:
    app = FastAPI()

    @app.post("/hook")
    @webhook(VERIFIER, on_error=REJECTED.append)
    async def hook(delivery: Delivery) -> Response:
        return describe(delivery)

    @app.post("/once")
    @webhook(VERIFIER, store=MemoryStore())
    def once(delivery: Delivery) -> None:  # a plain def: run in the thread pool
        HANDLED.append(delivery.dedupe_key)
        if delivery.event.contract_id == 13:
            raise RuntimeError("the handler failed")

    @app.post("/down")
    @webhook(VERIFIER, store=DownStore())
    def down(delivery: Delivery) -> None:
        DOWN_HANDLED.append(delivery.dedupe_key)

    async def plain(request: Request) -> Response:
        try:
            delivery = await open_request(VERIFIER, request)
        except spotdraft_kit.SpotDraftKitError as err:
            return error_response(err)
        # The raw body is still readable after verification.
        same = spotdraft_kit.body_sha256(await request.body()) == delivery.body_sha256
        return JSONResponse({"same": same}, status_code=202)

    app.router.routes.append(Route("/plain", plain, methods=["POST"]))

    async def starlette_handler(delivery: Delivery) -> None:
        HANDLED.append(delivery.dedupe_key)

    # A plain Starlette route, without FastAPI's decorator.
    app.router.routes.append(Route("/route", webhook(VERIFIER)(starlette_handler), methods=["POST"]))
    return app


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    port = free_port()
    config = uvicorn.Config(make_app(), host="127.0.0.1", port=port, log_level="critical", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield port
    srv.should_exit = True
    thread.join(timeout=10)


def test_fastapi_endpoint_cases(server: int) -> None:
    REJECTED.clear()
    accepted = run_all(lambda body, headers: post(server, "/hook", body, headers))
    assert len(accepted) == 2
    codes = [e.code for e in REJECTED]
    assert codes == ["signature_mismatch", "missing_signature", "malformed_signature", "body_too_large", "invalid_payload"]
    assert all(isinstance(e.log_record, dict) for e in REJECTED)


def test_store_hands_the_first_copy_once(server: int) -> None:
    HANDLED.clear()
    run_store_cases(lambda body, headers: post(server, "/once", body, headers), HANDLED)


DOWN_HANDLED: list[str] = []


def test_store_that_fails_is_503_store_unavailable(server: int) -> None:
    run_store_down_case(lambda body, headers: post(server, "/down", body, headers), DOWN_HANDLED)


def test_chunked_bodies_within_and_over_the_limit(server: int) -> None:
    body = payload(padding="x" * 2000)
    status, answer = post(server, "/hook", body, list(signed_headers(body).items()), chunked=True)
    assert status == 202, answer
    big = payload(padding="x" * 5000)
    status, answer = post(server, "/hook", big, list(signed_headers(big).items()), chunked=True)
    assert status == 413 and rejected(answer, "body_too_large"), answer


def test_plain_starlette_route(server: int) -> None:
    HANDLED.clear()
    body = payload()
    assert post(server, "/route", body, list(signed_headers(body).items())) == (202, {"ok": True, "duplicate": False})
    status, answer = post(server, "/route", body.replace(b"4242", b"4243"), list(signed_headers(body).items()))
    assert status == 401 and rejected(answer, "signature_mismatch"), answer
    assert len(HANDLED) == 1


def test_open_request_keeps_raw_body(server: int) -> None:
    body = payload()
    status, answer = post(server, "/plain", body, list(signed_headers(body).items()))
    assert (status, answer) == (202, {"same": True})
    status, answer = post(server, "/plain", body, [])
    assert status == 401 and rejected(answer, "missing_signature"), answer


def test_reserialised_json_is_diagnosed() -> None:
    # The most common real-world failure: verifying parsed-and-rewritten JSON.
    import json

    body = b'{"activity": "CONTRACT_SIGNED", "contract_id": 1}'
    signature = spotdraft_kit.sign(KEY, body)
    rewritten = json.dumps(json.loads(body), separators=(",", ":")).encode()
    assert not VERIFIER.is_valid(rewritten, signature)
    found = spotdraft_kit.diagnose(rewritten, signature, KEY)
    assert found.cause == "body_reserialized"


def test_webhook_above_the_route_decorator_fails_at_import() -> None:
    # FastAPI then sees a `delivery: Delivery` parameter it cannot build and
    # refuses the route: the handler is never reachable unverified.
    from fastapi.exceptions import FastAPIError

    app = FastAPI()
    with pytest.raises(FastAPIError):

        @webhook(VERIFIER)
        @app.post("/wrong")
        async def wrong(delivery: Delivery) -> None: ...
