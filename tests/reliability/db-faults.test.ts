/**
 * The hall's day with a database that fails (issue 17, design §13): the real server as a child process on a throwaway
 * PostgreSQL cluster of its own, a burst of real cards, and a fault in the middle — a restart (fast and immediate), the
 * server's connections terminated, a lock held past the casting deadline, a database that stalls. Each case asserts:
 * the server is still the same process, nothing acknowledged was lost, no card stored twice or with other marks, every
 * tablet got an answer (a receipt or a 503 to retry), every retry afterwards was accepted, and /readyz told the truth.
 *
 * Runs in the PostgreSQL run of the suite (it makes its own clusters; nothing here touches the server on 5432).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUnavailable, createCluster, type Cluster } from '../helpers/pg-cluster.ts';
import type { TestApp } from '../helpers/app.ts';
import { appOn, burst, cast, ledger, openVote, readyz, until, type Answer, type Job } from './ledger.ts';
import { startServer, type ServerProcess } from './server-process.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);
const why = process.env.TEST_DATABASE_URL ? clusterUnavailable() : 'runs in the PostgreSQL run of the suite';
const N = 250;
const CAST_DEADLINE_MS = 2000;

describe.skipIf(why !== null)(`the server outlives its database failing${why ? ` — skipped: ${why}` : ''}`, () => {
  let cluster: Cluster;
  let t: TestApp;
  let server: ServerProcess;
  let pid: number;
  let admin: postgres.Sql;

  beforeAll(async () => {
    cluster = await createCluster();
    admin = postgres(cluster.url('postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe('create database minsheng');
    t = await appOn(cluster.url('minsheng'));
    server = await startServer({ DATABASE_URL: cluster.url('minsheng'), CAST_DEADLINE_MS: String(CAST_DEADLINE_MS), DB_LOCK_TIMEOUT_MS: '1000' });
    pid = server.proc.pid!;
  }, 120_000);

  afterAll(async () => {
    await server?.kill();
    await t?.database.close().catch(() => {});
    await admin?.end().catch(() => {});
    await cluster?.remove();
  });

  /** The same process, still running. */
  const sameProcess = () => {
    expect(server.proc.pid).toBe(pid);
    expect(server.proc.exitCode).toBeNull();
    expect(server.proc.signalCode).toBeNull();
  };

  /**
   * Burst; start `fault` once `at` answers came back; then wait for /readyz, retry every card without a receipt, and
   * check the ledger. Answers what the first burst got, for case-specific checks.
   */
  async function withFault(fault: () => Promise<void>, at = 80, opts: { tabletRetries?: number } = {}) {
    const { voteId, jobs } = await openVote(t, N);
    let started: Promise<void> | null = null;
    const first = await burst(server.origin, jobs, 50, (n) => {
      if (n >= at) started ??= fault();
    });
    await started;
    sameProcess();
    const statuses = [...first.values()].map((a) => a?.status ?? 'none');
    // Every tablet got an HTTP answer: a receipt or a 503 to retry — no 500, no dropped connection.
    expect(statuses.filter((s) => s !== 200 && s !== 503), JSON.stringify(statuses.filter((s) => s !== 200 && s !== 503).slice(0, 5))).toEqual([]);
    for (const a of first.values()) if (a?.status === 503) expect(a.retryAfter).toMatch(/^\d+$/);

    expect(await until(async () => (await readyz(server.origin)).status === 200)).toBe(true);
    const acked = new Map<Job, string>();
    for (const [job, a] of first) if (a?.status === 200 && a.receipt) acked.set(job, a.receipt);
    // Every retry after the database is back is accepted (the server reconnected by itself) — at the first attempt
    // after a fast restart; after a crash, a stall or terminated connections, a pooled connection the driver has not yet
    // seen die may fail one query with a 503: there the tablet's own retry is allowed, and every cast still ends stored.
    const retried: Answer[] = [];
    const waiting = jobs.filter((j) => !acked.has(j));
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let job = waiting.shift(); job; job = waiting.shift()) {
          // As a tablet does: on a 503, wait what the server asked and send the same ballot again (at most a few times).
          let a = await cast(server.origin, job);
          for (let n = 0; n < (opts.tabletRetries ?? 0) && a?.status === 503; n++) {
            await new Promise((r) => setTimeout(r, Number(a!.retryAfter ?? 1) * 1000));
            a = await cast(server.origin, job);
          }
          retried.push(a);
          if (a?.status === 200 && a.receipt) acked.set(job, a.receipt);
        }
      }),
    );
    expect(retried.filter((a) => a?.status !== 200).map((a) => a?.code ?? a?.status)).toEqual([]);
    const l = await ledger(t.database, voteId, jobs, acked);
    expect(l).toEqual({ acknowledged: jobs.length, lost: 0, doubled: 0, wrongMarks: 0, missing: 0, storedWithoutAck: 0 });
    sameProcess();
    return { first, retried: retried.length };
  }

  /** Stop the database, see the server say so (readyz and a 503 with Retry-After), start it again. */
  const restart = (mode: 'fast' | 'immediate') => async () => {
    await cluster.stop(mode);
    let r;
    try {
      r = await readyz(server.origin);
    } finally {
      await cluster.start();
    }
    expect(r.status).toBe(503);
    expect(['database_unreachable', 'database_timeout']).toContain(r.body.reason);
  };

  it('a restart with pg_ctl -m fast', { timeout: 180_000 }, async () => {
    const { first } = await withFault(restart('fast'));
    const codes = new Set([...first.values()].filter((a) => a?.status === 503).map((a) => a!.code));
    expect([...codes].every((c) => c === 'database_unavailable' || c === 'database_busy')).toBe(true);
    expect(codes.has('database_unavailable')).toBe(true);
  });

  it('a restart with pg_ctl -m immediate (a crash and recovery)', { timeout: 180_000 }, async () => {
    // After a crash every pooled connection is dead; one the driver has not yet seen die may fail its next query once
    // (a 503 — never a 500): the tablet's own retry is allowed, as after terminated connections (seen in CI).
    const { first } = await withFault(restart('immediate'), 80, { tabletRetries: 2 });
    expect([...first.values()].some((a) => a?.code === 'database_unavailable')).toBe(true);
  });

  it("the server's connections terminated (pg_terminate_backend), three times", { timeout: 180_000 }, async () => {
    let terminated = 0;
    await withFault(async () => {
      for (let i = 0; i < 3; i++) {
        const rows = await admin`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = 'minsheng' and pid <> pg_backend_pid()`;
        terminated += rows.filter((r) => r.ok).length;
        await new Promise((r) => setTimeout(r, 200));
      }
      // A pooled connection whose backend was terminated while idle may be handed its next query before the driver has
      // read the close: that one query fails (503) and the tablet's own retry succeeds.
    }, 80, { tabletRetries: 2 });
    expect(terminated).toBeGreaterThan(0);
  });

  it('a lock held past the casting deadline: casts answered 503 in time, not left waiting', { timeout: 180_000 }, async () => {
    const holdMs = CAST_DEADLINE_MS * 3;
    const extra = await openVote(t, 3); // ready before the lock is taken
    let during: Answer[] = [];
    let releasedFirst = true;
    const { first } = await withFault(async () => {
      const locker = postgres(cluster.url('minsheng'), { max: 1, onnotice: () => {} });
      let released = false;
      let locked!: () => void;
      const taken = new Promise<void>((r) => (locked = r));
      const held = locker.begin(async (tx) => {
        await tx`lock table ballots in access exclusive mode`;
        locked();
        await new Promise((r) => setTimeout(r, holdMs));
      });
      void held.then(() => (released = true));
      await taken;
      // While the lock is held the database still answers: ready is the truth, and casts are refused within the deadline.
      const ready = await readyz(server.origin);
      expect(ready.status, JSON.stringify(ready.body)).toBe(200);
      during = await Promise.all(extra.jobs.map((j) => cast(server.origin, j)));
      releasedFirst = released; // answered while the lock was still held: the deadline ended the wait, not the lock
      await held;
      await locker.end();
    });
    expect(releasedFirst).toBe(false);
    expect(during.map((a) => a?.code)).toEqual(['database_busy', 'database_busy', 'database_busy']);
    expect([...first.values()].some((a) => a?.code === 'database_busy')).toBe(true);
  });

  it('a database that stalls (its processes stopped): readyz says not ready, casts answered 503 at the deadline', { timeout: 180_000 }, async () => {
    let stalled: { status: number; body: { reason?: string } } | null = null;
    await withFault(async () => {
      const postmaster = String(cluster.pid());
      const children = (await run('pgrep', ['-P', postmaster])).stdout.trim().split('\n').filter(Boolean);
      const pids = [postmaster, ...children];
      await run('kill', ['-STOP', ...pids]);
      try {
        await new Promise((r) => setTimeout(r, 300));
        stalled = await readyz(server.origin); // answers after its own 2 s deadline: the casts in flight reach theirs too
      } finally {
        await run('kill', ['-CONT', ...pids]);
      }
    }, 80, { tabletRetries: 3 });
    expect(stalled!.status).toBe(503);
    expect(stalled!.body.reason).toBe('database_timeout');
  });
});
