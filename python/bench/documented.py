"""What the benchmarks compare `Verifier.open` with: SpotDraft's documented
Python snippet, then what a receiver does with the body (the payload as
Python objects, the body hash for its log), and the key the benchmarks use.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

# A 64-byte key, base64 as SpotDraft hands it out.
KEY = base64.b64encode(bytes(range(64))).decode()


def documented(key: str, body: bytes, signature: str) -> tuple[Any, str]:
    """SpotDraft's snippet (key decoded per call, `==`), `json.loads`, SHA-256."""
    if not hmac.new(base64.b64decode(key), body, hashlib.sha512).hexdigest() == signature:
        raise ValueError("bad signature")
    return json.loads(body), hashlib.sha256(body).hexdigest()


def key_decoded_once(raw_key: bytes, body: bytes, signature: str) -> tuple[Any, str]:
    """The fairest variant: the key decoded at start-up, `compare_digest`."""
    expected = hmac.new(raw_key, body, hashlib.sha512).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise ValueError("bad signature")
    return json.loads(body), hashlib.sha256(body).hexdigest()
