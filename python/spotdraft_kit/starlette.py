"""FastAPI and Starlette adapter: a dependency that verifies the raw body.

    from fastapi import Depends, FastAPI
    from spotdraft_kit import Delivery, Verifier
    from spotdraft_kit.starlette import webhook

    verified = webhook(Verifier({"production": HMAC_KEY}))

    @app.post("/webhooks/spotdraft", status_code=202)
    async def receive(delivery: Delivery = Depends(verified)) -> None:
        ...

Rejected deliveries raise ``HTTPException`` with the core's status (401 for
signature problems, 400 for payload problems, 413 for oversize bodies) and
the error code as ``detail``. Plain Starlette routes call
``await open_request(verifier, request)``. Install with
``pip install "spotdraft-kit[fastapi]"`` (or ``[starlette]``).
"""

from __future__ import annotations

from typing import Awaitable, Callable, Optional

from starlette.exceptions import HTTPException
from starlette.requests import Request

from . import Delivery, SpotDraftKitError, Verifier

__all__ = ["open_request", "webhook"]

OnError = Callable[[SpotDraftKitError], None]


async def open_request(verifier: Verifier, request: Request, on_error: Optional[OnError] = None) -> Delivery:
    """Verifies and parses the request; raises ``HTTPException`` otherwise.

    The body is read as raw bytes (``await request.body()``), never as parsed
    JSON, and the headers are passed as the raw ASGI pairs. ``on_error`` is
    called with each rejection first, e.g. to log ``err.log_record``.
    """
    try:
        length = request.headers.get("content-length")
        if length is not None and length.isdigit():
            # Refuse before reading: an oversize body is never buffered.
            verifier.check_body_length(int(length))
        return verifier.open(request.headers.raw, await request.body())
    except SpotDraftKitError as err:
        if on_error is not None:
            on_error(err)
        raise HTTPException(status_code=err.http_status, detail=err.code) from err


def webhook(verifier: Verifier, on_error: Optional[OnError] = None) -> Callable[[Request], Awaitable[Delivery]]:
    """A FastAPI dependency (``Depends(webhook(verifier))``) returning the
    verified ``Delivery``."""

    async def spotdraft_delivery(request: Request) -> Delivery:
        return await open_request(verifier, request, on_error)

    return spotdraft_delivery
