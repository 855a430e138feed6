'use strict';
// Seen-stores: exactly-once delivery handling in one option. Give an adapter
// `{ store }` and it claims each delivery's dedupe key before the handler
// runs: the first copy reaches the handler once, every repeat is answered
// 200 `{"ok":true,"duplicate":true}` without reaching it. A handler that
// fails (throws, answers non-2xx, or the connection drops) releases the
// claim, so SpotDraft's retry is handled again.
//
//   import Database from 'better-sqlite3';
//   import { SQLiteStore } from '@spotdraft-kit/node/stores';
//   app.post('/webhooks/spotdraft', spotdraftWebhook(verifier, { store: new SQLiteStore(new Database('seen.db')) }), ...);
//
// Every store claims atomically (INSERT ... ON CONFLICT DO NOTHING, SET NX),
// so two copies arriving at once are told apart, and the claim is persisted
// before `claim` resolves. The database clients are the caller's (they are
// not dependencies of this package): better-sqlite3, pg, redis or ioredis.

const TABLE = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function tableName(table) {
  if (typeof table !== 'string' || !TABLE.test(table)) {
    throw new TypeError(`table must be a plain SQL identifier (letters, digits, _), got ${JSON.stringify(table)}`);
  }
  return table;
}

function needs(client, methods, what) {
  if (client === null || typeof client !== 'object' || !methods.some((m) => typeof client[m] === 'function')) {
    throw new TypeError(what);
  }
}

/** A set in memory: one process, forgotten on restart (tests and demos). */
class MemoryStore {
  #seen = new Set();

  /** @param {string} key @returns {boolean} true the first time */
  claim(key) {
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    return true;
  }

  /** @param {string} key */
  release(key) {
    this.#seen.delete(key);
  }
}

/**
 * A table in SQLite through a better-sqlite3 `Database` (synchronous=FULL,
 * WAL: a claim survives a crash). One machine.
 */
class SQLiteStore {
  #claim;
  #release;

  constructor(db, { table = 'spotdraft_seen' } = {}) {
    needs(db, ['prepare'], 'SQLiteStore takes a better-sqlite3 Database, e.g. new SQLiteStore(new Database("seen.db"))');
    const name = tableName(table);
    if (!db.memory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE IF NOT EXISTS ${name} (dedupe_key TEXT PRIMARY KEY, claimed_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
    this.#claim = db.prepare(`INSERT INTO ${name} (dedupe_key) VALUES (?) ON CONFLICT DO NOTHING`);
    this.#release = db.prepare(`DELETE FROM ${name} WHERE dedupe_key = ?`);
  }

  claim(key) {
    return this.#claim.run(key).changes === 1;
  }

  release(key) {
    this.#release.run(key);
  }
}

/**
 * A table in PostgreSQL through a `pg` Pool or Client (each claim is its own
 * committed statement). The table is created on first use.
 */
class PostgresStore {
  #db;
  #name;
  #ready = null;

  constructor(pool, { table = 'spotdraft_seen' } = {}) {
    needs(pool, ['query'], 'PostgresStore takes a pg Pool or Client, e.g. new PostgresStore(new pg.Pool({ connectionString }))');
    this.#db = pool;
    this.#name = tableName(table);
  }

  #table() {
    this.#ready ??= this.#db.query(
      `CREATE TABLE IF NOT EXISTS ${this.#name} (dedupe_key TEXT PRIMARY KEY, claimed_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    ).catch((err) => {
      this.#ready = null;
      throw err;
    });
    return this.#ready;
  }

  async claim(key) {
    await this.#table();
    const result = await this.#db.query(`INSERT INTO ${this.#name} (dedupe_key) VALUES ($1) ON CONFLICT DO NOTHING`, [key]);
    return result.rowCount === 1;
  }

  async release(key) {
    await this.#table();
    await this.#db.query(`DELETE FROM ${this.#name} WHERE dedupe_key = $1`, [key]);
  }
}

/**
 * A key per delivery in Redis (`SET key 1 NX`, optionally `EX ttlSeconds`:
 * keep it longer than SpotDraft's retry window), through a connected
 * `redis` (node-redis) or `ioredis` client. As durable as the server's
 * persistence (`appendonly yes`, `appendfsync always`).
 */
class RedisStore {
  #command;
  #prefix;
  #ttl;

  constructor(client, { prefix = 'spotdraft:seen:', ttlSeconds } = {}) {
    needs(client, ['sendCommand', 'call'], 'RedisStore takes a connected redis or ioredis client, e.g. new RedisStore(await createClient({ url }).connect())');
    if (ttlSeconds !== undefined && !(Number.isSafeInteger(ttlSeconds) && ttlSeconds > 0)) {
      throw new TypeError('ttlSeconds must be a positive integer');
    }
    this.#command = typeof client.sendCommand === 'function'
      ? (args) => client.sendCommand(args)
      : (args) => client.call(...args);
    this.#prefix = String(prefix);
    this.#ttl = ttlSeconds;
  }

  async claim(key) {
    const expiry = this.#ttl === undefined ? [] : ['EX', String(this.#ttl)];
    return (await this.#command(['SET', this.#prefix + key, '1', 'NX', ...expiry])) === 'OK';
  }

  async release(key) {
    await this.#command(['DEL', this.#prefix + key]);
  }
}

module.exports = { MemoryStore, SQLiteStore, PostgresStore, RedisStore };
