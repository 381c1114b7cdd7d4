/**
 * Group commit: requests that arrive together wait a moment (a couple of milliseconds, or until a batch is full) and
 * are stored in one transaction; each caller gets its answer only after that transaction commits. At most a few
 * batches are in flight (each holds a database connection); meanwhile the next requests gather into a larger batch.
 * If a batch fails as a whole (a lost connection, a conflict with another instance), each of its requests is retried
 * on its own, so one bad request cannot sink the others and every caller still gets its own answer.
 */
import { pgCode } from './errors.ts';
import { log } from './log.ts';

export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };
type Pending<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };

export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = 0;

  constructor(
    /** Stores a batch in one transaction; answers one outcome per item, in order. Throws when the whole batch failed. */
    private readonly store: (batch: I[]) => Promise<Outcome<O>[]>,
    private readonly opts: { name: string; maxBatch?: number; waitMs?: number; maxRunning?: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= (this.opts.maxBatch ?? 500)) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.opts.waitMs ?? 2);
    });
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
      if (batch.length === 1) return batch[0].reject(e);
      // Only the error's code: a database error's detail can quote the failing row (marks, answers, receipts).
      log.warn(`${this.opts.name}.batch_retry`, { size: batch.length, code: pgCode(e) ?? (e as Error).name });
      await Promise.all(batch.map((p) => this.run([p])));
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i].resolve(o.value) : batch[i].reject(o.error)));
  }
}
