#!/usr/bin/env bash
# Builds the npm package @spotdraft-kit/wasm into wasm/dist/.
#
#   wasm/scripts/wasm-build.sh            # release build, size-optimised
#
# Toolchain, in order of preference:
#  1. rustup's wasm32-unknown-unknown target (a normal laptop); wasm-pack is
#     used for the Rust -> wasm -> JS glue step when it is installed.
#  2. Otherwise Debian's rustc-web + rust-web-src, building std from source
#     with -Zbuild-std and linking with the rust-lld of the rustup toolchain
#     (apt packages are installed when missing; needs root).
# wasm-bindgen-cli is always the exact version locked in Cargo.lock: an
# existing binary is reused when its --version matches, otherwise it is
# installed with cargo into the cargo bin dir, where later builds and other
# clones of the repo find it (about 6 minutes, once per machine).
# The wasm build uses its own target dir (target/wasm) and size-oriented
# profile settings passed through the environment, so the workspace's
# release profile and host artifacts are untouched.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"     # wasm/
root="$(cd "$here/.." && pwd)"               # repo root
dist="$here/dist"
target_dir="$root/target/wasm"
crate="spotdraft_kit_wasm"
triple="wasm32-unknown-unknown"

log() { printf '[wasm-build] %s\n' "$*" >&2; }

# --- wasm-bindgen-cli at the locked version --------------------------------
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$root/Cargo.lock")"
[ -n "$bindgen_version" ] || { log "wasm-bindgen not found in Cargo.lock"; exit 1; }

find_bindgen() {
  local candidate
  for candidate in "$(command -v wasm-bindgen 2>/dev/null || true)" \
                   "$root/.tools/bin/wasm-bindgen" \
                   "${CARGO_HOME:-$HOME/.cargo}/bin/wasm-bindgen"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    if [ "$("$candidate" --version 2>/dev/null | awk '{print $2}')" = "$bindgen_version" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! bindgen="$(find_bindgen)"; then
  log "installing wasm-bindgen-cli $bindgen_version with cargo install (one-time, several minutes)"
  # No --locked: one of the CLI's locked dependencies does not resolve here.
  cargo install wasm-bindgen-cli --version "=$bindgen_version" >&2
  bindgen="$(find_bindgen)" || { log "wasm-bindgen $bindgen_version still not found"; exit 1; }
fi
log "wasm-bindgen: $bindgen ($bindgen_version)"

# --- Rust -> wasm32 -----------------------------------------------------------
# Profile, through the environment (the workspace's release profile is
# untouched): fat LTO, one codegen unit, abort on panic (the bindings never
# panic; core denies unwrap/expect/panic). The module as a whole is built
# for size ("s"), but the crates on the hot path of open() (the core, JSON
# parsing, SHA-2/HMAC) keep opt-level 3: that keeps open() within noise of
# an all-"3" build while the SpotDraft API layer fits the 150 KiB gzipped
# budget (all-"3": 153 KiB; this: 144 KiB). SPOTDRAFT_KIT_WASM_OPT_LEVEL=z
# builds the smallest module; SPOTDRAFT_KIT_WASM_SPEED_PKGS overrides the
# list of opt-level-3 crates; SPOTDRAFT_KIT_WASM_OPT_FLAG the wasm-opt level.
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${SPOTDRAFT_KIT_WASM_OPT_LEVEL:-s}"
export CARGO_PROFILE_RELEASE_LTO=fat
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_DEBUG=false
export CARGO_PROFILE_RELEASE_STRIP=debuginfo
# WebAssembly SIMD (simd128): sha2 then uses its wasm32 SIMD code for
# SHA-512, which made verify 2.4-3.1x faster and bodySha256 1.2-1.4x
# (measured side by side in one process, BENCHMARKS.md) and the module
# smaller. Every runtime the package supports has it (Node 16.4+, workerd,
# Chrome 91+, Firefox 89+, Safari 16.4+); SPOTDRAFT_KIT_WASM_SIMD=0 builds
# without it for older engines. Target-specific, so host build scripts are
# untouched.
if [ "${SPOTDRAFT_KIT_WASM_SIMD:-1}" != 0 ]; then
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} -C target-feature=+simd128"
fi
speed_args=()
for pkg in ${SPOTDRAFT_KIT_WASM_SPEED_PKGS-sha2 hmac digest block-buffer serde_json spotdraft-kit}; do
  speed_args+=(--config "profile.release.package.$pkg.opt-level=3")
done

# build_module <bindgen out dir> [cargo args...]: Rust -> wasm32 -> wasm-bindgen glue.
if rustup target list --installed 2>/dev/null | grep -qx "$triple"; then
  if command -v wasm-pack >/dev/null 2>&1; then toolchain=wasm-pack; else toolchain=rustup; fi
else
  toolchain=debian
  if [ ! -x /usr/bin/rustc ] || [ ! -d /usr/lib/rustlib/src/rust/library ]; then
    if [ "$(id -u)" != 0 ]; then
      log "install rustc-web, cargo-web and rust-web-src (apt), or add the rustup $triple target"
      exit 1
    fi
    log "installing rustc-web cargo-web rust-web-src (apt)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustc-web cargo-web rust-web-src >&2
  fi
  lld="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | awk '/^host:/ {print $2}')/bin/rust-lld"
  [ -x "$lld" ] || lld="$(command -v rust-lld || command -v wasm-ld || true)"
  [ -n "$lld" ] || { log "no rust-lld (rustup toolchain) or wasm-ld found to link wasm32"; exit 1; }
fi
log "toolchain: $toolchain"

build_module() {
  local gen="$1"
  shift
  rm -rf "$gen"
  mkdir -p "$gen"
  case "$toolchain" in
    wasm-pack)
      PATH="$(dirname "$bindgen"):$PATH" CARGO_TARGET_DIR="$target_dir" \
        wasm-pack build "$here" --release --target web --mode no-install --no-typescript \
          --no-pack --out-dir "$gen" --out-name "$crate" -- "${speed_args[@]}" "$@" >&2
      return ;;
    rustup)
      cargo build --release --target "$triple" -p spotdraft-kit-wasm --target-dir "$target_dir" \
        --manifest-path "$root/Cargo.toml" "${speed_args[@]}" "$@" >&2 ;;
    debian)
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$lld" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
        /usr/bin/cargo build --release --target "$triple" -p spotdraft-kit-wasm \
          --target-dir "$target_dir" --manifest-path "$root/Cargo.toml" "${speed_args[@]}" "$@" \
          -Zbuild-std=std,panic_abort >&2 ;;
  esac
  "$bindgen" --target web --no-typescript --out-dir "$gen" --out-name "$crate" \
    "$target_dir/$triple/release/$crate.wasm"
}

# The full module (webhooks, the diagnosis and the SpotDraft API), then the
# verifier-only one (no `api`, no `diagnose` feature) for the `verify` entries.
build_module "$target_dir/bindgen"
build_module "$target_dir/bindgen-verify" --no-default-features

# --- JS tooling (esbuild, binaryen's wasm-opt) from the package's lockfile ---
"$here/scripts/npm-setup.sh"

wasm_opt="$here/node_modules/.bin/wasm-opt"
optimise() {
  local wasm="$1"
  [ -x "$wasm_opt" ] && [ "${SPOTDRAFT_KIT_WASM_OPT:-1}" != 0 ] || return 0
  # -O3 after the "s" build measured faster than -Oz on 64 KiB bodies and
  # came out no larger gzipped (149.3 vs 149.4 KB); -Oz only for "z".
  case "$CARGO_PROFILE_RELEASE_OPT_LEVEL" in z) opt_flag=-Oz ;; *) opt_flag=-O3 ;; esac
  opt_flag="${SPOTDRAFT_KIT_WASM_OPT_FLAG:-$opt_flag}"
  log "wasm-opt $opt_flag $wasm"
  "$wasm_opt" "$opt_flag" --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
}
optimise "$target_dir/bindgen/${crate}_bg.wasm"
optimise "$target_dir/bindgen-verify/${crate}_bg.wasm"

# --- assemble dist/ -------------------------------------------------------------
# Each entry is bundled (esbuild) into one self-contained module, so the wasm
# is instantiated before the API's top-level code runs in every runtime (a
# sibling import would not wait for the browser entry's top-level await).
# assemble <bindgen dir> <out dir> <full|verify>: the verify entries export
# the webhook API without the diagnosis (kit.js) and bundle no API code.
esbuild="$here/node_modules/.bin/esbuild"
common=(--bundle --log-level=warning --log-override:empty-import-meta=silent)
assemble() {
  local gen="$1" out="$2" flavour="$3"
  # Staged outside the package: its "type": "module" would make esbuild
  # read the shared CommonJS files (front.js, api-client.js) as ES modules.
  local stage="$target_dir/js-stage-$flavour"
  rm -rf "$stage"
  mkdir -p "$out" "$stage"
  cp "$gen/$crate.js" "$here"/js/*.js "$here"/js/*.mjs "$stage/"
  # The front layer, the SpotDraft API client and the playbook: the files
  # @spotdraft-kit/node runs.
  cp "$root/js/front.js" "$root/js/api-client.js" "$root/js/playbook.js" "$stage/"
  if [ "$flavour" = verify ]; then
    sed -i -e "/from '.\/api.js'/d" \
      "$stage/workerd.js" "$stage/browser.js" "$stage/entry-node-cjs.mjs"
  fi
  # workerd / Workers: ESM; the .wasm import stays an import (a compiled module).
  # Minified, with names kept (classes and functions keep their names in
  # stack traces): a Worker loads this file as it is, and the verify entry's
  # is 2.7 KB smaller gzipped this way.
  "$esbuild" "$stage/workerd.js" "${common[@]}" --format=esm --platform=neutral --minify --keep-names \
    --external:./${crate}_bg.wasm --outfile="$out/workerd.js"
  # Browsers, bundlers, Deno: ESM; fetches the .wasm next to itself.
  "$esbuild" "$stage/browser.js" "${common[@]}" --format=esm --platform=neutral \
    --outfile="$out/browser.js"
  # Node: CommonJS, loads the .wasm synchronously, so `require` works. The
  # ESM `node` entry re-exports it: `import` and `require` share one
  # instance (one SpotDraftKitError class, one wasm instance). Its names are
  # the bundle's own (front.js's one export list), written out here.
  "$esbuild" "$stage/entry-node-cjs.mjs" "${common[@]}" --format=cjs --platform=node --target=node18 \
    --outfile="$out/index.cjs"
  cp "$gen/${crate}_bg.wasm" "$out/${crate}_bg.wasm"
  if [ "$flavour" = full ]; then
    # The wasm fallback of @spotdraft-kit/node (its build copies these two
    # files): the raw module, initialised, as CommonJS.
    mkdir -p "$fallback"
    "$esbuild" "$stage/native-node-cjs.mjs" "${common[@]}" --format=cjs --platform=node --target=node18 \
      --outfile="$fallback/native.cjs"
    cp "$gen/${crate}_bg.wasm" "$fallback/${crate}_bg.wasm"
  fi
  node -e '
    const names = Object.keys(require(process.argv[1]));
    process.stdout.write("// Entry for Node'"'"'s `import`: the CommonJS build re-exported (generated).\n"
      + "import kit from \"./index.cjs\";\n\nexport const {\n" + names.map((n) => `  ${n},\n`).join("") + "} = kit;\n");
  ' "$out/index.cjs" >"$out/node.mjs"
  rm -rf "$stage"
}
fallback="$target_dir/node-fallback"
rm -rf "$dist" "$fallback"
assemble "$target_dir/bindgen" "$dist" full
assemble "$target_dir/bindgen-verify" "$dist/verify" verify
# The shared API contract, shipped unchanged (ESM and CommonJS flavours);
# the verify entries declare the webhook part of it.
cp "$root/js/spotdraft-kit.d.ts" "$dist/index.d.ts"
cp "$root/js/spotdraft-kit.d.ts" "$dist/index.d.cts"
cp "$here/js/verify.d.ts" "$dist/verify/index.d.ts"
cp "$here/js/verify.d.ts" "$dist/verify/index.d.cts"

for module in "$dist/${crate}_bg.wasm" "$dist/verify/${crate}_bg.wasm"; do
  raw=$(wc -c <"$module")
  gz=$(gzip -9c "$module" | wc -c)
  log "built $module: $raw bytes, $gz bytes gzipped ($((gz / 1024)) KiB)"
done
