// Stages the per-platform packages as the release workflow does, in a
// scratch copy of the package (the checkout is never written): the
// committed npm/<platform>/ dirs, then `napi artifacts` copying every
// binary built on this machine into its package. Shared by the layout and
// pack tests.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
export const napi = join(pkg, 'node_modules', '.bin', 'napi');
export const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));

/** napi-rs's platform name of a Rust target, as in npm/<platform>/. */
export function platformOf(target) {
  const [arch, , os, abi] = target.split('-');
  const cpu = { x86_64: 'x64', aarch64: 'arm64' }[arch] ?? arch;
  const platform = { linux: 'linux', darwin: 'darwin', windows: 'win32' }[os] ?? os;
  return [platform, cpu, platform === 'darwin' ? undefined : abi].filter(Boolean).join('-');
}

/** Binaries built here: the host build beside package.json, cross builds in artifacts/. */
export function builtBinaries() {
  const found = readdirSync(pkg).filter((f) => f.endsWith('.node')).map((f) => join(pkg, f));
  const artifacts = join(pkg, 'artifacts');
  if (existsSync(artifacts)) {
    found.push(...readdirSync(artifacts).filter((f) => f.endsWith('.node')).map((f) => join(artifacts, f)));
  }
  return found;
}

/**
 * Copies package.json and npm/ into `scratch`, puts the built binaries in
 * scratch/artifacts and runs `napi artifacts` there. Returns the scratch dir.
 */
export function stage(scratch) {
  mkdirSync(join(scratch, 'artifacts'), { recursive: true });
  cpSync(join(pkg, 'npm'), join(scratch, 'npm'), { recursive: true });
  const names = builtBinaries().map((file) => file.split(/[\\/]/).pop());
  for (const file of builtBinaries()) cpSync(file, join(scratch, 'artifacts', file.split(/[\\/]/).pop()));
  // `napi artifacts` refuses a matrix with binaries missing: here it is
  // given the targets built on this machine, as one CI job would be.
  const built = manifest.napi.targets.filter((t) => names.includes(`${manifest.napi.binaryName}.${platformOf(t)}.node`));
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ ...manifest, napi: { ...manifest.napi, targets: built } }, null, 2));
  execFileSync(napi, ['artifacts', '--cwd', scratch, '--output-dir', 'artifacts'], { stdio: 'pipe' });
  cpSync(join(pkg, 'package.json'), join(scratch, 'package.json'));
  return scratch;
}

/** `npm pack --dry-run` of one directory: the paths the tarball would hold. */
export function packedFiles(dir) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const [report] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' }));
  return report.files.map((f) => f.path).sort();
}
