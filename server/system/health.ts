import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { migrationStatus, type Database } from '../db/client.ts';
import type { AppEnv } from '../lib/env.ts';
import { renderMetrics } from './metrics.ts';

/**
 * For load balancers and monitoring, outside /api (no session, no CSRF, no language):
 * - /healthz: the process is up and answering (never touches the database: a slow database must not get a healthy
 *   process killed);
 * - /readyz: the database answers within 2 s and its migrations are the ones this code expects — send traffic here;
 * - /metrics: Prometheus text, only when METRICS_TOKEN is set, and only with that bearer token.
 */
const READY_TIMEOUT_MS = 2000;

export type HealthOptions = { database: Database; metricsToken?: string; poolMax?: number };

async function readiness(database: Database): Promise<{ ready: boolean; body: Record<string, unknown> }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
  });
  try {
    const status = await Promise.race([migrationStatus(database), timeout]);
    const ms = Math.round(performance.now() - started);
    if (!status.current)
      return {
        ready: false,
        body: { ready: false, database: database.kind, reason: status.newer ? 'migrations_newer' : 'migrations_pending', migrations: { applied: status.applied, known: status.known }, ms },
      };
    return { ready: true, body: { ready: true, database: database.kind, migrations: { applied: status.applied, known: status.known }, ms } };
  } catch (e) {
    const reason = e instanceof Error && e.message === 'timeout' ? 'database_timeout' : 'database_unreachable';
    return { ready: false, body: { ready: false, database: database.kind, reason } };
  } finally {
    clearTimeout(timer);
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
