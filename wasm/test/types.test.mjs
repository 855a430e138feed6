// `tsc --noEmit` over a typed usage file (ESM and CommonJS flavours): the
// shipped index.d.ts resolves through the package's exports and types real
// usage; lines marked @ts-expect-error prove the types are not `any`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const tsc = join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');
const check = (config) => {
  const run = spawnSync(process.execPath, [tsc, '-p', join(here, 'types', config)], { encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
};

test('tsc --noEmit over test/types/usage.ts and usage.cts (Node16 resolution)', () => check('tsconfig.json'));

test('tsc --noEmit over test/types/usage.ts (bundler resolution, workerd condition)', () => check('tsconfig.workerd.json'));
