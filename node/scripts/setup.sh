#!/usr/bin/env bash
# Installs what the Node package and its examples need: Node.js >= 18 with
# npm (from Debian when missing) and the locked dependencies (npm ci,
# skipped when node_modules already matches package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq nodejs npm
  else
    echo "node and npm are required (Node.js >= 18)" >&2
    exit 1
  fi
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 18 ]; then
  echo "Node.js >= 18 is required, found $(node --version)" >&2
  exit 1
fi

# package.json pins (overrides) three helper packages of @napi-rs/cli to
# releases whose per-platform optional packages are all published: with a
# platform package missing from the registry, npm leaves it out of the
# lockfile and `npm ci` then refuses the lockfile as out of sync.
install_locked() {
  local dir="$1"
  # npm writes node_modules/.package-lock.json on install: newer than the
  # lockfile means the tree is current.
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

install_locked .
# The examples and quickstarts depend on the published package names; their
# tests link them to this package and its node_modules (test/linked.mjs).
