#!/usr/bin/env bash
# make test-cli: the sdkit tests.
#  1. unit tests, CLI golden tests (every command, every error exit),
#     receiver end to end over loopback (1,000 deliveries, duplicates,
#     tampering, concurrency 16) and SIGKILL crash safety, on SQLite;
#  2. two `sdkit serve` instances sharing a real PostgreSQL server started
#     here on 127.0.0.1 (installed with apt-get when missing): exactly-once
#     with both receiving copies of the same events, one of them killed
#     with SIGKILL mid-burst, and the database restarted under a receiver
#     (503 + Retry-After and /healthz 503 while down, recovery after).
#     When PostgreSQL cannot be started the step says SKIPPED with the
#     reason.
#  The fault suite (cli/tests/faults.rs) runs in step 1: crash mid-burst
#  with the ledger check, handler timeout, slow and held clients, secrets.
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "== sdkit: unit, golden, end-to-end and crash tests (SQLite)"
cargo test --release -p spotdraft-kit-cli

echo "== sdkit: two receivers sharing one PostgreSQL server"
pg_dir="$(mktemp -d)"
trap 'cli/scripts/postgres.sh stop "$pg_dir"' EXIT
if reason="$(cli/scripts/postgres.sh start "$pg_dir")"; then
  SDKIT_TEST_POSTGRES_URL="$(cat "$pg_dir/url")" SDKIT_TEST_POSTGRES_DIR="$pg_dir" \
    cargo test --release -p spotdraft-kit-cli --test postgres -- --ignored --test-threads 1
else
  echo "SKIPPED: PostgreSQL end-to-end test: $reason"
fi
