// The example as a user runs it: a copy of this directory gets
// `npm install ../../wasm` (the documented local override, which keeps the
// wrangler devDependency), a .dev.vars with the key, and `npm run dev`
// (wrangler dev: workerd with local Durable Objects, R2 and Queues, whose
// messages are limited to 128 KB as in production). Deliveries of 200 KiB
// and 4 MiB are accepted, a repeat is answered 200, oversize 413.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const example = fileURLToPath(new URL('..', import.meta.url));
const wasm = fileURLToPath(new URL('../../../wasm', import.meta.url));
const KEY = 'd3JhbmdsZXItZGV2LWtleS1ieXRlcy0xMjM0NTY3OA==';
const hmac = (body) => createHmac('sha512', Buffer.from(KEY, 'base64')).update(body).digest('hex');
const event = (id, size) => `{"activity":"CONTRACT_SIGNED","contract_id":${id},"activity_data":{"padding":"${'p'.repeat(size)}"}}`;

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

test('npm run dev (wrangler dev): 200 KiB and 4 MiB deliveries get 202', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spotdraft-kit-wrangler-'));
  cpSync(example, dir, { recursive: true, filter: (src) => !/node_modules|\.wrangler|[/\\]test$/.test(src) });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', wasm], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(join(dir, '.dev.vars'), `SPOTDRAFT_HMAC_KEYS=current:${KEY}\n`);
  const port = await freePort();
  const dev = spawn('npm', ['run', 'dev', '--', '--ip', '127.0.0.1', '--port', String(port)], {
    cwd: dir,
    detached: true, // its own process group: npm, wrangler and workerd stop together
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`wrangler dev did not start:\n${output}`)), 120_000);
      const onData = (chunk) => {
        output += chunk;
        if (/Ready on/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      dev.stdout.on('data', onData);
      dev.stderr.on('data', onData);
      dev.once('exit', (code) => reject(new Error(`wrangler dev exited ${code}:\n${output}`)));
    });
    const url = `http://127.0.0.1:${port}/webhooks/spotdraft`;
    const post = async (body) => {
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-sd-webhook-content-hash': hmac(body) } });
      return [res.status, await res.json()];
    };
    for (const [id, size] of [[1, 200 * 1024], [2, 4 * 1024 * 1024]]) {
      const body = event(id, size);
      assert.deepEqual(await post(body), [202, { ok: true, duplicate: false }], `${size} bytes:\n${output}`);
      assert.deepEqual(await post(body), [200, { ok: true, duplicate: true }]);
    }
    const [status, json] = await post(event(3, 5 * 1024 * 1024));
    assert.deepEqual([status, json.error], [413, 'body_too_large']);
    assert.ok(!output.includes(KEY), 'the key is never printed');
  } finally {
    try {
      process.kill(-dev.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((resolve) => (dev.exitCode === null ? dev.once('exit', resolve) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
});
