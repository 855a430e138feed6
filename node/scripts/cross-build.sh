#!/usr/bin/env bash
# Cross-builds the Node addon for the Linux targets this machine has no
# rustup standard library for, into node/artifacts/spotdraft-kit.<platform>.node
# (the layout `napi artifacts` reads):
#
#   node/scripts/cross-build.sh                    # every target below
#   node/scripts/cross-build.sh aarch64-unknown-linux-gnu
#
# Targets and how each links:
#   x86_64-unknown-linux-musl    musl-gcc (Debian musl-tools)
#   aarch64-unknown-linux-gnu    aarch64-linux-gnu-gcc (Debian gcc-aarch64-linux-gnu)
#   aarch64-unknown-linux-musl   zig cc -target aarch64-linux-musl (ziglang from PyPI)
# The standard library is built from Debian's rust-web-src with Debian's
# matching compiler (rustc-web) and -Zbuild-std, as the wasm build does; the
# napi CLI drives cargo (`napi build --target ...`), through CARGO/RUSTC.
# Builds go to their own target dir (target/cross), apart from host builds.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"   # node/
root="$(cd "$here/.." && pwd)"
out="$here/artifacts"
target_dir="$root/target/cross"
all=(x86_64-unknown-linux-musl aarch64-unknown-linux-gnu aarch64-unknown-linux-musl)
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=("${all[@]}")

log() { printf '[cross-build] %s\n' "$*" >&2; }

need_apt=()
[ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] || need_apt+=(rustc-web cargo-web)
[ -d /usr/lib/rustlib/src/rust/library ] || need_apt+=(rust-web-src)
for target in "${targets[@]}"; do
  case "$target" in
    x86_64-unknown-linux-musl) command -v musl-gcc >/dev/null || need_apt+=(musl-tools) ;;
    aarch64-unknown-linux-gnu) command -v aarch64-linux-gnu-gcc >/dev/null || need_apt+=(gcc-aarch64-linux-gnu) ;;
    aarch64-unknown-linux-musl) ;;
    *) log "no cross recipe for $target (built by the release workflow)"; exit 2 ;;
  esac
done
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >&2
fi

# zig, for the one target Debian has no cross C toolchain for: from PyPI
# into its own venv, with a linker wrapper cargo can call.
zig_linker() {
  local venv="$root/target/cross-tools/venv" wrapper="$root/target/cross-tools/aarch64-linux-musl-cc"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m ziglang version >/dev/null 2>&1; then
    log "installing ziglang from PyPI into $venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet ziglang >&2
  fi
  # Rust passes a few gcc-only flags zig does not take; drop them. Unwinding
  # comes from zig's own static libunwind instead of libgcc_s.
  cat >"$wrapper" <<EOF
#!/usr/bin/env bash
args=()
for a in "\$@"; do
  case "\$a" in
    -Wl,-melf_*|--target=*) ;;
    -lgcc_s) args+=(-lunwind) ;;
    *) args+=("\$a") ;;
  esac
done
exec "$venv/bin/python" -m ziglang cc -target aarch64-linux-musl "\${args[@]}"
EOF
  chmod +x "$wrapper"
  echo "$wrapper"
}

# napi-rs's platform name: x86_64-unknown-linux-musl -> linux-x64-musl.
platform_of() {
  local arch="${1%%-*}" abi="${1##*-}"
  [ "$arch" = x86_64 ] && arch=x64
  [ "$arch" = aarch64 ] && arch=arm64
  echo "linux-$arch-$abi"
}

mkdir -p "$out"
for target in "${targets[@]}"; do
  env=(CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1)
  case "$target" in
    x86_64-unknown-linux-musl)
      # std links libgcc_s for unwinding (as on Alpine, where Node itself
      # needs libgcc); musl-gcc searches only musl's dir, so it is given a
      # dir holding just that library.
      gcc_s="$target_dir/gcc_s"
      mkdir -p "$gcc_s"
      ln -sf "$(gcc -print-file-name=libgcc_s.so.1)" "$gcc_s/libgcc_s.so.1"
      env+=(CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_LINKER=musl-gcc
            RUSTFLAGS="-C link-arg=-L$gcc_s") ;;
    aarch64-unknown-linux-gnu) env+=(CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc) ;;
    aarch64-unknown-linux-musl)
      env+=(CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER="$(zig_linker)") ;;
  esac
  log "building $target"
  (cd "$here" && env "${env[@]}" ./node_modules/.bin/napi build --platform --release --strip \
    --target "$target" --target-dir "$target_dir" --output-dir "$out" --no-js \
    --dts "../target/cross/native.d.ts" -- -Zbuild-std=std,panic_unwind) >&2
  # Symbols are not needed at run time (as for the host build).
  strip_tool="strip"
  [[ "$target" == aarch64-* ]] && strip_tool=aarch64-linux-gnu-strip
  "$strip_tool" --strip-unneeded "$out/spotdraft-kit.$(platform_of "$target").node"
done
ls -l "$out"/*.node >&2
