#!/usr/bin/env bash
# Creates python/.venv (CPython >= 3.9) with the build and test tools of
# requirements-dev.txt. Quick when already done: pip runs only when the
# requirements file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

python=""
for candidate in python3.13 python3.12 python3.11 python3.10 python3.9 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  if command -v apt-get >/dev/null; then
    # Debian's python3 lacks ensurepip (so venv) without python3-venv.
    apt-get update -qq && apt-get install -y -qq python3 python3-venv python3-pip
    python=python3
  else
    echo "CPython >= 3.9 with the venv module is required" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.requirements-dev.installed
if [ ! -f "$stamp" ] || [ requirements-dev.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  touch "$stamp"
fi
