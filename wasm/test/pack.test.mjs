// `npm pack`, then install the tarball in a scratch project under the
// system temp dir, as a user would: `import` and `require` work in Node, and
// a Worker bundled the way wrangler bundles (esbuild, `workerd` condition,
// the .wasm kept as a module) runs in workerd.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '..');
const scratch = mkdtempSync(join(tmpdir(), 'spotdraft-kit-wasm-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };

after(() => rmSync(scratch, { recursive: true, force: true }));

let installed = false;
function install() {
  if (installed) return;
  execFileSync(npm, ['pack', '--silent', '--pack-destination', scratch], { ...quiet, cwd: pkgDir });
  const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack produced no tarball');
  const files = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json'], { ...quiet, cwd: pkgDir }))[0].files.map((f) => f.path);
  for (const f of ['dist/index.cjs', 'dist/node.mjs', 'dist/workerd.js', 'dist/browser.js', 'dist/index.d.ts', 'dist/spotdraft_kit_wasm_bg.wasm']) {
    assert.ok(files.includes(f), `${f} missing from the tarball`);
  }
  assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('node_modules/')), 'tarball has sources');
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', `./${tarball}`], quiet);
  installed = true;
}

const BODY = '{"activity":"CONTRACT_CREATED","contract_id":3}';
const script = (header) => `${header}
const v = new Verifier('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==');
const d = v.open({ 'x-sd-webhook-content-hash': sign('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==', ${JSON.stringify(BODY)}) }, ${JSON.stringify(BODY)});
let code;
try { v.open({}, '{}'); } catch (e) { code = e instanceof SpotDraftKitError && e.code; }
console.log(JSON.stringify({ contractId: d.event.contractId, code }));
`;
const expected = { contractId: 3, code: 'missing_signature' };

test('npm pack: the tarball installs and works with import', () => {
  install();
  writeFileSync(join(scratch, 'esm.mjs'), script("import { Verifier, sign, SpotDraftKitError } from '@spotdraft-kit/wasm';"));
  assert.deepEqual(JSON.parse(execFileSync(process.execPath, ['esm.mjs'], quiet)), expected);
});

test('npm pack: the tarball installs and works with require', () => {
  install();
  writeFileSync(join(scratch, 'cjs.cjs'), script("const { Verifier, sign, SpotDraftKitError } = require('@spotdraft-kit/wasm');"));
  assert.deepEqual(JSON.parse(execFileSync(process.execPath, ['cjs.cjs'], quiet)), expected);
});

test('npm pack: the installed package runs in workerd, bundled as wrangler does', async () => {
  install();
  writeFileSync(join(scratch, 'worker.js'), `${script("import { Verifier, sign, SpotDraftKitError } from '@spotdraft-kit/wasm';")
    .replace('console.log(', 'const result = (')}
export default { fetch: () => Response.json(result) };
`);
  await build({
    entryPoints: [join(scratch, 'worker.js')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    loader: { '.wasm': 'copy' },
    outdir: join(scratch, 'out'),
    logLevel: 'error',
  });
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(scratch, 'out', 'worker.js'),
    modulesRoot: join(scratch, 'out'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2026-04-01',
    cf: false, // placeholder request.cf: no fetch of Cloudflare's cf.json
  });
  try {
    const res = await mf.dispatchFetch('http://127.0.0.1/');
    assert.deepEqual(JSON.parse(await res.json()), expected);
  } finally {
    await mf.dispose();
  }
});
