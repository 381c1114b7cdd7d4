/**
 * Failover on an existing engine (issue 17, design §13): a primary with a synchronous standby, both in DATABASE_URL
 * (`postgres://…@h1:p1,h2:p2/db?target_session_attrs=read-write`). The primary is killed with SIGKILL in the middle of
 * a burst, the standby promoted (as Patroni, repmgr or an operator would), and the same server process — never
 * restarted — finds the new primary by itself. Nothing acknowledged is lost: a receipt is sent only after the
 * synchronous commit, so every acknowledged ballot is on the standby when it takes over.
 *
 * Runs in the PostgreSQL run of the suite (it makes its own two clusters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { clusterUnavailable, replicatedPair, type Cluster } from '../helpers/pg-cluster.ts';
import { appOn, burst, cast, ledger, openVote, readyz, until, type Job } from './ledger.ts';
import { startServer, type ServerProcess } from './server-process.ts';

const why = process.env.TEST_DATABASE_URL ? clusterUnavailable() : 'runs in the PostgreSQL run of the suite';

describe.skipIf(why !== null)(`failover to a synchronous standby${why ? ` — skipped: ${why}` : ''}`, () => {
  let primary: Cluster;
  let standby: Cluster;
  let t: TestApp;
  let server: ServerProcess;

  beforeAll(async () => {
    ({ primary, standby, url } = await replicatedPair());
    t = await appOn(url);
    server = await startServer({ DATABASE_URL: url, CAST_DEADLINE_MS: '3000' });
  }, 120_000);
  let url: string;

  afterAll(async () => {
    await server?.kill();
    await t?.database.close().catch(() => {});
    await primary?.remove();
    await standby?.remove();
  });

  it('the primary killed mid-burst, the standby promoted: no acknowledged ballot lost, casting resumes without a restart', { timeout: 240_000 }, async () => {
    const pid = server.proc.pid;
    const { voteId, jobs } = await openVote(t, 400);
    let killed: Promise<void> | null = null;
    const first = await burst(server.origin, jobs, 50, (n) => {
      if (n >= 150) killed ??= primary.kill();
    });
    await killed;
    // Every tablet was answered: a receipt, or a 503 to retry (the standby, still read-only, is not written to).
    const statuses = [...first.values()].map((a) => a?.status ?? 'none');
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect([...first.values()].filter((a) => a?.status === 503).every((a) => a!.code === 'database_unavailable' || a!.code === 'database_busy')).toBe(true);
    const down = await readyz(server.origin);
    expect(down.status).toBe(503);

    const acked = new Map<Job, string>();
    for (const [job, a] of first) if (a?.status === 200 && a.receipt) acked.set(job, a.receipt);
    const waiting = jobs.filter((j) => !acked.has(j));
    expect(waiting.length).toBeGreaterThan(0);

    await standby.promote();
    const promoted = performance.now();
    // The first cast after the promotion that is accepted (the server was not restarted).
    let resumedMs = -1;
    const probe = waiting[0];
    expect(
      await until(async () => {
        const a = await cast(server.origin, probe);
        if (a?.status === 200 && a.receipt) {
          acked.set(probe, a.receipt);
          resumedMs = performance.now() - promoted;
          return true;
        }
        return false;
      }, 60_000),
    ).toBe(true);
    expect(resumedMs).toBeGreaterThanOrEqual(0);
    console.log(`failover: ${acked.size} acknowledged before the kill, casting resumed ${(resumedMs / 1000).toFixed(2)} s after the promotion`);
    expect((await readyz(server.origin)).status).toBe(200);

    for (const job of waiting.slice(1)) {
      const a = await cast(server.origin, job);
      expect(a?.status, JSON.stringify(a)).toBe(200);
      acked.set(job, a!.receipt!);
    }
    expect(server.proc.pid).toBe(pid);
    expect(server.proc.exitCode).toBeNull();
    const l = await ledger(t.database, voteId, jobs, acked);
    expect(l).toEqual({ acknowledged: jobs.length, lost: 0, doubled: 0, wrongMarks: 0, missing: 0, storedWithoutAck: 0 });
  });
});
