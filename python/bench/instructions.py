"""Instruction counts (valgrind --tool=callgrind) of Verifier.open and of
SpotDraft's documented Python path, on the realistic deliveries of
`realistic.py`: repeatable where timings on a shared machine are not.

    python bench/instructions.py                 the table (runs valgrind)
    python bench/instructions.py OP SIZE ROUNDS  one workload (what valgrind runs)

OP is `open` (Verifier.open), `open_payload` (open, then the payload dict
and the body hash), `documented` (hmac.new(base64.b64decode(key), body,
hashlib.sha512).hexdigest() == signature, json.loads, hashlib.sha256) or
`none` (set-up only); SIZE is 2KiB or 64KiB. A per-call count is
(count(OP, ROUNDS) - count(none)) / ROUNDS.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from documented import KEY, documented  # noqa: E402
from realistic import realistic_body  # noqa: E402

SIZES = {"2KiB": 2 * 1024, "64KiB": 64 * 1024}
ROUNDS = {"2KiB": 400, "64KiB": 40}
OPS = ("open", "open_payload", "documented")


def workload(op: str, size: str, rounds: int) -> None:
    import spotdraft_kit

    body = realistic_body(SIZES[size])
    verifier = spotdraft_kit.Verifier({"production": KEY})
    signature = spotdraft_kit.sign(KEY, body)
    headers = {"content-type": "application/json", "x-sd-webhook-content-hash": signature}

    def open_payload() -> object:
        delivery = verifier.open(headers, body)
        return delivery.event.payload, delivery.body_sha256

    calls: dict[str, Callable[[], object]] = {
        "open": lambda: verifier.open(headers, body),
        "open_payload": open_payload,
        "documented": lambda: documented(KEY, body, signature),
        "none": lambda: None,
    }
    fn = calls[op]
    # One warm-up call outside the count's difference: imports, caches.
    fn()
    if op == "none":
        return
    for _ in range(rounds):
        fn()


def count(op: str, size: str, rounds: int) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, os.path.abspath(__file__), op, size, str(rounds)],
        capture_output=True, text=True, check=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr}")
    return int(found.group(1))


def table() -> None:
    print("instructions per call (callgrind); ratio = documented / ours (higher is faster)\n")
    print(f"{'body':>6}  {'open()':>10}  {'documented':>10}  {'ratio':>6}  {'open()+payload':>14}  {'ratio':>6}")
    for size, rounds in ROUNDS.items():
        base = count("none", size, rounds)
        per = {op: (count(op, size, rounds) - base) / rounds for op in OPS}
        print(
            f"{size:>6}  {per['open'] / 1e3:>9.1f}k  {per['documented'] / 1e3:>9.1f}k"
            f"  {per['documented'] / per['open']:>5.2f}x  {per['open_payload'] / 1e3:>13.1f}k"
            f"  {per['documented'] / per['open_payload']:>5.2f}x"
        )


if __name__ == "__main__":
    if len(sys.argv) == 4:
        workload(sys.argv[1], sys.argv[2], int(sys.argv[3]))
    else:
        table()
