"""Django adapter: a view decorator that verifies the raw body.

    from django.http import HttpResponse
    from spotdraft_kit import Verifier
    from spotdraft_kit.django import webhook

    @webhook(Verifier({"production": HMAC_KEY}))
    def receive(request, delivery):
        ...
        return HttpResponse(status=202)

The view receives the verified ``Delivery`` as the ``delivery`` keyword;
it is exempt from CSRF checks (SpotDraft cannot send a CSRF token: the
signature is the authentication). Rejected deliveries get a JSON
``{"error": "<code>"}`` answer with the core's status (401, 400 or 413) and
never reach the view. Both sync and async views are supported. Install with
``pip install "spotdraft-kit[django]"``.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, Optional, Union

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import Delivery, SpotDraftKitError, Verifier

__all__ = ["webhook"]

OnError = Callable[[SpotDraftKitError], None]
ViewFunc = Callable[..., Any]


def _open(verifier: Verifier, request: HttpRequest, on_error: Optional[OnError]) -> Union[Delivery, JsonResponse]:
    try:
        length = request.META.get("CONTENT_LENGTH")
        if length and str(length).isdigit():
            # Refuse before reading: an oversize body is never buffered.
            verifier.check_body_length(int(length))
        try:
            body = request.body
        except RequestDataTooBig:
            # Django's DATA_UPLOAD_MAX_MEMORY_SIZE is lower than our limit
            # and the length is unknown (chunked): answer as the core does
            # for an oversize body (this call raises body_too_large).
            verifier.check_body_length(verifier.max_body_bytes + 1)
            raise
        return verifier.open(request.headers, body)
    except SpotDraftKitError as err:
        if on_error is not None:
            on_error(err)
        return JsonResponse({"error": err.code}, status=err.http_status)


def webhook(verifier: Verifier, on_error: Optional[OnError] = None) -> Callable[[ViewFunc], ViewFunc]:
    """Decorates a view: verify ``request.body``, then call it with
    ``delivery=``. ``on_error`` is called with each rejection first, e.g. to
    log ``err.log_record`` (no secrets, no personal data)."""

    def decorate(view: ViewFunc) -> ViewFunc:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def verified_async(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
                opened = _open(verifier, request, on_error)
                if isinstance(opened, JsonResponse):
                    return opened
                response: HttpResponseBase = await view(request, *args, delivery=opened, **kwargs)
                return response

            exempt_async: ViewFunc = csrf_exempt(verified_async)
            return exempt_async

        @functools.wraps(view)
        def verified(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            opened = _open(verifier, request, on_error)
            if isinstance(opened, JsonResponse):
                return opened
            response: HttpResponseBase = view(request, *args, delivery=opened, **kwargs)
            return response

        exempt: ViewFunc = csrf_exempt(verified)
        return exempt

    return decorate
