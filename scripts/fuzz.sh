#!/usr/bin/env bash
# Runs every libFuzzer target of the core for a bounded time each
# (FUZZ_SECONDS, default 60) and prints the executions per target.
# Needs a nightly toolchain (cargo fuzz builds with sanitizers); without one
# it says so and exits non-zero rather than pretending to have fuzzed.
# Seed corpora live in fuzz/corpus/<target> (small, committed); inputs found
# during a run go to a scratch directory, so the repository stays small.
# Crashes are written to fuzz/artifacts/<target>/ and fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: no nightly toolchain (rustup toolchain install nightly); not fuzzed" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

targets=(signature_header open parse_event event_reader key_decoding api_path parse_response api_limits)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
total=0
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  log="$scratch/$t.log"
  if ! cargo +nightly fuzz run --fuzz-dir fuzz "$t" "$scratch/$t" "fuzz/corpus/$t" -- \
      -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $t FAILED (see fuzz/artifacts/$t/)" >&2
    exit 1
  fi
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
  total=$((total + execs))
  printf 'fuzz: %-18s %12s executions in %ss, no crash\n' "$t" "$execs" "$seconds"
done
printf 'fuzz: %s executions in all\n' "$total"
