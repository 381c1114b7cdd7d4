/**
 * `npm run backup` / `npm run restore` on the embedded database (issue: operations 1), as child processes:
 * a restore over a data dir that holds data is refused with one clear line and changes nothing; `--force` replaces it
 * (afterwards it equals the source table by table, by a digest that owes nothing to the backup code:
 * tests/helpers/digest.ts); a restore while the server holds the dir is refused; and files that are not a good backup
 * (random bytes, cut short, altered, from a newer version, a pg_dump file, empty) are refused before anything is
 * written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { congressWithRoles, setupAdmin } from '../helpers/app.ts';
import { appOnDir, digestsOf, expectSameDatabase, inPostgresRun, run } from './helpers-backup.ts';

const tmp = mkdtempSync(join(os.tmpdir(), 'ms-backup-restore-'));
const src = join(tmp, 'src');
const other = join(tmp, 'other');
const file = join(tmp, 'src.backup');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  if (inPostgresRun) return;
  // Two deployments with different data.
  for (const [dir, n] of [[src, 2], [other, 1]] as const) {
    const t = await appOnDir(dir);
    const admin = await setupAdmin(t);
    for (let i = 0; i < n; i++) await congressWithRoles(t, admin);
    await t.close();
  }
  const b = await run('backup', [file], { DATA_DIR: src });
  expect(b.code, b.out).toBe(0);
  expect(b.stdout).toContain('no server running');
}, 90_000);

describe.skipIf(inPostgresRun)('restore over a database that holds data (PGlite run only: the PostgreSQL case is in backup-postgres)', () => {
  it('is refused and changes nothing; --force replaces it; a running server is refused', { timeout: 60_000 }, async () => {
    const before = await digestsOf({ dir: other });
    const refused = await run('restore', [file], { DATA_DIR: other });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('不是空的');
    expect(refused.stderr).toContain('is not empty');
    expect(refused.stderr).toContain('--force');
    expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(Object.fromEntries(await digestsOf({ dir: other }))).toEqual(Object.fromEntries(before));

    // The server holds the dir (a live pid in server.lock): refused even with --force.
    writeFileSync(join(other, 'server.lock'), String(process.pid));
    const busy = await run('restore', [file, '--force'], { DATA_DIR: other });
    rmSync(join(other, 'server.lock'));
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('stop the server first');

    const forced = await run('restore', [file, '--force'], { DATA_DIR: other });
    expect(forced.code, forced.out).toBe(0);
    expect(forced.stdout).toContain('Replaced the previous data');
    await expectSameDatabase({ dir: src }, { dir: other });
    const verify = await run('audit:verify', [], { DATA_DIR: other });
    expect(verify.code, verify.out).toBe(0);
  });
});

describe.skipIf(inPostgresRun)('a file that is not a good backup (PGlite run only: the file checks do not depend on the database)', () => {
  const good = () => readFileSync(file);
  const lines = () => gunzipSync(good()).toString('utf8').split('\n');
  const cases: [string, () => Buffer, RegExp][] = [
    ['random bytes', () => Buffer.from(Array.from({ length: 4096 }, () => Math.floor(Math.random() * 256))), /is not a Minsheng backup/],
    ['an empty file', () => Buffer.alloc(0), /damaged or incomplete/],
    ['a backup cut short', () => good().subarray(0, Math.floor(good().length / 2)), /damaged or incomplete/],
    ['a backup without its end line', () => gzipSync(lines().slice(0, -2).join('\n') + '\n'), /damaged or incomplete .*cut short/],
    ['another gzip file', () => gzipSync('hello\nworld\n'), /is not a Minsheng backup/],
    [
      'a backup with one value altered',
      () => {
        const l = lines();
        const i = l.findIndex((x, k) => k > 0 && x.includes('"admin"'));
        l[i] = l[i].replace('"admin"', '"admim"');
        return gzipSync(l.join('\n'));
      },
      /checksum differs/,
    ],
    [
      'a backup from a newer Minsheng',
      () => {
        const l = lines();
        const h = JSON.parse(l[0]);
        h.migrations.push({ hash: 'f'.repeat(64), createdAt: 4102444800000 });
        l[0] = JSON.stringify(h);
        return gzipSync(l.join('\n'));
      },
      /comes from a newer Minsheng; upgrade first/,
    ],
    ['a pg_dump file on the embedded database', () => Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(200, 1)]), /pg_dump backup of a PostgreSQL deployment: set DATABASE_URL/],
  ];
  it.each(cases)('%s is refused with a clear message and nothing is written', { timeout: 30_000 }, async (_name, make, message) => {
    const bad = join(tmp, `bad-${Math.random().toString(36).slice(2)}`);
    writeFileSync(bad, make());
    const target = join(tmp, `never-${Math.random().toString(36).slice(2)}`);
    const r = await run('restore', [bad], { DATA_DIR: target });
    expect(r.code, r.out).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^错误 \/ Error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(target)).toBe(false);
  });

  it('a backup into a folder that does not exist leaves nothing behind', async () => {
    const r = await run('backup', [join(tmp, 'no-such-folder', 'x.backup')], { DATA_DIR: src });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does not exist');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const none = await run('backup', [join(tmp, 'y.backup')], { DATA_DIR: join(tmp, 'no-database-here') });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('There is no database');
    expect(existsSync(join(tmp, 'y.backup'))).toBe(false);
    expect(existsSync(join(tmp, 'no-database-here'))).toBe(false);
  });
});
