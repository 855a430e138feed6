#!/usr/bin/env bash
# Side-by-side receiver comparison: two sdkit binaries' `serve`, runs
# interleaved (A, B, A, B, ...) so machine load hits both alike; the same
# sender (the second binary's `sdkit send`) for both. Per run: deliveries/s,
# p50/p99 latency, and CPU time per delivery of the server and the sender
# (from /proc and time(1), so less sensitive to other load than wall time).
#   bench-compare.sh BEFORE_SDKIT AFTER_SDKIT [ROUNDS] [EVENTS] [CONCURRENCY]
# BENCH_SENDER=own: each side sends with its own binary's `sdkit send`, to
# compare whole systems (receiver and sender) rather than receivers.
set -euo pipefail
cd "$(dirname "$0")/../.."
A="$1"; B="$2"; ROUNDS="${3:-3}"; EVENTS="${4:-10000}"; CONC="${5:-64}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(umask 077 && echo "YmVuY2gta2V5LWZvci1zZGtpdC1ub3QtYS1yZWFsLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm" >"$WORK/k")
HZ="$(getconf CLK_TCK)"

one() {  # label, server binary
  local sender="$B"
  [ "${BENCH_SENDER:-}" = own ] && sender="$2"
  rm -f "$WORK"/db* "$WORK/addr"
  "$2" serve --key "@$WORK/k" --listen 127.0.0.1:0 --addr-file "$WORK/addr" \
    --store "sqlite:$WORK/db" >"$WORK/serve.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do [ -s "$WORK/addr" ] && break; sleep 0.05; done
  local url="http://$(cat "$WORK/addr")/webhooks/spotdraft"
  "$sender" send --to "$url" --key "@$WORK/k" --events 500 --body-bytes 2048 --concurrency 8 \
    --seed 1 --quiet examples/payloads/*.json >/dev/null  # warm-up
  local t0 t1
  t0="$(awk '{print $14+$15}' "/proc/$pid/stat")"
  /usr/bin/time -f "%U %S" -o "$WORK/send.time" "$sender" send --to "$url" --key "@$WORK/k" \
    --events "$EVENTS" --body-bytes 2048 --concurrency "$CONC" --seed "$RANDOM" --json --quiet \
    examples/payloads/*.json >"$WORK/send.json"
  sleep 0.5
  t1="$(awk '{print $14+$15}' "/proc/$pid/stat")"
  kill -TERM "$pid"; wait "$pid" || true
  python3 - "$1" "$t0" "$t1" "$HZ" "$EVENTS" "$WORK" <<'PY'
import json, sys
label, t0, t1, hz, n, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
s = json.load(open(work + "/send.json"))
u, st = map(float, open(work + "/send.time").read().split()[-2:])
server = (t1 - t0) / hz / n * 1e6
sender = (u + st) / n * 1e6
print("%-7s %8d deliv/s  p50 %6.2f ms  p99 %7.2f ms  non-202 %d  CPU/delivery: server %3.0f us, sender %3.0f us" % (
    label, s["throughput_per_s"], s["latency_ms"]["p50"], s["latency_ms"]["p99"],
    s["sent"] - s["statuses"].get("202", 0), server, sender))
PY
}

senders="the second binary's sdkit send for both"
[ "${BENCH_SENDER:-}" = own ] && senders="each binary's own sdkit send"
echo "2 KiB deliveries, $EVENTS per run, concurrency $CONC, SQLite WAL with fsync, $(nproc) cores, $senders"
for _ in $(seq "$ROUNDS"); do
  one before "$A"
  one after "$B"
done
