"""What every Python adapter does the same way: read the body within the
verifier's limit, answer errors with one JSON body, and run the handler
once per dedupe key when a seen-store is given.

Framework modules (``starlette``, ``flask``, ``django``) only move bytes and
responses between their framework and these functions.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Optional

from . import Delivery, SpotDraftKitError, Verifier
from ._native import code_error

if TYPE_CHECKING:
    from ._native import _ErrorCode
from .stores import SeenStore

__all__ = [
    "ACCEPTED",
    "DUPLICATE",
    "LENGTH_REQUIRED",
    "Answer",
    "BodyReader",
    "check_arguments",
    "check_declared_length",
    "chunked_unreadable",
    "claim",
    "error_body",
    "read_limited",
    "released_on_error",
]

# The answers of an accepted delivery: (status, JSON body).
Answer = tuple[int, dict[str, object]]
ACCEPTED: Answer = (202, {"ok": True, "duplicate": False})
DUPLICATE: Answer = (200, {"ok": True, "duplicate": True})

BodyReader = Callable[[int], bytes]
"""``read(n)``: at most ``n`` bytes, ``b""`` at the end of the body."""

CHUNK_BYTES = 64 * 1024


def check_arguments(verifier: object, store: object) -> None:
    """Refuses, when the adapter is set up, what would otherwise fail on the
    first delivery: a key where the ``Verifier`` goes, a path where the store
    goes.

    >>> check_arguments("a2V5", None)
    Traceback (most recent call last):
    ...
    TypeError: webhook(verifier, ...) takes a spotdraft_kit.Verifier (e.g. Verifier.from_env(os.environ)), got str
    """
    if not isinstance(verifier, Verifier):
        raise TypeError(
            "webhook(verifier, ...) takes a spotdraft_kit.Verifier (e.g. Verifier.from_env(os.environ)),"
            f" got {type(verifier).__name__}"
        )
    if store is not None and not isinstance(store, SeenStore):
        raise TypeError(
            "store= takes an object with claim(key) and release(key), e.g. spotdraft_kit.stores.SQLiteStore(path),"
            f" got {type(store).__name__}"
        )


def error_body(err: SpotDraftKitError) -> dict[str, object]:
    """The one error body of every adapter: ``{"error": code, "message": ...}``.

    The message is the core's: it never holds a key, a signature or a body.

    >>> from spotdraft_kit import Verifier, SpotDraftKitError
    >>> try:
    ...     Verifier(["a2V5LWJ5dGVzLWZvci10ZXN0cw=="], max_body_bytes=4).check_body_length(5)
    ... except SpotDraftKitError as err:
    ...     error_body(err)["error"], err.http_status
    ('body_too_large', 413)
    """
    return {"error": err.code, "message": str(err)}


def check_declared_length(verifier: Verifier, content_length: Optional[str]) -> None:
    """Refuses an oversize body from its ``Content-Length``, before reading."""
    if content_length is not None and content_length.strip().isdigit():
        verifier.check_body_length(int(content_length))


def read_limited(verifier: Verifier, read: BodyReader) -> bytes:
    """Reads a body through ``read`` and never holds more than the verifier's
    ``max_body_bytes`` (plus one chunk): past it, raises ``body_too_large``.

    >>> import io
    >>> from spotdraft_kit import Verifier
    >>> v = Verifier(["a2V5LWJ5dGVzLWZvci10ZXN0cw=="], max_body_bytes=4)
    >>> read_limited(v, io.BytesIO(b"1234").read)
    b'1234'
    """
    parts: list[bytes] = []
    size = 0
    while True:
        part = read(CHUNK_BYTES)
        if not part:
            return b"".join(parts)
        size += len(part)
        # Raises body_too_large (413) once the limit is passed.
        verifier.check_body_length(size)
        parts.append(part)


def claim(store: Optional[SeenStore], delivery: Delivery) -> bool:
    """True when this delivery is the first with its dedupe key (always true
    without a store). The claim is persisted before the handler runs.

    A store that raises (its database is down) becomes core's
    ``store_unavailable`` (503, so SpotDraft retries), the store's own error
    as ``__cause__``: answered with the one error body, never a server error
    page."""
    if store is None:
        return True
    try:
        return bool(store.claim(delivery.dedupe_key))
    except Exception as cause:
        raise code_error("store_unavailable") from cause


@contextmanager
def released_on_error(store: Optional[SeenStore], delivery: Delivery) -> Iterator[None]:
    """Around the handler of a claimed delivery: when it raises, the claim is
    released so SpotDraft's retry is handled again, and the error goes on."""
    try:
        yield
    except BaseException:
        if store is not None:
            store.release(delivery.dedupe_key)
        raise


def _answer(code: _ErrorCode) -> Answer:
    err = code_error(code)
    return (err.http_status, error_body(err))


# A chunked body that the WSGI server did not decode for the application
# (Django's runserver, wsgiref) reads as empty: answered with core's
# length_required (411), never a misleading 401 for a body that was not read.
LENGTH_REQUIRED: Answer = _answer("length_required")


def chunked_unreadable(environ: Mapping[str, Any]) -> bool:
    """True for a chunked WSGI request whose server did not set
    ``wsgi.input_terminated`` (so the application cannot read the body)."""
    chunked = "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()
    return chunked and "wsgi.input" in environ and not environ.get("wsgi.input_terminated")
