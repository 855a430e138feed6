"""Django adapter: a view decorator that verifies the raw body.

    from spotdraft_kit import Verifier
    from spotdraft_kit.django import webhook
    from spotdraft_kit.stores import SQLiteStore

    @webhook(Verifier.from_env(os.environ), store=SQLiteStore("seen.db"))
    def receive(request, delivery):
        ...

The view (sync or async) receives the verified ``Delivery`` as the
``delivery`` keyword; it is exempt from CSRF checks (SpotDraft cannot send
a CSRF token: the signature is the authentication). The body is read within
the verifier's ``max_body_bytes`` (not Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE``, which is lower than SpotDraft's deliveries
can be) and stays available as ``request.body``. Chunked bodies are read
under ASGI and under WSGI servers that decode them (gunicorn, Werkzeug);
under ``runserver``/wsgiref they are answered 411 ``length_required``.
Django's ASGI handler itself spools a whole body to a temporary file (past
``FILE_UPLOAD_MAX_MEMORY_SIZE`` on disk) before any view runs; wrap it with
``limit_request_bodies`` so webhook paths are refused once past the limit:

    application = limit_request_bodies(get_asgi_application(), verifier, paths=["/webhooks/"])
Rejected deliveries get ``{"error": code, "message": ...}`` with the code's
status (401, 400 or 413). A view returning ``None`` is answered 202 ``{"ok":
true, "duplicate": false}``; with ``store=`` a repeat is answered 200
without reaching it. Install with ``pip install "spotdraft-kit[django]"``.
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Awaitable, Iterable, MutableMapping
from typing import Any, Callable, Optional, Union

from asgiref.sync import sync_to_async
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import Delivery, SpotDraftKitError, Verifier
from ._receive import (
    ACCEPTED,
    DUPLICATE,
    LENGTH_REQUIRED,
    Answer,
    check_arguments,
    check_declared_length,
    chunked_unreadable,
    claim,
    error_body,
    read_limited,
    released_on_error,
)
from .stores import SeenStore

__all__ = ["limit_request_bodies", "webhook"]

OnError = Callable[[SpotDraftKitError], None]
ViewFunc = Callable[..., Any]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _json(answer: Answer) -> JsonResponse:
    return JsonResponse(answer[1], status=answer[0])


def _read_body(verifier: Verifier, request: HttpRequest) -> bytes:
    meta = request.META
    check_declared_length(verifier, meta.get("CONTENT_LENGTH") or None)
    if "chunked" in str(meta.get("HTTP_TRANSFER_ENCODING", "")).lower() and "wsgi.input" in meta:
        # Django's WSGIRequest reads 0 bytes without Content-Length; the
        # server has decoded the chunks (wsgi.input_terminated): read them.
        read = meta["wsgi.input"].read
    else:
        read = request.read
    body = read_limited(verifier, read)
    # Django's own cache, so request.body gives the bytes to the view.
    request._body = body
    return body


def _open(
    verifier: Verifier, store: Optional[SeenStore], request: HttpRequest, on_error: Optional[OnError]
) -> Union[Delivery, JsonResponse]:
    if chunked_unreadable(request.META):
        return _json(LENGTH_REQUIRED)
    try:
        delivery = verifier.open(request.headers, _read_body(verifier, request))
        # A failing store raises store_unavailable (503): the same body.
        if not claim(store, delivery):
            return _json(DUPLICATE)
    except SpotDraftKitError as err:
        if on_error is not None:
            on_error(err)
        return JsonResponse(error_body(err), status=err.http_status)
    return delivery


def webhook(
    verifier: Verifier, store: Optional[SeenStore] = None, on_error: Optional[OnError] = None
) -> Callable[[ViewFunc], ViewFunc]:
    """Decorates a view: verify the body, then call it with ``delivery=``.
    ``on_error`` is called with each rejection first, e.g. to log
    ``err.log_record`` (no secrets, no personal data)."""

    check_arguments(verifier, store)

    def decorate(view: ViewFunc) -> ViewFunc:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def verified_async(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
                # The store is blocking I/O: off the event loop.
                opened = await sync_to_async(_open)(verifier, store, request, on_error)
                if isinstance(opened, JsonResponse):
                    return opened
                with released_on_error(store, opened):
                    response: Optional[HttpResponseBase] = await view(request, *args, delivery=opened, **kwargs)
                return _json(ACCEPTED) if response is None else response

            exempt_async: ViewFunc = csrf_exempt(verified_async)
            return exempt_async

        @functools.wraps(view)
        def verified(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            opened = _open(verifier, store, request, on_error)
            if isinstance(opened, JsonResponse):
                return opened
            with released_on_error(store, opened):
                response: Optional[HttpResponseBase] = view(request, *args, delivery=opened, **kwargs)
            return _json(ACCEPTED) if response is None else response

        exempt: ViewFunc = csrf_exempt(verified)
        return exempt

    return decorate


class _BodyTooLarge(Exception):
    def __init__(self, error: SpotDraftKitError) -> None:
        self.error = error


async def _send_error(send: Send, err: SpotDraftKitError) -> None:
    body = json.dumps(error_body(err)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": err.http_status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def limit_request_bodies(application: ASGIApp, verifier: Verifier, paths: Iterable[str]) -> ASGIApp:
    """Wraps Django's ASGI application: a request to a path starting with one
    of ``paths`` is answered 413 ``body_too_large`` as soon as its body
    (Content-Length or chunked) passes the verifier's ``max_body_bytes``,
    before Django spools it. Other paths are passed through untouched."""
    check_arguments(verifier, None)
    prefixes = tuple(paths)

    async def bounded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or not str(scope.get("path", "")).startswith(prefixes):
            await application(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        try:
            check_declared_length(verifier, length.decode("latin-1") if length is not None else None)
        except SpotDraftKitError as err:
            await _send_error(send, err)
            return
        received = 0

        async def limited() -> MutableMapping[str, Any]:
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                try:
                    verifier.check_body_length(received)
                except SpotDraftKitError as err:
                    raise _BodyTooLarge(err) from None
            return message

        try:
            await application(scope, limited, send)
        except _BodyTooLarge as too_large:
            await _send_error(send, too_large.error)

    return bounded
