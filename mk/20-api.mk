# API: the operations file distilled from SpotDraft's OpenAPI schema, the
# files generated from it, and the API vectors checked against it.
TEST_TARGETS += test-api

# SpotDraft's schema, when present beside the checkout (as in CI).
SPOTDRAFT_OPENAPI ?= ../shared/spotdraft-openapi.yml
API_PY := api/.venv/bin/python

.PHONY: setup-api distill-api test-api

setup-api: ## The API tools' venv (PyYAML, jsonschema)
	@api/setup.sh

distill-api: setup-api ## Re-distil api/operations.json from SpotDraft's schema
	$(API_PY) api/distill.py $(SPOTDRAFT_OPENAPI) api/operations.json

test-api: setup-api ## Operations file fresh against SpotDraft's schema; generated files and API vectors fresh and schema-valid
	@if [ -f $(SPOTDRAFT_OPENAPI) ]; then \
	  $(API_PY) api/distill.py --check $(SPOTDRAFT_OPENAPI) api/operations.json; \
	else echo "test-api: $(SPOTDRAFT_OPENAPI) absent, operations file not re-distilled"; fi
	api/generate.py --check
	$(API_PY) api/check_vectors.py
	$(API_PY) tests/vectors/generate_api.py >/dev/null
	@git diff --exit-code --stat -- tests/vectors/api || \
	  { echo "tests/vectors/api is stale: commit the output of tests/vectors/generate_api.py"; exit 1; }
