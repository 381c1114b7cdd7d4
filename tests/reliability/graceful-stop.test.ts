/**
 * A graceful stop (issue 17, item 6; design §13): the real server as a child process, on PostgreSQL when
 * TEST_DATABASE_URL is set and on a PGlite data dir otherwise. SIGTERM in the middle of a burst of casts: every request
 * gets an HTTP answer (a receipt, or 503 server_stopping) or has its connection refused before it is sent — no request
 * is reset or hung up on, neither one in flight nor one waiting in the kernel's accept queue (the listener closes once
 * nothing comes any more: see server/lib/graceful.ts); the process exits 0 within the grace time; after a restart the
 * tablets' retries are all accepted, and the ledger holds exactly the acknowledged and the retried ballots, one per
 * card. Then a keep-alive connection and a new one asking after the stop began (503 with Retry-After and
 * Connection: close) while a cast is still in flight (answered), a request that outlives STOP_GRACE_MS (cut, counted in
 * the log), and `npm start` stopped by a signal to the npm process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/client.ts';
import { prepare, readConfig } from '../../server/start.ts';
import { ConfigError, parseConfig } from '../../server/system/config.ts';
import { type TestApp, useTestApp } from '../helpers/app.ts';
import { hall, marksOf, secretOf } from '../tally/helpers.ts';
import { startServer, type ServerProcess } from './server-process.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const t = useTestApp();
const PG = process.env.TEST_DATABASE_URL;
const N = 600;
const GRACE_MS = 10_000; // the default of STOP_GRACE_MS
const MARGIN_MS = 10_000; // closing the database, and a loaded test machine
const dir = mkdtempSync(join(tmpdir(), 'ms-graceful-'));
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

/** The server on this run's database: PostgreSQL, or the PGlite data dir (which serves one process at a time). */
async function start(env: Record<string, string> = {}, port?: number): Promise<ServerProcess> {
  await Promise.all(servers.splice(0).map((s) => s.kill('SIGKILL'))); // one left running by a failed test
  const s = await startServer({ ...(PG ? { DATABASE_URL: t.database.url! } : { DATA_DIR: dir }), ...env }, { port });
  servers.push(s);
  return s;
}

/** SIGTERM; answers the exit code and the time from the signal to the exit (bounded: SIGKILL past the bound). */
function stop(s: ServerProcess, boundMs = GRACE_MS + MARGIN_MS): Promise<{ code: number | null; ms: number }> {
  return new Promise((res) => {
    const t0 = Date.now();
    const timer = setTimeout(() => s.proc.kill('SIGKILL'), boundMs + 5000);
    s.proc.once('exit', (code) => {
      clearTimeout(timer);
      res({ code, ms: Date.now() - t0 });
    });
    s.proc.kill('SIGTERM');
  });
}

/** The lines the server logged (JSON), once `msg` appears (the pipe to the log file may lag the exit a little). */
async function logLines(s: ServerProcess, msg: string): Promise<Record<string, any>[]> {
  for (let i = 0; i < 50; i++) {
    const lines = readFileSync(s.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>);
    if (lines.some((l) => l.msg === msg)) return lines;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no "${msg}" in ${s.logFile}`);
}

type Outcome =
  | { kind: 'answer'; status: number; code?: string; receipt?: string; connection?: string; retryAfter?: string }
  /** ECONNREFUSED: nothing listens any more; the request was never sent. */
  | { kind: 'refused' }
  /** Sent, and no answer came back (reset, hang-up, timeout): what a graceful stop must never do. */
  | { kind: 'lost'; error: string };

/** One cast on a connection of its own, as a tablet sends it, telling a refused connection from a lost request. */
function cast(port: number, job: { token: string; marks: unknown }): Promise<Outcome> {
  return new Promise((done) => {
    const payload = JSON.stringify(job);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/public/ballot/cast',
        agent: false,
        // Keep-alive asked for, so a `Connection: close` in the answer is the server's (it was stopping).
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), connection: 'keep-alive' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('error', (e) => done({ kind: 'lost', error: `response: ${(e as NodeJS.ErrnoException).code ?? e.message}` }));
        res.on('end', () => {
          let body: any = null;
          try {
            body = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          done({ kind: 'answer', status: res.statusCode!, code: body?.error?.code, receipt: body?.receipt, connection: res.headers.connection, retryAfter: res.headers['retry-after'] as string | undefined });
          req.destroy();
        });
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'lost', error: e.code ?? e.message }));
    req.end(payload);
  });
}

/** The ballots stored for a vote (the server is stopped on PGlite: the data dir is opened here). */
async function ballots(voteId: string): Promise<{ receipt: string; card_id: string }[]> {
  if (PG) return t.database.query('select receipt, card_id from ballots where vote_id = $1', [voteId]);
  const db = await openDatabase({ dataDir: join(dir, 'pg') });
  try {
    return await db.query('select receipt, card_id from ballots where vote_id = $1', [voteId]);
  } finally {
    await db.close();
  }
}

/** The app in this process on the run's database: the test's own on PostgreSQL, the data dir opened here on PGlite. */
async function inProcess(): Promise<TestApp & { close(): Promise<void> }> {
  if (PG) return { ...t, close: async () => {} };
  const { database, keys } = await prepare(readConfig({ DATA_DIR: dir, TRUST_PROXY: '1' }), {});
  const deps = { database, db: database.db, keys, trustProxy: true };
  return { app: createApp({ deps }), deps, database, keys, close: () => database.close() } as never;
}

/** A raw HTTP/1.1 exchange on an open socket: the status, headers and body of the next answer. */
function exchange(socket: net.Socket, request: string): Promise<{ status: number; headers: Record<string, string>; body: string } | null> {
  return new Promise((done) => {
    let buf = '';
    const finish = (v: Awaited<ReturnType<typeof exchange>>) => {
      socket.off('data', onData);
      socket.off('close', onClose);
      done(v);
    };
    const onData = (d: Buffer) => {
      buf += d.toString('utf8');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = buf.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = buf.slice(end + 4);
      if (Buffer.byteLength(body) >= Number(headers['content-length'] ?? 0)) finish({ status: Number(statusLine.split(' ')[1]), headers, body });
    };
    const onClose = () => finish(null);
    socket.on('data', onData);
    socket.on('close', onClose);
    if (request) socket.write(request);
  });
}

const connect = (port: number) =>
  new Promise<net.Socket>((res, rej) => {
    const s = net.connect(port, '127.0.0.1', () => res(s));
    s.once('error', rej);
  });

/** Whether a new connection is refused now (the server stopped listening), polled for at most `ms`. */
async function refusedWithin(port: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const refused = await connect(port).then(
      (s) => (s.destroy(), false),
      (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED',
    );
    if (refused) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('a graceful stop (SIGTERM) of the real server', () => {
  let voteId = '';
  let tokens: { token: string; marks: unknown }[] = [];

  it('answers every cast it took, refuses the rest, exits 0 in time; the retries after a restart complete the ledger', { timeout: 300_000 }, async () => {
    // The hall and an open vote, made in this process on the same database (PGlite: before the server opens the dir).
    const local = await inProcess();
    const h = await hall(local, { seated: N, titles: ['桥梁', '广场', '学校'] });
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决' })).body;
    voteId = v.id;
    const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    expect((await h.roles.scrutineer.post(`${path}/cards`, {})).status).toBe(201);
    const cards = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string }[]).map((c) => c.url.split('#')[1]);
    await h.roles.scrutineer.post(`${path}/issue-count`, { count: N });
    expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
    await local.close();
    const patterns = ['F--', '-F-', 'FA-', '--A'];
    const jobs = cards.slice(0, N).map((token, i) => ({ token, marks: marksOf(h.candidateIds, patterns[i % 4]), retry: secretOf(token) }));
    let server = await start();
    tokens = jobs;
    expect(jobs).toHaveLength(N);

    // The burst: 100 casts at a time, each on its own connection; SIGTERM once 200 answers came back.
    const outcomes = new Map<(typeof jobs)[number], Outcome>();
    let next = 0;
    let stopped: Promise<{ code: number | null; ms: number }> | null = null;
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          outcomes.set(job, await cast(server.port, job));
          if (outcomes.size >= 200) stopped ??= stop(server);
        }
      }),
    );
    const exit = await stopped!;
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(GRACE_MS + MARGIN_MS);

    const all = [...outcomes.values()];
    const lost = all.filter((o) => o.kind === 'lost');
    const answers = all.filter((o): o is Extract<Outcome, { kind: 'answer' }> => o.kind === 'answer');
    const acked = answers.filter((a) => a.status === 200);
    const refusedAfterStop = answers.filter((a) => a.status === 503);
    expect(all).toHaveLength(N);
    expect(lost, JSON.stringify(lost.slice(0, 5))).toEqual([]);
    for (const a of answers) expect([200, 503]).toContain(a.status);
    for (const a of acked) expect(a.receipt).toMatch(/\S/);
    for (const a of refusedAfterStop) {
      expect(a.code).toBe('server_stopping');
      expect(a.retryAfter).toMatch(/^\d+$/);
      expect(a.connection).toBe('close');
    }
    expect(acked.length).toBeGreaterThanOrEqual(200);
    expect(acked.length).toBeLessThan(N); // the stop landed part-way
    // The casts in flight when the stop began were answered, each with Connection: close; the log agrees.
    const inFlightAnswered = acked.filter((a) => a.connection === 'close').length;
    const log = await logLines(server, 'stopped');
    const stoppedLine = log.find((l) => l.msg === 'stopped')!;
    expect(stoppedLine.cut).toBe(0);
    expect(log.some((l) => l.msg === 'requests cut at stop')).toBe(false);
    // The queue's summary of its last window is written before the line that says the server stopped (not in an exit
    // handler, whose writes to a pipe can be lost), and it counts every acknowledged cast.
    const summaries = log.flatMap((l, i) => (l.msg === 'cast.batches' ? [{ i, ok: Number(l.outcomes?.ok ?? 0) }] : []));
    expect(summaries.length).toBeGreaterThan(0);
    expect(Math.max(...summaries.map((x) => x.i))).toBeLessThan(log.findIndex((l) => l.msg === 'stopped'));
    expect(summaries.reduce((n, x) => n + x.ok, 0)).toBe(acked.length);
    console.info(
      `graceful stop: ${acked.length} receipts (${inFlightAnswered} answered with Connection: close during the stop; server: ${stoppedLine.inFlight} in flight, ${stoppedLine.answered} answered, ${stoppedLine.cut} cut), ` +
        `${refusedAfterStop.length} × 503 server_stopping, ${all.filter((o) => o.kind === 'refused').length} refused connections, ${lost.length} lost; exit in ${exit.ms} ms`,
    );

    // The tablets retry what got no receipt, against the server started again on the same database.
    server = await start({}, server.port);
    const retried = new Map<(typeof jobs)[number], string>();
    for (const job of jobs.filter((j) => (outcomes.get(j) as { status?: number }).status !== 200)) {
      const a = await cast(server.port, job);
      expect(a.kind === 'answer' && a.status, JSON.stringify(a)).toBe(200);
      retried.set(job, (a as { receipt: string }).receipt);
    }
    expect((await stop(server)).code).toBe(0);

    // The ledger: one ballot per card; every receipt given stored; nothing stored that was neither acknowledged nor retried.
    const rows = await ballots(v.id);
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.card_id)).size).toBe(N);
    const given = new Set([...acked.map((a) => a.receipt!), ...retried.values()]);
    expect(given.size).toBe(N);
    expect(new Set(rows.map((r) => r.receipt))).toEqual(given);
  });

  it('answers a request on a keep-alive connection after the stop began with 503 server_stopping, and still answers the one in flight', { timeout: 120_000 }, async () => {
    expect(voteId).not.toBe('');
    const server = await start();
    const idle = await connect(server.port);
    const first = await exchange(idle, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    expect(first?.status).toBe(200);
    expect(first?.headers.connection).not.toBe('close');

    // A cast whose body is still on its way: in flight when the stop begins (a repeat, answered with its receipt).
    const body = JSON.stringify(tokens[0]);
    const held = await connect(server.port);
    const heldAnswer = exchange(held, `POST /api/public/ballot/cast HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 300)); // the server has read its headers and counts it in flight
    const stopped = stop(server);
    await logLines(server, 'stopping');

    // Asked after the stop began, on the open keep-alive connection and on a new one: 503, nothing stored.
    const late = await exchange(idle, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    const fresh = await cast(server.port, tokens[1]);
    for (const a of [late && { status: late.status, code: JSON.parse(late.body).error?.code, retryAfter: late.headers['retry-after'], connection: late.headers.connection }, fresh]) {
      expect(a, JSON.stringify(a)).toMatchObject({ status: 503, code: 'server_stopping', retryAfter: expect.stringMatching(/^\d+$/), connection: 'close' });
    }

    held.write(body.slice(10));
    const answered = await heldAnswer;
    expect(answered?.status).toBe(200);
    expect(JSON.parse(answered!.body).receipt).toMatch(/\S/);
    expect(answered?.headers.connection).toBe('close');

    const exit = await stopped;
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(GRACE_MS + MARGIN_MS);
    expect(await refusedWithin(server.port, 1000)).toBe(true);
    const stoppedLine = (await logLines(server, 'stopped')).find((l) => l.msg === 'stopped')!;
    expect(stoppedLine).toMatchObject({ cut: 0 });
    expect(stoppedLine.inFlight).toBeGreaterThanOrEqual(1);
    idle.destroy();
    held.destroy();
  });

  it('cuts what outlives STOP_GRACE_MS, logs how many, and still closes cleanly', { timeout: 120_000 }, async () => {
    const grace = 1500;
    const server = await start({ STOP_GRACE_MS: String(grace) });
    const held = await connect(server.port);
    const heldAnswer = exchange(held, 'POST /api/public/ballot/cast HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"token":');
    await new Promise((r) => setTimeout(r, 300));
    const exit = await stop(server, grace + MARGIN_MS);
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(grace + MARGIN_MS);
    expect(await heldAnswer).toBeNull(); // cut: its body never came
    const log = await logLines(server, 'stopped');
    expect(log.find((l) => l.msg === 'requests cut at stop')).toMatchObject({ count: 1, graceMs: grace });
    expect(log.find((l) => l.msg === 'stopped')).toMatchObject({ cut: 1 });
    if (!PG) {
      expect(existsSync(join(dir, 'server.lock'))).toBe(false);
      expect(existsSync(join(dir, 'control.token'))).toBe(false);
    }
    held.destroy();
  });
});

/** Every descendant of a process (from /proc), to see whether any outlives it. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      parent.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent) if (pp === p) out.push(c), walk(c);
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start, stopped by a signal to the npm process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    it(`${signal}: the server stops too (no process left, the port free, the lock removed)`, { timeout: 120_000 }, async () => {
      const data = mkdtempSync(join(tmpdir(), 'ms-npm-start-'));
      const port = await new Promise<number>((r) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as net.AddressInfo).port;
          s.close(() => r(p));
        });
      });
      const npm = spawn('npm', ['start'], {
        cwd: root,
        env: { ...process.env, SKIP_WEB_BUILD: '1', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: data, DATABASE_URL: '', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      npm.stdout!.on('data', (d) => (out += d));
      npm.stderr!.on('data', (d) => (out += d));
      const npmExit = new Promise<void>((r) => npm.once('exit', () => r()));
      let tree: number[] = [];
      try {
        // Until ready or exited, however slow the machine (the test's timeout bounds it).
        while (!out.includes('"msg":"ready"')) {
          if (npm.exitCode !== null) throw new Error(`npm start did not become ready: ${out}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        tree = descendants(npm.pid!);
        expect(tree.length).toBeGreaterThanOrEqual(1);
        npm.kill(signal);
        await Promise.race([npmExit, new Promise((r) => setTimeout(r, GRACE_MS + MARGIN_MS))]);
        for (let i = 0; i < 100 && tree.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
        expect(npm.exitCode !== null || npm.signalCode !== null, 'npm exited').toBe(true);
        expect(tree.filter(alive), 'processes left behind').toEqual([]);
        expect(await refusedWithin(port, 1000)).toBe(true);
        expect(out).toContain('"msg":"stopped"');
        expect(existsSync(join(data, 'server.lock'))).toBe(false);
      } finally {
        for (const pid of [...tree, npm.pid!].filter(alive)) process.kill(pid, 'SIGKILL');
        rmSync(data, { recursive: true, force: true });
      }
    });
});

describe('STOP_GRACE_MS', () => {
  it('is 10 s by default, 0 to 300000 ms, and a wrong value is named in one line', () => {
    expect(parseConfig({}).stopGraceMs).toBe(GRACE_MS);
    expect(parseConfig({ STOP_GRACE_MS: '0' }).stopGraceMs).toBe(0);
    expect(parseConfig({ STOP_GRACE_MS: '30000' }).stopGraceMs).toBe(30_000);
    for (const wrong of ['soon', '-1', '2.5', '300001'])
      expect(() => parseConfig({ STOP_GRACE_MS: wrong })).toThrow(new ConfigError(`配置错误 / Configuration error: STOP_GRACE_MS: 应为 0–300000 的整数（毫秒） / must be a whole number from 0 to 300000 (ms) (STOP_GRACE_MS=${JSON.stringify(wrong)})`));
  });
});
