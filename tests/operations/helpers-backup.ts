/**
 * For the operations tests: the three commands as child processes (the entries of package.json's scripts), PGlite
 * data dirs opened in this process, and throwaway PostgreSQL databases.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { expect } from 'vitest';
import { createApp } from '../../server/app.ts';
import { type Database, openDatabase } from '../../server/db/client.ts';
import { prepare, readConfig } from '../../server/start.ts';
import type { TestApp } from '../helpers/app.ts';
import { compareDatabases, tableDigests } from '../helpers/digest.ts';
import { adminUrl } from '../helpers/pg-url.ts';

/** Tests of the embedded deployment that do not use the suite's database run once, in the PGlite run. */
export const inPostgresRun = Boolean(process.env.TEST_DATABASE_URL);

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;

export type Run = { code: number; stdout: string; stderr: string; out: string };

/** `npm run <script> -- args`, without npm's start-up: the script's own command line, as a child process. */
export function run(script: 'backup' | 'restore' | 'migrate-to-postgres' | 'audit:verify', args: string[], env: Record<string, string>): Promise<Run> {
  const [cmd, ...cmdArgs] = scripts[script].split(' ');
  if (cmd !== 'node') throw new Error(`unexpected script ${scripts[script]}`);
  return new Promise((res) => {
    const child = spawn(process.execPath, [...cmdArgs, ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => res({ code: code ?? -1, stdout, stderr, out: stdout + stderr }));
  });
}

/** A PGlite data dir opened here (no server may run on it meanwhile). */
export async function openDir(dataDir: string): Promise<Database> {
  return openDatabase({ dataDir: join(dataDir, 'pg') });
}

/** The data dir as a TestApp: prepared like `npm start` (migrations, first key), the real app in this process. */
export async function appOnDir(dataDir: string): Promise<TestApp & { close(): Promise<void> }> {
  const { database, keys } = await prepare(readConfig({ DATA_DIR: dataDir }), {});
  const deps = { database, db: database.db, keys, trustProxy: true };
  return { app: createApp({ deps }), deps, database, keys, close: () => database.close() } as never;
}

/** A database to compare: a PGlite data dir (no server may run on it meanwhile) or a PostgreSQL URL. */
export type Where = { dir: string } | { url: string };

async function open(w: Where): Promise<Database> {
  return 'dir' in w ? openDir(w.dir) : openDatabase({ url: w.url, max: 1 });
}

/**
 * The copy against its source, table by table, with tests/helpers/digest.ts — an independent digest over
 * information_schema, nothing of the backup code (its catalog, dump or checksums) is used. Fails naming every table
 * missing on either side, whose columns differ or whose rows differ (with some of those rows). Every table of the
 * public schema and drizzle's migration table are compared (the copy must be at the same schema version). Answers the
 * tables compared and the source's row count of each.
 */
export async function expectSameDatabase(source: Where, copy: Where): Promise<{ tables: string[]; rows: Map<string, number> }> {
  const [a, b] = [await open(source), await open(copy)];
  try {
    const { tables, rows, differences } = await compareDatabases(a, b, { names: ['source', 'copy'] });
    expect(differences, `compared ${tables.length} tables: ${tables.join(', ')}`).toEqual([]);
    expect(tables).toEqual(expect.arrayContaining(['drizzle.__drizzle_migrations', 'ballots', 'cards', 'audit_log', 'eval_answers', 'eval_comments', 'tallies', 'project_files']));
    expect(tables.length).toBeGreaterThan(30);
    return { tables, rows };
  } finally {
    await a.close();
    await b.close();
  }
}

/** Every table's digest (tests/helpers/digest.ts) of a database. */
export async function digestsOf(w: Where): Promise<Map<string, string>> {
  const database = await open(w);
  try {
    return await tableDigests(database);
  } finally {
    await database.close();
  }
}

/**
 * The server of TEST_DATABASE_URL; null in the PGlite run (the PostgreSQL tests run once, in the PostgreSQL run of the
 * suite) or when it does not answer.
 */
export async function postgresServer(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const sql = postgres(adminUrl(url), { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await sql`select 1`;
    return url;
  } catch {
    return null;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

export { throwawayDatabase } from '../helpers/pg-url.ts';
