'use strict';
// Loads the native addon for this platform, in napi-rs's standard order:
//  1. `spotdraft-kit.<platform>.node` next to this file (a binary built in
//     the repository with `napi build --platform --release`);
//  2. the per-platform package `@spotdraft-kit/node-<platform>`, which npm
//     installs from this package's optionalDependencies (only the one whose
//     os/cpu/libc fields match the machine).
// When neither loads, it throws ERR_SPOTDRAFT_KIT_NO_BINARY naming the
// platform and each place tried, with why it failed; index.js then falls
// back to the wasm build of the same core.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

function isMusl() {
  try {
    const report = process.report && process.report.getReport();
    if (report && report.header) return !report.header.glibcVersionRuntime;
  } catch {
    // fall through to the loader check
  }
  try {
    return readFileSync('/usr/bin/ldd', 'latin1').includes('musl');
  } catch {
    return false;
  }
}

/** napi-rs's name for this platform, e.g. `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`. */
function platformName() {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

// The first line of a load failure: enough to tell "not installed" from
// "installed but not loadable here" (e.g. a libc too old for the binary).
function reason(err) {
  if (err && err.code === 'MODULE_NOT_FOUND') return 'not installed';
  return String((err && err.message) || err).split('\n')[0];
}

function load() {
  const name = platformName();
  const candidates = [
    { what: `./spotdraft-kit.${name}.node`, path: join(__dirname, `spotdraft-kit.${name}.node`) },
    { what: `@spotdraft-kit/node-${name}`, path: `@spotdraft-kit/node-${name}` },
  ];
  const tried = [];
  for (const { what, path } of candidates) {
    if (path.startsWith(__dirname) && !existsSync(path)) {
      tried.push(`${what} (not built)`);
      continue;
    }
    try {
      return require(path);
    } catch (err) {
      tried.push(`${what} (${reason(err)})`);
    }
  }
  const error = new Error(
    `@spotdraft-kit/node has no native binary that loads on this platform (${name}, Node ${process.version}). ` +
      `Tried: ${tried.join('; ')}. Install with optional dependencies enabled so npm fetches ` +
      `@spotdraft-kit/node-${name}, or build one in node/ with \`npx napi build --platform --release\`.`,
  );
  error.code = 'ERR_SPOTDRAFT_KIT_NO_BINARY';
  error.platform = name;
  error.tried = tried;
  throw error;
}

module.exports = load();
