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
const RETRY_LISTEN_MS = 5000;
/** What a table trigger announces (drizzle/0013_public_cache_notify.sql): a committed change to that table. */
export type TableEvent = { t: string };
/** Watchers of every table change and of the LISTEN itself (the public cache, lib/public-cache.ts). */
export type TableWatcher = {
  changed(table: string): void;
  /** The LISTEN is in place: from now on every change is heard (any before it may have been missed). */
  listening(): void;
  /** The LISTEN's connection is gone: changes are not heard until `listening` again. */
  lost(): void;
};

/** One LISTEN per database connection pool, fanned out to the feed of each session watched here (lib/live-hub.ts). */
class Hub {
  private bySession = new Map<string, Set<Listener>>();
  private tables = new Set<TableWatcher>();
  private started: Promise<unknown> | null = null;
  /** True between the LISTEN in place and its connection lost. */
  private live = false;
  /** LISTEN was in place before: the next `onListen` is a reconnect, after which changes may have been missed. */
  private everListened = false;
  /** When the last LISTEN attempt failed: `ensure` tries again only some seconds later (each try waits on a connect). */
  private failedAt = 0;
  constructor(private database: Database) {}

  get listening(): boolean {
    return this.live;
  }

  private start() {
    this.started ??= this.database
      .listen(
        EVENTS_CHANNEL,
        (payload) => {
          let e: LiveEvent | TableEvent;
          try {
            e = JSON.parse(payload) as LiveEvent | TableEvent;
          } catch {
            return;
          }
          if ('t' in e && typeof e.t === 'string') {
            for (const w of this.tables) w.changed(e.t);
            return;
          }
          for (const fn of this.bySession.get((e as LiveEvent).s) ?? []) fn(e as LiveEvent);
        },
        {
          onListen: () => {
            this.live = true;
            for (const w of this.tables) w.listening();
            // Back after a lost connection: what changed meanwhile was not heard; every live feed builds afresh.
            if (this.everListened) for (const [s, set] of this.bySession) for (const fn of set) fn({ s, k: 'attendance' });
            this.everListened = true;
          },
          onLost: () => {
            this.live = false;
            for (const w of this.tables) w.lost();
          },
        },
      )
      .catch((err: unknown) => {
        this.started = null; // try again at the next subscriber
        this.live = false;
        this.failedAt = Date.now();
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

  /** Hear every table change; the LISTEN is started (again, after a failure) if need be. */
  watchTables(w: TableWatcher): Promise<unknown> {
    this.tables.add(w);
    return this.ensure();
  }

  /** Start the LISTEN if it is not (a failed start is tried again here, at most every RETRY_LISTEN_MS). */
  ensure(): Promise<unknown> {
    if (!this.started && Date.now() - this.failedAt < RETRY_LISTEN_MS) return Promise.resolve();
    return this.start();
  }
}

const hubs = new WeakMap<Database, Hub>();
export function hubOf(database: Database): Hub {
  let h = hubs.get(database);
  if (!h) hubs.set(database, (h = new Hub(database)));
  return h;
}
