# The map of the project's tasks. `make help` lists them.
#
# Each component adds its own targets in mk/<component>.mk and appends them
# to the lists below, so `make test` always runs every runtime that exists.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BUILD_TARGETS :=
TEST_TARGETS :=
BENCH_TARGETS :=
DEMO_TARGET := demo-core

include $(sort $(wildcard mk/*.mk))

.PHONY: help build test bench demo fuzz clean

help: ## List the tasks
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

build: $(BUILD_TARGETS) ## Build every package in place

test: $(TEST_TARGETS) ## Run every test of every runtime (installs what it needs)
	@echo "make test: all suites passed ($(TEST_TARGETS))"

bench: $(BENCH_TARGETS) ## Run the benchmarks (numbers go to BENCHMARKS.md by hand)

demo: $(DEMO_TARGET) ## Run the main job end to end

clean: ## Remove build outputs
	cargo clean
