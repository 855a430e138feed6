"""Runs a receiver as its own process on 127.0.0.1 and measures it from
outside (peak resident memory from /proc)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from conftest import free_port


def _answers(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", "/")
        conn.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        conn.close()


@dataclass
class Server:
    port: int
    pid: int
    output: str = ""
    """What the process printed, once it has stopped."""


@contextmanager
def serve(script: Path, env: dict[str, str]) -> Iterator[Server]:
    """Starts ``python script`` with ``PORT``/``HOST`` set; yields once it
    answers HTTP, and stops it after."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, script.name],
        cwd=script.parent,
        env={**os.environ, **env, "PORT": str(port), "HOST": "127.0.0.1", "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    server = Server(port, proc.pid)
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            if proc.poll() is not None:
                output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RuntimeError(f"{script} exited: {output}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{script} did not start")
            time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        server.output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""


def peak_rss_bytes(pid: int) -> int:
    """The process's peak resident set size (VmHWM), read from outside."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc status")


def post_endless_chunks(port: int, path: str, headers: list[tuple[str, str]], total: int) -> tuple[Optional[int], int]:
    """Streams up to ``total`` bytes as a chunked body (1 MiB chunks) while
    reading the answer, and stops once answered. Returns the status (None if
    the server closed without one) and how many body bytes were sent."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers) + "\r\n"
    answer = bytearray()

    def complete() -> bool:
        head_end = answer.find(b"\r\n\r\n")
        if head_end < 0:
            return False
        for line in answer[:head_end].split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                return len(answer) - head_end - 4 >= int(value)
        return True

    def read() -> None:
        try:
            while not complete() and (part := sock.recv(65536)):
                answer.extend(part)
        except OSError:
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    chunk = b"100000\r\n" + b"x" * 0x100000 + b"\r\n"
    sent = 0
    try:
        sock.sendall(head.encode())
        for _ in range(total // 0x100000):
            if not reader.is_alive():
                break  # answered already: the rest would go unread
            sock.sendall(chunk)
            sent += 0x100000
        else:
            sock.sendall(b"0\r\n\r\n")
    except OSError:
        pass  # the server stopped reading and closed: expected
    reader.join(timeout=60)
    sock.close()
    if not answer.startswith(b"HTTP/1."):
        return None, sent
    return int(answer.split(b" ", 2)[1]), sent
