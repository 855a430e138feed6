"""Flask decorator: the Flask test client, and one real socket (Werkzeug's
server on 127.0.0.1)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

pytest.importorskip("flask")

from flask import Flask, request  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from adapter_cases import VERIFIER, DownStore, rejected, run_all, run_store_cases, run_store_down_case  # noqa: E402
from conftest import payload, signed_headers  # noqa: E402
from http_client import post  # noqa: E402

import spotdraft_kit  # noqa: E402
from spotdraft_kit import Delivery  # noqa: E402
from spotdraft_kit.flask import webhook  # noqa: E402
from spotdraft_kit.stores import MemoryStore  # noqa: E402

REJECTED: list[spotdraft_kit.SpotDraftKitError] = []
HANDLED: list[str] = []


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

    @app.post("/once")
    @webhook(VERIFIER, store=MemoryStore())
    def once(delivery: Delivery) -> None:
        HANDLED.append(delivery.dedupe_key)
        if delivery.event.contract_id == 13:
            raise RuntimeError("the handler failed")

    @app.post("/down")
    @webhook(VERIFIER, store=DownStore())
    def down(delivery: Delivery) -> None:
        DOWN_HANDLED.append(delivery.dedupe_key)

    return app


DOWN_HANDLED: list[str] = []


def test_flask_test_client_cases() -> None:
    client = make_app().test_client()
    REJECTED.clear()

    def send(body: bytes, headers: list[tuple[str, str]]) -> tuple[int, object]:
        response = client.post("/hook", data=body, headers=headers)
        return response.status_code, response.get_json()

    accepted = run_all(send)
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
    accepted = run_all(lambda body, headers: post(server, "/hook", body, headers))
    assert len(accepted) == 2


def test_flask_async_view() -> None:
    pytest.importorskip("asgiref")  # Flask's async views need it
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


def test_flask_store_hands_the_first_copy_once(server: int) -> None:
    HANDLED.clear()
    run_store_cases(lambda body, headers: post(server, "/once", body, headers), HANDLED)


def test_flask_store_that_fails_is_503_store_unavailable(server: int) -> None:
    run_store_down_case(lambda body, headers: post(server, "/down", body, headers), DOWN_HANDLED)


def test_flask_chunked_bodies_within_and_over_the_limit(server: int) -> None:
    body = payload(padding="x" * 2000)
    status, answer = post(server, "/hook", body, list(signed_headers(body).items()), chunked=True)
    assert status == 202, answer
    big = payload(padding="x" * 5000)
    status, answer = post(server, "/hook", big, list(signed_headers(big).items()), chunked=True)
    assert status == 413 and rejected(answer, "body_too_large"), answer


def test_webhook_above_the_route_decorator_raises_at_import() -> None:
    from flask import Blueprint

    app = Flask(__name__)
    with pytest.raises(TypeError, match="below the route decorator"):

        @webhook(VERIFIER)
        @app.post("/wrong")
        def wrong(delivery: Delivery) -> None: ...

    blueprint = Blueprint("hooks", __name__)
    with pytest.raises(TypeError, match="below the route decorator"):

        @webhook(VERIFIER)
        @blueprint.post("/wrong")
        def wrong_too(delivery: Delivery) -> None: ...


def test_both_orders_never_skip_verification() -> None:
    # The right order on an app and on a blueprint: tampered and unsigned
    # deliveries are refused, a valid one reaches the view.
    from flask import Blueprint

    app = Flask(__name__)
    blueprint = Blueprint("hooks", __name__)

    @app.post("/app")
    @webhook(VERIFIER)
    def on_app(delivery: Delivery) -> None: ...

    @blueprint.post("/bp")
    @webhook(VERIFIER)
    def on_blueprint(delivery: Delivery) -> None: ...

    app.register_blueprint(blueprint)
    client = app.test_client()
    body = payload()
    for url in ("/app", "/bp"):
        assert client.post(url, data=body, headers=signed_headers(body)).status_code == 202
        tampered = client.post(url, data=body.replace(b"4242", b"4243"), headers=signed_headers(body))
        assert tampered.status_code == 401 and rejected(tampered.get_json(), "signature_mismatch")
        unsigned = client.post(url, data=body)
        assert unsigned.status_code == 401 and rejected(unsigned.get_json(), "missing_signature")
        assert client.post(url, data=body, headers=signed_headers(body)).get_json() == {"ok": True, "duplicate": False}


def test_the_verifiers_limit_applies_not_max_content_length() -> None:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1000  # lower than VERIFIER's 4096

    @app.post("/hook")
    @webhook(VERIFIER)
    def hook(delivery: Delivery) -> None: ...

    body = payload(padding="m" * 2000)
    assert app.test_client().post("/hook", data=body, headers=signed_headers(body)).status_code == 202
    big = payload(padding="m" * 5000)
    response = app.test_client().post("/hook", data=big, headers=signed_headers(big))
    assert response.status_code == 413 and rejected(response.get_json(), "body_too_large")
