"""Benchmark: Verifier.open against SpotDraft's documented Python path,
side by side in one process, on realistic deliveries (pretty-printed, nested
people and counterparties: the bodies the core benchmarks use, built by
`realistic.py`) of 2 KiB and 64 KiB.

The documented path, with what a receiver also needs (the payload as Python
objects and the body hash for its log):
    hmac.new(base64.b64decode(key), body, hashlib.sha512).hexdigest() == signature
    + json.loads(body) + hashlib.sha256(body).hexdigest()
A second variant decodes the key once at start-up and compares with
hmac.compare_digest (the fairest baseline).

Rounds interleave the candidates (each round times every candidate once,
timeit with a fixed number of calls); the figures are medians over rounds
and the ratios are documented path / ours (higher is faster). The timer is
this thread's CPU time (`time.thread_time`), not the wall clock: on a
shared machine the wall clock also counts the time other processes hold
the CPU. `--wall` times with the wall clock instead.

Also measured: the cost of releasing the GIL (verify just below and at the
threshold), which is why small bodies keep the GIL.

    make bench-python            (or: python bench/open.py [--quick] [--wall])
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import platform
import statistics
import sys
import time
import timeit
from typing import Any, Callable

import spotdraft_kit
from spotdraft_kit import Verifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from documented import KEY, documented, key_decoded_once  # noqa: E402
from realistic import realistic_body  # noqa: E402

QUICK = "--quick" in sys.argv
CLOCK = timeit.default_timer if "--wall" in sys.argv else time.thread_time
ROUNDS = 5 if QUICK else 15


def larger_body(size: int) -> bytes:
    """A realistic body of at least `size` bytes: the 64 KiB one's
    counterparties repeated (for the threads section)."""
    base: dict[str, Any] = json.loads(realistic_body(64 * 1024))
    items = base["counterparties"]
    while len(json.dumps(base, indent=2)) < size:
        base["counterparties"] = base["counterparties"] + items
    return json.dumps(base, indent=2).encode()


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


def medians(candidates: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Median seconds per call of each candidate, over interleaved rounds."""
    # Calls per timing: enough for about 20 ms of the slowest candidate.
    slowest = max(timeit.Timer(fn, timer=CLOCK).timeit(number=20) / 20 for fn in candidates.values())
    number = max(5, int((0.005 if QUICK else 0.02) / slowest))
    runs: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(ROUNDS):
        for name, fn in candidates.items():
            runs[name].append(timeit.Timer(fn, timer=CLOCK).timeit(number=number) / number)
    return {name: statistics.median(times) for name, times in runs.items()}


def main() -> None:
    verifier = Verifier({"production": KEY})
    raw_key = base64.b64decode(KEY)
    print(f"spotdraft-kit {spotdraft_kit.__version__}, CPython {platform.python_version()}, {platform.machine()}")
    clock = "wall clock" if CLOCK is timeit.default_timer else "thread CPU time"
    print(f"{clock}, medians of {ROUNDS} interleaved rounds; ratio = documented path / ours (higher is faster)\n")
    print(
        f"{'body':>9}  {'open()':>9}  {'documented':>10}  {'ratio':>6}  {'key decoded once':>16}  {'ratio':>6}"
        f"  {'open()+payload':>14}  {'ratio':>6}"
    )
    for size in (2 * 1024, 64 * 1024):
        body = realistic_body(size)
        headers = headers_for(body)

        def ours() -> object:
            return verifier.open(headers, body)

        def documented_path() -> object:
            return documented(KEY, body, headers["x-sd-webhook-content-hash"])

        def key_decoded_once_path() -> object:
            return key_decoded_once(raw_key, body, headers["x-sd-webhook-content-hash"])

        def ours_full() -> object:
            # The whole payload as Python objects and the body hash too, as
            # the documented path builds them.
            delivery = verifier.open(headers, body)
            return delivery.event.payload, delivery.body_sha256

        # Same results first: both paths accept the delivery and agree.
        delivery = verifier.open(headers, body)
        assert delivery.event.payload == documented_path()[0]  # type: ignore[index]
        assert delivery.body_sha256 == hashlib.sha256(body).hexdigest()
        t = medians({"ours": ours, "documented": documented_path, "once": key_decoded_once_path, "full": ours_full})
        print(
            f"{len(body):>7} B  {t['ours'] * 1e6:>7.2f}µs  {t['documented'] * 1e6:>8.2f}µs"
            f"  {t['documented'] / t['ours']:>5.2f}x  {t['once'] * 1e6:>14.2f}µs  {t['once'] / t['ours']:>5.2f}x"
            f"  {t['full'] * 1e6:>12.2f}µs  {t['documented'] / t['full']:>5.2f}x"
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
    contended_section(verifier, (below, sig_below), (at, sig_at))
    threads_section(verifier)


def contended_section(verifier: Verifier, below: tuple[bytes, str], at: tuple[bytes, str]) -> None:
    """The same two calls while another thread runs Python code: a call that
    releases the GIL then waits for that thread to hand it back."""
    import threading

    stop = threading.Event()

    def busy() -> None:
        n = 0
        while not stop.is_set():
            n += 1

    spinner = threading.Thread(target=busy)
    spinner.start()
    try:
        runs_below: list[float] = []
        runs_at: list[float] = []
        for _ in range(5 if QUICK else 15):
            runs_below.append(timeit.timeit(lambda: verifier.verify(*below), number=200) / 200)
            runs_at.append(timeit.timeit(lambda: verifier.verify(*at), number=200) / 200)
    finally:
        stop.set()
        spinner.join()
    print("  with a Python thread busy beside it:")
    print(f"  verify 4095 B (GIL held)     {statistics.median(runs_below) * 1e6:8.2f}µs median")
    print(f"  verify 4096 B (GIL released) {statistics.median(runs_at) * 1e6:8.2f}µs median")


def threads_section(verifier: Verifier) -> None:
    import threading

    print("\nThreads (open() on 256 KiB bodies, GIL released while hashing):")
    body = larger_body(256 * 1024)
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
