"""FastAPI and Starlette adapter: a decorator that turns a handler of
verified deliveries into an endpoint.

    from fastapi import FastAPI
    from spotdraft_kit import Delivery, Verifier
    from spotdraft_kit.starlette import webhook
    from spotdraft_kit.stores import SQLiteStore

    app = FastAPI()

    @app.post("/webhooks/spotdraft")
    @webhook(Verifier.from_env(os.environ), store=SQLiteStore("seen.db"))
    async def receive(delivery: Delivery) -> None:
        ...

The body is read as raw bytes, within the verifier's ``max_body_bytes``
(Content-Length or chunked alike). Rejected deliveries are answered
``{"error": code, "message": ...}`` with the code's status (401, 400, 413)
and never reach the handler. An accepted one is answered 202
``{"ok": true, "duplicate": false}`` unless the handler returns a
``Response``; with ``store=`` a repeat is answered 200 ``{"ok": true,
"duplicate": true}`` without reaching it. The handler may be ``async def``
or ``def`` (run in the thread pool). Plain Starlette:
``Route("/webhooks/spotdraft", webhook(verifier)(receive), methods=["POST"])``.
Install with ``pip install "spotdraft-kit[fastapi]"`` (or ``[starlette]``).
"""

from __future__ import annotations

import inspect
from typing import Any, Awaitable, Callable, Optional

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import Delivery, SpotDraftKitError, Verifier
from ._receive import ACCEPTED, DUPLICATE, check_arguments, check_declared_length, claim, error_body, released_on_error
from .stores import SeenStore

__all__ = ["error_response", "open_request", "webhook"]

OnError = Callable[[SpotDraftKitError], None]
Handler = Callable[[Delivery], Any]
Endpoint = Callable[[Request], Awaitable[Response]]


async def open_request(verifier: Verifier, request: Request) -> Delivery:
    """Reads the raw body within the verifier's limit, then verifies and
    parses it; raises ``SpotDraftKitError`` otherwise (answer it with
    ``error_response``). ``await request.body()`` still gives the bytes."""
    check_declared_length(verifier, request.headers.get("content-length"))
    parts: list[bytes] = []
    size = 0
    async for part in request.stream():
        size += len(part)
        # body_too_large (413) as soon as the limit is passed: never buffered.
        verifier.check_body_length(size)
        parts.append(part)
    body = b"".join(parts)
    # Starlette's own cache of the body, so request.body() works afterwards.
    request._body = body
    return verifier.open(request.headers.raw, body)


def error_response(err: SpotDraftKitError) -> JSONResponse:
    """``{"error": code, "message": ...}`` with the code's ``http_status``."""
    return JSONResponse(error_body(err), status_code=err.http_status)


def webhook(
    verifier: Verifier, store: Optional[SeenStore] = None, on_error: Optional[OnError] = None
) -> Callable[[Handler], Endpoint]:
    """Decorates ``handler(delivery)``: the result is a Starlette/FastAPI
    endpoint taking the ``Request``. ``on_error`` is called with each
    rejection first, e.g. to log ``err.log_record`` (no secrets)."""

    check_arguments(verifier, store)

    def decorate(handler: Handler) -> Endpoint:
        is_async = inspect.iscoroutinefunction(handler)

        async def spotdraft_webhook(request: Request) -> Response:
            try:
                delivery = await open_request(verifier, request)
                # A failing store raises store_unavailable (503): the same body.
                if store is not None and not await run_in_threadpool(claim, store, delivery):
                    return JSONResponse(DUPLICATE[1], status_code=DUPLICATE[0])
            except SpotDraftKitError as err:
                if on_error is not None:
                    on_error(err)
                return error_response(err)
            with released_on_error(store, delivery):
                result = await handler(delivery) if is_async else await run_in_threadpool(handler, delivery)
            if isinstance(result, Response):
                return result
            return JSONResponse(ACCEPTED[1], status_code=ACCEPTED[0])

        spotdraft_webhook.__name__ = getattr(handler, "__name__", spotdraft_webhook.__name__)
        spotdraft_webhook.__doc__ = handler.__doc__
        return spotdraft_webhook

    return decorate
