/**
 * The real server as a child process (the `npm start` entry), for tests of what happens across processes: a kill -9
 * in the middle of a vote, two instances on one database, what the server writes to its log.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export type ServerProcess = { origin: string; proc: ChildProcess; port: number; logFile: string; kill(signal?: NodeJS.Signals): Promise<void> };

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
  proc.stdout!.pipe(log);
  proc.stderr!.pipe(log);
  const origin = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode} (log: ${logFile})`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`server did not become ready (log: ${logFile})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const kill = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((r) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return r();
      proc.once('exit', () => r());
      proc.kill(signal);
    });
  return { origin, proc, port, logFile, kill };
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
