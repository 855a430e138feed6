#!/usr/bin/env bash
# Instructions per addon `open` call at 2 KiB, counted by callgrind inside
# Node: everything the native callback runs (the core's `open`, the napi
# argument conversions, the packing and the returned string), repeatable on
# a noisy machine where timings are not. Compare with the core's own `open`
# in `scripts/bench-core.sh instructions`; the difference is the crossing.
#
#   node/bench/instructions.sh [calls]      (after `make build-node`)
#
# The packaged addon is stripped, so this counts the unstripped library the
# build leaves in the target directory.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
calls="${1:-2000}"
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 1; }
lib=$(ls -t "$root"/target/*/release/libspotdraft_kit_node.so "$root"/target/release/libspotdraft_kit_node.so 2>/dev/null | head -1 || true)
[ -n "$lib" ] || { echo "no unstripped addon under target/: run make build-node"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Node loads addons by their .node name.
cp "$lib" "$work/addon.node"
cat > "$work/loop.mjs" <<'EOF'
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
const [addonPath, bodiesPath, harnessPath, calls] = process.argv.slice(2);
const { realisticBody } = await import(bodiesPath);
const { KEY_B64 } = await import(harnessPath);
const native = createRequire(import.meta.url)(addonPath);
const body = Buffer.from(realisticBody(2048));
const ring = new native.Keyring();
ring.addText(KEY_B64);
const handle = native.newVerifier(ring);
const sig = createHmac('sha512', Buffer.from(KEY_B64, 'base64')).update(body).digest('hex');
const slots = new Float64Array(native.fieldKinds().length);
let text = '';
for (let i = 0; i < Number(calls); i += 1) text = native.open(handle, body, slots, sig);
if (!text.startsWith('sdk1:')) throw new Error('open did not return a packed delivery');
EOF
total=$(valgrind --tool=callgrind --toggle-collect='*open_c_callback*' \
  --callgrind-out-file="$work/cg" node "$work/loop.mjs" "$work/addon.node" \
  "$root/tests/js/bodies.mjs" "$here/bench/harness.mjs" "$calls" 2>&1 | awk '/Collected/{print $NF}')
echo "addon open at 2 KiB: $((total / calls)) instructions per call ($calls calls, $lib)"
