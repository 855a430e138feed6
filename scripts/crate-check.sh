#!/usr/bin/env bash
# `cargo publish --dry-run` for every crate of the workspace that is
# published (no `publish = false`), after checking what its .crate holds:
# the sources, the manifest, the README and both licence texts, and no
# build output, database, environment file or key.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

crates="$(cargo metadata --no-deps --format-version 1 | python3 -c '
import json, sys
for p in json.load(sys.stdin)["packages"]:
    if p["publish"] != []:
        print(p["name"])
')"
[ -n "$crates" ] || { echo "no publishable crate found" >&2; exit 1; }

for crate in $crates; do
  echo "== $crate: packaged files"
  # --allow-dirty: a dry run may check work in progress; a real publish is
  # done by the release workflow from a clean tag.
  list="$(cargo package --quiet --list --allow-dirty -p "$crate")"
  for required in Cargo.toml src/lib.rs README.md LICENSE-APACHE LICENSE-MIT; do
    grep -qx "$required" <<<"$list" || { echo "$crate: $required is not in the package" >&2; exit 1; }
  done
  if bad="$(grep -E '(^|/)(target|node_modules|\.venv)/|\.(db|db-wal|db-shm|env|key|pem|node|whl)$' <<<"$list")"; then
    echo "$crate: files a user should not get:" >&2
    echo "$bad" >&2
    exit 1
  fi
  echo "$(wc -l <<<"$list") files, none unexpected"
  echo "== $crate: cargo publish --dry-run"
  cargo publish --quiet --dry-run --allow-dirty -p "$crate"
done
