#!/usr/bin/env bash
# The Python package as PyPI would get it:
#  1. an abi3 wheel for manylinux2014 (glibc 2.17: Amazon Linux 2, RHEL/
#     CentOS 7+, Debian 9+, Ubuntu 18.04+), built with zig as the linker
#     against old glibc symbols, checked with `auditwheel show`, installed
#     into a fresh virtualenv without an index and used;
#  2. the sdist, built into a wheel by nothing but pip (which fetches the
#     build backend) and the Rust toolchain, then installed and used.
# Both must carry the extras (`pip install spotdraft-kit[fastapi]`, ...).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$("$root/scripts/release-tools.sh")"
work="$root/target/release-tools/wheel-check"
rm -rf "$work"
mkdir -p "$work"
py=python3
extras="django fastapi flask httpx starlette"

# Installs $1 (a wheel) into a fresh virtualenv and signs, verifies and
# parses one delivery with it, from outside the source tree.
use_in_fresh_venv() {
  local wheel="$1" env="$work/venv-$2"
  "$py" -m venv "$env"
  "$env/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
  (cd "$work" && "$env/bin/python" - "$extras" <<'PY'
import importlib.metadata as md
import sys

import spotdraft_kit as sk

key = "c2VjcmV0LWtleS1mb3Itd2hlZWwtY2hlY2s="
body = b'{"activity":"CONTRACT_EXECUTED","contract_id":7,"activity_data":{"timestamp":"2026-11-02T10:00:00Z"}}'
delivery = sk.Verifier([key]).open({"X-SD-WEBHOOK-CONTENT-HASH": sk.sign(key, body)}, body)
assert delivery.event.contract_id == 7, delivery
assert sk.__file__.startswith(sys.prefix), sk.__file__
extras = set(md.metadata("spotdraft-kit").get_all("Provides-Extra") or [])
missing = set(sys.argv[1].split()) - extras
assert not missing, f"extras missing from the metadata: {missing}"
print(f"  imported from {sys.prefix.rsplit('/', 1)[-1]}, verified a delivery, extras: {' '.join(sorted(extras))}")
PY
  )
}

echo "== manylinux2014 abi3 wheel (maturin --zig)"
(cd "$root/python" && PATH="$venv/bin:$PATH" maturin build --quiet --release --zig \
  --compatibility manylinux2014 --target x86_64-unknown-linux-gnu \
  --interpreter "$venv/bin/python" --out "$work/wheel")
wheel="$(ls "$work"/wheel/*.whl)"
name="${wheel##*/}"
case "$name" in
  *-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl) ;;
  *) echo "expected a cp39-abi3 manylinux2014 wheel, got $name" >&2; exit 1 ;;
esac
shown="$("$venv/bin/auditwheel" show "$wheel")"
grep -q 'consistent with the following platform tag: *"manylinux_2_17_x86_64"' <<<"$(tr -s ' \n' ' ' <<<"$shown")" || {
  echo "$shown" >&2; echo "auditwheel does not place $name at manylinux_2_17" >&2; exit 1; }
listing="$("$py" -m zipfile -l "$wheel")"
for file in spotdraft_kit/__init__.py spotdraft_kit/_native.pyi spotdraft_kit/py.typed; do
  grep -q "^$file " <<<"$listing" || { echo "$file is missing from $name" >&2; exit 1; }
done
echo "$name: auditwheel agrees (manylinux_2_17), typing files inside"
use_in_fresh_venv "$wheel" wheel

echo "== sdist, built by pip alone"
(cd "$root/python" && "$venv/bin/maturin" sdist --out "$work/sdist")
sdist="$(ls "$work"/sdist/*.tar.gz)"
contents="$(tar tzf "$sdist")"
for file in pyproject.toml Cargo.toml Cargo.lock core/src/lib.rs python/src/lib.rs spotdraft_kit/__init__.py; do
  grep -q "^[^/]*/$file$" <<<"$contents" || { echo "$file is missing from ${sdist##*/}" >&2; exit 1; }
done
builder="$work/venv-builder"
"$py" -m venv "$builder"
# Only pip and cargo: pip fetches maturin (pyproject's build-system) into an
# isolated environment. The workspace's target dir lets cargo reuse the
# dependencies the Python tier has compiled already.
CARGO_TARGET_DIR="$root/target" "$builder/bin/python" -m pip wheel --quiet \
  --disable-pip-version-check --no-deps --wheel-dir "$work/from-sdist" "$sdist"
from_sdist="$(ls "$work"/from-sdist/*.whl)"
echo "${sdist##*/} -> ${from_sdist##*/}"
use_in_fresh_venv "$from_sdist" sdist
