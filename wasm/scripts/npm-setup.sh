#!/usr/bin/env bash
# Installs the package's dev tools (esbuild, binaryen's wasm-opt, miniflare,
# typescript) from package-lock.json; quick when already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
