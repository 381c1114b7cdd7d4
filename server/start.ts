import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Setup } from '../shared/auth/schema.ts';
import { createFirstAdmin, systemAdminExists } from './auth/create-first-admin.ts';
import { migrateDatabase, openDatabase, type Database } from './db/client.ts';
import { KeyStore } from './lib/keys.ts';
import { log } from './lib/log.ts';
import { parseConfig, type Config } from './system/config.ts';

export type { Config };

/** The settings from the environment, validated (server/system/config.ts): a wrong value throws one clear line. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseConfig(env);
}

/**
 * PGlite has no lock of its own: two processes on one data dir would corrupt it. The server holds a lock file
 * with its pid and refuses to start beside a live holder; a stale file (its process gone) is taken over.
 */
export function takeDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid))
        throw new Error(
          `数据目录 ${dataDir} 正被进程 ${pid} 使用 / The data directory ${dataDir} is in use by process ${pid}. ` +
            'Stop that server first, or set DATA_DIR to another folder.',
        );
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Open, migrate, make the first signing key, and create the admin from the environment when asked to. */
export async function prepare(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<{ database: Database; keys: KeyStore }> {
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, max: config.poolMax, deadlines: config.deadlines } : { dataDir: join(config.dataDir, 'pg'), deadlines: config.deadlines });
  await migrateDatabase(database);
  const keys = new KeyStore(database);
  await keys.ensure();
  if (env.ADMIN_USERNAME || env.ADMIN_PASSWORD) {
    const parsed = Setup.safeParse({ username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD, displayName: env.ADMIN_DISPLAY_NAME ?? env.ADMIN_USERNAME });
    if (!parsed.success)
      throw new Error(`ADMIN_USERNAME / ADMIN_PASSWORD are not valid (username 3–40 of A–Z a–z 0–9 _ . -; password at least 10 characters): ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    if (!(await systemAdminExists(database.db))) {
      await createFirstAdmin(database.db, parsed.data, 'environment');
      log.info('admin created from the environment', { username: parsed.data.username });
    }
  }
  return { database, keys };
}

export const webBuilt = (root: string) => existsSync(join(root, 'index.html'));
