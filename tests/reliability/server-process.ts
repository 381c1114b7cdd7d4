/**
 * The real server as a child process (the `npm start` entry), for tests of what happens across processes: a kill -9
 * in the middle of a vote, two instances on one database, what the server writes to its log.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/db/client.ts';
import type { TestApp } from '../helpers/app.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => res(port));
    });
  });
}

export type ServerProcess = {
  origin: string;
  proc: ChildProcess;
  port: number;
  logFile: string;
  /** Stop the process; resolves once it has exited AND everything it wrote is in `logFile` (the stream closed). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The log's lines, once the process has stopped and its log is complete (call after `kill`, or it waits for the exit). */
  logs(): Promise<string[]>;
};

/** Start the server; resolves when /api/health answers. `env`: DATABASE_URL or DATA_DIR, and anything else. */
export async function startServer(env: Record<string, string>, opts: { port?: number; logFile?: string } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const logFile = opts.logFile ?? join(root, 'tests/reliability/.logs', `server-${port}-${Date.now()}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SKIP_WEB_BUILD: '1', LOG_LEVEL: 'info', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Two pipes into one file: neither ends it. The child's 'close' comes after it exited and both pipes ended (every
  // chunk they carried already handed to the file stream); only then the file is ended, and 'close' says it is all
  // written. ('exit' alone can come before the last lines are read: the summaries written at exit among them.)
  const logComplete = new Promise<void>((r) => log.once('close', () => r()));
  proc.stdout!.pipe(log, { end: false });
  proc.stderr!.pipe(log, { end: false });
  proc.once('close', () => log.end());
  const origin = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000; // a bound, not a speed check: a loaded CI machine starts slowly
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode} (log: ${logFile})`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) {
      // Not left running behind the failed test (it would hold its port, its data dir and CPU).
      proc.kill('SIGKILL');
      throw new Error(`server did not become ready in 120 s (log: ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await logComplete;
  };
  const logs = async () => {
    await logComplete;
    return readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  };
  return { origin, proc, port, logFile, kill, logs };
}

/**
 * A TestApp whose `app.request` goes over HTTP to a running server on the same database, so the test helpers (Client,
 * hall…) drive it; `deps` and `keys` stay the in-process ones (same database, same keys) for helpers that sign.
 */
export function remote(origin: string, local: TestApp): TestApp {
  return { ...local, app: { request: (path: string, init?: RequestInit) => fetch(origin + path, init) } } as unknown as TestApp;
}

/** One POST on its own connection (as a tablet sends it); `null` when no answer came (connection refused or cut). */
export async function post(origin: string, path: string, body: unknown): Promise<{ status: number; body: any } | null> {
  try {
    const res = await fetch(origin + path, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  } catch {
    return null;
  }
}

/** A request a test made through `serverOn(…).r`, with the id the server gave it (its `X-Request-Id`). */
export type MadeRequest = { method: string; path: string; status: number; requestId: string };

export type ServerOn = {
  server: ServerProcess;
  /** A TestApp driving the server over HTTP (Client, hall…); its keys are the server's keys. Every request is recorded. */
  r: TestApp;
  /** Every request made through `r`, in order. */
  requests: MadeRequest[];
  engine: 'postgres' | 'pglite';
  /** Stop the server (SIGTERM; its log complete) and open its database in this process, to read what it stored. */
  stop(): Promise<Pick<Database, 'query' | 'kind'>>;
  /** For afterAll: stop the server if it runs, close what `stop` opened, remove the data dir. */
  dispose(): Promise<void>;
};

/**
 * The real server as its own process on this run's database engine, for tests that read what it stored and logged.
 * PostgreSQL: on the test app's throwaway database. PGlite (the embedded deployment): on a data dir of its own, made
 * from the run's migrated dump with the test app's signing keys copied in (so helpers that sign, e.g. the proposal
 * form's check question, sign as the server does); the test process opens the dir only after the server has stopped
 * (a PGlite dir serves one process at a time, as tests/reliability/pglite-restart.test.ts shows).
 */
export async function serverOn(t: TestApp, env: Record<string, string> = {}): Promise<ServerOn> {
  let dir: string | null = null;
  let opened: Database | null = null;
  let server: ServerProcess;
  if (t.database.url) server = await startServer({ DATABASE_URL: t.database.url, ...env });
  else {
    const cfg = inject('testDb');
    if (cfg.kind !== 'pglite') throw new Error('serverOn: a PGlite test database without a PGlite dump');
    dir = mkdtempSync(join(os.tmpdir(), 'ms-server-on-'));
    const pg = await PGlite.create({ dataDir: join(dir, 'pg'), loadDataDir: new Blob([readFileSync(cfg.dump)]) });
    const keys = await t.database.query('select kid, public_jwk, private_jwk, created_at, retired_at from signing_keys');
    await pg.query('delete from signing_keys');
    await pg.query(
      `insert into signing_keys (kid, public_jwk, private_jwk, created_at, retired_at)
       select kid, public_jwk, private_jwk, created_at, retired_at
         from jsonb_to_recordset($1::jsonb) as x(kid text, public_jwk jsonb, private_jwk jsonb, created_at timestamptz, retired_at timestamptz)`,
      [JSON.stringify(keys)],
    );
    await pg.close();
    server = await startServer({ DATA_DIR: dir, ...env });
  }
  const requests: MadeRequest[] = [];
  const origin = server.origin;
  const r = {
    ...t,
    app: {
      request: async (path: string, init?: RequestInit) => {
        const res = await fetch(origin + path, init);
        requests.push({ method: init?.method ?? 'GET', path, status: res.status, requestId: res.headers.get('x-request-id') ?? '' });
        return res;
      },
    },
  } as unknown as TestApp;
  return {
    server,
    r,
    requests,
    engine: dir ? 'pglite' : 'postgres',
    stop: async () => {
      await server.kill();
      if (!dir) return t.database;
      opened ??= await openDatabase({ dataDir: join(dir, 'pg') });
      return opened;
    },
    dispose: async () => {
      await server.kill();
      await opened?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
