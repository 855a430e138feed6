// Types of @spotdraft-kit/node/stores.

/** What an adapter needs from a seen-store: an atomic claim and its undo. */
export interface SeenStore {
  /** Records the key; true if it was not recorded before. Atomic, persisted before it resolves. */
  claim(dedupeKey: string): boolean | Promise<boolean>;
  /** Forgets a claimed key (its handler failed; the retry is new). */
  release(dedupeKey: string): void | Promise<void>;
}

export interface TableOptions {
  /** A plain SQL identifier (default `spotdraft_seen`). */
  table?: string;
}

/** A set in memory: one process, forgotten on restart. */
export declare class MemoryStore implements SeenStore {
  claim(dedupeKey: string): boolean;
  release(dedupeKey: string): void;
}

/** A table in SQLite through a better-sqlite3 `Database`. */
export declare class SQLiteStore implements SeenStore {
  constructor(db: { prepare(sql: string): unknown; pragma(sql: string): unknown; exec(sql: string): unknown; memory?: boolean }, options?: TableOptions);
  claim(dedupeKey: string): boolean;
  release(dedupeKey: string): void;
}

/** A table in PostgreSQL through a `pg` Pool or Client. */
export declare class PostgresStore implements SeenStore {
  constructor(pool: { query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }> }, options?: TableOptions);
  claim(dedupeKey: string): Promise<boolean>;
  release(dedupeKey: string): Promise<void>;
}

/** A key per delivery in Redis (`SET NX`) through a connected redis or ioredis client. */
export declare class RedisStore implements SeenStore {
  constructor(
    client: { sendCommand(args: string[]): Promise<unknown> } | { call(...args: string[]): Promise<unknown> },
    options?: { prefix?: string; ttlSeconds?: number },
  );
  claim(dedupeKey: string): Promise<boolean>;
  release(dedupeKey: string): Promise<void>;
}
