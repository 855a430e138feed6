// The wasm fallback: where no native binary loads, @spotdraft-kit/node runs
// the same front layer over the core compiled to WebAssembly. Tested by
// hiding the native binary: the package is copied without its `.node`
// file, and the shared JS suites run against the copy.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const repo = join(pkg, '..');
const copy = join(mkdtempSync(join(tmpdir(), 'spotdraft-kit-node-fallback-')), 'node');
after(() => rmSync(dirname(copy), { recursive: true, force: true }));

const { files } = createRequire(import.meta.url)('../package.json');
for (const entry of files) {
  for (const name of readdirSync(pkg).filter((f) => (entry.startsWith('*') ? f.endsWith(entry.slice(1)) : f === entry.replace(/\/$/, '')))) {
    if (!name.endsWith('.node')) cpSync(join(pkg, name), join(copy, name), { recursive: true });
  }
}
cpSync(join(pkg, 'package.json'), join(copy, 'package.json'));

test('the installed files include the wasm fallback, and the copy has no native binary', () => {
  assert.ok(readdirSync(join(copy, 'wasm')).includes('native.cjs'), 'wasm/native.cjs missing: build wasm/ first');
  assert.ok(!readdirSync(copy).some((f) => f.endsWith('.node')));
});

test('without a native binary the package runs on wasm, with the same API and error class', () => {
  const kit = createRequire(join(copy, 'index.js'))(join(copy, 'index.js'));
  const native = createRequire(import.meta.url)('../index.js');
  assert.equal(kit.implementation, 'wasm');
  assert.equal(native.implementation, 'native');
  assert.deepEqual(Object.keys(kit), Object.keys(native));
  const body = '{"activity":"CONTRACT_SIGNED","contract_id":7}';
  const key = 'c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYQ==';
  assert.equal(kit.sign(key, body), native.sign(key, body));
  assert.throws(() => new kit.Verifier(key).open({}, body),
    (err) => err instanceof kit.SpotDraftKitError && err instanceof Error && err.code === 'missing_signature');
});

test('the shared JS suites pass against the wasm fallback', { timeout: 600_000 }, () => {
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const suites = ['shapes', 'conformance', 'hostile', 'api'].map((s) => join(repo, 'tests', 'js', `${s}.test.mjs`));
  const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap', ...suites], {
    cwd: pkg,
    encoding: 'utf8',
    env: { ...env, SPOTDRAFT_KIT_IMPL: join(copy, 'index.mjs') },
  });
  const summary = run.stdout.split('\n').filter((l) => /^not ok|^# (pass|fail)/.test(l)).join('\n');
  assert.equal(run.status, 0, `${summary}\n${run.stderr.slice(-2000)}`);
  assert.match(run.stdout, /^# fail 0$/m);
  assert.match(run.stdout, /^# pass [1-9]/m);
});

test('a native binary that does not load (e.g. built for another libc) also falls back to wasm', () => {
  const broken = join(dirname(copy), 'broken');
  cpSync(copy, broken, { recursive: true });
  const name = readdirSync(pkg).find((f) => /^spotdraft-kit\..+\.node$/.test(f));
  writeFileSync(join(broken, name), 'not an ELF, Mach-O or PE file');
  const kit = createRequire(join(broken, 'index.js'))(join(broken, 'index.js'));
  assert.equal(kit.implementation, 'wasm');
});

test('with neither a native binary nor the wasm fallback, the error names the platform and all it tried', () => {
  const bare = join(dirname(copy), 'bare');
  cpSync(copy, bare, { recursive: true });
  rmSync(join(bare, 'wasm'), { recursive: true });
  const platform = readdirSync(pkg).find((f) => /^spotdraft-kit\..+\.node$/.test(f)).split('.')[1];
  assert.throws(() => createRequire(join(bare, 'index.js'))(join(bare, 'index.js')), (err) => {
    assert.equal(err.code, 'ERR_SPOTDRAFT_KIT_NO_BINARY');
    assert.equal(err.platform, platform);
    for (const tried of [`./spotdraft-kit.${platform}.node`, `@spotdraft-kit/node-${platform}`, './wasm/native.cjs']) {
      assert.ok(err.message.includes(tried), `${tried} not named in: ${err.message}`);
    }
    assert.deepEqual(err.tried.map((t) => t.split(' ')[0]),
      [`./spotdraft-kit.${platform}.node`, `@spotdraft-kit/node-${platform}`, './wasm/native.cjs']);
    return true;
  });
});
