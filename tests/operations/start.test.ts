/**
 * Starting the real server (`npm start`'s entry, as a child process) the way an IT office meets it: a wrong setting
 * stops it with one line naming the variable; a database a newer version has migrated is refused; two instances
 * starting together on an empty PostgreSQL migrate once; readiness follows the database going away and coming back.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { knownMigrations, openDatabase } from '../../server/db/client.ts';
import { throwawayDatabase } from '../helpers/pg-url.ts';
import { startServer, type ServerProcess } from '../reliability/server-process.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PG = process.env.TEST_DATABASE_URL;
const servers: ServerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  for (const c of cleanups.reverse()) await c();
});

/** Start the server and wait for it to exit (it should, at once): its exit code and what it wrote. */
function startAndExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, SKIP_WEB_BUILD: '1', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: '', VITEST: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    // No clock of its own (a busy machine starts slowly): the test's timeout bounds the wait, and a server still
    // running when the test ends is killed then.
    onTestFinished(() => {
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    });
    p.on('error', rej);
    p.on('exit', (code) => res({ code, stdout, stderr }));
  });
}

/** An empty PostgreSQL database of its own (no migrations), dropped at the end. */
async function emptyDatabase(tag: string): Promise<string> {
  const db = await throwawayDatabase(PG!, `ops_${tag}`);
  cleanups.push(db.drop);
  return db.url;
}

describe.skipIf(PG)('a wrong setting (PGlite run only: the check comes before any database)', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ["PORT", { PORT: "eighty" }, /PORT: .*1–65535.*1 to 65535 \(0: any free port\) \(PORT="eighty"\)$/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/minsheng' }, /DATABASE_URL: .*must look like postgres:\/\/user:pass@host:5432\/db \(DATABASE_URL="…"\)$/],
    ['PUBLIC_ORIGIN', { PUBLIC_ORIGIN: 'https://minsheng.example.gov.cn/app/' }, /PUBLIC_ORIGIN: .*no path, no trailing slash/],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }, /TRUST_PROXY: .*must be 0 \(off\), 1 \(one proxy\) or the number of trusted proxies in front, 2 to 10 \(TRUST_PROXY="maybe"\)$/],
    ['TRUST_PROXY=11', { TRUST_PROXY: '11' }, /TRUST_PROXY: .*2 to 10 \(TRUST_PROXY="11"\)$/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: .*must be debug, info, warn or error/],
    ['METRICS_TOKEN', { METRICS_TOKEN: 'short' }, /METRICS_TOKEN: .*at least 16 characters/],
    ['DB_POOL_MAX', { DB_POOL_MAX: '0' }, /DB_POOL_MAX: .*1 to 200/],
  ];
  for (const [name, env, message] of cases)
    it(`${name}: stops the server with one line naming it, before it opens anything`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'minsheng-config-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const r = await startAndExit({ DATA_DIR: dir, ...env });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^配置错误 \/ Configuration error: /);
      expect(lines[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      if (name === 'DATABASE_URL') expect(r.stderr).not.toContain('root@localhost'); // a URL may hold a password
    });
});

describe.skipIf(PG)('a database from a newer version (PGlite run only: the PostgreSQL case is under "on PostgreSQL")', () => {
  it('is refused at start with one line saying what to do, and left as it was', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-newer-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await startServer({ DATA_DIR: dir });
    await first.kill();
    const db = await openDatabase({ dataDir: join(dir, 'pg') });
    const last = Math.max(...knownMigrations().map((m) => m.when));
    await db.query(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', $1)`, [last + 86_400_000]);
    await db.close();
    const r = await startAndExit({ DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/newer Minsheng \(\d+ migrations applied, this version knows \d+\): run the newer version, or restore the backup taken before the upgrade/);
    const again = await openDatabase({ dataDir: join(dir, 'pg') });
    expect((await again.query('select count(*)::int as n from drizzle.__drizzle_migrations'))[0]).toEqual({ n: knownMigrations().length + 1 });
    await again.close();
  });
});

describe.skipIf(PG)('connections (PGlite run only: the same on both)', () => {
  it('a port already taken stops the server with one line saying so', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-port-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => holder.close(() => r())));
    const port = (holder.address() as net.AddressInfo).port;
    const r = await startAndExit({ DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`port ${port} on 127.0.0.1 is in use: stop what holds it, or set PORT to another`);
  });

  it('an idle connection stays open for the next request well past Node’s 5 s default (a tablet marking its ballot)', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-keepalive-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const s = await startServer({ DATA_DIR: dir });
    servers.push(s);
    // Node announces its idle timeout on every keep-alive answer; a raw socket reads exactly what the server sent.
    const { hostname, port } = new URL(s.origin);
    const head = await new Promise<string>((res, rej) => {
      const sock = net.connect(Number(port), hostname, () => sock.write(`GET /api/health HTTP/1.1\r\nhost: ${hostname}\r\n\r\n`));
      let text = '';
      sock.on('data', (d) => {
        text += d;
        if (text.includes('\r\n\r\n')) {
          sock.destroy();
          res(text.slice(0, text.indexOf('\r\n\r\n')).toLowerCase());
        }
      });
      sock.on('error', rej);
    });
    expect(head).toMatch(/^http\/1\.1 200/);
    expect(head).toContain('connection: keep-alive');
    expect(head).toMatch(/\r\nkeep-alive: timeout=65\b/);
  });
});

describe.skipIf(!PG)('on PostgreSQL (PostgreSQL run only)', () => {
  it('two instances starting at once on an empty database migrate it once and both become ready', { timeout: 120_000 }, async () => {
    const url = await emptyDatabase('twostart');
    const [a, b] = await Promise.all([startServer({ DATABASE_URL: url }), startServer({ DATABASE_URL: url })]);
    servers.push(a, b);
    for (const s of [a, b]) {
      const r = await fetch(`${s.origin}/readyz`);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ ready: true, database: 'postgres', migrations: { applied: knownMigrations().length } });
    }
    const db = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const applied = await db`select hash, created_at from drizzle.__drizzle_migrations`;
      expect(applied).toHaveLength(knownMigrations().length);
      expect(new Set(applied.map((m) => m.hash)).size).toBe(knownMigrations().length);
      const keys = await db`select kid from signing_keys where retired_at is null`;
      expect(keys).toHaveLength(1); // one signing key, not one per instance
    } finally {
      await db.end();
    }
    await Promise.all([a.kill(), b.kill()]);
  });

  it('readiness fails while the database is unreachable and comes back with it; the process stays healthy', { timeout: 120_000 }, async () => {
    const url = await emptyDatabase('ready');
    // The server reaches PostgreSQL through a TCP relay this test can cut, as a network or database outage would.
    const target = new URL(url);
    const sockets = new Set<net.Socket>();
    let relay: net.Server | null = null;
    const listen = (port: number) =>
      new Promise<number>((res) => {
        relay = net.createServer((client) => {
          const upstream = net.connect(Number(target.port || 5432), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
            s.on('error', () => s.destroy());
          }
          client.pipe(upstream).pipe(client);
        });
        relay.listen(port, '127.0.0.1', () => res((relay!.address() as net.AddressInfo).port));
      });
    const cut = () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        relay!.close(() => res());
      });
    const port = await listen(0);
    cleanups.push(() => (relay?.listening ? cut() : undefined));
    const via = new URL(url);
    via.hostname = '127.0.0.1';
    via.port = String(port);
    const s = await startServer({ DATABASE_URL: via.toString() });
    servers.push(s);
    expect((await fetch(`${s.origin}/readyz`)).status).toBe(200);

    await cut();
    const down = await fetch(`${s.origin}/readyz`);
    expect(down.status).toBe(503);
    expect((await down.json()).reason).toMatch(/^database_(unreachable|timeout)$/);
    expect((await fetch(`${s.origin}/healthz`)).status).toBe(200);

    await listen(port);
    await expect.poll(async () => (await fetch(`${s.origin}/readyz`)).status, { timeout: 30_000, interval: 250 }).toBe(200);
    await s.kill();
  });
});
