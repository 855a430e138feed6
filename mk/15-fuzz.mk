# Fuzzing of the core with cargo fuzz (libFuzzer, nightly toolchain).
.PHONY: fuzz

fuzz: ## Fuzz every core target for FUZZ_SECONDS each (default 60); needs nightly
	scripts/fuzz.sh
