// For the Worker tests: bundles a Worker the way wrangler does (esbuild,
// `workerd` condition, .wasm kept as a module, `cloudflare:` imports left to
// the runtime) against the local build of @spotdraft-kit/wasm, and starts it
// in workerd through miniflare. The tools come from the wasm package's dev
// dependencies.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const wasmDir = fileURLToPath(new URL('../../wasm/', import.meta.url));
const requireTool = createRequire(join(wasmDir, 'package.json'));
const { Miniflare } = await import(pathToFileURL(requireTool.resolve('miniflare')).href);
const { build } = await import(pathToFileURL(requireTool.resolve('esbuild')).href);

/**
 * Bundles `entry` and returns `start(options)`, which makes a Miniflare with
 * the bundle and the given bindings, and `cleanup()`.
 * @param {string} entry the Worker's main module
 */
export async function bundleWorker(entry) {
  const scratch = mkdtempSync(join(tmpdir(), 'spotdraft-kit-worker-'));
  // Resolve '@spotdraft-kit/wasm' to the local package, as npm install would.
  const modules = join(scratch, 'node_modules', '@spotdraft-kit');
  mkdirSync(modules, { recursive: true });
  symlinkSync(wasmDir, join(modules, 'wasm'), 'dir');
  const outDir = join(scratch, 'out');
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    nodePaths: [join(scratch, 'node_modules')],
    loader: { '.wasm': 'copy' },
    external: ['cloudflare:workers'],
    outdir: outDir,
    logLevel: 'error',
  });
  return {
    start: (options) => new Miniflare({
      modules: true,
      scriptPath: join(outDir, 'index.js'),
      modulesRoot: outDir,
      modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
      compatibilityDate: '2026-04-01',
      cf: false, // placeholder request.cf: no fetch of Cloudflare's cf.json
      ...options,
    }),
    cleanup: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

/** Polls `check` until it returns a truthy value (10 s at most). */
export async function until(what, check) {
  for (let i = 0; i < 200; i += 1) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
