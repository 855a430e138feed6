#!/usr/bin/env bash
# Runs every test of the WASM package against the built wasm/dist:
#  - the shared conformance suite (tests/js) in Node, through `import` and
#    through `require`;
#  - the shared SpotDraft API suite (tests/js/api.test.mjs): the API golden
#    tables and the executor against the stub server (python3);
#  - the hostile-input suite (tests/js/hostile.test.mjs): every export with
#    hostile values, seeded (SPOTDRAFT_KIT_SEED replays a run);
#  - the argument-shape table (tests/js/shapes.test.mjs), which the Node
#    addon passes identically;
#  - the playbook suite (tests/js/playbook.test.mjs): its vectors, then
#    reconcile, re-trigger, the webhook registry and escalation bundles
#    against the stub server;
#  - the package's own tests (wasm/test): API details, error paths, the
#    .wasm's imports, TypeScript types, workerd via miniflare, npm pack;
#  - the Cloudflare Worker example's, quickstart's and reconcile cron's
#    tests (examples/).
# One `node --test` run, so the runner prints one summary.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
"$here/scripts/npm-setup.sh"
[ -f "$here/dist/index.cjs" ] || { echo "wasm/dist missing: run make build-wasm" >&2; exit 1; }
cd "$root"
export SPOTDRAFT_KIT_IMPL="$here/dist/node.mjs"
exec node --test --test-concurrency=1 \
  tests/js/conformance.test.mjs \
  tests/js/api.test.mjs \
  tests/js/hostile.test.mjs \
  tests/js/shapes.test.mjs \
  tests/js/playbook.test.mjs \
  wasm/test/*.test.mjs \
  examples/cloudflare-worker/test/*.test.mjs \
  examples/quickstart/worker/test/*.test.mjs \
  examples/playbook/worker/test/*.test.mjs
