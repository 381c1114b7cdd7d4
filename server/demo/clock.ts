/**
 * The demo's year, told in a few seconds: the loader says "it is now 10 January, 09:30" before each step
 * (`clock.set`), and everything the system stamps during that step carries that time.
 *
 * - What the app stamps itself through `now()` (server/lib/clock.ts) — audit entries, a tally published, a round
 *   opened — gets the demo's time as it is written: the audit log stays append-only and its chain unbroken.
 * - What the database stamps (`default now()`, a `new Date()` in an action) gets the wall-clock time; `warp` then moves
 *   every such time written since the load began to the demo time of the step that wrote it. It runs before each tally
 *   is published too (a published tally and its signatures can no longer change).
 */
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.ts';
import { log } from '../lib/log.ts';

type Segment = { real: number; demo: number };

/** Tables whose times are the system's own, not the story's: sign-in sessions, rate limits, keys, the audit log. */
const KEEP = new Set(['audit_log', 'sessions', 'rate_limits', 'signing_keys', 'kiosks']);

/** How far before the load began the story's latest steps are stamped, at the latest (DemoClock.set). */
const LAG_MS = 60_000;
const DAY_MS = 86_400_000;

export class DemoClock {
  private readonly segments: Segment[];
  readonly loadStarted: number;

  constructor(start: Date) {
    this.loadStarted = Date.now();
    this.segments = [{ real: this.loadStarted, demo: start.getTime() }];
  }

  private ended = false;

  /** The demo's time now: the last time set, run on by the wall clock since; the wall clock once the demo has ended. */
  now = (): Date => (this.ended ? new Date() : new Date(this.map(Date.now())));

  /** The story is told: a timer the demo's calls left behind (it keeps their async context) stamps the wall clock. */
  end() {
    this.ended = true;
  }

  /**
   * From now on the demo's time is `at`. Never backwards: a time before the demo's present (a year squeezed into a few
   * days, when the demo is loaded early in January) becomes a second after it, so the order of events always holds.
   * Never after the load began either: a step the story places later today than the load (a demo loaded after
   * midnight, before the office's morning) happens at that hour a day earlier — still in order, before anything the wall
   * clock stamps during or after the load.
   */
  set(at: Date): Date {
    const present = this.now().getTime();
    const latest = this.loadStarted - LAG_MS;
    let demo = Math.max(at.getTime(), present + 1000);
    if (demo > latest) demo = Math.max(at.getTime() - DAY_MS, present + 1000);
    if (demo > latest) demo = Math.max(latest, present + 1);
    // A new segment starts a millisecond after everything written before it (database times have microseconds).
    const real = Date.now() + 1;
    while (Date.now() < real) {
      /* wait out the millisecond */
    }
    this.segments.push({ real, demo });
    return new Date(demo);
  }

  private map(real: number): number {
    let s = this.segments[0];
    for (const x of this.segments) if (x.real <= real) s = x;
    return s.demo + (real - s.real);
  }

  /** Move every time the database stamped since the load began (wall clock) to the demo's time of its step. */
  async warp(database: Database): Promise<void> {
    const started = performance.now();
    const until = Date.now() + 1;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temp table demo_warp (real timestamptz primary key, demo timestamptz not null) on commit drop`);
      const rows = sql.join(
        this.segments.map((s) => sql`(${new Date(s.real).toISOString()}::timestamptz, ${new Date(s.demo).toISOString()}::timestamptz)`),
        sql`, `,
      );
      await tx.execute(sql`insert into demo_warp (real, demo) values ${rows} on conflict (real) do nothing`);
      const cols = await rowsOf<{ table_name: string; column_name: string }>(
        tx,
        sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type = 'timestamp with time zone' order by table_name, column_name`,
      );
      const from = new Date(this.loadStarted).toISOString();
      const to = new Date(until).toISOString();
      // A vote's countdown ends a fixed time after it opened: keep that distance (it lies past the load's interval).
      await tx.execute(sql`update votes set countdown_ends_at = countdown_ends_at - opened_at + (select w.demo + (votes.opened_at - w.real) from demo_warp w where w.real <= votes.opened_at order by w.real desc limit 1)
        where countdown_ends_at is not null and opened_at between ${from}::timestamptz and ${to}::timestamptz`);
      for (const { table_name: t, column_name: c } of cols) {
        if (KEEP.has(t)) continue;
        const T = sql.identifier(t);
        const C = sql.identifier(c);
        await tx.execute(
          sql`update ${T} set ${C} = (select w.demo + (${T}.${C} - w.real) from demo_warp w where w.real <= ${T}.${C} order by w.real desc limit 1) where ${C} between ${from}::timestamptz and ${to}::timestamptz`,
        );
      }
    });
    log.debug('demo times moved to the story', { segments: this.segments.length, ms: Math.round(performance.now() - started) });
  }
}

async function rowsOf<T>(tx: DbOrTx, q: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await tx.execute(q)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}

/** A wall-clock time in Asia/Shanghai on a calendar day: `shanghai('2026-01-10', '09:30')`. */
export const shanghai = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
