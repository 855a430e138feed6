# Release: what each registry would get, and the workflows that publish it.
# Tools (actionlint, shellcheck, maturin, zig, auditwheel) come from PyPI
# into target/release-tools/venv (scripts/release-tools.sh).
TEST_TARGETS += test-release

.PHONY: test-release lint-workflows pack-check crate-check wheel-check

test-release: lint-workflows pack-check crate-check wheel-check ## Release checks: workflows lint clean; npm, crate and PyPI packages hold what a user should get and install

lint-workflows: ## actionlint (with shellcheck) over .github/workflows
	scripts/lint-workflows.sh

pack-check: build-node build-wasm ## npm pack --dry-run of both npm packages: named files present, no tests, sources, maps or machine paths
	node scripts/pack-check.mjs node wasm

crate-check: setup-rust ## cargo publish --dry-run of every publishable crate, its file list checked
	scripts/crate-check.sh

wheel-check: ## manylinux2014 abi3 wheel (zig) checked by auditwheel and used in a fresh venv; the sdist built by pip alone
	scripts/wheel-check.sh
