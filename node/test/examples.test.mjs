// Boots each example receiver (examples/express, examples/fastify) as a real
// process on 127.0.0.1 and posts signed deliveries: accepted once with 202,
// a repeat is a 200 duplicate (also after a restart), forgeries get 401,
// and the background worker processes each stored delivery exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sign } from '../index.mjs';
import { linkDependencies } from './linked.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, '..', '..', 'examples');
const KEY = 'ZXhhbXBsZS1yZWNlaXZlci1rZXk=';
const H = 'x-sd-webhook-content-hash';
const BODY = JSON.stringify({
  activity: 'CONTRACT_EXECUTED',
  contract_id: 501,
  activity_data: { timestamp: '2026-11-03T09:30:00Z' },
});

// Starts the server; resolves with its URL, the process and a log reader.
function boot(name, dataDir) {
  linkDependencies(join(examples, name)); // the published names, resolved to this package
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: join(examples, name),
    env: { ...process.env, SPOTDRAFT_HMAC_KEYS: `old:c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBvbGQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw==,new:${KEY}`, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const waiters = [];
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop();
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part));
      } catch {
        lines.push({ text: part });
      }
    }
    for (const w of [...waiters]) w();
  });
  // Resolves when a log line matches; bounded so a broken example fails, not hangs.
  const waitFor = (match, what) => new Promise((resolve, reject) => {
    const check = () => {
      const found = lines.find(match);
      if (found) {
        waiters.splice(waiters.indexOf(check), 1);
        clearTimeout(timer);
        resolve(found);
      }
    };
    const timer = setTimeout(() => reject(new Error(`${name}: no ${what} in output; stderr: ${stderr}`)), 20_000);
    waiters.push(check);
    check();
  });
  child.once('exit', (code) => {
    for (const w of waiters) w();
    if (code && code !== 0) stderr += `\n(exit ${code})`;
  });
  return { child, lines, waitFor };
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const post = (url, body, headers = {}) =>
  fetch(`${url}/webhooks/spotdraft`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

for (const name of ['express', 'fastify']) {
  test(`examples/${name}: persist first, dedupe, 202 fast, background processing`, { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), `spotdraft-kit-example-${name}-`));
    let server;
    try {
      server = boot(name, dataDir);
      const { url } = await server.waitFor((l) => l.msg === 'listening', 'listening line');
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);

      const first = await post(url, BODY, { [H]: sign(KEY, BODY) });
      assert.equal(first.status, 202);
      assert.deepEqual(await first.json(), { ok: true, duplicate: false });
      const again = await post(url, BODY, { [H]: sign(KEY, BODY) });
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), { ok: true, duplicate: true });
      const forged = await post(url, BODY, { [H]: sign('c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBmb3JnZWQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==', BODY) });
      assert.equal(forged.status, 401);
      const unsigned = await post(url, BODY);
      assert.equal(unsigned.status, 401);

      const processed = await server.waitFor((l) => l.msg === 'processed', 'processed line');
      assert.equal(processed.contract_id, 501);
      assert.equal(processed.key_id, 'new');
      const rejected = server.lines.filter((l) => l.msg === 'rejected').map((l) => l.reason);
      assert.deepEqual(rejected.sort(), ['missing_signature', 'signature_mismatch']);
      for (const line of server.lines) assert.ok(!JSON.stringify(line).includes(KEY), 'logs never hold the key');
      await stop(server.child);

      // Restarted on the same store: still a duplicate, nothing reprocessed.
      server = boot(name, dataDir);
      const restarted = await server.waitFor((l) => l.msg === 'listening', 'listening line');
      const afterRestart = await post(restarted.url, BODY, { [H]: sign(KEY, BODY) });
      assert.equal(afterRestart.status, 200);
      await stop(server.child);
      assert.equal(server.lines.filter((l) => l.msg === 'processed').length, 0);

      const outbox = readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n');
      const done = readFileSync(join(dataDir, 'processed.jsonl'), 'utf8').trim().split('\n');
      assert.equal(outbox.length, 1);
      assert.equal(done.length, 1);
      assert.equal(JSON.parse(outbox[0]).payload.contract_id, 501);
      assert.equal(JSON.parse(outbox[0]).dedupeKey, JSON.parse(done[0]).dedupeKey);
    } finally {
      if (server) await stop(server.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
