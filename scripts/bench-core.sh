#!/usr/bin/env bash
# Core benchmarks: criterion (verify, parse_event, open at 1 KiB, 8 KiB,
# 1 MiB; HMAC-SHA512 on 16 KiB blocks), then OpenSSL's SHA-512 and
# HMAC-SHA512 on 16 KiB blocks on the same machine, printed as ratios.
# Run them back to back, and read ratios rather than absolute numbers: these
# machines are shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench -p spotdraft-kit --bench core -- --noplot "$@"
cargo bench -p spotdraft-kit --bench constant_time

est=target/criterion/hmac_sha512/16KiB/new/estimates.json
[ -f "$est" ] || { echo "no criterion estimate at $est"; exit 1; }
ours_ns=$(python3 -c "import json;print(json.load(open('$est'))['median']['point_estimate'])")

if ! command -v openssl >/dev/null; then
  echo "openssl not installed: no OpenSSL comparison"; exit 0
fi
# `openssl speed` prints bytes per second in thousands for each block size.
speed() { openssl speed -seconds 3 -bytes 16384 "$@" 2>/dev/null | awk '/^(sha512|hmac|SHA512|HMAC)/{print $NF}' | tail -1 | tr -d k; }
sha_k=$(speed -evp sha512)
hmac_k=$(speed -hmac sha512 2>/dev/null || true)
python3 - "$ours_ns" "$sha_k" "${hmac_k:-}" <<'PY'
import sys
ours_ns, sha_k, hmac_k = float(sys.argv[1]), sys.argv[2], sys.argv[3]
ours = 16384 / ours_ns * 1e9 / 1e6  # MB/s
print(f"\nHMAC-SHA512, 16 KiB blocks (median):")
print(f"  spotdraft-kit (RustCrypto sha2): {ours:8.1f} MB/s")
if sha_k:
    sha = float(sha_k) * 1000 / 1e6
    print(f"  openssl speed -evp sha512:       {sha:8.1f} MB/s   ratio ours/openssl = {ours / sha:.2f}")
if hmac_k:
    h = float(hmac_k) * 1000 / 1e6
    print(f"  openssl speed -hmac sha512:      {h:8.1f} MB/s   ratio ours/openssl = {ours / h:.2f}")
PY
