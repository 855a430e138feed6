# CLI: crate spotdraft-kit-cli, binary `sdkit` (sign, verify, diagnose,
# send, serve, log, replay) and its durable reference receiver.
BUILD_TARGETS += build-cli
TEST_TARGETS += test-cli
BENCH_TARGETS += bench-cli
DEMO_TARGET := demo-cli

.PHONY: build-cli test-cli bench-cli demo-cli

build-cli: setup-rust ## Build the sdkit binary (target/release/sdkit)
	cargo build --release -p spotdraft-kit-cli

test-cli: build-cli ## sdkit: golden CLI tests, receiver end-to-end, crash safety, PostgreSQL with two instances
	cli/scripts/test.sh

bench-cli: build-cli ## sdkit serve throughput and p50/p99 latency, 2 KiB deliveries, SQLite with fsync
	cli/scripts/bench.sh

demo-cli: build-cli ## Receiver demo: serve, send good and bad deliveries, log, diagnose
	cli/scripts/demo.sh
