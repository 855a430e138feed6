#!/usr/bin/env bash
# make demo: start `sdkit serve` on 127.0.0.1 with a fresh SQLite store, send
# the sample deliveries (valid, duplicate, out of order, tampered, wrong key,
# re-serialised body), then show `sdkit log` and a `sdkit diagnose` of the
# re-serialised one, and stop the server.
set -euo pipefail
cd "$(dirname "$0")/../.."
SDKIT="${SDKIT:-target/release/sdkit}"
[ -x "$SDKIT" ] || cargo build --release -q -p spotdraft-kit-cli

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# A demo key, base64 like the hmac_key SpotDraft returns. Never reuse it.
KEY="ZGVtby1rZXktZm9yLXNka2l0LW5vdC1hLXJlYWwtc2VjcmV0LWp1c3QtNjQtYnl0ZXMtbG9uZyE="
STORE="sqlite:$WORK/spotdraft-inbox.db"
# Keys go in a file only its owner reads (an inline --key shows in `ps`).
(umask 077 && printf '%s\n' "$KEY" >"$WORK/demo.key")
KEYFILE="@$WORK/demo.key"

echo "== sdkit serve (127.0.0.1, fresh SQLite store, JSON-line logs in a file)"
"$SDKIT" serve --key "demo=$KEYFILE" --listen 127.0.0.1:0 --addr-file "$WORK/addr" \
  --store "$STORE" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$WORK/addr" ] && break; sleep 0.05; done
[ -s "$WORK/addr" ] || { cat "$WORK/serve.log"; echo "sdkit serve did not start" >&2; exit 1; }
URL="http://$(cat "$WORK/addr")/webhooks/spotdraft"
echo "listening on $URL"
echo

echo "== sdkit send: $(ls examples/payloads/*.json | wc -l) sample events shuffled (out of order), 3 duplicates,"
echo "   1 tampered, 1 signed with another workspace's key, 1 re-serialised by a body-parsing proxy"
"$SDKIT" send --to "$URL" --key "$KEYFILE" --shuffle --seed 42 \
  --duplicate 3 --tamper --wrong-key --reserialize \
  --save-rejected "$WORK/rejected" examples/payloads/*.json
echo

for _ in $(seq 100); do
  [ -z "$("$SDKIT" log --store "$STORE" --status pending --json)" ] && break
  sleep 0.05
done
echo "== sdkit log (the delivery log SpotDraft does not keep for you)"
"$SDKIT" log --store "$STORE"
echo

echo "== receiver log: rejects carry the reason and body hash, never the body"
grep '"delivery_rejected"' "$WORK/serve.log" | head -n 3
echo

echo "== sdkit diagnose of the re-serialised delivery"
BODY="$(ls "$WORK"/rejected/*-reserialized.json | head -n 1)"
"$SDKIT" diagnose --key "$KEYFILE" --signature "$(cat "${BODY%.json}.sig")" "$BODY" || true
echo

echo "== stopping the server (SIGTERM: in-flight requests finish first)"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
SERVER_PID=""
tail -n 1 "$WORK/serve.log"
