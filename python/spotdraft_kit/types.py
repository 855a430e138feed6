"""Types for annotations: the argument shapes the API accepts and the dict
shapes it returns.

    from spotdraft_kit.types import Body, Headers, Person
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional, Protocol, TypedDict, Union


__all__ = [
    "Body",
    "Counterparty",
    "EmailEvent",
    "HeaderItems",
    "HeaderValue",
    "Headers",
    "Id",
    "JsonValue",
    "Key",
    "Keys",
    "LogRecord",
    "Person",
]

Body = Union[bytes, bytearray, memoryview, str]
"""A request body: the bytes as received, or text taken as UTF-8."""

Key = Union[str, bytes, bytearray]
"""A key: the base64 ``hmac_key`` string (or a UTF-8 secret with
``encoding="utf8"``), or raw key bytes."""

Keys = Union[Key, Sequence[Union[Key, "tuple[str, Key]"]], Mapping[str, Key]]
"""One key, a list of keys and ``(id, key)`` pairs, or ``{id: key}``."""

HeaderValue = Union[str, bytes]
"""A header name or value: ``str``, or ``bytes`` as in ASGI raw headers."""


class HeaderItems(Protocol):
    """Anything with ``items()`` giving ``(name, value)`` pairs."""

    def items(self) -> Iterable[tuple[Any, Any]]: ...


Headers = Union[
    Mapping[str, Union[HeaderValue, Sequence[HeaderValue]]],
    Sequence["tuple[HeaderValue, HeaderValue]"],
    Sequence[Sequence[HeaderValue]],
    HeaderItems,
]
"""Any mapping (Starlette, Werkzeug or Django headers, a dict in any case),
an object with ``items()``, or a list of ``(name, value)`` pairs."""

JsonValue = Any
"""What ``json.loads`` returns: the parsed body of a SpotDraft response."""

Id = Union[str, int]
"""A SpotDraft id: an ``int``, or a ``str`` (contract references like ``T-42``)."""

LogRecord = dict[str, Union[str, int, bool]]
"""A flat log record: no secret, no personal data."""


class Person(TypedDict):
    """``performed_by``, ``business_user``, ``legal_user``, ``signatory``."""

    name: Optional[str]
    email: Optional[str]


Counterparty = TypedDict(
    "Counterparty",
    {
        "type": Optional[str],
        "organization_name": Optional[str],
        "poc_name": Optional[str],
        "poc_email": Optional[str],
        "counterparty_id": Optional[int],
    },
)
"""One entry of ``counterparties``."""


class EmailEvent(TypedDict):
    """``activity_data.email_event_data`` of email activities."""

    recipient_email: Optional[str]
    email_mode: Optional[str]
    occurred_at: Optional[str]
