"""Flask adapter: a view decorator that verifies the raw body.

    from flask import Flask
    from spotdraft_kit import Delivery, Verifier
    from spotdraft_kit.flask import webhook

    @app.post("/webhooks/spotdraft")
    @webhook(Verifier({"production": HMAC_KEY}))
    def receive(delivery: Delivery) -> tuple[str, int]:
        ...
        return "", 202

The view (sync or async) receives the verified ``Delivery`` as the
``delivery`` keyword.
Rejected deliveries get a JSON ``{"error": "<code>"}`` answer with the
core's status (401, 400 or 413) and never reach the view. The body is read
with ``request.get_data(cache=True)``: raw bytes, still available to the
view. Install with ``pip install "spotdraft-kit[flask]"``.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue

from . import SpotDraftKitError, Verifier

__all__ = ["webhook"]

OnError = Callable[[SpotDraftKitError], None]


def webhook(verifier: Verifier, on_error: Optional[OnError] = None) -> Callable[[Callable[..., ResponseReturnValue]], Callable[..., ResponseReturnValue]]:
    """Decorates a view: verify, then call it with ``delivery=``.

    ``on_error`` is called with each rejection first, e.g. to log
    ``err.log_record`` (no secrets, no personal data).
    """

    def decorate(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
        @functools.wraps(view)
        def verified(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            try:
                if request.content_length is not None:
                    # Refuse before reading: an oversize body is never buffered.
                    verifier.check_body_length(request.content_length)
                delivery = verifier.open(request.headers, request.get_data(cache=True))
            except SpotDraftKitError as err:
                if on_error is not None:
                    on_error(err)
                return jsonify(error=err.code), err.http_status
            # ensure_sync: async views work too (Flask's own async support).
            response: ResponseReturnValue = current_app.ensure_sync(view)(*args, delivery=delivery, **kwargs)
            return response

        return verified

    return decorate
