/**
 * `npm run backup` / `npm run restore` on PostgreSQL (issue: operations 1): wrappers around pg_dump --format=custom
 * and pg_restore that print the exact command. A throwaway database holding the demo township's year (published
 * tallies whose rows the database refuses to change, photos as bytea) is backed up, restored into another empty
 * database, and the two are compared table by table (tests/helpers/digest.ts, over information_schema); a restore into
 * a non-empty database is refused and changes nothing; --force replaces it (pg_restore --clean, in one transaction).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../server/db/client.ts';
import { loadDemo } from '../../server/demo/load-demo.ts';
import { KeyStore } from '../../server/lib/keys.ts';
import { expectSameDatabase, postgresServer, run, throwawayDatabase } from './helpers-backup.ts';

const pg = await postgresServer();
const tmp = mkdtempSync(join(os.tmpdir(), 'ms-backup-pg-'));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!pg)('backup and restore on PostgreSQL (PostgreSQL run only)', () => {
  let source: string;
  beforeAll(async () => {
    const a = await throwawayDatabase(pg!, 'src');
    drops.push(a.drop);
    source = a.url;
    const database = await openDatabase({ url: source });
    await migrateDatabase(database);
    await new KeyStore(database).ensure();
    await loadDemo(database);
    await database.close();
  }, 120_000);

  it('pg_dump to a file, pg_restore into an empty database: every table equal; a non-empty target refused; --force replaces', { timeout: 120_000 }, async () => {
    const file = join(tmp, 'minsheng.dump');
    const withPassword = new URL(source);
    withPassword.password = 'not-needed-here'; // trust auth ignores it; the output must not show it
    const b = await run('backup', ['--', file], { DATABASE_URL: withPassword.toString() });
    expect(b.code, b.out).toBe(0);
    expect(b.stdout).toContain(`PGPASSWORD=*** pg_dump --format=custom --no-owner --file ${file} `);
    expect(b.out).not.toContain('not-needed-here');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const target = await throwawayDatabase(pg!, 'dst');
    drops.push(target.drop);
    const r = await run('restore', [file], { DATABASE_URL: target.url });
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain(`pg_restore --no-owner --exit-on-error --single-transaction --dbname ${target.url} ${file}`);
    expect(r.stdout).toContain('audit chain intact');
    await expectSameDatabase({ url: source }, { url: target.url });

    // Not over data, unless told to.
    const refused = await run('restore', [file], { DATABASE_URL: target.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty');
    expect(refused.stderr).toContain('Nothing was changed');
    const forced = await run('restore', [file, '--force'], { DATABASE_URL: target.url });
    expect(forced.code, forced.out).toBe(0);
    expect(forced.stdout).toContain('--clean --if-exists');
    await expectSameDatabase({ url: source }, { url: target.url });

    // A PostgreSQL that does not answer: one clear line, no file.
    const down = await run('backup', [join(tmp, 'down.dump')], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/minsheng' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('pg_dump failed');
    expect(() => statSync(join(tmp, 'down.dump'))).toThrow();
  });
});
