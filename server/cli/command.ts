/**
 * What the operator commands share: the server's own settings (validated as at start), and the database they name —
 * PostgreSQL by DATABASE_URL, or the PGlite data in DATA_DIR, which a command may open only while no server holds it.
 */
import { join } from 'node:path';
import { openDatabase, type Database } from '../db/client.ts';
import { takeDataDirLock } from '../start.ts';
import { ConfigError, parseConfig } from '../system/config.ts';

/** A problem the operator can fix: printed as its one line, exit code 2. */
export class CommandError extends Error {}

/** Run `fn` on the configured database, closed (and the data dir unlocked) afterwards whatever happens. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  let config;
  try {
    config = parseConfig();
  } catch (e) {
    throw e instanceof ConfigError ? new CommandError(e.message) : e;
  }
  let unlock = () => {};
  if (!config.databaseUrl) {
    try {
      unlock = takeDataDirLock(config.dataDir);
    } catch (e) {
      throw new CommandError((e as Error).message);
    }
  }
  try {
    const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, max: 2 } : { dataDir: join(config.dataDir, 'pg') });
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  } finally {
    unlock();
  }
}

/** Exit with the command's code; an operator's problem as its line (2), anything else as "could not run" (2). */
export function runCommand(name: string, main: () => Promise<number>) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof CommandError ? e.message : `${name} could not run / 无法运行: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    },
  );
}
