# Node: the native addon (napi-rs) `@spotdraft-kit/node`, its Express,
# Fastify and Hono adapters, and the example receivers.
BUILD_TARGETS += build-node
TEST_TARGETS += test-node
BENCH_TARGETS += bench-node

.PHONY: setup-node build-node test-node bench-node cross-node

setup-node: ## Install Node dev dependencies for node/ (npm ci, skipped when current)
	@node/scripts/setup.sh

build-node: setup-node build-wasm ## Build the Node addon in place (napi build --platform --release), with the wasm fallback
	cd node && ./node_modules/.bin/napi build --platform --release --no-js --dts target/native.d.ts
	cd node && node scripts/sync-types.js
	@# Symbols are not needed at run time; the shipped binary is smaller without.
	@if command -v strip >/dev/null; then strip --strip-unneeded node/spotdraft-kit.*.node; fi

test-node: build-node ## Node tests: conformance vectors, argument-shape table, the wasm fallback, per-platform package layout, API golden tables and executor (stub server), the playbook (stub server), errors, adapters, seen-stores (real PostgreSQL, Redis, SQLite), types, packed tarball, examples, quickstarts
	cargo test -p spotdraft-kit-node
	cd node && SPOTDRAFT_KIT_IMPL="$(CURDIR)/node/index.mjs" node --test --test-concurrency=1 \
	  test/*.test.mjs ../tests/js/conformance.test.mjs ../tests/js/api.test.mjs \
	  ../tests/js/hostile.test.mjs ../tests/js/shapes.test.mjs ../tests/js/playbook.test.mjs

bench-node: build-node ## open() on 2 KiB and 64 KiB bodies vs the idiomatic node:crypto path; the front's share at 2 KiB
	cd node && node bench/open.mjs
	cd node && node bench/front.mjs

# Not in `make test` (several minutes: std is built from source per target).
cross-node: setup-node ## Cross-build the addon for linux-x64-musl, linux-arm64-gnu and linux-arm64-musl into node/artifacts/, then check each binary (ELF, dependencies, symbols; arm64 gnu loaded under qemu)
	node/scripts/cross-build.sh
	node/scripts/cross-check.sh
