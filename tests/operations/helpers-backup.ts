/**
 * For the operations tests: the three commands as child processes (the entries of package.json's scripts), PGlite
 * data dirs opened in this process, and throwaway PostgreSQL databases.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createApp } from '../../server/app.ts';
import { type Database, openDatabase } from '../../server/db/client.ts';
import { prepare, readConfig } from '../../server/start.ts';
import { tableChecksums } from '../../server/system/backup/dump.ts';
import type { TestApp } from '../helpers/app.ts';
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

export async function checksumsOfDir(dataDir: string) {
  const database = await openDir(dataDir);
  try {
    return await tableChecksums(database);
  } finally {
    await database.close();
  }
}

export async function checksumsOfUrl(url: string) {
  const database = await openDatabase({ url, max: 1 });
  try {
    return await tableChecksums(database);
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
