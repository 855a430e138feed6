"""A tiny stdlib HTTP client for the real-socket tests (127.0.0.1 only)."""

from __future__ import annotations

import http.client
import json
from typing import Any, Iterable, Optional


def post(
    port: int,
    path: str,
    body: bytes,
    headers: Iterable[tuple[str, str]] = (),
    chunked: bool = False,
) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest("POST", path)
        for name, value in headers:
            conn.putheader(name, value)
        if chunked:
            conn.putheader("Transfer-Encoding", "chunked")
            conn.endheaders()
            conn.send(f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n")
        else:
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
        response = conn.getresponse()
        data = response.read()
        parsed: Optional[Any] = None
        if data:
            try:
                parsed = json.loads(data)
            except ValueError:
                parsed = data.decode(errors="replace")
        return response.status, parsed
    finally:
        conn.close()


def get(port: int, path: str) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else None
    finally:
        conn.close()
