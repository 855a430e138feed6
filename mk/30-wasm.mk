# WebAssembly: crate spotdraft-kit-wasm -> npm package @spotdraft-kit/wasm
# (workerd / Cloudflare Workers, Node 18+, browsers and bundlers).
BUILD_TARGETS += build-wasm
TEST_TARGETS += test-wasm
BENCH_TARGETS += bench-wasm

.PHONY: build-wasm test-wasm bench-wasm

build-wasm: ## Build wasm/dist (the npm package) with the wasm32 toolchain this machine has
	wasm/scripts/wasm-build.sh

test-wasm: build-wasm ## WASM package: the binding's Rust unit and doc tests, conformance in Node and workerd, API tables and executor, types, pack/install, Worker example and quickstart (miniflare, wrangler dev)
	cargo test -p spotdraft-kit-wasm
	wasm/scripts/wasm-test.sh

bench-wasm: build-wasm ## WASM open() vs WebCrypto HMAC-SHA512 + JSON.parse in Node and in workerd (and workerd's node:crypto), sizes, cold start
	node wasm/bench/open.bench.mjs
	node wasm/bench/workerd.bench.mjs
