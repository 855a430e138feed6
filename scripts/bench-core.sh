#!/usr/bin/env bash
# Core benchmarks.
#
#   scripts/bench-core.sh [criterion args]   criterion (verify, parse_event,
#       open on padded 1 KiB/8 KiB/1 MiB bodies and realistic 2 KiB/64 KiB
#       deliveries; HMAC-SHA512 on 16 KiB blocks), the constant-time check,
#       then HMAC-SHA512 backends against `openssl speed` in CPU time.
#   scripts/bench-core.sh hmac               only the HMAC-SHA512 comparison.
#   scripts/bench-core.sh instructions       callgrind instruction counts per
#       call of verify, parse_event and open on the realistic deliveries,
#       and of serde_json validating the same bytes (IgnoredAny, its
#       cheapest read): repeatable on a loaded machine, where timings are not.
#
# The machines these run on are shared and noisy: read ratios, not absolute
# numbers, and prefer the instruction counts for before/after comparisons.
set -euo pipefail
cd "$(dirname "$0")/.."

# The path of the `instructions` bench binary (built if needed).
instructions_bin() {
  cargo bench -p spotdraft-kit --bench instructions --no-run --message-format=json 2>/dev/null |
    python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable"):
        print(m["executable"])'
}

if [ "${1:-}" = instructions ]; then
  command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 1; }
  bin=$(instructions_bin)
  out=$(mktemp -d)
  count() { # op size rounds -> total instructions
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$bin" "$1" "$2" "$3" 2>&1 |
      awk '/Collected/{print $NF}'
  }
  printf '%-8s %-24s %14s\n' size operation "instr/call"
  for size in 2KiB 64KiB; do
    rounds=200; [ "$size" = 64KiB ] && rounds=20
    base=$(count none "$size" "$rounds")
    declare -A per=()
    for op in verify parse_event open serde_json_ignored_any; do
      per[$op]=$(( ($(count "$op" "$size" "$rounds") - base) / rounds ))
      printf '%-8s %-24s %14d\n' "$size" "$op" "${per[$op]}"
    done
    python3 -c "print(f'{\"$size\":<8} {\"open/verify\":<24} {${per[open]}/${per[verify]}:14.2f}')"
    python3 -c "print(f'{\"$size\":<8} {\"parse_event/ignored_any\":<24} {${per[parse_event]}/${per[serde_json_ignored_any]}:14.2f}')"
  done
  echo "(valgrind does not emulate SHA-NI: SHA-256 runs its portable code here)"
  rm -rf "$out"
  exit 0
fi

if [ "${1:-}" != hmac ]; then
  cargo bench -p spotdraft-kit --bench core -- --noplot "$@"
  cargo bench -p spotdraft-kit --bench constant_time
fi

if ! command -v openssl >/dev/null; then
  echo "openssl not installed: no OpenSSL comparison"; exit 0
fi
# HMAC-SHA512 over 16 KiB blocks, in CPU seconds as `openssl speed` counts
# them, back to back: RustCrypto (what the core uses), ring, and
# spotdraft_kit::sign, against OpenSSL's SHA-512 and HMAC-SHA512. On x86_64
# OpenSSL runs once more with its AVX2/BMI1/BMI2 bits cleared
# (OPENSSL_ia32cap, second word ~0x128): it then picks its AVX code on Intel
# and its scalar code elsewhere, as ring and AWS-LC do (BENCHMARKS.md).
bin=$(instructions_bin)
rounds=40000
cpu() { # op -> user CPU seconds for `rounds` blocks
  local TIMEFORMAT=%U
  { time "$bin" "$1" 16KiB "$rounds" >/dev/null; } 2>&1
}
# `openssl speed` prints thousands of bytes per second per block size.
speed() { openssl speed -seconds 3 -bytes 16384 "$@" 2>/dev/null | awk '/^(sha512|hmac|SHA512|HMAC)/{print $NF}' | tail -1 | tr -d k; }
rc=$(cpu hmac_rustcrypto)
sha_k=$(speed -evp sha512)
ring=$(cpu hmac_ring)
hmac_k=$(speed -hmac sha512 2>/dev/null || true)
ours=$(cpu sign)
scalar_k=
[ "$(uname -m)" = x86_64 ] && scalar_k=$(OPENSSL_ia32cap=':~0x128' speed -evp sha512)
python3 - "$rounds" "$rc" "$ring" "$ours" "$sha_k" "${hmac_k:-}" "$scalar_k" <<'PY'
import sys
rounds, rc, ring, ours = int(sys.argv[1]), *map(float, sys.argv[2:5])
sha_k, hmac_k, scalar_k = sys.argv[5], sys.argv[6], sys.argv[7]
mb = lambda cpu_s: rounds * 16384 / cpu_s / 1e6
ref = float(sha_k) * 1000 / 1e6 if sha_k else None
print("\nHMAC-SHA512, 16 KiB blocks, MB per CPU second:")
for name, v in [("RustCrypto hmac+sha2", mb(rc)), ("ring", mb(ring)), ("spotdraft_kit::sign", mb(ours))]:
    ratio = f"   {v / ref:.2f}x openssl sha512" if ref else ""
    print(f"  {name:<28}{v:8.1f}{ratio}")
if ref:
    print(f"  {'openssl speed -evp sha512':<28}{ref:8.1f}")
if hmac_k:
    print(f"  {'openssl speed -hmac sha512':<28}{float(hmac_k) * 1000 / 1e6:8.1f}")
if scalar_k and ref:
    v = float(scalar_k) * 1000 / 1e6
    print(f"  {'openssl, AVX2/BMI masked':<28}{v:8.1f}   {v / ref:.2f}x openssl sha512")
PY
