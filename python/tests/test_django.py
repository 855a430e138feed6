"""Django decorator with Django's test client (sync and async views)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

django = pytest.importorskip("django")

from django.conf import settings  # noqa: E402

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="test-only",
        ROOT_URLCONF=__name__,
        ALLOWED_HOSTS=["testserver", "127.0.0.1"],
        MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
        INSTALLED_APPS=[],
        DATABASES={},
    )
    django.setup()

from django.http import HttpRequest, HttpResponse, JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import path  # noqa: E402

from adapter_cases import VERIFIER, rejected, run_all, run_store_cases, DownStore, run_store_down_case  # noqa: E402
from conftest import KEY, payload, signed_headers  # noqa: E402
from http_client import post  # noqa: E402

import spotdraft_kit  # noqa: E402
from spotdraft_kit import Delivery  # noqa: E402
from spotdraft_kit.django import webhook  # noqa: E402
from spotdraft_kit.stores import MemoryStore  # noqa: E402

REJECTED: list[spotdraft_kit.SpotDraftKitError] = []
HANDLED: list[str] = []
# The default limit (5 MiB): above Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
DEFAULT_LIMIT = spotdraft_kit.Verifier({"production": KEY})


def answer(delivery: Delivery) -> JsonResponse:
    return JsonResponse(
        {
            "dedupe_key": delivery.dedupe_key,
            "key_id": delivery.key_id,
            "signature_header": delivery.signature_header,
        },
        status=202,
    )


@webhook(VERIFIER, on_error=REJECTED.append)
def hook(request: HttpRequest, delivery: Delivery) -> HttpResponse:
    assert spotdraft_kit.body_sha256(request.body) == delivery.body_sha256
    return answer(delivery)


@webhook(VERIFIER)
async def hook_async(request: HttpRequest, delivery: Delivery) -> HttpResponse:
    return answer(delivery)


@webhook(VERIFIER, store=MemoryStore())
def once(request: HttpRequest, delivery: Delivery) -> None:
    HANDLED.append(delivery.dedupe_key)
    if delivery.event.contract_id == 13:
        raise RuntimeError("the handler failed")


@webhook(DEFAULT_LIMIT)
async def large(request: HttpRequest, delivery: Delivery) -> None:
    assert len(request.body) == delivery.body_length


DOWN_HANDLED: list[str] = []


@webhook(VERIFIER, store=DownStore())
def down(request: HttpRequest, delivery: Delivery) -> None:
    DOWN_HANDLED.append(delivery.dedupe_key)


urlpatterns = [
    path("hook", hook),
    path("hook-async", hook_async),
    path("once", once),
    path("large", large),
    path("down", down),
]


def send_with(client: Client, url: str) -> Any:
    def send(body: bytes, headers: list[tuple[str, str]]) -> tuple[int, object]:
        # Django's test client takes each header once, as a keyword.
        names = [n.lower() for n, _ in headers]
        if len(set(names)) != len(names):
            meta: dict[str, str] = {}
            for name, value in headers:
                key = "HTTP_" + name.upper().replace("-", "_")
                # WSGI joins repeated headers with a comma, as servers do.
                meta[key] = f"{meta[key]},{value}" if key in meta else value
            response = client.post(url, data=body, content_type="application/json", **meta)  # type: ignore[arg-type]
        else:
            response = client.post(url, data=body, content_type="application/json", headers=dict(headers))
        is_json = response.get("Content-Type", "").startswith("application/json")
        return response.status_code, json.loads(response.content) if is_json else None

    return send


def test_django_sync_view_cases() -> None:
    REJECTED.clear()
    client = Client(enforce_csrf_checks=True)
    accepted = run_all(send_with(client, "/hook"))
    assert len(accepted) == 2
    assert [e.code for e in REJECTED] == [
        "signature_mismatch",
        "missing_signature",
        "malformed_signature",
        "body_too_large",
        "invalid_payload",
    ]


def test_django_async_view_cases() -> None:
    client = Client(enforce_csrf_checks=True)
    accepted = run_all(send_with(client, "/hook-async"))
    assert len(accepted) == 2


def test_django_store_hands_the_first_copy_once() -> None:
    HANDLED.clear()
    # raise_request_exception=False: a failing view is a 500, as on a server.
    run_store_cases(send_with(Client(raise_request_exception=False), "/once"), HANDLED)


def test_django_store_that_fails_is_503_store_unavailable() -> None:
    run_store_down_case(send_with(Client(), "/down"), DOWN_HANDLED)


def test_deliveries_over_djangos_upload_limit_use_the_verifiers() -> None:
    # DATA_UPLOAD_MAX_MEMORY_SIZE is 2.5 MiB; SpotDraft's deliveries go to 5 MiB.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < 3 * 1024 * 1024
    body = payload(padding="x" * (3 * 1024 * 1024))
    response = Client().post("/large", data=body, content_type="application/json", headers=signed_headers(body))
    assert response.status_code == 202, response.content
    over = payload(padding="x" * DEFAULT_LIMIT.max_body_bytes)
    response = Client().post("/large", data=over, content_type="application/json", headers=signed_headers(over))
    assert response.status_code == 413 and rejected(json.loads(response.content), "body_too_large")


def serve_wsgi(make_server: Any) -> Iterator[int]:
    import threading

    from django.core.handlers.wsgi import WSGIHandler

    srv = make_server(WSGIHandler())
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv.server_port
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)


def test_chunked_bodies_under_a_wsgi_server_that_decodes_them() -> None:
    from werkzeug.serving import make_server

    for port in serve_wsgi(lambda app: make_server("127.0.0.1", 0, app, threaded=True)):
        body = payload(padding="y" * 3000)
        assert post(port, "/hook", body, list(signed_headers(body).items()), chunked=True)[0] == 202
        big = payload(padding="y" * 5000)
        status, answer = post(port, "/hook", big, list(signed_headers(big).items()), chunked=True)
        assert status == 413 and rejected(answer, "body_too_large"), answer


def test_chunked_bodies_under_runserver_are_411_not_401() -> None:
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    def runserver(app: Any) -> Any:
        srv = WSGIServer(("127.0.0.1", 0), Quiet)
        srv.set_app(app)
        return srv

    for port in serve_wsgi(runserver):
        body = payload()
        status, answer = post(port, "/hook", body, list(signed_headers(body).items()), chunked=True)
        assert status == 411 and answer["error"] == "length_required", answer
        assert post(port, "/hook", body, list(signed_headers(body).items()))[0] == 202


def test_limit_request_bodies_refuses_only_the_webhook_paths() -> None:
    import asyncio

    from spotdraft_kit.django import limit_request_bodies

    def app_reading_everything() -> tuple[Any, list[int]]:
        read: list[int] = []

        async def app(scope: Any, receive: Any, send: Any) -> None:
            total = 0
            while True:
                message = await receive()
                total += len(message.get("body", b""))
                if not message.get("more_body"):
                    break
            read.append(total)
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        return app, read

    def call(app: Any, path: str, chunks: int, headers: tuple[tuple[bytes, bytes], ...] = ()) -> list[dict[str, Any]]:
        messages = [{"type": "http.request", "body": b"z" * 1000, "more_body": i < chunks - 1} for i in range(chunks)]
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return messages.pop(0)

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "path": path, "headers": list(headers)}
        asyncio.run(app(scope, receive, send))
        return sent

    inner, read = app_reading_everything()
    bounded = limit_request_bodies(inner, VERIFIER, paths=["/webhooks/"])
    # Elsewhere: untouched, however large.
    assert call(bounded, "/uploads", 10)[0]["status"] == 200
    assert read == [10_000]
    # A webhook path: refused once past VERIFIER's 4096 bytes, chunked...
    answer = call(bounded, "/webhooks/spotdraft", 10)
    assert answer[0]["status"] == 413
    assert rejected(json.loads(answer[1]["body"]), "body_too_large")
    assert read == [10_000], "the application never saw the oversize body"
    # ...or declared, before reading anything.
    answer = call(bounded, "/webhooks/spotdraft", 1, ((b"content-length", b"999999"),))
    assert answer[0]["status"] == 413
    # Within the limit: passed through.
    assert call(bounded, "/webhooks/spotdraft", 3)[0]["status"] == 200
    assert read == [10_000, 3000]
