"""Flask adapter: a view decorator that verifies the raw body.

    from flask import Flask
    from spotdraft_kit import Delivery, Verifier
    from spotdraft_kit.flask import webhook
    from spotdraft_kit.stores import SQLiteStore

    app = Flask(__name__)

    @app.post("/webhooks/spotdraft")
    @webhook(Verifier.from_env(os.environ), store=SQLiteStore("seen.db"))
    def receive(delivery: Delivery) -> None:
        ...

The view (sync or async) receives the verified ``Delivery`` as the
``delivery`` keyword. The body is read within the verifier's
``max_body_bytes`` (Content-Length or chunked alike; Flask's
``MAX_CONTENT_LENGTH`` does not apply) and stays available as
``request.get_data()``. Rejected deliveries get ``{"error": code,
"message": ...}`` with the code's status (401, 400 or 413) and never reach
the view. A view returning ``None`` is answered 202 ``{"ok": true,
"duplicate": false}``; with ``store=`` a repeat is answered 200 ``{"ok":
true, "duplicate": true}`` without reaching it.

``@webhook`` goes below ``@app.post``: written above it, Flask would have
registered the unverified view, so the decorator raises ``TypeError`` at
import. Install with ``pip install "spotdraft-kit[flask]"``.
"""

from __future__ import annotations

import functools
import gc
from typing import Any, Callable, Optional

from flask import current_app, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.wsgi import get_input_stream

from . import Delivery, SpotDraftKitError, Verifier
from ._receive import (
    ACCEPTED,
    DUPLICATE,
    LENGTH_REQUIRED,
    check_arguments,
    check_declared_length,
    chunked_unreadable,
    claim,
    error_body,
    read_limited,
    released_on_error,
)
from .stores import SeenStore

__all__ = ["webhook"]

OnError = Callable[[SpotDraftKitError], None]
View = Callable[..., Any]


def _registered_as_view(view: View) -> bool:
    """True when Flask already holds ``view`` as a registered view function
    (an app's ``view_functions``) or a blueprint's deferred registration."""
    for holder in gc.get_referrers(view):
        if isinstance(holder, dict):
            for owner in gc.get_referrers(holder):
                if getattr(owner, "view_functions", None) is holder:
                    return True
                if isinstance(owner, dict) and owner.get("view_functions") is holder:
                    return True
        elif type(holder).__name__ == "cell":
            # Blueprint.add_url_rule records a closure over the view.
            for closure in gc.get_referrers(holder):
                if isinstance(closure, tuple):
                    for fn in gc.get_referrers(closure):
                        if getattr(fn, "__module__", "").startswith("flask.") and fn is not view:
                            return True
    return False


def _read_body(verifier: Verifier) -> bytes:
    check_declared_length(verifier, request.headers.get("Content-Length"))
    # The input stream without Flask's MAX_CONTENT_LENGTH: the verifier's
    # limit governs (an app-wide lower limit would answer an HTML 413).
    body = read_limited(verifier, get_input_stream(request.environ).read)
    # Werkzeug's own cache, so request.get_data() gives the bytes to the view.
    request._cached_data = body
    return body


def webhook(
    verifier: Verifier, store: Optional[SeenStore] = None, on_error: Optional[OnError] = None
) -> Callable[[View], Callable[..., ResponseReturnValue]]:
    """Decorates a view: verify, then call it with ``delivery=``.

    ``on_error`` is called with each rejection first, e.g. to log
    ``err.log_record`` (no secrets, no personal data).
    """

    check_arguments(verifier, store)

    def decorate(view: View) -> Callable[..., ResponseReturnValue]:
        if _registered_as_view(view):
            raise TypeError(
                f"@webhook(...) is above @app.route/@app.post on {view.__name__!r}: Flask registered the view"
                " without verification. Put @webhook(...) directly below the route decorator."
            )

        @functools.wraps(view)
        def verified(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            if chunked_unreadable(request.environ):
                return jsonify(LENGTH_REQUIRED[1]), LENGTH_REQUIRED[0]
            try:
                delivery: Delivery = verifier.open(request.headers, _read_body(verifier))
                # A failing store raises store_unavailable (503): the same body.
                if not claim(store, delivery):
                    return jsonify(DUPLICATE[1]), DUPLICATE[0]
            except SpotDraftKitError as err:
                if on_error is not None:
                    on_error(err)
                return jsonify(error_body(err)), err.http_status
            with released_on_error(store, delivery):
                # ensure_sync: async views work too (Flask's own async support).
                response: Optional[ResponseReturnValue] = current_app.ensure_sync(view)(
                    *args, delivery=delivery, **kwargs
                )
            if response is None:
                return jsonify(ACCEPTED[1]), ACCEPTED[0]
            return response

        return verified

    return decorate
