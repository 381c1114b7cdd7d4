/**
 * What only the embedded deployment has: the lock on its data dir. PGlite has no lock of its own (two processes on one
 * data dir would corrupt it), so the server holds DATA_DIR/server.lock with its pid: another process is refused while
 * the server lives; a `kill -9` leaves the file behind, and the next start takes it over and opens ./data again
 * (PostgreSQL's write-ahead log replayed); a clean stop exits 0 and removes it.
 *
 * What a PGlite deployment keeps across stops is shown with the other database's tests, on PGlite too: a `kill -9` in
 * the middle of a burst of casts and answers by crash.test.ts, a clean stop (SIGTERM) in the middle of one by
 * graceful-stop.test.ts. (A power cut is another matter: PGlite does not fsync, so what the operating system had not
 * yet written can be lost — the README says to use PostgreSQL where that matters.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { takeDataDirLock } from '../../server/start.ts';
import { PASSWORD } from '../helpers/app.ts';
import { post, startServer, type ServerProcess } from './server-process.ts';

let dir = '';
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.kill('SIGKILL')));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the PGlite data dir lock (skipped on PostgreSQL: no data dir)', () => {
  it('refuses another process while the server lives; after kill -9 the next start takes the lock over and opens ./data; a clean stop removes it', { timeout: 120_000 }, async () => {
    dir = mkdtempSync(join(os.tmpdir(), 'ms-pglite-restart-'));
    const lock = join(dir, 'server.lock');
    // ./data/pg made from this run's migrated dump (quicker than the server migrating a new one at its first start).
    const cfg = inject('testDb');
    if (cfg.kind === 'pglite') await (await PGlite.create({ dataDir: join(dir, 'pg'), loadDataDir: new Blob([readFileSync(cfg.dump)]) })).close();
    const start = async () => {
      const s = await startServer({ DATA_DIR: dir });
      running.push(s);
      return s;
    };
    let server = await start();
    const killed = server.proc.pid!;
    expect(readFileSync(lock, 'utf8')).toBe(String(killed));
    // Another process (this one, with the server's own function) is refused while the holder lives.
    expect(() => takeDataDirLock(dir)).toThrow(`in use by process ${killed}`);
    expect((await post(server.origin, '/api/setup', { username: 'admin', displayName: '管理员', password: PASSWORD }))?.status).toBe(201);

    await server.kill('SIGKILL');
    expect(readFileSync(lock, 'utf8'), 'the lock file a killed server leaves').toBe(String(killed));
    server = await start(); // takes over the stale lock, replays the log
    expect(readFileSync(lock, 'utf8')).toBe(String(server.proc.pid));
    expect((await post(server.origin, '/api/auth/login', { username: 'admin', password: PASSWORD }))?.status, 'the account made before the kill').toBe(200);

    await server.kill('SIGTERM');
    expect(server.proc.exitCode).toBe(0);
    expect(existsSync(lock), 'the lock file after a clean stop').toBe(false);
  });
});
