import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../server/db/client.ts';
import { adminUrl, withDatabase } from './pg-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the migrated template database of this run. PGlite: the path of a migrated data-dir dump. */
    testDb: { kind: 'postgres'; url: string; template: string } | { kind: 'pglite'; dump: string };
  }
}

/**
 * Migrate once per run. On PostgreSQL (TEST_DATABASE_URL) this run gets its own template database; each test file
 * clones it and drops its clone, and the template is dropped at the end. On PGlite a migrated data dir is dumped
 * once and every test file loads its own copy in memory.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `ms_test_${Date.now().toString(36)}_${process.pid}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${template}"`);
    const database = await openDatabase({ url: withDatabase(url, template), max: 1 });
    await migrateDatabase(database);
    await database.close();
    project.provide('testDb', { kind: 'postgres', url, template });
    return async () => {
      const clones = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${template + '%'}`;
      for (const { datname } of clones) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.end();
    };
  }
  const pg = await PGlite.create();
  const database = await openDatabase({ pglite: pg });
  await migrateDatabase(database);
  const blob = (await pg.dumpDataDir('gzip')) as Blob;
  await pg.close();
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-test-'));
  const dump = join(dir, 'migrated.tar.gz');
  writeFileSync(dump, Buffer.from(await blob.arrayBuffer()));
  project.provide('testDb', { kind: 'pglite', dump });
  return () => rmSync(dir, { recursive: true, force: true });
}
