# Python: crate spotdraft-kit-python (pyo3 + maturin) -> PyPI `spotdraft-kit`,
# module `spotdraft_kit`, with FastAPI/Starlette, Flask and Django adapters
# and the example receivers in examples/fastapi and examples/flask.
BUILD_TARGETS += build-python
TEST_TARGETS += test-python
BENCH_TARGETS += bench-python

.PHONY: setup-python build-python test-python bench-python bench-python-instructions

setup-python: ## Create python/.venv with maturin, pytest, mypy and the frameworks the tests use
	@python/scripts/setup.sh

build-python: setup-python ## Build the Python extension into python/.venv (maturin develop --release)
	python/scripts/build.sh

test-python: build-python ## Python: vectors, API golden tables, API executors vs the stub, errors, adapters on real servers, examples, mypy --strict, stubtest, pip install ./python
	python/scripts/test.sh

bench-python: build-python ## Python open() on realistic 2 KiB and 64 KiB deliveries vs SpotDraft's snippet + json.loads + sha256 (CPU-time medians, ratios)
	python/.venv/bin/python python/bench/open.py

bench-python-instructions: build-python ## The same comparison in callgrind instruction counts (needs valgrind; repeatable on a busy machine)
	python/.venv/bin/python python/bench/instructions.py
