import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';
import { DEFAULT_DEADLINES, type Deadlines } from '../system/config.ts';

export type Schema = typeof schema;
/** One type for both drivers: PGlite and postgres.js share drizzle's PostgreSQL core. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Raw rows of a SQL text, whatever the driver. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * A transaction of raw SQL, for the hot paths where drizzle's query building costs more than the database (the
   * group commit of casts). Queries issued without awaiting each other are pipelined on PostgreSQL and still run in
   * the order issued.
   */
  rawTransaction<T>(fn: (q: RawQuery) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel (every instance hears every NOTIFY). Returns the unlisten function. `onListen` runs each time
   * the LISTEN is in place (first and after every reconnect: notifications sent in between were lost), `onLost` when
   * its connection is gone (PostgreSQL only; PGlite runs in this process and loses none).
   */
  listen(channel: string, onMessage: (payload: string) => void, events?: ListenEvents): Promise<() => Promise<void>>;
  /** Run `fn` while holding a database-wide lock (across instances on PostgreSQL). */
  exclusive<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Statement, lock and casting deadlines and the submission queues' bound (design §13). */
  deadlines: Deadlines;
};

export type ListenEvents = { onListen?: () => void; onLost?: () => void };

export type RawQuery = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export type OpenOptions = { url?: string; dataDir?: string; pglite?: PGlite; max?: number; deadlines?: Deadlines };

/** The name every connection gives PostgreSQL, so /metrics and a DBA can tell Minsheng's connections apart. */
export const APPLICATION_NAME = 'minsheng';

/**
 * Every connection starts with the deadlines set (design §13): a statement cancelled after `statementMs`, a lock waited
 * for at most `lockMs`, a transaction left idle ended. A connection attempt gives up after 5 s, and TCP keep-alive
 * notices a database host that vanished without closing its sockets. Several hosts in the URL
 * (`postgres://u@h1:5432,h2:5432/db?target_session_attrs=read-write`) are tried in turn; the patched driver
 * (patches/postgres+3.4.9.patch) skips a standby still in recovery.
 */
function postgresOptions(deadlines: Deadlines) {
  return {
    onnotice: () => {},
    connect_timeout: 5,
    keep_alive: 5,
    // Reconnect within a second of the database coming back: the driver's own backoff grows to 20 s after repeated
    // failures, and a hall cannot wait that long after a restart. (Seconds; attempt counts failures in a row.)
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 1) * (0.5 + Math.random() / 2),
    connection: {
      application_name: APPLICATION_NAME,
      statement_timeout: deadlines.statementMs,
      lock_timeout: deadlines.lockMs,
      idle_in_transaction_session_timeout: Math.max(60_000, deadlines.statementMs * 2),
    },
  };
}

/**
 * postgres.js LISTENs on a connection of its own (`sql.listen.sql`) and, when it closes, listens again (calling
 * onlisten once back) — but says nothing at the close itself. Its close hook is read from its options at each close,
 * so it is wrapped here to tell `onLost` too. Undocumented: if a later driver moves it, only `onLost` goes quiet (the
 * cache then relies on onListen alone, stale at most for the reconnect's duration).
 */
function watchListenClose(sql: postgres.Sql, onLost: () => void) {
  const inner = (sql.listen as unknown as { sql?: { options?: { onclose?: (id: number) => void } } }).sql?.options;
  if (!inner) return;
  const previous = inner.onclose;
  inner.onclose = (id: number) => {
    try {
      onLost();
    } finally {
      previous?.(id);
    }
  };
}

/** PostgreSQL when a URL is given, otherwise PGlite in `dataDir` (or an existing PGlite instance). */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const deadlines = opts.deadlines ?? DEFAULT_DEADLINES;
  if (opts.url) {
    const options = postgresOptions(deadlines);
    const sql = postgres(opts.url, { ...options, max: opts.max ?? 10 });
    const db = drizzlePostgres(sql, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      query: async (text, params = []) => (await sql.unsafe(text, params as never[])) as never,
      rawTransaction: (fn) => sql.begin((tx) => fn(async (text, params = []) => (await tx.unsafe(text, params as never[])) as never)) as never,
      listen: async (channel, onMessage, events = {}) => {
        const l = await sql.listen(channel, onMessage, events.onListen);
        if (events.onLost) watchListenClose(sql, events.onLost);
        return () => l.unlisten();
      },
      exclusive: async (key, fn) => {
        // A session lock on a connection of its own, outside the pool (a pool of one must still be free for `fn`).
        const own = postgres(opts.url!, { ...options, max: 1 });
        try {
          await own.unsafe('select pg_advisory_lock($1)', [key]);
          return await fn();
        } finally {
          await own.end({ timeout: 5 }); // ending the session releases its lock
        }
      },
      close: () => sql.end({ timeout: 5 }),
      deadlines,
    };
  }
  // PGlite behind a store (server/db/pglite-storage.ts): on a full disk or an unwritable data dir the errors say so
  // (503 storage_full), an instance that PANICked is never entered again (it would hang the process) and is reopened
  // from its data dir once the disk takes writes again. Imported here so this branch stays self-contained.
  const { openPgliteStore, withStore } = await import('./pglite-storage.ts');
  const store = await openPgliteStore({ dataDir: opts.dataDir, pglite: opts.pglite });
  const db = drizzlePglite(store.client as PGlite, { schema }) as unknown as Db;
  const database: Database = {
    db,
    kind: 'pglite',
    query: async (text, params = []) => (await store.query(text, params)).rows as never,
    rawTransaction: (fn) => store.transaction((tx) => fn(async (text, params = []) => (await tx.query(text, params)).rows as never)),
    listen: async (channel, onMessage, events = {}) => {
      const off = await store.listen(channel, onMessage);
      events.onListen?.();
      return off;
    },
    exclusive: (_key, fn) => fn(), // one process per data directory already (DATA_DIR/server.lock)
    close: () => store.close(),
    deadlines,
  };
  return withStore(database, store);
}

/** The lock that makes instances starting together migrate one after another (the first applies, the rest find it done). */
export const MIGRATION_LOCK = 7340001;

export class MigrationError extends Error {}

/**
 * Migrations only move forward. They are applied under a database-wide lock, and a database that some newer version
 * of Minsheng has already migrated is refused: running old code on it could misread what it does not know. Going back
 * means restoring the backup taken before the upgrade.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.exclusive(MIGRATION_LOCK, async () => {
    const before = await migrationStatus(database);
    if (before.newer)
      throw new MigrationError(
        `数据库已由更新版本的 Minsheng 升级（已应用 ${before.applied} 个迁移，本程序只认识 ${before.known} 个）：请使用新版本，或恢复升级前的备份 / ` +
          `The database was upgraded by a newer Minsheng (${before.applied} migrations applied, this version knows ${before.known}): run the newer version, or restore the backup taken before the upgrade.`,
      );
    if (database.kind === 'postgres') await migratePostgres(database.db as never, { migrationsFolder: MIGRATIONS });
    else await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS });
  });
}

type Journal = { entries: { idx: number; when: number; tag: string }[] };
let journal: Journal | null = null;
/** The migrations this version of the code carries (drizzle/meta/_journal.json). */
export function knownMigrations(): Journal['entries'] {
  journal ??= JSON.parse(readFileSync(resolve(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as Journal;
  return journal.entries;
}

export type MigrationStatus = { applied: number; known: number; current: boolean; newer: boolean };

/** How the database's applied migrations compare with the code's: current, behind, or ahead (newer). */
export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const known = knownMigrations();
  const exists = await database.query<{ t: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  const rows = exists[0]?.t ? await database.query<{ created_at: string }>('select created_at from drizzle.__drizzle_migrations') : [];
  const last = Math.max(0, ...known.map((m) => m.when));
  const applied = rows.length;
  const newer = rows.some((r) => Number(r.created_at) > last);
  return { applied, known: known.length, newer, current: !newer && applied === known.length && rows.some((r) => Number(r.created_at) === last) };
}
