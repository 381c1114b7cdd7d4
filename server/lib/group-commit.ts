/**
 * Group commit: requests that arrive together wait a moment (a couple of milliseconds, or until a batch is full) and
 * are stored in one transaction; each caller gets its answer only after that transaction commits. At most a few
 * batches are in flight (each holds a database connection); meanwhile the next requests gather into a larger batch.
 * If a batch fails because of one of its items (a constraint, a conflict with another instance), each of its items is
 * retried on its own, so one bad request cannot sink the others. If it fails because the database did (gone, busy
 * past a deadline, cannot write), every item gets that answer at once: retrying them one by one against a database
 * that is down would only multiply the wait.
 *
 * Bounded (SPEC §18): at most `maxQueue` items wait (beyond that, 503 server_busy at once, not growing memory), and
 * every caller is answered within `deadlineMs` — a receipt, or 503 database_busy to retry. An answer given at the
 * deadline while the batch is still in the database promises nothing either way: the retry (same card, same marks)
 * gets the first receipt if that batch did commit.
 */
import type { Database, RawQuery } from '../db/client.ts';
import { dbFault, faultError } from './db-faults.ts';
import { pgCode } from './errors.ts';
import { log } from './log.ts';

export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };
type Pending<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void; settled: boolean; timer?: NodeJS.Timeout };

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

  /** Items waiting for a batch (not those in flight). */
  get waiting(): number {
    return this.queue.length;
  }

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      if (this.queue.length >= (this.opts.maxQueue ?? 5000)) return reject(faultError('server_busy'));
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
    log.warn(`${this.opts.name}.deadline`, { waiting: i >= 0 });
    this.settle(p, false, faultError('database_busy'));
  }

  private settle(p: Pending<I, O>, ok: boolean, value: unknown) {
    if (p.settled) return;
    p.settled = true;
    if (p.timer) clearTimeout(p.timer);
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
    void this.run(batch).finally(() => {
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
