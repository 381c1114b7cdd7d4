/**
 * Group commit: requests that arrive together wait a moment (a couple of milliseconds, or until a batch is full) and
 * are stored in one transaction; each caller gets its answer only after that transaction commits. At most a few
 * batches are in flight (each holds a database connection); meanwhile the next requests gather into a larger batch.
 * If a batch fails because of one of its items (a constraint, a conflict with another instance), each of its items is
 * retried on its own, so one bad request cannot sink the others. If it fails because the database did (gone, busy
 * past a deadline, cannot write), every item gets that answer at once: retrying them one by one against a database
 * that is down would only multiply the wait.
 *
 * Bounded (design §13): at most `maxQueue` items wait (beyond that, 503 server_busy at once, not growing memory), and
 * every caller is answered within `deadlineMs` — a receipt, or 503 database_busy to retry. An answer given at the
 * deadline while the batch is still in the database promises nothing either way: the retry (same card, same marks)
 * gets the first receipt if that batch did commit.
 *
 * The log (design §12): the casts and answers themselves write no request line (QUIET_ROUTES in app.ts), and a queue
 * writes no line per item or per batch either — a batch of one is one person's cast or answer, and its time, matched
 * with the audit log's card sign-ins, would narrow who did it when. Each queue writes one summary per clock minute in
 * which it worked (`<name>.batches`: batches, items, outcomes by code, time spent), and the last one when the process
 * exits. A batch that fails for one item is still said at once (`<name>.batch_retry`: its size and the error's code).
 */
import type { Database, RawQuery } from '../db/client.ts';
import { dbFault, faultError } from './db-faults.ts';
import { AppError, pgCode } from './errors.ts';
import { log } from './log.ts';

export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };
type Pending<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void; settled: boolean; timer?: NodeJS.Timeout };

/** The window of a queue's log summary, aligned to the clock. */
export const SUMMARY_MS = 60_000;

type Summary = { from: number; batches: number; items: number; outcomes: Record<string, number>; ms: number; maxMs: number; retries: number; expired: number };
const summaries = new Map<string, Summary>();
let summaryTimer: ReturnType<typeof setTimeout> | null = null;

/** The queue's summary of the current window, started (and its flush scheduled) when the window's first event comes. */
function summaryOf(name: string): Summary {
  let s = summaries.get(name);
  if (!s) {
    const now = Date.now();
    summaries.set(name, (s = { from: now - (now % SUMMARY_MS), batches: 0, items: 0, outcomes: {}, ms: 0, maxMs: 0, retries: 0, expired: 0 }));
    if (!summaryTimer) {
      summaryTimer = setTimeout(flushSummaries, SUMMARY_MS - (now % SUMMARY_MS) + 1);
      summaryTimer.unref?.();
    }
  }
  return s;
}

/** Write every queue's summary of the window that ended (or, at exit, of the window so far). */
export function flushSummaries() {
  if (summaryTimer) clearTimeout(summaryTimer);
  summaryTimer = null;
  for (const [name, s] of summaries)
    log.info(`${name}.batches`, {
      from: new Date(s.from).toISOString(),
      to: new Date(Math.min(Date.now(), s.from + SUMMARY_MS)).toISOString(),
      batches: s.batches,
      items: s.items,
      outcomes: s.outcomes,
      ms: Math.round(s.ms),
      maxMs: Math.round(s.maxMs),
      ...(s.retries ? { retries: s.retries } : {}),
      ...(s.expired ? { expired: s.expired } : {}),
    });
  summaries.clear();
}
// A stop writes what the last window saw (main.ts flushes before it exits and waits for stdout); this handler is for any
// other exit (flushSummaries leaves nothing behind, so the second call writes nothing).
process.once('exit', flushSummaries);

/** An outcome as the summary counts it: `ok`, or the refusal's code (never its details). */
const outcomeCode = (ok: boolean, e: unknown) => (ok ? 'ok' : e instanceof AppError ? e.code : (pgCode(e) ?? 'error'));

export type GroupCommitOptions = { name: string; maxBatch?: number; waitMs?: number; maxRunning?: number; maxQueue?: number; deadlineMs?: number };

export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = 0;

  constructor(
    /** Stores a batch in one transaction; answers one outcome per item, in order. Throws when the whole batch failed. */
    private readonly store: (batch: I[]) => Promise<Outcome<O>[]>,
    private readonly opts: GroupCommitOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      if (this.queue.length >= (this.opts.maxQueue ?? 5000)) {
        const e = faultError('server_busy');
        const sum = summaryOf(this.opts.name);
        sum.outcomes.server_busy = (sum.outcomes.server_busy ?? 0) + 1;
        return reject(e);
      }
      const p: Pending<I, O> = { item, resolve, reject, settled: false };
      if (this.opts.deadlineMs) {
        p.timer = setTimeout(() => this.expire(p), this.opts.deadlineMs);
        p.timer.unref?.();
      }
      this.queue.push(p);
      if (this.queue.length >= (this.opts.maxBatch ?? 500)) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.opts.waitMs ?? 2);
    });
  }

  /** The deadline passed: answer 503 now. A waiting item leaves the queue; one in flight is answered and its result dropped. */
  private expire(p: Pending<I, O>) {
    if (p.settled) return;
    const i = this.queue.indexOf(p);
    if (i >= 0) this.queue.splice(i, 1);
    summaryOf(this.opts.name).expired++; // counted in the summary, not said one by one (its time is an arrival time)
    this.settle(p, false, faultError('database_busy'));
  }

  private settle(p: Pending<I, O>, ok: boolean, value: unknown) {
    if (p.settled) return;
    p.settled = true;
    if (p.timer) clearTimeout(p.timer);
    const sum = summaryOf(this.opts.name);
    const code = outcomeCode(ok, value);
    sum.items++;
    sum.outcomes[code] = (sum.outcomes[code] ?? 0) + 1;
    if (ok) p.resolve(value as O);
    else p.reject(value);
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running >= (this.opts.maxRunning ?? 3)) return; // the running batches flush again when they end
    const batch = this.queue.splice(0, this.opts.maxBatch ?? 500);
    if (batch.length === 0) return;
    if (this.queue.length) this.timer = setTimeout(() => this.flush(), 0);
    this.running++;
    const started = performance.now();
    void this.run(batch).finally(() => {
      const sum = summaryOf(this.opts.name);
      const ms = performance.now() - started;
      sum.batches++;
      sum.ms += ms;
      sum.maxMs = Math.max(sum.maxMs, ms);
      this.running--;
      if (this.queue.length) this.flush();
    });
  }

  private async run(batch: Pending<I, O>[]) {
    let outcomes: Outcome<O>[];
    try {
      outcomes = await this.store(batch.map((p) => p.item));
    } catch (e) {
      if (batch.length === 1 || dbFault(e)) {
        for (const p of batch) this.settle(p, false, e);
        return;
      }
      // Only the error's code: a database error's detail can quote the failing row (marks, answers, receipts).
      log.warn(`${this.opts.name}.batch_retry`, { size: batch.length, code: pgCode(e) ?? (e as Error).name });
      summaryOf(this.opts.name).retries++;
      await Promise.all(batch.filter((p) => !p.settled).map((p) => this.run([p])));
      return;
    }
    outcomes.forEach((o, i) => this.settle(batch[i], o.ok, o.ok ? o.value : o.error));
  }
}

/**
 * One batch's transaction with the casting deadlines (statement and lock timeouts for this transaction only), set by
 * the first statement of the pipeline, before `fn`'s statements.
 */
export function batchTransaction<T>(database: Database, fn: (q: RawQuery) => Promise<T>): Promise<T> {
  const d = database.deadlines;
  return database.rawTransaction(async (q) => {
    const [, out] = await Promise.all([
      q(`select set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true)`, [`${d.castMs}ms`, `${Math.min(d.lockMs, d.castMs)}ms`]),
      fn(q),
    ]);
    return out;
  });
}

/** The group-commit options a database's deadlines give. */
export const boundsOf = (database: Database) => ({ deadlineMs: database.deadlines.castMs, maxQueue: database.deadlines.queueMax });

/**
 * The queue of a batch store: each batch in its own `batchTransaction` with the database's bounds. `before` runs
 * outside the transaction first (reads that never change, e.g. a vote's candidates, kept out of the locked time).
 */
export function batchQueue<I, O>(database: Database, name: string, store: (q: RawQuery, batch: I[]) => Promise<Outcome<O>[]>, before?: (batch: I[]) => Promise<void>): GroupCommit<I, O> {
  return new GroupCommit<I, O>(
    async (batch) => {
      if (before) await before(batch);
      return batchTransaction(database, (q) => store(q, batch));
    },
    { name, ...boundsOf(database) },
  );
}

/**
 * The start of a batch into things that close (votes, evaluation rounds): in one round trip (pipelined) and run in
 * order, a shared advisory lock of class `lockClass` on each key (sorted, so two batches take them in one order and
 * cannot deadlock), then `reads` — which therefore see a close that committed before. Closing takes the same lock
 * exclusively, so a close waits for the batch, or the batch sees it closed. Not a row lock: many batches sharing a row
 * lock make PostgreSQL write multixacts on that one row, which serialises them. `reads` is called after the lock's
 * statement is sent: its statements go after it on the connection. One statement for the lock, one per read.
 */
export async function lockThenRead<T extends unknown[]>(q: RawQuery, lockClass: number, keys: string[], reads: () => { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const lock = q(`select pg_advisory_xact_lock_shared($1::int, hashtext(k)) from jsonb_array_elements_text($2::jsonb) as k order by k`, [lockClass, JSON.stringify([...new Set(keys)].sort())]);
  const [, ...out] = await Promise.all([lock, ...(reads() as Promise<unknown>[])]);
  return out as T;
}

/** Decide each item of a batch in order: its value, or the error it threw (one item's refusal is not the batch's). */
export function decideEach<I, O>(batch: I[], decide: (item: I, i: number) => O): Outcome<O>[] {
  return batch.map((item, i) => {
    try {
      return { ok: true, value: decide(item, i) };
    } catch (error) {
      return { ok: false, error };
    }
  });
}
