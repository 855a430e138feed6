# API: the operations and responses files distilled from SpotDraft's OpenAPI
# schema, the files generated from them, the API vectors checked against
# them, and the stub SpotDraft's answers validated against them.
TEST_TARGETS += test-api

# SpotDraft's schema, when present beside the checkout (as in CI).
SPOTDRAFT_OPENAPI ?= ../shared/spotdraft-openapi.yml
API_PY := api/.venv/bin/python

.PHONY: setup-api distill-api test-api

setup-api: ## The API tools' venv (PyYAML, jsonschema)
	@api/setup.sh

distill-api: setup-api ## Re-distil api/operations.json and api/responses.json from SpotDraft's schema
	$(API_PY) api/distill.py $(SPOTDRAFT_OPENAPI) api/operations.json api/responses.json

test-api: setup-api ## Operations and responses files fresh against SpotDraft's schema; generated files and API vectors fresh and schema-valid; every stub answer schema-valid
	@if [ -f $(SPOTDRAFT_OPENAPI) ]; then \
	  $(API_PY) api/distill.py --check $(SPOTDRAFT_OPENAPI) api/operations.json api/responses.json; \
	else echo "test-api: $(SPOTDRAFT_OPENAPI) absent, operations and responses files not re-distilled"; fi
	api/generate.py --check
	$(API_PY) api/check_vectors.py
	$(API_PY) tests/vectors/generate_api.py >/dev/null
	@git diff --exit-code --stat -- tests/vectors/api || \
	  { echo "tests/vectors/api is stale: commit the output of tests/vectors/generate_api.py"; exit 1; }
	$(API_PY) tests/stub/check_answers.py
