import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { adminUrl, withDatabase } from './pg-url.ts';

/** `url` is set on PostgreSQL, so a test can open a second pool (a second server instance) on the same database. */
export type TestDatabase = Database & { drop(): Promise<void>; url?: string };

let n = 0;

/** A fresh, migrated database for one test file: a clone of this run's template (PostgreSQL) or of the dump (PGlite). */
export async function testDatabase(): Promise<TestDatabase> {
  const cfg = inject('testDb');
  if (cfg.kind === 'postgres') {
    const name = `${cfg.template}_f${process.pid}_${++n}_${Math.random().toString(36).slice(2, 7)}`;
    const admin = postgres(adminUrl(cfg.url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${cfg.template}"`);
    const database = await openDatabase({ url: withDatabase(cfg.url, name), max: 10 });
    return {
      ...database,
      url: withDatabase(cfg.url, name),
      drop: async () => {
        await database.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const pg = await PGlite.create({ loadDataDir: new Blob([readFileSync(cfg.dump)]) });
  const database = await openDatabase({ pglite: pg });
  return { ...database, drop: () => database.close() };
}
