"""Benchmark: Verifier.open vs the idiomatic Python path, side by side in
one process (timeit, medians of repeated runs, ratios).

The idiomatic path is what SpotDraft's documentation leads to in Python:
    hmac.new(base64.b64decode(key), body, hashlib.sha512).hexdigest()
    + hmac.compare_digest + json.loads + hashlib.sha256 (the payload hash).
A second variant decodes the key once at start-up (the fairest baseline).

Also measured: the cost of releasing the GIL (verify just below and at the
4 KiB threshold), which is why small bodies keep the GIL.

    make bench-python            (or: python bench/open.py [--quick])
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import platform
import statistics
import sys
import timeit
from typing import Any, Callable

import spotdraft_kit
from spotdraft_kit import Verifier

KEY = base64.b64encode(bytes(range(64))).decode()
QUICK = "--quick" in sys.argv
REPEAT = 5 if QUICK else 15


def body_of(size: int) -> bytes:
    base: dict[str, Any] = {
        "activity": "CONTRACT_SIGNED",
        "activity_data": {
            "performed_by": {"name": "Sam Example", "email": "sam@example.com"},
            "timestamp": "2026-11-02T10:00:00.000000Z",
        },
        "contract_id": 4242,
        "contract_title": "Master Services Agreement",
        "contract_status": "SIGN",
        "contract_kind": "TEMPLATE_CONTRACT",
        "external_metadata": {"id": "crm-991"},
        "counterparties": [],
    }
    i = 0
    while len(json.dumps(base).encode()) < size:
        base["counterparties"].append(
            {
                "type": "Organization",
                "organization_name": f"Example Counterparty {i} Ltd",
                "poc_name": f"Contact {i}",
                "poc_email": f"contact{i}@example.com",
                "counterparty_id": 1000 + i,
            }
        )
        i += 1
    text = json.dumps(base)
    return text.encode()


def headers_for(body: bytes) -> dict[str, str]:
    # What a framework hands over: a handful of headers besides the signature.
    return {
        "host": "hooks.example.com",
        "user-agent": "python-requests/2.31.0",
        "accept-encoding": "gzip, deflate",
        "accept": "*/*",
        "connection": "keep-alive",
        "content-type": "application/json",
        "content-length": str(len(body)),
        "x-sd-webhook-content-hash": spotdraft_kit.sign(KEY, body),
    }


def per_call(fn: Callable[[], object]) -> float:
    """Median seconds per call over REPEAT runs."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    number = max(1, number // (4 if QUICK else 2))
    runs = timer.repeat(repeat=REPEAT, number=number)
    return statistics.median(runs) / number


def main() -> None:
    verifier = Verifier({"production": KEY})
    raw_key = base64.b64decode(KEY)
    print(f"spotdraft-kit {spotdraft_kit.__version__}, CPython {platform.python_version()}, {platform.machine()}")
    print(f"timeit medians of {REPEAT} runs; ratio = idiomatic / spotdraft-kit (higher is better)\n")
    print(
        f"{'body':>8}  {'open()':>10}  {'idiomatic':>10}  {'ratio':>6}  {'key pre-decoded':>15}  {'ratio':>6}"
        f"  {'open()+payload':>14}  {'ratio':>6}"
    )
    for size in (2 * 1024, 64 * 1024):
        body = body_of(size)
        headers = headers_for(body)

        def ours() -> object:
            return verifier.open(headers, body)

        def idiomatic() -> object:
            signature = headers["x-sd-webhook-content-hash"]
            expected = hmac.new(base64.b64decode(KEY), body, hashlib.sha512).hexdigest()
            if not hmac.compare_digest(expected, signature):
                raise ValueError("bad signature")
            return json.loads(body), hashlib.sha256(body).hexdigest()

        def idiomatic_predecoded() -> object:
            signature = headers["x-sd-webhook-content-hash"]
            expected = hmac.new(raw_key, body, hashlib.sha512).hexdigest()
            if not hmac.compare_digest(expected, signature):
                raise ValueError("bad signature")
            return json.loads(body), hashlib.sha256(body).hexdigest()

        def ours_full() -> object:
            # The whole payload as Python objects too, as json.loads builds.
            return verifier.open(headers, body).event.payload

        # Same results first: both paths accept the delivery.
        assert ours() is not None and idiomatic() is not None
        t_ours = per_call(ours)
        t_idio = per_call(idiomatic)
        t_pre = per_call(idiomatic_predecoded)
        t_full = per_call(ours_full)
        print(
            f"{len(body) // 1024:>5} KiB  {t_ours * 1e6:>8.2f}µs  {t_idio * 1e6:>8.2f}µs  {t_idio / t_ours:>5.2f}x"
            f"  {t_pre * 1e6:>13.2f}µs  {t_pre / t_ours:>5.2f}x  {t_full * 1e6:>12.2f}µs  {t_idio / t_full:>5.2f}x"
        )

    print("\nGIL release (verify only; bodies of 4096 bytes and more are hashed without the GIL):")
    below, at = bytes(4095), bytes(4096)
    sig_below, sig_at = spotdraft_kit.sign(KEY, below), spotdraft_kit.sign(KEY, at)
    # Both sizes hash the same number of SHA-512 blocks: the difference is
    # the cost of releasing and re-taking the GIL. Interleaved runs; minima.
    runs_below: list[float] = []
    runs_at: list[float] = []
    for _ in range(10 if QUICK else 30):
        runs_below.append(timeit.timeit(lambda: verifier.verify(below, sig_below), number=2000) / 2000)
        runs_at.append(timeit.timeit(lambda: verifier.verify(at, sig_at), number=2000) / 2000)
    print(f"  verify 4095 B (GIL held)     {statistics.median(runs_below) * 1e6:8.2f}µs median")
    print(f"  verify 4096 B (GIL released) {statistics.median(runs_at) * 1e6:8.2f}µs median")
    print(f"  release + re-take, uncontended: {(min(runs_at) - min(runs_below)) * 1e9:+.0f} ns (difference of minima)")
    threads_section(verifier)


def threads_section(verifier: Verifier) -> None:
    import threading

    print("\nThreads (open() on 256 KiB bodies, GIL released while hashing):")
    body = body_of(256 * 1024)
    headers = headers_for(body)
    calls = 40 if QUICK else 120

    def work(n: int) -> None:
        for _ in range(n):
            verifier.open(headers, body)

    def run(threads: int) -> float:
        workers = [threading.Thread(target=work, args=(calls // threads,)) for _ in range(threads)]
        start = timeit.default_timer()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return timeit.default_timer() - start

    one = statistics.median(run(1) for _ in range(5))
    two = statistics.median(run(2) for _ in range(5))
    print(f"  {calls} calls: 1 thread {one * 1e3:.1f} ms, 2 threads {two * 1e3:.1f} ms, speed-up {one / two:.2f}x")


if __name__ == "__main__":
    main()
