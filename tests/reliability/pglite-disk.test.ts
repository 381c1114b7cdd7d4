/**
 * The embedded database on a full disk and on an unwritable data dir (issue 17, design §13): the real server as a child
 * process, DATA_DIR on a small tmpfs mounted here. While the disk is full a cast answers 503 `storage_full` with
 * Retry-After (never 500), /readyz says not ready and why, /healthz stays 200 and the process stays the same; once the
 * space is back the server is ready again by itself and the same casts are accepted. After a clean stop every
 * acknowledged receipt is stored once and nothing else is. A PGlite instance that PANICs (a checkpoint on a full disk)
 * is never entered again — the next call would hang the process — and is reopened when space returns. A start on a
 * full disk or a read-only mount exits with one readable line.
 *
 * Needs root (mount); skipped otherwise, and on the PostgreSQL run of the suite.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statfsSync, statSync, truncateSync, writeSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { prepare, readConfig } from '../../server/start.ts';
import type { TestApp } from '../helpers/app.ts';
import { hall, marksOf, secretOf } from '../tally/helpers.ts';
import { startServer, type ServerProcess } from './server-process.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const mnt = mkdtempSync(join(os.tmpdir(), 'ms-pglite-disk-'));
const dataDir = join(mnt, 'data');
const dummy = join(mnt, 'dummy');

function mountTmpfs(): string | null {
  if (process.env.TEST_DATABASE_URL) return 'this belongs to the PGlite run of the suite (TEST_DATABASE_URL is set)';
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64M', 'tmpfs', mnt], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `mount -t tmpfs failed: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}`;
  }
}
const skip = mountTmpfs();
afterAll(() => {
  if (!skip) spawnSync('umount', ['-l', mnt]);
  rmSync(mnt, { recursive: true, force: true });
});

const freeBytes = () => {
  const s = statfsSync(mnt);
  return Number(s.bavail) * Number(s.bsize);
};

/** Fill the disk with a dummy file, to the last byte (bounded: the tmpfs is 64 MB). */
function fill(): number {
  const fd = openSync(dummy, 'a');
  let n = 0;
  try {
    for (const size of [1 << 20, 1 << 16, 4096, 512, 1]) {
      const buf = Buffer.alloc(size, 1);
      for (let i = 0; i < 70; i++) {
        try {
          const w = writeSync(fd, buf);
          n += w;
          if (w < size) break;
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  expect(freeBytes()).toBeLessThan(4096);
  return n;
}

/** Give back the last `bytes` of the dummy file. */
function truncateBy(bytes: number) {
  const size = statSync(dummy).size;
  truncateSync(dummy, Math.max(0, size - bytes));
}

type Cast = { status: number; code?: string; retryAfter: string | null; receipt?: string };
async function cast(origin: string, token: string, marks: Record<string, string>): Promise<Cast> {
  const res = await fetch(`${origin}/api/public/ballot/cast`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ token, marks, retry: secretOf(token) }),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await res.json().catch(() => null)) as { receipt?: string; error?: { code?: string } } | null;
  return { status: res.status, code: body?.error?.code, retryAfter: res.headers.get('retry-after'), receipt: body?.receipt };
}

async function getJson(origin: string, path: string) {
  const res = await fetch(origin + path, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

/** The data dir opened in this process (the server is stopped meanwhile: a PGlite dir serves one process). */
async function inProcess(): Promise<TestApp & { close(): Promise<void> }> {
  const { database, keys } = await prepare(readConfig({ DATA_DIR: dataDir, TRUST_PROXY: '1' }), {});
  const deps = { database, db: database.db, keys, trustProxy: true };
  return { app: createApp({ deps }), deps, database, keys, close: () => database.close() } as never;
}

const logFile = (name: string) => join(root, 'tests/reliability/.logs', `pglite-disk-${name}-${process.pid}-${Date.now()}.log`);

/** A start that must fail: its exit code and what it printed (stdout and stderr both go to the log). */
async function failedStart(env: Record<string, string>, name: string): Promise<string> {
  const file = logFile(name);
  let started: ServerProcess | null = null;
  await expect(
    startServer(env, { logFile: file }).then((s) => {
      started = s;
    }),
  ).rejects.toThrow(/server exited with 1/);
  await (started as ServerProcess | null)?.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 200)); // the log stream's last write
  return readFileSync(file, 'utf8');
}

describe.skipIf(Boolean(skip))(`PGlite on a full disk and an unwritable data dir${skip ? ` — skipped: ${skip}` : ''}`, () => {
  const acked = new Map<string, string>(); // token → receipt, every cast answered 200
  let voteId = '';

  it('answers 503 storage_full while the disk is full, stays up, and takes the same casts once space is back', { timeout: 240_000 }, async () => {
    const local = await inProcess();
    const h = await hall(local, { seated: 80, titles: ['桥梁', '广场', '学校'] });
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
    voteId = v.id;
    const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 0 });
    const tokens = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string }[]).map((c) => c.url.split('#')[1]);
    await h.roles.scrutineer.post(`${path}/issue-count`, { count: tokens.length });
    expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
    await local.close();
    const marks = marksOf(h.candidateIds, 'F-A');

    const server = await startServer({ DATA_DIR: dataDir }, { logFile: logFile('server') });
    const pid = server.proc.pid;
    try {
      for (const token of tokens.slice(0, 10)) {
        const r = await cast(server.origin, token, marks);
        expect(r.status).toBe(200);
        acked.set(token, r.receipt!);
      }
      expect((await getJson(server.origin, '/readyz')).status).toBe(200);

      // The disk fills up. A cast either still fits in pages already allocated (stored, acknowledged) or is refused
      // with 503 storage_full and Retry-After — never a 500.
      fill();
      const refused: string[] = [];
      for (const token of tokens.slice(10)) {
        const r = await cast(server.origin, token, marks);
        if (r.status === 200) acked.set(token, r.receipt!);
        else {
          expect({ status: r.status, code: r.code }).toEqual({ status: 503, code: 'storage_full' });
          expect(Number(r.retryAfter)).toBeGreaterThan(0);
          refused.push(token);
        }
      }
      expect(refused.length).toBeGreaterThan(0);
      const ready = await getJson(server.origin, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ ready: false, reason: expect.any(String) });
      expect(JSON.stringify(ready.body)).toMatch(/disk_full|storage/);
      expect((await getJson(server.origin, '/healthz')).status).toBe(200);
      expect(server.proc.exitCode).toBeNull();
      expect(server.proc.pid).toBe(pid);

      // Space comes back: ready again by itself (no restart), and the refused casts go through.
      rmSync(dummy);
      let readyAgain = false;
      for (let i = 0, until = Date.now() + 30_000; i < 300 && Date.now() < until; i++) {
        if ((await getJson(server.origin, '/readyz')).status === 200) {
          readyAgain = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(readyAgain).toBe(true);
      for (const token of refused) {
        const r = await cast(server.origin, token, marks);
        expect(r.status).toBe(200);
        acked.set(token, r.receipt!);
      }
      // A ballot acknowledged before the disk filled answers the same receipt: it is stored.
      expect((await cast(server.origin, tokens[0], marks)).receipt).toBe(acked.get(tokens[0]));
      expect(server.proc.pid).toBe(pid);
    } finally {
      await server.kill('SIGTERM');
    }
    expect(server.proc.exitCode).toBe(0);

    const after = await inProcess();
    const rows = await after.database.query<{ receipt: string }>('select receipt from ballots where vote_id = $1', [v.id]);
    await after.close();
    expect(rows).toHaveLength(acked.size);
    expect(new Set(rows.map((r) => r.receipt))).toEqual(new Set(acked.values()));
    expect(acked.size).toBe(tokens.length);
  });

  it('never enters a PGlite instance that PANICked on the full disk, and reopens it when space is back', { timeout: 120_000 }, () => {
    // In a child process with a deadline: if a call did enter the dead instance it would never return (it spins in
    // WebAssembly), and nothing in this process could time it out.
    const script = `
      import { rmSync, openSync, writeSync, closeSync } from 'node:fs';
      import { openDatabase } from './server/db/client.ts';
      import { pgliteWritable } from './server/db/pglite-storage.ts';
      import { dbFault } from './server/lib/db-faults.ts';
      const [dataDir, dummy] = process.argv.slice(-2);
      const out = {};
      const err = (e) => ({ code: e?.code, fault: dbFault(e), message: String(e?.message) });
      const d = await openDatabase({ dataDir });
      out.before = (await d.query('select count(*)::int as n from ballots'))[0].n;
      const fd = openSync(dummy, 'a');
      for (const size of [1 << 20, 1 << 16, 4096, 512, 1]) for (let i = 0; i < 70; i++) { try { if (writeSync(fd, Buffer.alloc(size, 1)) < size) break; } catch { break; } }
      closeSync(fd);
      out.writableFull = await pgliteWritable(d);
      try { await d.query('checkpoint'); out.checkpoint = 'done'; } catch (e) { out.checkpoint = err(e); }
      let t = performance.now();
      try { await d.query('select 1'); out.afterPanic = 'answered'; } catch (e) { out.afterPanic = { ...err(e), ms: performance.now() - t }; }
      rmSync(dummy);
      out.writableAgain = await pgliteWritable(d);
      out.after = (await d.query('select count(*)::int as n from ballots'))[0].n;
      await d.close();
      console.log('RESULT ' + JSON.stringify(out));
      process.exit(0);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', join(dataDir, 'pg'), dummy], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'error' },
      timeout: 90_000,
      encoding: 'utf8',
    });
    if (existsSync(dummy)) rmSync(dummy);
    expect(r.signal, `the child hung and was killed: ${r.stderr}`).toBeNull();
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, r.stderr + r.stdout).toBeDefined();
    const out = JSON.parse(line!.slice(7));
    expect(out.before).toBe(acked.size);
    expect(out.writableFull.ok).toBe(false);
    // The checkpoint PANICs (it must write a file on a full disk): answered as a storage error, not a hang.
    expect(out.checkpoint).toMatchObject({ code: '53100', fault: 'storage_full' });
    // The next call is refused at once instead of entering the dead instance.
    expect(out.afterPanic).toMatchObject({ fault: 'storage_full' });
    expect(out.afterPanic.ms).toBeLessThan(1000);
    // Space back: the probe reopens the database (WAL replay) and everything is there.
    expect(out.writableAgain).toEqual({ ok: true });
    expect(out.after).toBe(acked.size);
    expect(voteId).not.toBe('');
  });

  it('refuses to start on a full disk or a read-only data dir with one line that says what to do', { timeout: 180_000 }, async () => {
    fill();
    try {
      // A new data dir with 2 MB free: the lock file fits, initdb would not — it would stop half-way and leave a dir
      // PGlite cannot open later. Refused before initdb starts, and nothing is left behind.
      truncateBy(2 << 20);
      const fresh = await failedStart({ DATA_DIR: join(mnt, 'fresh') }, 'fresh-full');
      expect(fresh).not.toContain('[object Object]');
      expect(fresh).toMatch(/Cannot start: the data directory \S*fresh cannot be written \(the disk is full\): free disk space/);
      expect(fresh).toMatch(/无法启动：数据目录 .*磁盘已满/);
      expect(fresh).toMatch(/a new database needs about/);
      expect(existsSync(join(mnt, 'fresh/pg'))).toBe(false);
      // The existing data dir on a disk full to the last byte.
      fill();
      const existing = await failedStart({ DATA_DIR: dataDir }, 'existing-full');
      expect(existing).not.toContain('[object Object]');
      expect(existing).toMatch(/Cannot start: the data directory \S+\/data cannot be written \(the disk is full\)/);
    } finally {
      rmSync(dummy, { force: true });
    }
    // A read-only mount (nothing has a file open on it now, so the remount is allowed).
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    try {
      const ro = await failedStart({ DATA_DIR: dataDir }, 'read-only');
      expect(ro).not.toContain('[object Object]');
      expect(ro).toMatch(/Cannot start: the data directory \S+\/data cannot be written \(the file system is read-only\): mount its disk read-write/);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mnt]);
    }
    // Once writable again the same data dir starts, with every acknowledged ballot.
    const server = await startServer({ DATA_DIR: dataDir }, { logFile: logFile('after') });
    try {
      expect((await getJson(server.origin, '/readyz')).status).toBe(200);
    } finally {
      await server.kill('SIGTERM');
    }
    const after = await inProcess();
    const rows = await after.database.query<{ n: number }>('select count(*)::int as n from ballots where vote_id = $1', [voteId]);
    await after.close();
    expect(rows[0].n).toBe(acked.size);
  });
});
