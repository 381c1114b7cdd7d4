/**
 * Live updates across server instances: a change is announced with PostgreSQL NOTIFY (PGlite has the same) inside the
 * transaction that makes it, so it is heard only once committed, by every instance LISTENing — the big screen served
 * by one instance shows the ballot taken by another. The payload names the session and what changed, never a figure.
 */
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.ts';
import { log } from './log.ts';

export const EVENTS_CHANNEL = 'minsheng_events';
export type LiveKind = 'attendance' | 'vote' | 'cast' | 'tally';
export type LiveEvent = { s: string; k: LiveKind };

export async function notifySession(db: DbOrTx, sessionId: string, kind: LiveKind): Promise<void> {
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ s: sessionId, k: kind } satisfies LiveEvent)})`);
}

type Listener = (e: LiveEvent) => void;

/** One LISTEN per database connection pool, fanned out to the feed of each session watched here (lib/live-hub.ts). */
class Hub {
  private bySession = new Map<string, Set<Listener>>();
  private started: Promise<unknown> | null = null;
  constructor(private database: Database) {}

  private start() {
    this.started ??= this.database
      .listen(EVENTS_CHANNEL, (payload) => {
        let e: LiveEvent;
        try {
          e = JSON.parse(payload) as LiveEvent;
        } catch {
          return;
        }
        for (const fn of this.bySession.get(e.s) ?? []) fn(e);
      })
      .catch((err: unknown) => {
        this.started = null; // try again at the next subscriber
        log.error('events.listen_failed', { error: String(err) });
      });
    return this.started;
  }

  async subscribe(sessionId: string, fn: Listener): Promise<() => void> {
    await this.start();
    const set = this.bySession.get(sessionId) ?? new Set();
    set.add(fn);
    this.bySession.set(sessionId, set);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.bySession.delete(sessionId);
    };
  }
}

const hubs = new WeakMap<Database, Hub>();
export function hubOf(database: Database): Hub {
  let h = hubs.get(database);
  if (!h) hubs.set(database, (h = new Hub(database)));
  return h;
}
