"""Flask decorator: the Flask test client, and one real socket (Werkzeug's
server on 127.0.0.1)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

pytest.importorskip("flask")

from flask import Flask, request  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from adapter_cases import VERIFIER, run_all  # noqa: E402
from http_client import post  # noqa: E402

import spotdraft_kit  # noqa: E402
from spotdraft_kit import Delivery  # noqa: E402
from spotdraft_kit.flask import webhook  # noqa: E402

REJECTED: list[spotdraft_kit.SpotDraftKitError] = []


def make_app() -> Flask:
    app = Flask(__name__)

    @app.post("/hook")
    @webhook(VERIFIER, on_error=REJECTED.append)
    def hook(delivery: Delivery) -> tuple[dict[str, object], int]:
        # get_data(cache=True): the raw body is still there for the view.
        assert spotdraft_kit.body_sha256(request.get_data()) == delivery.body_sha256
        return {
            "dedupe_key": delivery.dedupe_key,
            "key_id": delivery.key_id,
            "signature_header": delivery.signature_header,
        }, 202

    return app


def test_flask_test_client_cases() -> None:
    client = make_app().test_client()
    REJECTED.clear()

    def send(body: bytes, headers: list[tuple[str, str]]) -> tuple[int, object]:
        response = client.post("/hook", data=body, headers=headers)
        return response.status_code, response.get_json()

    accepted = run_all(send, "error")
    assert len(accepted) == 2
    assert [e.code for e in REJECTED] == [
        "signature_mismatch",
        "missing_signature",
        "malformed_signature",
        "body_too_large",
        "invalid_payload",
    ]


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    srv = make_server("127.0.0.1", 0, make_app(), threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_port
    srv.shutdown()
    thread.join(timeout=10)


def test_flask_real_socket_cases(server: int) -> None:
    REJECTED.clear()
    accepted = run_all(lambda body, headers: post(server, "/hook", body, headers), "error")
    assert len(accepted) == 2


def test_flask_async_view() -> None:
    pytest.importorskip("asgiref")  # Flask's async views need it
    from conftest import payload, signed_headers

    app = Flask(__name__)

    @app.post("/hook")
    @webhook(VERIFIER)
    async def hook(delivery: Delivery) -> tuple[dict[str, object], int]:
        return {"dedupe_key": delivery.dedupe_key}, 202

    body = payload()
    response = app.test_client().post("/hook", data=body, headers=signed_headers(body))
    assert response.status_code == 202
    assert response.get_json()["dedupe_key"].startswith("sdk1:")
    response = app.test_client().post("/hook", data=body)
    assert response.status_code == 401
