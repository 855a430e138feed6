#!/usr/bin/env bash
# Instructions per delivery (valgrind callgrind; repeatable where wall time
# on a shared machine is not), for the receiver and for the sender:
#   bench-callgrind.sh SDKIT [EVENTS] [CONCURRENCY] [SENDER_SDKIT]
# The receiver runs under callgrind; after a warm-up its counters are
# zeroed, EVENTS deliveries of 2 KiB are sent, and the counters dumped. The
# sender (SENDER_SDKIT, default SDKIT) runs under callgrind too, against a
# plain receiver, so neither slows the other's count.
set -euo pipefail
cd "$(dirname "$0")/../.."
SDKIT="$1"; EVENTS="${2:-2000}"; CONC="${3:-16}"; SENDER="${4:-$1}"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 1; }
WORK="$(mktemp -d)"
PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
# BENCH_KEEP=DIR keeps the callgrind dumps there (for callgrind_annotate).
(umask 077 && echo "YmVuY2gta2V5LWZvci1zZGtpdC1ub3QtYS1yZWFsLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm" >"$WORK/k")

start() {  # wrapper...: starts `serve`, sets PID and URL
  rm -f "$WORK"/db* "$WORK/addr"
  "$@" serve --key "@$WORK/k" --listen 127.0.0.1:0 --addr-file "$WORK/addr" \
    --store "sqlite:$WORK/db" >"$WORK/serve.log" 2>&1 &
  PID=$!
  for _ in $(seq 600); do [ -s "$WORK/addr" ] && break; sleep 0.1; done
  URL="http://$(cat "$WORK/addr")/webhooks/spotdraft"
}
send() {  # events, concurrency, seed, wrapper...
  local n="$1" c="$2" seed="$3"; shift 3
  "$@" send --to "$URL" --key "@$WORK/k" --events "$n" --body-bytes 2048 \
    --concurrency "$c" --seed "$seed" --json --quiet examples/payloads/*.json >/dev/null
}
stop() { kill -TERM "$PID"; wait "$PID" || true; PID=""; }
total() { awk '/^(summary|totals):/ {print $2; exit}' "$1"; }

start valgrind -q --tool=callgrind --callgrind-out-file="$WORK/serve.%p" "$SDKIT"
send 200 8 1 "$SENDER"
sleep 1
callgrind_control -z "$PID" >/dev/null 2>&1
send "$EVENTS" "$CONC" 2 "$SENDER"
sleep 2  # the workers settle what is queued
callgrind_control -d "$PID" >/dev/null 2>&1
sleep 1
stop
dump="$(ls -t "$WORK"/serve.*.* 2>/dev/null | head -n 1)"
server="$(total "$dump")"

start "$SDKIT"
valgrind -q --tool=callgrind --callgrind-out-file="$WORK/send.out" \
  "$SENDER" send --to "$URL" --key "@$WORK/k" --events "$EVENTS" --body-bytes 2048 \
  --concurrency "$CONC" --seed 3 --json --quiet examples/payloads/*.json >/dev/null
stop
sender="$(total "$WORK/send.out")"
[ -n "${BENCH_KEEP:-}" ] && cp "$dump" "$BENCH_KEEP/serve.callgrind" && cp "$WORK/send.out" "$BENCH_KEEP/send.callgrind"
echo "$EVENTS deliveries of 2 KiB at concurrency $CONC: instructions per delivery: server $((server / EVENTS)), sender $((sender / EVENTS))"
