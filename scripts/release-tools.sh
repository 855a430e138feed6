#!/usr/bin/env bash
# Prints the path of a virtualenv holding the tools of
# scripts/release-requirements.txt, creating or updating it first. Quick
# when current: pip runs only when the requirements file changed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/target/release-tools/venv"
requirements="$root/scripts/release-requirements.txt"
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  # Debian's python3 has no ensurepip (so no venv) without python3-venv.
  command -v apt-get >/dev/null || { echo "python3 with the venv module is required" >&2; exit 1; }
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; } >&2
fi
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv" >&2
fi
stamp="$venv/.requirements.installed"
if [ ! -f "$stamp" ] || [ "$requirements" -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    --only-binary :all: -r "$requirements" >&2
  touch "$stamp"
fi
echo "$venv"
