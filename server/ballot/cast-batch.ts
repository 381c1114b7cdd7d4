/**
 * Group commit for tablet casts. Casts that arrive together wait a moment (a couple of milliseconds, or until a batch
 * is full) and are stored in one transaction; each request gets its receipt only after that transaction commits. The
 * guarantees of a single cast stay: the card rows are locked (in a fixed order, so two batches cannot deadlock), the
 * vote must be open at commit time, a card stores one ballot, the same card with the same marks answers the same
 * receipt, and with other marks it is refused. If a batch fails as a whole, each of its casts is retried on its own.
 */
import { inArray, sql } from 'drizzle-orm';
import { normalizeMarks, sameMarks, type Marks } from '../../shared/ballot/marks.ts';
import type { Database, Db, Tx } from '../db/client.ts';
import { ballots, cards, votes } from '../db/schema/index.ts';
import { AppError, pgCode } from '../lib/errors.ts';
import { notifySession } from '../lib/events.ts';
import { log } from '../lib/log.ts';
import type { BallotPayload } from './tokens.ts';
import { newReceipt } from './tokens.ts';
import { CAST_LOCK, candidateIdsOf, voteState } from './votes.ts';

type Pending = { payload: BallotPayload; marks: Record<string, string>; resolve: (r: { receipt: string; repeated: boolean }) => void; reject: (e: unknown) => void };
type VoteRow = typeof votes.$inferSelect;

const MAX_BATCH = 500;
const WAIT_MS = 2;
/** Batches in flight at once (each holds a database connection). */
const MAX_RUNNING = 3;
const NOTIFY_EVERY_MS = 200;

const marksError = (reason: 'unknown_candidate' | 'bad_mark') =>
  new AppError('ballot_marks', { reason: reason === 'unknown_candidate' ? { zh: '有不在清单上的项目', en: 'a candidate not on the list' } : { zh: '有不允许的标记', en: 'a mark that is not allowed' } });

export class CastQueue {
  private queue: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A vote's candidates never change once it exists (a frozen list, or the runoff's part of it). */
  private candidates = new Map<string, string[]>();
  private running = 0;

  constructor(private readonly db: Db) {}

  private lastNotify = new Map<string, number>();
  private trailing = new Map<string, ReturnType<typeof setTimeout>>();

  /** True when this batch should notify; otherwise a trailing notification is scheduled so the last count shows. */
  private notifyNow(sessionId: string): boolean {
    const now = Date.now();
    if (now - (this.lastNotify.get(sessionId) ?? 0) >= NOTIFY_EVERY_MS) {
      this.lastNotify.set(sessionId, now);
      return true;
    }
    if (!this.trailing.has(sessionId)) {
      const t = setTimeout(() => {
        this.trailing.delete(sessionId);
        this.lastNotify.set(sessionId, Date.now());
        notifySession(this.db, sessionId, 'cast').catch((e: unknown) => log.warn('cast.notify_failed', { code: pgCode(e) ?? (e as Error).name }));
      }, NOTIFY_EVERY_MS);
      t.unref?.();
      this.trailing.set(sessionId, t);
    }
    return false;
  }

  cast(payload: BallotPayload, marks: Record<string, string>): Promise<{ receipt: string; repeated: boolean }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ payload, marks, resolve, reject });
      if (this.queue.length >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), WAIT_MS);
    });
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Group commit: with enough batches in flight, casts keep gathering and go in the next, larger batch.
    if (this.running >= MAX_RUNNING) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    if (this.queue.length) this.timer = setTimeout(() => this.flush(), 0);
    this.running++;
    void this.store(batch).finally(() => {
      this.running--;
      if (this.queue.length) this.flush();
    });
  }

  private async candidateIds(tx: Tx, vote: VoteRow) {
    let ids = this.candidates.get(vote.id);
    if (!ids) {
      ids = await candidateIdsOf(tx, vote);
      this.candidates.set(vote.id, ids);
    }
    return ids;
  }

  private async store(batch: Pending[]) {
    let outcomes: ({ ok: true; receipt: string; repeated: boolean } | { ok: false; error: unknown })[];
    try {
      outcomes = await this.db.transaction((tx) => this.storeIn(tx, batch));
    } catch (e) {
      // The whole batch failed (a lost connection, a conflict with another instance): one by one, so that one bad
      // cast cannot sink the others and every request still gets its own answer.
      if (batch.length === 1) return batch[0].reject(e);
      // Only the error's code: a database error's detail can quote the failing row (marks, receipt).
      log.warn('cast.batch_retry', { size: batch.length, code: pgCode(e) ?? (e as Error).name });
      for (const p of batch) this.store([p]);
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i].resolve({ receipt: o.receipt, repeated: o.repeated }) : batch[i].reject(o.error)));
  }

  private async storeIn(tx: Tx, batch: Pending[]) {
    const ballotIds = [...new Set(batch.map((p) => p.payload.b))];
    // Lock the cards in one order (by id) so that two batches sharing a card wait for each other instead of deadlocking.
    const cardRows = await tx.select().from(cards).where(inArray(cards.ballotId, ballotIds)).orderBy(cards.id).for('update');
    const voteIds = [...new Set(cardRows.map((c) => c.voteId))].sort();
    // A shared advisory lock per vote: closing the vote takes it exclusively, so the close waits for this batch, or
    // this batch (reading the vote after the lock) sees it closed. Not a row lock on the vote: many batches sharing a
    // row lock make PostgreSQL write multixacts on that one row, which serialises them.
    for (const id of voteIds) await tx.execute(sql`select pg_advisory_xact_lock_shared(${CAST_LOCK}::int, hashtext(${id}::text))`);
    const voteRows = voteIds.length ? await tx.select().from(votes).where(inArray(votes.id, voteIds)) : [];
    const existing = cardRows.length ? await tx.select().from(ballots).where(inArray(ballots.cardId, cardRows.map((c) => c.id))) : [];
    const byBallotId = new Map(cardRows.map((c) => [c.ballotId, c]));
    const voteById = new Map(voteRows.map((v) => [v.id, v]));
    const stored = new Map(existing.map((b) => [b.cardId, { marks: b.marks as Marks, receipt: b.receipt, paper: b.paper }]));
    const inserts: (typeof ballots.$inferInsert)[] = [];
    const sessions = new Set<string>();
    const out: ({ ok: true; receipt: string; repeated: boolean } | { ok: false; error: unknown })[] = [];
    for (const p of batch) {
      try {
        const card = byBallotId.get(p.payload.b);
        if (!card || card.voteId !== p.payload.v) throw new AppError('card_signature');
        const vote = voteById.get(card.voteId)!;
        const state = voteState(vote);
        if (state === 'draft') throw new AppError('vote_not_open');
        if (state === 'closed') throw new AppError('vote_closed');
        if (card.voided) throw new AppError('card_voided');
        if (vote.issuanceMode === 'scan' && !card.issued) throw new AppError('card_not_issued');
        const checked = normalizeMarks(p.marks, await this.candidateIds(tx, vote), vote.markMode);
        if (!checked.ok) throw marksError(checked.reason);
        const before = stored.get(card.id);
        if (before) {
          if (!before.paper && sameMarks(before.marks, checked.marks)) {
            out.push({ ok: true, receipt: before.receipt, repeated: true });
            continue;
          }
          throw new AppError('card_used');
        }
        const receipt = newReceipt();
        inserts.push({ voteId: vote.id, cardId: card.id, marks: checked.marks, receipt, paper: false });
        stored.set(card.id, { marks: checked.marks, receipt, paper: false });
        sessions.add(vote.sessionId);
        out.push({ ok: true, receipt, repeated: false });
      } catch (e) {
        out.push({ ok: false, error: e });
      }
    }
    if (inserts.length) await tx.insert(ballots).values(inserts);
    // NOTIFY makes commits queue on one lock: tell the screens at most every 200 ms per session, the last one after.
    for (const s of sessions) if (this.notifyNow(s)) await notifySession(tx, s, 'cast');
    return out;
  }
}

const queues = new WeakMap<Database['db'], CastQueue>();
export function castQueue(db: Db): CastQueue {
  let q = queues.get(db);
  if (!q) queues.set(db, (q = new CastQueue(db)));
  return q;
}

