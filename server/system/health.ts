import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { migrationStatus, type Database } from '../db/client.ts';
import type { AppEnv } from '../lib/env.ts';
import { dbFault } from '../lib/db-faults.ts';
import { pgliteWritable } from '../db/pglite-storage.ts';
import { withDeadline } from '../lib/deadline.ts';
import { renderMetrics } from './metrics.ts';

/**
 * For load balancers and monitoring, outside /api (no session, no CSRF, no language):
 * - /healthz: the process is up and answering (never touches the database: a slow database must not get a healthy
 *   process killed);
 * - /readyz: the database answers a real query within 2 s, is a primary, can write (PGlite) and its migrations are the
 *   ones this code expects — send traffic here;
 * - /metrics: Prometheus text, only when METRICS_TOKEN is set, and only with that bearer token.
 */
const READY_TIMEOUT_MS = 2000;

export type HealthOptions = { database: Database; metricsToken?: string; poolMax?: number };

type Readiness = { ready: boolean; body: Record<string, unknown> };

/**
 * Ready means: a real query answered within the deadline, on a primary (not a standby still in recovery, as during a
 * failover), with the migrations this code expects, and — on PGlite — a write reached the disk.
 */
async function readiness(database: Database): Promise<Readiness> {
  const first = await readinessOnce(database);
  // One pooled connection that died with the database's last restart answers its first query with an error: that says
  // nothing about the database now, so an unreachable answer is asked once more (within the same short deadline).
  if (!first.ready && first.body.reason === 'database_unreachable') return readinessOnce(database);
  return first;
}

async function readinessOnce(database: Database): Promise<Readiness> {
  const started = performance.now();
  const not = (reason: string, extra: Record<string, unknown> = {}): Readiness => ({ ready: false, body: { ready: false, database: database.kind, reason, ...extra } });
  try {
    return await withDeadline(
      (async (): Promise<Readiness> => {
        if (database.kind === 'postgres') {
          const [r] = await database.query<{ standby: boolean }>('select pg_is_in_recovery() as standby');
          if (r?.standby) return not('database_read_only');
        }
        const status = await migrationStatus(database);
        const migrations = { applied: status.applied, known: status.known };
        if (!status.current) return not(status.newer ? 'migrations_newer' : 'migrations_pending', { migrations });
        if (database.kind === 'pglite') {
          const w = await pgliteWritable(database);
          if (!w.ok) return not('storage_not_writable', { detail: w.reason });
        }
        return { ready: true, body: { ready: true, database: database.kind, migrations, ms: Math.round(performance.now() - started) } };
      })(),
      READY_TIMEOUT_MS,
    );
  } catch (e) {
    if (e instanceof Error && e.message === 'timeout') return not('database_timeout');
    return not(dbFault(e) === 'storage_full' ? 'storage_not_writable' : 'database_unreachable');
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function healthRoutes(opts: HealthOptions) {
  const app = new Hono<AppEnv>()
    .get('/healthz', (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ ok: true });
    })
    .get('/readyz', async (c) => {
      c.header('Cache-Control', 'no-store');
      const r = await readiness(opts.database);
      return c.json(r.body, r.ready ? 200 : 503);
    });
  if (opts.metricsToken) {
    const expected = opts.metricsToken;
    app.get('/metrics', async (c) => {
      c.header('Cache-Control', 'no-store');
      const auth = c.req.header('authorization') ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
      if (!sameToken(given, expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return c.json({ error: { code: 'unauthenticated', message: 'Metrics need the bearer token set in METRICS_TOKEN.' } }, 401);
      }
      return c.body(await renderMetrics(opts.database, opts.poolMax ?? 10), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    });
  }
  return app;
}
