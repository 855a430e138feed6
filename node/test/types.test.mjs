// The package ships the shared contract (js/spotdraft-kit.d.ts) unchanged,
// exports exactly the runtime names it declares, and a typed usage file
// (test/types/usage.ts) compiles against it and the adapters' types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const contract = readFileSync(join(pkg, '..', 'js', 'spotdraft-kit.d.ts'), 'utf8');

test('index.d.ts is the shared contract, byte for byte', () => {
  assert.equal(readFileSync(join(pkg, 'index.d.ts'), 'utf8'), contract,
    'index.d.ts differs from js/spotdraft-kit.d.ts: run `node scripts/sync-types.js`, never edit the copy');
});

test('api-client.js is the shared SpotDraft API client, byte for byte', () => {
  assert.equal(readFileSync(join(pkg, 'api-client.js'), 'utf8'), readFileSync(join(pkg, '..', 'js', 'api-client.js'), 'utf8'),
    'api-client.js differs from js/api-client.js: run `node scripts/sync-types.js`, never edit the copy');
});

test('playbook.js is the shared playbook, byte for byte', () => {
  assert.equal(readFileSync(join(pkg, 'playbook.js'), 'utf8'), readFileSync(join(pkg, '..', 'js', 'playbook.js'), 'utf8'),
    'playbook.js differs from js/playbook.js: run `node scripts/sync-types.js`, never edit the copy');
});

test('front.js is the shared front layer, byte for byte', () => {
  assert.equal(readFileSync(join(pkg, 'front.js'), 'utf8'), readFileSync(join(pkg, '..', 'js', 'front.js'), 'utf8'),
    'front.js differs from js/front.js: run `node scripts/sync-types.js`, never edit the copy');
});

test('runtime exports are exactly the names the contract declares', async () => {
  const declared = [...contract.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]).sort();
  assert.ok(declared.length >= 9);
  const cjs = createRequire(import.meta.url)('../index.js');
  assert.deepEqual(Object.keys(cjs).sort(), declared);
  const { EXPORTS } = createRequire(import.meta.url)('../front.js');
  const { PLAYBOOK_EXPORTS } = createRequire(import.meta.url)('../playbook.js');
  assert.deepEqual([...EXPORTS, ...PLAYBOOK_EXPORTS].sort(), declared,
    'front.js EXPORTS and playbook.js PLAYBOOK_EXPORTS are the one export list');
  const esm = await import('../index.mjs');
  assert.deepEqual(Object.keys(esm).filter((k) => k !== 'default').sort(), declared);
  for (const name of declared) assert.equal(esm[name], cjs[name], name);
  const kinds = Object.fromEntries([...contract.matchAll(/^export declare (class|function|const) (\w+)/gm)].map((m) => [m[2], m[1]]));
  for (const [name, kind] of Object.entries(kinds)) {
    assert.equal(typeof cjs[name] === 'function' ? 'function' : 'const', kind === 'class' ? 'function' : kind, name);
  }
});

// The ES entries' export lists are written out from the one list by
// js/gen-entries.mjs; its --check fails on a stale entry.
const gen = (root, ...args) => spawnSync(process.execPath, [join(root, 'js', 'gen-entries.mjs'), ...args], { encoding: 'utf8' });

test('the ES entries\' export lists are what js/gen-entries.mjs writes', () => {
  const { status, stderr } = gen(join(pkg, '..'), '--check');
  assert.equal(status, 0, stderr);
});

test('js/gen-entries.mjs --check names a stale entry, and a run mends it', () => {
  const copy = mkdtempSync(join(tmpdir(), 'gen-entries-'));
  try {
    const files = ['js/gen-entries.mjs', 'js/front.js', 'js/playbook.js', 'node/index.mjs',
      'wasm/js/kit.js', 'wasm/js/api.js', 'wasm/js/verify.d.ts'];
    for (const file of files) cpSync(join(pkg, '..', file), join(copy, file));
    // Fresh first, so this test does not depend on the tree's entries.
    assert.equal(gen(copy).status, 0);
    const entry = join(copy, 'wasm', 'js', 'kit.js');
    const fresh = readFileSync(entry, 'utf8');
    writeFileSync(entry, fresh.replace('  parseEvent,\n', '  parseEvents,\n'));
    const stale = gen(copy, '--check');
    assert.equal(stale.status, 1);
    assert.equal(stale.stderr, 'wasm/js/kit.js is stale: its export list differs from the one list; run `node js/gen-entries.mjs`\n');
    assert.equal(gen(copy).stdout, 'wrote wasm/js/kit.js\n');
    assert.equal(readFileSync(entry, 'utf8'), fresh);
    assert.equal(gen(copy, '--check').status, 0);
    writeFileSync(entry, fresh.replace(/^\/\/ END export list\n/m, ''));
    const broken = gen(copy, '--check');
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^wasm\/js\/kit\.js: needs one line "\/\/ BEGIN export list/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test('tsc --noEmit over a typed usage file', () => {
  const tsc = join(pkg, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(here, 'types', 'tsconfig.json')], { cwd: pkg, stdio: 'pipe' });
  } catch (err) {
    assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`);
  }
});
