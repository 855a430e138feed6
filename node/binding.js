'use strict';
// Loads the prebuilt native addon for this platform. The package ships the
// linux-x64-gnu binary; other platforms build their own with
// `napi build --platform --release` (see README.md), which writes
// `spotdraft-kit.<platform>.node` next to this file.
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

function platformName() {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function load() {
  const name = platformName();
  const local = join(__dirname, `spotdraft-kit.${name}.node`);
  const tried = [local];
  if (existsSync(local)) return require(local);
  // A per-platform package, for distributions that publish them.
  const external = `@spotdraft-kit/node-${name}`;
  tried.push(external);
  try {
    return require(external);
  } catch (err) {
    if (err && err.code !== 'MODULE_NOT_FOUND') throw err;
  }
  const error = new Error(
    `@spotdraft-kit/node has no native binary for this platform (${name}, Node ${process.version}). ` +
      `Tried: ${tried.join(', ')}. Build one from the repository with ` +
      '`npx napi build --platform --release` in node/, or use @spotdraft-kit/wasm, which runs everywhere.',
  );
  error.code = 'ERR_SPOTDRAFT_KIT_NO_BINARY';
  throw error;
}

module.exports = load();
