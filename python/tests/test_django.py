"""Django decorator with Django's test client (sync and async views)."""

from __future__ import annotations

import json
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

from adapter_cases import VERIFIER, run_all  # noqa: E402

import spotdraft_kit  # noqa: E402
from spotdraft_kit import Delivery  # noqa: E402
from spotdraft_kit.django import webhook  # noqa: E402

REJECTED: list[spotdraft_kit.SpotDraftKitError] = []


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


urlpatterns = [path("hook", hook), path("hook-async", hook_async)]


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
        data = json.loads(response.content) if response.content else None
        return response.status_code, data

    return send


def test_django_sync_view_cases() -> None:
    REJECTED.clear()
    client = Client(enforce_csrf_checks=True)
    accepted = run_all(send_with(client, "/hook"), "error")
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
    accepted = run_all(send_with(client, "/hook-async"), "error")
    assert len(accepted) == 2


def test_django_upload_limit_lower_than_ours_is_413() -> None:
    from django.test import override_settings

    from conftest import payload, signed_headers

    body = payload(padding="z" * 500)
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
        response = Client().post("/hook", data=body, content_type="application/json", headers=signed_headers(body))
    assert response.status_code == 413
    assert json.loads(response.content) == {"error": "body_too_large"}
