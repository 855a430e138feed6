#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint, shellcheck included (every
# `run:` script is checked as the shell that runs it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$("$root/scripts/release-tools.sh")"
cd "$root"
PATH="$venv/bin:$PATH"
echo "== actionlint ($(actionlint -version | head -1)), shellcheck $(shellcheck --version | awk '/^version:/ {print $2}')"
actionlint .github/workflows/*.yml
echo "workflows: $(ls .github/workflows/*.yml | wc -l) files lint clean"
