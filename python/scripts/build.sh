#!/usr/bin/env bash
# Builds the extension in release mode and installs it, editable, into
# python/.venv (maturin develop). Cargo's cache makes a rebuild cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
maturin develop --release
python -c 'import spotdraft_kit, sys; print("spotdraft_kit", spotdraft_kit.__version__, "built for", sys.version.split()[0])'
