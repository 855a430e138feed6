// Exactly-once through `{ store }`: every seen-store against its real
// backend (SQLite file, a PostgreSQL and a Redis server started here on
// 127.0.0.1 and stopped at the end), behind a real Express server; and the
// store path of the Fastify and Hono adapters. First copy 202 and handled
// once, repeat 200 without reaching the handler, two copies at once told
// apart, a failed handler releases the claim.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createClient } from 'redis';
import { Verifier, sign } from '@spotdraft-kit/node';
import { spotdraftWebhook as expressWebhook } from '@spotdraft-kit/node/express';
import { spotdraftWebhook as fastifyWebhook } from '@spotdraft-kit/node/fastify';
import { spotdraftWebhook as honoWebhook } from '@spotdraft-kit/node/hono';
import { MemoryStore, SQLiteStore, PostgresStore, RedisStore } from '@spotdraft-kit/node/stores';

const KEY = 'c3RvcmUtdGVzdC1rZXktYnl0ZXMtMTIzNDU2';
const H = 'x-sd-webhook-content-hash';
const verifier = new Verifier(KEY);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sdkit-stores-'));
chmodSync(scratch, 0o755); // the PostgreSQL server runs as its own user
after(() => rmSync(scratch, { recursive: true, force: true }));

let serial = 0;
const delivery = () => {
  serial += 1;
  return `{"activity":"CONTRACT_SIGNED","contract_id":${serial},"activity_data":{"n":${serial}}}`;
};
const post = async (url, body) => {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', [H]: sign(KEY, body) } });
  return { status: res.status, json: await res.json() };
};
const ACCEPTED = { ok: true, duplicate: false };
const DUPLICATE = { ok: true, duplicate: true };

// The exactly-once behaviour, given a URL whose handler answers ACCEPTED
// and fails (500) for bodies holding "fail", and the list of handled ids.
async function exactlyOnce(url, handled) {
  const body = delivery();
  assert.deepEqual(await post(url, body), { status: 202, json: ACCEPTED });
  assert.deepEqual(await post(url, body), { status: 200, json: DUPLICATE });
  const id = JSON.parse(body).contract_id;
  assert.equal(handled.filter((n) => n === id).length, 1, 'the handler ran once');

  const twin = delivery();
  const both = await Promise.all([post(url, twin), post(url, twin)]);
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 202], 'two copies at once: one claimed');

  const failing = delivery().replace('"n"', '"fail"');
  assert.equal((await post(url, failing)).status, 500);
  assert.equal((await post(url, failing)).status, 500, 'a failed handler released its claim: the retry is handled again');
}

async function withExpress(store, run) {
  const handled = [];
  const app = express();
  app.post('/hook', expressWebhook(verifier, { store }), (req, res) => {
    handled.push(req.spotdraft.event.contractId);
    if (req.rawBody.includes('"fail"')) return res.status(500).json({ error: 'handler_failed', message: 'test' });
    return res.status(202).json(ACCEPTED);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${server.address().port}/hook`, handled);
  } finally {
    server.close();
  }
}

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

test('MemoryStore behind Express', () => withExpress(new MemoryStore(), exactlyOnce));

test('SQLiteStore (better-sqlite3, a file) behind Express; the claim survives a reopen', async () => {
  const file = join(scratch, 'seen.db');
  await withExpress(new SQLiteStore(new Database(file)), exactlyOnce);
  const reopened = new SQLiteStore(new Database(file));
  assert.equal(reopened.claim('sdk1:fresh'), true);
  assert.equal(reopened.claim('sdk1:fresh'), false);
});

test('PostgresStore (pg) against a real PostgreSQL', async () => {
  const dir = join(scratch, 'pg');
  const script = join(REPO, 'cli', 'scripts', 'postgres.sh');
  execFileSync(script, ['start', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  const pool = new pg.Pool({ connectionString: readFileSync(join(dir, 'url'), 'utf8').trim(), max: 4 });
  try {
    await withExpress(new PostgresStore(pool), exactlyOnce);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM spotdraft_seen');
    assert.ok(rows[0].n >= 2, 'claims are rows of the table');
  } finally {
    await pool.end();
    execFileSync(script, ['stop', dir]);
  }
});

// redis-server from Debian when this machine has none (the test scripts
// install what they need; root on CI).
function ensureRedisServer() {
  if (spawnSync('redis-server', ['--version']).status === 0) return;
  const apt = (args) => spawnSync('apt-get', args, { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (!apt(['install', '-y', '-q', 'redis-server'])) {
    apt(['update', '-q']);
    assert.ok(apt(['install', '-y', '-q', 'redis-server']), 'apt-get install redis-server failed');
  }
}

test('RedisStore (node-redis) against a real redis-server, with a TTL', async () => {
  ensureRedisServer();
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const client = createClient({ url: `redis://127.0.0.1:${port}` });
  try {
    for (let i = 0; ; i += 1) {
      try {
        await client.connect();
        break;
      } catch (err) {
        if (i > 50) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await withExpress(new RedisStore(client, { ttlSeconds: 3600 }), exactlyOnce);
    const keys = await client.keys('spotdraft:seen:*');
    assert.ok(keys.length >= 2);
    assert.ok((await client.ttl(keys[0])) > 0, 'claims expire');
  } finally {
    if (client.isOpen) await client.quit();
    server.kill();
  }
});

test('the Fastify plugin with a store', async () => {
  const handled = [];
  const app = Fastify();
  app.register(async (scope) => {
    await scope.register(fastifyWebhook, { verifier, store: new MemoryStore() });
    scope.post('/hook', async (request, reply) => {
      handled.push(request.spotdraft.event.contractId);
      if (request.body.includes('"fail"')) return reply.code(500).send({ error: 'handler_failed', message: 'test' });
      return reply.code(202).send(ACCEPTED);
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    await exactlyOnce(`http://127.0.0.1:${app.server.address().port}/hook`, handled);
  } finally {
    await app.close();
  }
});

test('the Hono middleware with a store (a handler that throws releases too)', async () => {
  const handled = [];
  const app = new Hono();
  app.post('/hook', honoWebhook(verifier, { store: new MemoryStore() }), async (c) => {
    handled.push(c.get('spotdraft').event.contractId);
    if ((await c.req.text()).includes('"fail"')) throw new Error('handler failed');
    return c.json(ACCEPTED, 202);
  });
  app.onError((_err, c) => c.json({ error: 'handler_failed', message: 'test' }, 500));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await exactlyOnce(`http://127.0.0.1:${server.address().port}/hook`, handled);
  } finally {
    server.close();
  }
});

// A store whose database is down: claim throws (with a detail that must not
// reach the sender).
const downStore = () => ({
  claim: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432 user=secret-db-user'); },
  release: async () => {},
});

async function answersStoreUnavailable(url, handled) {
  const body = delivery();
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', [H]: sign(KEY, body) } });
  const text = await res.text();
  assert.equal(res.status, 503, text);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const json = JSON.parse(text);
  assert.equal(json.error, 'store_unavailable');
  assert.equal(typeof json.message, 'string');
  assert.deepEqual(Object.keys(json).sort(), ['error', 'message']);
  assert.ok(!text.includes('ECONNREFUSED') && !text.includes('secret-db-user'), text);
  assert.deepEqual(handled, [], 'the handler never ran');
}

test('a store whose claim throws is answered 503 store_unavailable in the one error body (every adapter)', async () => {
  const rejected = [];
  const onReject = (err) => rejected.push(err.code);
  const handled = [];

  const app = express(); // development mode: its error handler would print a stack page
  app.post('/hook', expressWebhook(verifier, { store: downStore(), onReject }), (req, res) => {
    handled.push(1);
    res.status(202).json(ACCEPTED);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await answersStoreUnavailable(`http://127.0.0.1:${server.address().port}/hook`, handled);
  } finally {
    server.close();
  }

  const fastify = Fastify();
  fastify.register(async (scope) => {
    await scope.register(fastifyWebhook, { verifier, store: downStore(), onReject });
    scope.post('/hook', async (_request, reply) => {
      handled.push(1);
      return reply.code(202).send(ACCEPTED);
    });
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  try {
    await answersStoreUnavailable(`http://127.0.0.1:${fastify.server.address().port}/hook`, handled);
  } finally {
    await fastify.close();
  }

  const hono = new Hono();
  hono.post('/hook', honoWebhook(verifier, { store: downStore(), onReject }), (c) => {
    handled.push(1);
    return c.json(ACCEPTED, 202);
  });
  const honoServer = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => honoServer.once('listening', resolve));
  try {
    await answersStoreUnavailable(`http://127.0.0.1:${honoServer.address().port}/hook`, handled);
  } finally {
    honoServer.close();
  }
  assert.deepEqual(rejected, ['store_unavailable', 'store_unavailable', 'store_unavailable']);
});

test('a store without claim/release is refused at setup', () => {
  assert.throws(() => expressWebhook(verifier, { store: 'seen.db' }), /claim\(key\) and release\(key\)/);
  assert.throws(() => honoWebhook(verifier, { store: {} }), TypeError);
});
