# Rust: the core crate, formatting and lints for the whole workspace.
BUILD_TARGETS += build-rust
TEST_TARGETS := test-rust $(TEST_TARGETS)
BENCH_TARGETS += bench-rust

.PHONY: setup-rust build-rust test-rust lint-rust bench-rust demo-core

setup-rust: ## Check the Rust toolchain (rustfmt, clippy)
	@scripts/setup-rust.sh

build-rust: setup-rust ## Build the Rust workspace
	cargo build --workspace --release

lint-rust: setup-rust ## cargo fmt --check, clippy -D warnings, and every crate's docs without a broken link
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p spotdraft-kit --all-targets --all-features -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc -p spotdraft-kit --no-deps --quiet
	RUSTDOCFLAGS="-D warnings" cargo doc -p spotdraft-kit-wasm -p spotdraft-kit-node \
	  -p spotdraft-kit-cli -p spotdraft-kit-python --no-deps --document-private-items --quiet

test-rust: lint-rust ## Rust tests: core unit, doc, property and conformance-vector tests; release checks
	cargo test -p spotdraft-kit --all-features
	cargo publish --dry-run --no-verify --allow-dirty -p spotdraft-kit
	@echo "one version everywhere: $$(scripts/version.sh)"

bench-rust: setup-rust ## Criterion benchmarks of the core, and HMAC-SHA512 vs OpenSSL
	scripts/bench-core.sh

demo-core: setup-rust ## Sign, verify, dedupe and diagnose sample deliveries with the core
	cargo run -q -p spotdraft-kit --example tour
