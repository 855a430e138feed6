// `npm pack` the main package and this platform's package (staged as the
// release does it), then install both tarballs by name in a scratch project
// under the system temp dir and run the shared conformance vectors there:
// what a user gets from the registry works without the repository around it,
// and the binary comes from the platform package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stage } from './release-stage.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const repo = join(pkg, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, options) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe', ...options });
  } catch (err) {
    assert.fail(`${cmd} ${args.join(' ')} failed:\n${err.stdout}\n${err.stderr}`);
  }
}

test('packed tarball installs by name and passes the vectors', { timeout: 300_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'spotdraft-kit-node-pack-'));
  try {
    const packed = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: pkg }));
    const files = packed[0].files.map((f) => f.path);
    for (const needed of ['index.js', 'index.mjs', 'index.d.ts', 'binding.js',
      'adapters/express.js', 'adapters/fastify.mjs', 'adapters/hono.d.ts', 'package.json']) {
      assert.ok(files.includes(needed), `tarball lacks ${needed}`);
    }
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('node_modules/')), files.join(' '));
    assert.ok(!files.some((f) => f.endsWith('.node')), `the main package ships no binary: ${files.join(' ')}`);
    const platform = join(stage(join(scratch, 'stage')), 'npm', 'linux-x64-gnu');
    const platformPacked = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: platform }));

    const project = join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(scratch, packed[0].filename),
      join(scratch, platformPacked[0].filename)], { cwd: project });
    assert.deepEqual(readdirSync(join(project, 'node_modules', '@spotdraft-kit')).sort(), ['node', 'node-linux-x64-gnu']);

    // The shared suite, beside its vectors, importing the package by name.
    for (const file of ['conformance.test.mjs', 'impl.mjs']) {
      cpSync(join(repo, 'tests', 'js', file), join(project, 'tests', 'js', file));
    }
    cpSync(join(repo, 'tests', 'vectors'), join(project, 'tests', 'vectors'), {
      recursive: true,
      filter: (src) => !src.includes(`${join('vectors', 'api')}`),
    });
    // A child `node --test` reports to a parent runner in its own protocol
    // unless NODE_TEST_CONTEXT is cleared: run it as a user would.
    const { NODE_TEST_CONTEXT, ...env } = process.env;
    const out = run(process.execPath, ['--test', '--test-reporter=tap', join('tests', 'js', 'conformance.test.mjs')], {
      cwd: project,
      env: { ...env, SPOTDRAFT_KIT_IMPL: '@spotdraft-kit/node' },
    });
    assert.match(out, /^# fail 0$/m);
    assert.match(out, /^# pass [1-9]/m);

    // CommonJS by name, and the adapter subpaths resolve.
    const cjs = run(process.execPath, ['-e', `
      const kit = require('@spotdraft-kit/node');
      const v = new kit.Verifier('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==');
      const body = '{"activity":"CONTRACT_CREATED"}';
      const d = v.open({ 'x-sd-webhook-content-hash': kit.sign('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==', body) }, body);
      require('@spotdraft-kit/node/express'); require('@spotdraft-kit/node/fastify'); require('@spotdraft-kit/node/hono');
      process.stdout.write(kit.implementation + ' ' + d.event.activity);
    `], { cwd: project });
    assert.equal(cjs, 'native CONTRACT_CREATED');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
