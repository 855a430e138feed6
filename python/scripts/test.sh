#!/usr/bin/env bash
# The Python package's checks, run by `make test-python` after the build:
#   1. pytest: conformance vectors, the API golden tables, the API executors
#      (urllib and httpx) against tests/stub/spotdraft_stub.py, API and
#      errors, differential test against hmac/hashlib, FastAPI (uvicorn),
#      Flask (test client and a real socket) and Django adapters, the
#      example receivers, the quickstarts as real servers (with peak memory
#      under a huge chunked body), the seen-stores against a PostgreSQL and
#      a Redis server that tests/conftest.py starts once and stops;
#   2. mypy --strict on the package and a typed usage file;
#   3. mypy.stubtest: the .pyi stubs against the compiled module;
#   4. `pip install ./python` into a fresh virtualenv (maturin from PyPI as
#      the build backend), then the webhook vectors and the API golden
#      tables against that installed copy;
#   5. `maturin build --release`: the wheel we would publish is abi3
#      (cp39-abi3) and ships the type stubs and the py.typed marker.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python

echo "== pytest"
"$py" -m pytest -q tests

echo "== mypy --strict"
(cd tests && "../$py" -m mypy --strict --config-file ../pyproject.toml --cache-dir ../.venv/mypy-cache \
  typed_usage.py ../spotdraft_kit)
# The quickstarts are what newcomers copy: strict-clean too, one at a time
# (each is a module named app).
for quickstart in ../examples/quickstart/*/app.py; do
  "$py" -m mypy --strict --config-file pyproject.toml --cache-dir .venv/mypy-cache "$quickstart"
done

echo "== stubtest"
"$py" -m mypy.stubtest --mypy-config-file pyproject.toml spotdraft_kit

echo "== pip install ./python into a fresh venv"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
"$py" -m venv "$fresh/venv"
"$fresh/venv/bin/python" -m pip install --quiet --disable-pip-version-check .
"$fresh/venv/bin/python" -m pip install --quiet --disable-pip-version-check "pytest==$("$py" -c 'import pytest; print(pytest.__version__)')"
# Run from outside the source tree so the installed wheel is imported.
(cd "$fresh" && SPOTDRAFT_KIT_EXPECT_PREFIX="$fresh/venv" \
  "$fresh/venv/bin/python" -m pytest -q -p no:cacheprovider \
  "$OLDPWD/tests/test_vectors.py" "$OLDPWD/tests/test_differential.py" "$OLDPWD/tests/test_api_vectors.py")

echo "== maturin build --release: abi3 wheel with its typing files"
# The maturin of requirements-dev.txt; when missing, installed with the
# requirement pyproject.toml's [build-system] gives.
if [ ! -x .venv/bin/maturin ]; then
  "$py" -m pip install --quiet --disable-pip-version-check "$("$py" -c \
    'import re; print(re.search(r"requires = \[\"([^\"]+)\"\]", open("pyproject.toml").read()).group(1))')"
fi
# The cargo target dir of scripts/build.sh (maturin develop), so the
# extension is not compiled again: this only packs the wheel.
.venv/bin/maturin build --release --quiet --interpreter "$py" --out "$fresh/wheel"
wheel="$(ls "$fresh"/wheel/*.whl)"
case "${wheel##*/}" in
  *-cp39-abi3-*.whl) ;;
  *) echo "expected a cp39-abi3 wheel, got ${wheel##*/}" >&2; exit 1 ;;
esac
listing="$("$py" -m zipfile -l "$wheel")"
for file in spotdraft_kit/_native.pyi spotdraft_kit/py.typed; do
  grep -q "^$file " <<<"$listing" || { echo "$file is missing from ${wheel##*/}" >&2; exit 1; }
done
echo "${wheel##*/}: abi3, stubs and py.typed inside"
