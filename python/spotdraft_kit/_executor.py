"""The executors behind ``Api.send`` (urllib) and ``Api.send_async`` (httpx).

They only move bytes: the core builds each request, interprets each
response, and its executor state machine (``Execution``) decides every
wait, attempt and retry from the ``RateLimiter`` and the ``RetryPolicy``;
these loops sleep and send as it says. ``paginate`` walks the pages core's
``first_page`` / ``next_page`` name. Redirects are never followed: a
3xx reaches ``parse_response``, which names the cause (SpotDraft answers
302 when a path's trailing slash is wrong, and following it would drop the
method and body).
"""

from __future__ import annotations

import asyncio
import http.client
import random
import socket
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, NoReturn, Optional, cast

from ._native import ApiError, Execution, HttpRequest

if TYPE_CHECKING:
    from ._native import Api

__all__ = ["send", "send_async", "paginate", "paginate_async"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Turns every 3xx into an ``HTTPError``, read like any other status."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect())


class _NoResponse(Exception):
    """A transport failure: what happened and whether the request may have
    reached the server (then only idempotent methods are retried)."""

    def __init__(self, what: str, maybe_sent: bool) -> None:
        super().__init__(what)
        self.what = what
        self.maybe_sent = maybe_sent


def _monotonic_ms() -> int:
    return int(time.monotonic() * 1000)


def _unix_ms() -> int:
    return int(time.time() * 1000)


def _urllib_once(request: HttpRequest, timeout: float) -> tuple[int, list[tuple[str, str]], bytes]:
    req = urllib.request.Request(
        request.url, data=request.body, headers=request.headers, method=request.method
    )
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            return resp.status, list(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        # Non-2xx statuses (and 3xx, see _NoRedirect) arrive as HTTPError.
        with err:
            return err.code, list(err.headers.items()), err.read()
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            # A connect timeout surfaces here too; it cannot be told apart
            # reliably, so assume the request may have been sent.
            raise _NoResponse(f"timed out after {timeout:g} s", True) from err
        if isinstance(reason, ConnectionRefusedError):
            raise _NoResponse("connection refused", False) from err
        if isinstance(reason, socket.gaierror):
            raise _NoResponse("the host name did not resolve", False) from err
        raise _NoResponse(f"connection failed ({type(reason).__name__})", True) from err
    except (socket.timeout, TimeoutError) as err:
        raise _NoResponse(f"timed out after {timeout:g} s", True) from err
    except (ConnectionError, http.client.HTTPException, OSError) as err:
        raise _NoResponse(f"connection failed ({type(err).__name__})", True) from err


def _raise(error: BaseException, cause: Optional[BaseException]) -> NoReturn:
    raise error from cause


def _execution(api: Api, timeout: Optional[float]) -> Execution:
    if timeout is None:
        return Execution(api.retry_policy)
    return Execution(api.retry_policy, timeout_ms=max(1, int(timeout * 1000)))


def send(api: Api, request: HttpRequest, timeout: Optional[float]) -> Any:
    """Sends ``request`` with urllib; see ``Api.send``."""
    run = _execution(api, timeout)
    while True:
        step, value, timeout_ms = run.next(api.rate_limiter, _monotonic_ms())
        if step == "wait":
            time.sleep(value / 1000)
            continue
        cause: Optional[BaseException] = None
        try:
            status, headers, body = _urllib_once(request, timeout_ms / 1000)
        except _NoResponse as failure:
            error: ApiError = request.transport_error(failure.what, failure.maybe_sent)
            cause = failure.__cause__
        else:
            try:
                answer = request.parse_response(status, headers, body)
            except ApiError as err:
                error = err
            else:
                run.succeeded()
                return answer
        delay_ms = run.failed(error, random.random(), _unix_ms())
        if delay_ms is None:
            _raise(error, cause)
        time.sleep(delay_ms / 1000)


def paginate(api: Api, operation: str, params: Any, timeout: Optional[float]) -> Iterator[Any]:
    """Every result of every page; see ``Api.paginate``."""
    page: Optional[Any] = api.first_page(operation, params)
    while page is not None:
        # The operation name is known only at run time: untyped `call`.
        answer = send(api, cast(Any, api).call(operation, page), timeout)
        yield from answer.get("results") or []
        page = api.next_page(operation, page, answer)


def _httpx_failure(httpx: Any, err: Exception, timeout: float) -> _NoResponse:
    # Before the request is written (connect, pool) nothing reached SpotDraft.
    if isinstance(err, (httpx.ConnectTimeout, httpx.PoolTimeout)):
        return _NoResponse(f"timed out connecting after {timeout:g} s", False)
    if isinstance(err, httpx.TimeoutException):
        return _NoResponse(f"timed out after {timeout:g} s", True)
    if isinstance(err, httpx.ConnectError):
        return _NoResponse("connection failed", False)
    return _NoResponse(f"connection failed ({type(err).__name__})", True)


async def send_async(api: Api, request: HttpRequest, timeout: Optional[float], client: Any = None) -> Any:
    """Sends ``request`` with ``httpx.AsyncClient``; see ``Api.send_async``."""
    try:
        import httpx
    except ImportError:  # pragma: no cover - httpx is a test dependency
        raise ImportError(
            "Api.send_async needs httpx: pip install 'spotdraft-kit[httpx]'"
        ) from None
    own = client is None
    if own:
        client = httpx.AsyncClient(follow_redirects=False)
    try:
        run = _execution(api, timeout)
        while True:
            step, value, timeout_ms = run.next(api.rate_limiter, _monotonic_ms())
            if step == "wait":
                await asyncio.sleep(value / 1000)
                continue
            cause: Optional[BaseException] = None
            try:
                resp = await client.request(
                    request.method,
                    request.url,
                    headers=request.headers,
                    content=request.body,
                    timeout=timeout_ms / 1000,
                    follow_redirects=False,
                )
            except httpx.TransportError as err:
                failure = _httpx_failure(httpx, err, timeout_ms / 1000)
                error: ApiError = request.transport_error(failure.what, failure.maybe_sent)
                cause = err
            else:
                try:
                    answer = request.parse_response(
                        resp.status_code, list(resp.headers.multi_items()), resp.content
                    )
                except ApiError as err:
                    error = err
                else:
                    run.succeeded()
                    return answer
            delay_ms = run.failed(error, random.random(), _unix_ms())
            if delay_ms is None:
                _raise(error, cause)
            await asyncio.sleep(delay_ms / 1000)
    finally:
        if own:
            await client.aclose()


async def paginate_async(
    api: Api, operation: str, params: Any, timeout: Optional[float], client: Any = None
) -> AsyncIterator[Any]:
    """Every result of every page with ``send_async``; see ``Api.paginate_async``."""
    page: Optional[Any] = api.first_page(operation, params)
    while page is not None:
        answer = await send_async(api, cast(Any, api).call(operation, page), timeout, client)
        for item in answer.get("results") or []:
            yield item
        page = api.next_page(operation, page, answer)
