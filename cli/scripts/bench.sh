#!/usr/bin/env bash
# make bench-cli: throughput and latency of `sdkit serve` on loopback with
# a SQLite store (WAL, synchronous=FULL: an fsync before every 2xx), for
# 2 KiB deliveries sent by `sdkit send` at several concurrencies.
# BENCH_CLI_EVENTS sets the deliveries per run (default 3000).
set -euo pipefail
cd "$(dirname "$0")/../.."
SDKIT="${SDKIT:-target/release/sdkit}"
[ -x "$SDKIT" ] || cargo build --release -q -p spotdraft-kit-cli
EVENTS="${BENCH_CLI_EVENTS:-3000}"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# The key in a file only its owner reads (an inline --key shows in `ps`).
(umask 077 && echo "YmVuY2gta2V5LWZvci1zZGtpdC1ub3QtYS1yZWFsLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm" >"$WORK/bench.key")
KEY="@$WORK/bench.key"
"$SDKIT" serve --key "$KEY" --listen 127.0.0.1:0 --addr-file "$WORK/addr" \
  --store "sqlite:$WORK/bench.db" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$WORK/addr" ] && break; sleep 0.05; done
URL="http://$(cat "$WORK/addr")/webhooks/spotdraft"
fs="$(df -T "$WORK" | awk 'NR==2 {print $2}')"
echo "sdkit serve, SQLite WAL synchronous=FULL on $fs, $(nproc) cores, 2 KiB deliveries, $EVENTS per run"

run() {  # concurrency, seed
  "$SDKIT" send --to "$URL" --key "$KEY" --events "$EVENTS" --body-bytes 2048 \
    --concurrency "$1" --seed "$2" --json --quiet examples/payloads/*.json
}
run 8 1 >/dev/null  # warm-up: connections, page cache, WAL file

printf '%-12s %8s %10s %10s %10s %8s\n' concurrency sent "deliv/s" "p50 ms" "p99 ms" non-202
for c in 1 16 64; do
  run "$c" "$((c + 100))" | python3 -c '
import json, sys
s = json.load(sys.stdin)
bad = s["sent"] - s["statuses"].get("202", 0)
print("%-12s %8d %10d %10.2f %10.2f %8d" % (sys.argv[1], s["sent"], s["throughput_per_s"],
      s["latency_ms"]["p50"], s["latency_ms"]["p99"], bad))' "$c"
done
