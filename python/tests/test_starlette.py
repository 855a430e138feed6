"""FastAPI dependency against a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

fastapi = pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

from fastapi import Depends, FastAPI, Request  # noqa: E402
from starlette.responses import JSONResponse  # noqa: E402

from adapter_cases import VERIFIER, run_all  # noqa: E402
from conftest import KEY, free_port, payload, signed_headers  # noqa: E402
from http_client import post  # noqa: E402

import spotdraft_kit  # noqa: E402
from spotdraft_kit import Delivery  # noqa: E402
from spotdraft_kit.starlette import open_request, webhook  # noqa: E402

REJECTED: list[spotdraft_kit.SpotDraftKitError] = []


def make_app() -> FastAPI:
    app = FastAPI()
    verified = webhook(VERIFIER, on_error=REJECTED.append)

    @app.post("/hook", status_code=202)
    async def hook(delivery: Delivery = Depends(verified)) -> dict[str, object]:
        return {
            "dedupe_key": delivery.dedupe_key,
            "key_id": delivery.key_id,
            "signature_header": delivery.signature_header,
            "contract_id": delivery.event.contract_id,
        }

    @app.post("/plain")
    async def plain(request: Request) -> JSONResponse:
        delivery = await open_request(VERIFIER, request)
        # The raw body is still readable after verification.
        body = await request.body()
        return JSONResponse({"same": spotdraft_kit.body_sha256(body) == delivery.body_sha256}, status_code=202)

    return app


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    port = free_port()
    config = uvicorn.Config(make_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
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


def test_fastapi_dependency_cases(server: int) -> None:
    REJECTED.clear()
    accepted = run_all(lambda body, headers: post(server, "/hook", body, headers), "detail")
    assert len(accepted) == 2
    codes = [e.code for e in REJECTED]
    assert codes == ["signature_mismatch", "missing_signature", "malformed_signature", "body_too_large", "invalid_payload"]
    assert all(isinstance(e.log_record, dict) for e in REJECTED)


def test_chunked_oversize_body_without_content_length(server: int) -> None:
    big = payload(padding="x" * 5000)
    status, answer = post(server, "/hook", big, list(signed_headers(big).items()), chunked=True)
    assert status == 413
    assert answer == {"detail": "body_too_large"}


def test_plain_starlette_route_keeps_raw_body(server: int) -> None:
    body = payload()
    status, answer = post(server, "/plain", body, list(signed_headers(body).items()))
    assert (status, answer) == (202, {"same": True})


def test_reserialised_json_is_diagnosed() -> None:
    # The most common real-world failure: verifying parsed-and-rewritten JSON.
    import json

    body = b'{"activity": "CONTRACT_SIGNED", "contract_id": 1}'
    signature = spotdraft_kit.sign(KEY, body)
    rewritten = json.dumps(json.loads(body), separators=(",", ":")).encode()
    assert not VERIFIER.is_valid(rewritten, signature)
    found = spotdraft_kit.diagnose(rewritten, signature, KEY)
    assert found.cause == "body_reserialized"
