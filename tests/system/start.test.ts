import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'minsheng-start-'));
const children: ChildProcess[] = [];
// A failed or timed-out test must not leave a server running behind it.
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function start(port: number, extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, SKIP_WEB_BUILD: '1', DATABASE_URL: '', LOG_LEVEL: 'info', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('"msg":"ready"')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited before ready: ${out}`));
    });
  });
  return { child, ready, exited, output: () => out };
}

const stop = async (s: { child: ChildProcess; exited: Promise<number | null> }) => {
  s.child.kill('SIGTERM');
  return s.exited;
};

describe('npm start (server/main.ts) on PGlite', () => {
  it('starts, creates the admin from the environment, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const s = start(port, { ADMIN_USERNAME: 'ops', ADMIN_PASSWORD: PASSWORD });
    await s.ready;
    expect(existsSync(join(dir, 'server.lock'))).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ ok: true, database: 'pglite' });
    const setup = await (await fetch(`http://127.0.0.1:${port}/api/setup`)).json();
    expect(setup).toEqual({ needed: false });
    expect(await stop(s)).toBe(0);
    expect(s.output()).toContain('"msg":"stopped"');
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
  });

  it('reopens the same data dir after a stop, and refuses a second server on a data dir in use', async () => {
    const port = await freePort();
    const s = start(port);
    await s.ready;
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ops', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const second = start(await freePort());
    await expect(second.ready).rejects.toThrow(/in use by process/);
    expect(await second.exited).toBe(1);
    // The first server is unharmed.
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    expect(await stop(s)).toBe(0);
  });

  it('refuses an ADMIN_PASSWORD that is too short, with a message saying why', async () => {
    const s = start(await freePort(), { ADMIN_USERNAME: 'ops2', ADMIN_PASSWORD: 'short' });
    await expect(s.ready).rejects.toThrow(/ADMIN_PASSWORD are not valid/);
    expect(await s.exited).toBe(1);
  });
});
