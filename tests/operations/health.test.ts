/**
 * Health, readiness and metrics, in process on this run's database (PGlite or PostgreSQL): what a load balancer and a
 * Prometheus scraper see, and that /metrics is not there unless a token is set.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { knownMigrations, migrateDatabase, MigrationError } from '../../server/db/client.ts';
import { useTestApp } from '../helpers/app.ts';
import { hall, marksOf, runVote, secretOf } from '../tally/helpers.ts';

const t = useTestApp();
const TOKEN = 'scrape-me-please-0123456789';
const withMetrics = () => createApp({ deps: t.deps, metricsToken: TOKEN, poolMax: 7 });
const scrape = async (app = withMetrics()) => {
  const r = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.text();
};
/** The value of one sample line, e.g. value(text, 'minsheng_open_votes'). */
const value = (text: string, sample: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
};

describe('health and readiness', () => {
  it('/healthz answers while the process is up, without a session', async () => {
    const r = await t.app.request('/healthz');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('/readyz says ready when the database answers and every migration of this code is applied', async () => {
    const r = await t.app.request('/readyz');
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body).toMatchObject({ ready: true, database: t.database.kind, migrations: { applied: knownMigrations().length, known: knownMigrations().length } });
  });

  it('/readyz says 503 on a database a newer version has migrated, and the server refuses to migrate it', async () => {
    const last = Math.max(...knownMigrations().map((m) => m.when));
    await t.database.query(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', $1)`, [last + 86_400_000]);
    try {
      const r = await t.app.request('/readyz');
      expect(r.status).toBe(503);
      expect(await r.json()).toMatchObject({ ready: false, reason: 'migrations_newer' });
      const refused = await migrateDatabase(t.database).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(MigrationError);
      expect((refused as Error).message).toMatch(/newer Minsheng.*restore the backup taken before the upgrade/);
    } finally {
      await t.database.query(`delete from drizzle.__drizzle_migrations where hash = 'from-the-future'`);
    }
    expect((await t.app.request('/readyz')).status).toBe(200);
  });
});

describe('/metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    expect((await t.app.request('/metrics')).status).toBe(404);
    expect((await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('asks for the bearer token, and refuses a wrong one', async () => {
    const app = withMetrics();
    const none = await app.request('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await app.request('/metrics', { headers: { authorization: TOKEN } })).status).toBe(401);
  });

  it('counts requests by route pattern and status, with latency histograms, never the address itself', async () => {
    const app = withMetrics();
    const before = await scrape(app);
    const sample = 'minsheng_http_requests_total{method="GET",route="/api/public/congresses/:congressId",status="400"}';
    const n0 = value(before, sample) ?? 0;
    const secretish = 'ZZSECRETZZ';
    for (let i = 0; i < 3; i++) await app.request(`/api/public/congresses/${secretish}${i}?token=${secretish}`);
    const after = await scrape(app);
    expect(value(after, sample)).toBe(n0 + 3);
    expect(after).not.toContain(secretish);
    expect(after).toMatch(/^# TYPE minsheng_http_request_duration_seconds histogram$/m);
    expect(after).toMatch(/^minsheng_http_request_duration_seconds_bucket\{method="GET",route="\/api\/public\/congresses\/:congressId",le="\+Inf"\} \d+$/m);
    expect(value(after, 'minsheng_db_pool_max')).toBe(t.database.kind === 'postgres' ? 7 : 1);
    if (t.database.kind === 'postgres') expect(after).toMatch(/^minsheng_db_connections\{state="[a-z ]+"\} \d+$/m);
    // Every line is a comment or a sample in the text format.
    for (const line of after.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+]+)$/);
  });

  it('counts ballots cast (not repeats) and shows the open vote while it is open', async () => {
    const h = await hall(t, { seated: 5 });
    const vote = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
    const before = value(await scrape(), 'minsheng_ballots_cast_total')!;
    let openSeen: number | undefined;
    const ballots = ['F-A-', '-FF-', 'A--F'].map((s) => marksOf(h.candidateIds, s));
    const { cards } = await runVote(t, h, vote.id, ballots, {
      whileOpen: async (cards) => {
        // A tablet retrying the same cast gets the same receipt and is not counted again.
        const again = await t.app.request('/api/public/ballot/cast', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: cards[0].url.split('#')[1], marks: ballots[0], retry: secretOf(cards[0].url.split('#')[1]) }),
        });
        expect(again.status).toBe(200);
        openSeen = value(await scrape(), 'minsheng_open_votes');
      },
    });
    expect(cards.length).toBeGreaterThanOrEqual(3);
    expect(openSeen).toBeGreaterThanOrEqual(1);
    const after = await scrape();
    expect(value(after, 'minsheng_ballots_cast_total')).toBe(before + 3);
    expect(value(after, 'minsheng_open_votes')).toBe((openSeen ?? 1) - 1);
  });
});
