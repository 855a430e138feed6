#!/usr/bin/env bash
# Creates api/.venv with api/requirements.txt; quick when already done.
set -euo pipefail
cd "$(dirname "$0")"
python=python3
if ! "$python" -c 'import venv, ensurepip' 2>/dev/null && command -v apt-get >/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-venv
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=.venv/.requirements.installed
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  touch "$stamp"
fi
