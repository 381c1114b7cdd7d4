/**
 * Group commit for tablet casts (see lib/group-commit.ts). The guarantees of a single cast stay: the card rows are
 * locked (in a fixed order, so two batches cannot deadlock), the vote must be open at commit time, a card stores one
 * ballot, the same card with the same marks answers the same receipt, and with other marks it is refused.
 */
import { timingSafeEqual } from 'node:crypto';
import { cardRefusal } from '../../shared/ballot/card-rule.ts';
import { sameMarks, type Marks } from '../../shared/ballot/methods/index.ts';
import { normaliseBallot, type Question } from '../../shared/ballot/questions.ts';
import type { Database, RawQuery } from '../db/client.ts';
import { votes } from '../db/schema/index.ts';
import { AppError, pgCode } from '../lib/errors.ts';
import { batchQueue, decideEach, lockThenRead, type GroupCommit, type Outcome } from '../lib/group-commit.ts';
import { EVENTS_CHANNEL, notifySession } from '../lib/events.ts';
import { log } from '../lib/log.ts';
import { eq } from 'drizzle-orm';
import type { BallotPayload } from './tokens.ts';
import { newReceipt } from './tokens.ts';
import { markQuestionsOf } from './motions.ts';
import { CAST_LOCK, marksError } from './votes.ts';

type Pending = { payload: BallotPayload; marks: Record<string, string>; retryHash: string | null };
type Cast = { receipt: string; repeated: boolean };

const NOTIFY_EVERY_MS = 200;

export class CastQueue {
  /**
   * A vote's questions (each one's method, rule and keys). Kept for good once the vote has opened — from then nothing of
   * them can change (the rules are adjusted only before the opening, the motions only before the cards); read again for
   * each batch before that, so a rule changed after a refused early cast is not missed.
   */
  private questions = new Map<string, { questions: Question[]; final: boolean }>();
  private group: GroupCommit<Pending, Cast>;

  constructor(private readonly database: Database) {
    this.group = batchQueue<Pending, Cast>(
      database,
      'cast',
      (q, batch) => this.storeIn(q, batch),
      (batch) => this.loadQuestions([...new Set(batch.map((p) => p.payload.v))]),
    );
  }

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
        notifySession(this.database.db, sessionId, 'cast').catch((e: unknown) => log.warn('cast.notify_failed', { code: pgCode(e) ?? (e as Error).name }));
      }, NOTIFY_EVERY_MS);
      t.unref?.();
      this.trailing.set(sessionId, t);
    }
    return false;
  }

  cast(payload: BallotPayload, marks: Record<string, string>, retryHash: string | null): Promise<Cast> {
    return this.group.submit({ payload, marks, retryHash });
  }

  /** The questions of the batch's votes, read before its transaction (kept only once the vote's cards exist). */
  private async loadQuestions(voteIds: string[]) {
    for (const id of voteIds) {
      if (this.questions.get(id)?.final) continue;
      const [vote] = await this.database.db.select().from(votes).where(eq(votes.id, id));
      if (vote) this.questions.set(id, { questions: await markQuestionsOf(this.database.db, vote), final: !!vote.openedAt });
    }
  }

  /**
   * Raw SQL, not drizzle: building a 500-row insert through the query builder cost more than the database did. The
   * batch's start is the shared shape of lib/group-commit.ts (`lockThenRead`): the shared lock on the votes, then the
   * cards, locked in one order (by id) so that two batches sharing a card wait for each other instead of deadlocking,
   * then the ballots already stored for them.
   */
  private async storeIn(q: RawQuery, batch: Pending[]): Promise<Outcome<Cast>[]> {
    const ballotIds = JSON.stringify([...new Set(batch.map((p) => p.payload.b))]);
    const [cardRows, existing] = await lockThenRead<[CardRow[], StoredRow[]]>(q, CAST_LOCK, batch.map((p) => p.payload.v), () => [
      q<CardRow>(
        `select c.id, c.ballot_id, c.vote_id, c.voided, c.issued, v.opened_at, v.closed_at, v.issuance_mode, v.session_id
           from cards c join votes v on v.id = c.vote_id
          where c.ballot_id in (select jsonb_array_elements_text($1::jsonb)) order by c.id for update of c`,
        [ballotIds],
      ),
      q<StoredRow>(
        `select b.card_id, b.marks, b.receipt, b.paper, b.retry_hash from ballots b join cards c on c.id = b.card_id
          where c.ballot_id in (select jsonb_array_elements_text($1::jsonb))`,
        [ballotIds],
      ),
    ]);
    const byBallotId = new Map(cardRows.map((c) => [c.ballot_id, c]));
    const stored = new Map(existing.map((b) => [b.card_id, { marks: b.marks, receipt: b.receipt, paper: b.paper, retryHash: b.retry_hash }]));
    const inserts: { id: string; vote_id: string; card_id: string; marks: Marks; receipt: string; retry_hash: string | null }[] = [];
    const sessions = new Set<string>();
    const out = decideEach(batch, (p): Cast => {
      const card = byBallotId.get(p.payload.b);
      if (!card || card.vote_id !== p.payload.v) throw new AppError('card_signature');
      const before = stored.get(card.id);
      const refusal = cardRefusal({ voided: card.voided, issued: card.issued, used: !!before }, { openedAt: card.opened_at, closedAt: card.closed_at, issuanceMode: card.issuance_mode }, 'tablet');
      // "Already used" is answered after the marks are checked: the tablet's own retry may still get its receipt.
      if (refusal && refusal !== 'card_used') throw new AppError(refusal);
      const checked = normaliseBallot(p.marks, this.questions.get(card.vote_id)?.questions ?? []);
      if (!checked.ok) throw marksError(checked.reason);
      if (before) {
        // The tablet's own retry (its secret and the same marks) gets the first receipt; every other repeat the same
        // refusal, whatever its marks — a card in other hands is no way to learn how it was marked.
        if (isOwnRetry(before, p.retryHash, checked.marks)) return { receipt: before.receipt, repeated: true };
        throw new AppError('card_used');
      }
      const receipt = newReceipt();
      inserts.push({ id: crypto.randomUUID(), vote_id: card.vote_id, card_id: card.id, marks: checked.marks, receipt, retry_hash: p.retryHash });
      stored.set(card.id, { marks: checked.marks, receipt, paper: false, retryHash: p.retryHash });
      sessions.add(card.session_id);
      return { receipt, repeated: false };
    });
    const writes: Promise<unknown>[] = [];
    if (inserts.length)
      writes.push(
        q(
          `insert into ballots (id, vote_id, card_id, marks, receipt, paper, retry_hash)
           select x.id, x.vote_id, x.card_id, x.marks, x.receipt, false, x.retry_hash
             from jsonb_to_recordset($1::jsonb) as x(id text, vote_id text, card_id text, marks jsonb, receipt text, retry_hash text)`,
          [JSON.stringify(inserts)],
        ),
      );
    // NOTIFY makes commits queue on one lock: tell the screens at most every 200 ms per session, the last one after.
    for (const s of sessions) if (this.notifyNow(s)) writes.push(q(`select pg_notify($1, $2)`, [EVENTS_CHANNEL, JSON.stringify({ s, k: 'cast' })]));
    await Promise.all(writes);
    return out;
  }
}

type CardRow = { id: string; ballot_id: string; vote_id: string; voided: boolean; issued: boolean; opened_at: Date | null; closed_at: Date | null; issuance_mode: 'scan' | 'count'; session_id: string };
type StoredRow = { card_id: string; marks: Marks; receipt: string; paper: boolean; retry_hash: string | null };

/** A repeat is the tablet's own retry when it carries the ballot's secret (compared in constant time) and its marks. */
function isOwnRetry(before: { marks: Marks; paper: boolean; retryHash: string | null }, retryHash: string | null, marks: Marks): boolean {
  if (before.paper || !before.retryHash || !retryHash) return false;
  const a = Buffer.from(before.retryHash, 'hex');
  const b = Buffer.from(retryHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b) && sameMarks(before.marks, marks);
}

const queues = new WeakMap<Database, CastQueue>();
export function castQueue(database: Database): CastQueue {
  let q = queues.get(database);
  if (!q) queues.set(database, (q = new CastQueue(database)));
  return q;
}

