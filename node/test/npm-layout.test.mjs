// napi-rs's per-platform layout: one @spotdraft-kit/node-<platform> package
// under npm/ for every target in package.json's napi.targets, exactly as
// `napi create-npm-dirs` generates it, holding only its binary, and the
// main package's optionalDependencies on all of them at its own version
// (written at release by `napi pre-publish`, as the release workflow runs it).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifest, napi, packedFiles, pkg, stage } from './release-stage.mjs';

// What each Rust target must be on npm, written out here rather than taken
// from the CLI, so a change in the generated fields fails this test.
const PLATFORMS = {
  'x86_64-unknown-linux-gnu': { dir: 'linux-x64-gnu', os: 'linux', cpu: 'x64', libc: 'glibc' },
  'x86_64-unknown-linux-musl': { dir: 'linux-x64-musl', os: 'linux', cpu: 'x64', libc: 'musl' },
  'aarch64-unknown-linux-gnu': { dir: 'linux-arm64-gnu', os: 'linux', cpu: 'arm64', libc: 'glibc' },
  'aarch64-unknown-linux-musl': { dir: 'linux-arm64-musl', os: 'linux', cpu: 'arm64', libc: 'musl' },
  'x86_64-apple-darwin': { dir: 'darwin-x64', os: 'darwin', cpu: 'x64' },
  'aarch64-apple-darwin': { dir: 'darwin-arm64', os: 'darwin', cpu: 'arm64' },
  'x86_64-pc-windows-msvc': { dir: 'win32-x64-msvc', os: 'win32', cpu: 'x64' },
};

const scratch = mkdtempSync(join(tmpdir(), 'spotdraft-kit-npm-layout-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const npmDir = join(pkg, 'npm');
const binary = (dir) => `${manifest.napi.binaryName}.${dir}.node`;

test('napi.targets is the release matrix: linux x64/arm64 gnu+musl, darwin x64/arm64, win32 x64', () => {
  assert.deepEqual([...manifest.napi.targets].sort(), Object.keys(PLATFORMS).sort());
});

test('npm/ is what `napi create-npm-dirs` generates from package.json today', () => {
  const fresh = join(scratch, 'fresh');
  execFileSync('mkdir', ['-p', fresh]);
  writeFileSync(join(fresh, 'package.json'), JSON.stringify(manifest));
  execFileSync(napi, ['create-npm-dirs', '--cwd', fresh], { stdio: 'pipe' });
  const dirs = readdirSync(join(fresh, 'npm')).sort();
  assert.deepEqual(readdirSync(npmDir).sort(), dirs, 'platform dirs differ: run `npx napi create-npm-dirs` in node/');
  for (const dir of dirs) {
    for (const file of readdirSync(join(fresh, 'npm', dir))) {
      assert.equal(readFileSync(join(npmDir, dir, file), 'utf8'), readFileSync(join(fresh, 'npm', dir, file), 'utf8'),
        `npm/${dir}/${file} is stale: run \`npx napi create-npm-dirs\` in node/`);
    }
  }
});

test('each platform package is named, versioned and fenced for its platform', () => {
  for (const [target, want] of Object.entries(PLATFORMS)) {
    const file = join(npmDir, want.dir, 'package.json');
    assert.ok(existsSync(file), `${target}: npm/${want.dir}/package.json missing`);
    const m = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(m.name, `${manifest.name}-${want.dir}`, target);
    assert.equal(m.version, manifest.version, `${target}: version not locked to ${manifest.name}`);
    assert.deepEqual(m.os, [want.os], target);
    assert.deepEqual(m.cpu, [want.cpu], target);
    assert.deepEqual(m.libc, want.libc ? [want.libc] : undefined, target);
    assert.equal(m.main, binary(want.dir), target);
    assert.deepEqual(m.files, [binary(want.dir)], target);
    assert.equal(m.license, manifest.license, target);
  }
});

test('the checkout declares no optionalDependencies (npm ci would refuse the lockfile until they are published)', () => {
  assert.equal(manifest.optionalDependencies, undefined);
  assert.ok(!manifest.files.some((f) => f.endsWith('.node')), 'the main package must not ship a platform binary');
});

test('`napi pre-publish` locks optionalDependencies on every platform package to the main version', () => {
  const dir = stage(join(scratch, 'prepublish'));
  // pre-publish refuses a release with any binary missing; those this
  // machine cannot build get a placeholder file here (the manifest rewrite
  // is under test, not the binaries).
  for (const { dir: platform } of Object.values(PLATFORMS)) {
    const file = join(dir, 'npm', platform, binary(platform));
    if (!existsSync(file)) writeFileSync(file, 'placeholder');
  }
  execFileSync('git', ['init', '-q', dir]);
  execFileSync(napi, ['pre-publish', '--cwd', dir, '--tag-style', 'npm', '--no-gh-release', '--skip-optional-publish'], { stdio: 'pipe' });
  const published = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const expected = Object.fromEntries(Object.values(PLATFORMS).map((p) => [`${manifest.name}-${p.dir}`, manifest.version]));
  assert.deepEqual(published.optionalDependencies, expected);
});

test('`npm pack --dry-run` of each platform package built here holds its binary and nothing else, free of machine paths', () => {
  const dir = stage(join(scratch, 'pack'));
  let checked = 0;
  for (const { dir: platform } of Object.values(PLATFORMS)) {
    const at = join(dir, 'npm', platform);
    if (!existsSync(join(at, binary(platform)))) continue;
    assert.deepEqual(packedFiles(at), ['README.md', binary(platform), 'package.json'].sort(), platform);
    // As scripts/pack-check.mjs checks the main package: no checkout path.
    assert.ok(!readFileSync(join(at, binary(platform))).includes(Buffer.from(join(pkg, '..'))), `${platform}: binary holds the checkout's path`);
    checked += 1;
  }
  assert.ok(checked >= 1, 'no platform binary built: run make build-node');
});

test('the linux-x64-gnu addon needs no glibc newer than 2.34 (the README says so)', () => {
  const file = join(pkg, binary('linux-x64-gnu'));
  assert.ok(existsSync(file), 'build it first: make build-node');
  const versions = [...execFileSync('objdump', ['-T', file], { encoding: 'utf8' }).matchAll(/GLIBC_2\.(\d+)/g)].map((m) => Number(m[1]));
  assert.ok(versions.length > 0, 'no glibc symbol versions found');
  assert.ok(Math.max(...versions) <= 34, `needs GLIBC_2.${Math.max(...versions)}`);
});
