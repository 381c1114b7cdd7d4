import { mkdirSync } from 'node:fs';
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
  /** LISTEN on a channel (every instance hears every NOTIFY). Returns the unlisten function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type RawQuery = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export type OpenOptions = { url?: string; dataDir?: string; pglite?: PGlite; max?: number };

/** PostgreSQL when a URL is given, otherwise PGlite in `dataDir` (or an existing PGlite instance). */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const sql = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(sql, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      query: async (text, params = []) => (await sql.unsafe(text, params as never[])) as never,
      rawTransaction: (fn) => sql.begin((tx) => fn(async (text, params = []) => (await tx.unsafe(text, params as never[])) as never)) as never,
      listen: async (channel, onMessage) => {
        const l = await sql.listen(channel, onMessage);
        return () => l.unlisten();
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  let pg = opts.pglite;
  if (!pg) {
    const dir = opts.dataDir ?? './data/pg';
    if (!dir.startsWith('memory://')) mkdirSync(dirname(resolve(dir)), { recursive: true });
    pg = await PGlite.create(dir);
  }
  const client = pg;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    query: async (text, params = []) => (await client.query(text, params)).rows as never,
    rawTransaction: (fn) => client.transaction((tx) => fn(async (text, params = []) => (await tx.query(text, params)).rows as never)),
    listen: async (channel, onMessage) => client.listen(channel, onMessage),
    close: () => client.close(),
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') await migratePostgres(database.db as never, { migrationsFolder: MIGRATIONS });
  else await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS });
}
