import { and, eq, sql } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { MarksRefusal } from '../../shared/ballot/methods/index.ts';
import type { Vote } from '../../shared/ballot/schema.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { ballots, candidateLists, cards, congressSessions, type congresses, votes } from '../db/schema/index.ts';
import { describeList } from '../gathering/lists.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { sha256hex } from '../lib/canonical.ts';
import { reshuffle } from '../lib/reshuffle.ts';
import { AppError } from '../lib/errors.ts';
import { notifySession } from '../lib/events.ts';
import { summarize } from '../session/attendance.ts';
import { hasMotions, placeMotions, projectCandidateIds, questionsOf } from './motions.ts';
import { newBallotId, serialOf } from './tokens.ts';

type Congress = typeof congresses.$inferSelect;
/** The advisory lock class of casting into a vote (with the vote id's hash): casts hold it shared, the close exclusively. */
export const CAST_LOCK = 7340101;
/**
 * The key of a card's repeat counter in rate_limits (cast.ts), the card's ballot id after it. Its window starts at the
 * card's first repeat — a tablet's retry comes right after its cast — so the counters of a vote's cards are deleted
 * when the vote closes, like the storage order of its ballots (design §12).
 */
export const CAST_REPEAT_KEY = 'cast-repeat:';
type VoteRow = typeof votes.$inferSelect;
type Ctx = { tx: Tx; actor: NonNullable<Actor>; congress: Congress };

/** Marks that cannot be a ballot at all, refused alike on the tablet and at the paper entry. */
export const marksError = (reason: MarksRefusal) =>
  new AppError('ballot_marks', { reason: reason === 'unknown_candidate' ? { zh: '有不在清单上的项目或议题', en: 'a candidate or motion not on the card' } : { zh: '有不允许的标记', en: 'a mark that is not allowed' } });

export const voteState = (v: Pick<VoteRow, 'openedAt' | 'closedAt'>): Vote['state'] => (v.closedAt ? 'closed' : v.openedAt ? 'open' : 'draft');

export async function getVote(db: DbOrTx, congressId: string, voteId: string, forUpdate = false) {
  const q = db.select().from(votes).where(and(eq(votes.id, voteId), eq(votes.congressId, congressId)));
  // NO KEY UPDATE: it still serialises changes to the vote, but does not block the key-share lock that every ballot
  // insert takes on its vote (the foreign key) — a FOR UPDATE here deadlocked a close racing a batch of casts.
  const [row] = forUpdate ? await q.for('no key update') : await q;
  if (!row) throw new AppError('vote_not_found');
  return row;
}

/** Cards issued: scanned ones (not voided) in scan mode, the entered number in count mode. */
export async function cardCounts(db: DbOrTx, vote: VoteRow) {
  const [c] = await db
    .select({
      generated: sql<number>`count(*)::int`,
      scanned: sql<number>`count(*) filter (where ${cards.issued} and not ${cards.voided})::int`,
      voided: sql<number>`count(*) filter (where ${cards.voided})::int`,
    })
    .from(cards)
    .where(eq(cards.voteId, vote.id));
  const [b] = await db.select({ cast: sql<number>`count(*)::int` }).from(ballots).where(eq(ballots.voteId, vote.id));
  const issued = vote.issuanceMode === 'count' ? (vote.issuedCount ?? 0) : Number(c.scanned);
  return { generated: Number(c.generated), issued, voided: Number(c.voided), cast: Number(b.cast) };
}

/**
 * Only the project question's candidate ids, in list order (a runoff or further vote carries its part of the list; a
 * sitting of motions only has none). Checking marks asks `markQuestionsOf` (motions.ts), which covers every question.
 */
export const candidateIdsOf = projectCandidateIds;

export async function candidatesOf(db: DbOrTx, congress: Congress, vote: Pick<VoteRow, 'listId' | 'candidateIds'>): Promise<Vote['candidates']> {
  if (!vote.listId) return [];
  const list = await describeList(db, congress, vote.listId);
  const items = vote.candidateIds ? list.items.filter((i) => vote.candidateIds!.includes(i.id)) : list.items;
  return items.map((i) => ({ id: i.id, position: i.position, title: i.title, plannedInvestment: i.plannedInvestment, leadDepartment: i.leadDepartment.name, plannedCompletion: i.plannedCompletion }));
}

/**
 * Cards issued against representatives present (发出票数 / 出席人数): present as counted now while the vote is a draft or
 * open, as it stood at the close afterwards (the figure the tally reports). More cards issued than people present is
 * not refused — a count can be mistyped, or someone checked in late — but it is warned of at the desk and must be
 * confirmed with these numbers when the vote opens.
 */
export async function issuanceOf(db: DbOrTx, congress: Congress, v: VoteRow, issued: number) {
  let present = v.closePresent;
  if (present === null) {
    const [session] = await db.select().from(congressSessions).where(eq(congressSessions.id, v.sessionId));
    present = (await summarize(db, congress, session)).present;
  }
  return { issued, present, overIssued: issued > present };
}

/** A vote as anyone may see it: while open, the count of ballots cast is the only figure about ballots. */
export async function describeVote(db: DbOrTx, congress: Congress, v: VoteRow): Promise<Vote> {
  const counts = await cardCounts(db, v);
  const issuance = await issuanceOf(db, congress, v, counts.issued);
  const candidates = await candidatesOf(db, congress, v);
  return {
    id: v.id,
    sessionId: v.sessionId,
    listId: v.listId,
    listPosition: v.listPosition,
    title: v.title,
    seats: v.seats,
    markMode: v.markMode,
    maxFor: v.maxFor,
    threshold: { base: v.thresholdBase, numerator: v.thresholdNumerator, denominator: v.thresholdDenominator, strict: v.thresholdStrict },
    spareCards: v.spareCards,
    state: voteState(v),
    openedAt: v.openedAt?.toISOString() ?? null,
    closedAt: v.closedAt?.toISOString() ?? null,
    countdownEndsAt: v.countdownEndsAt?.toISOString() ?? null,
    rollAtOpen: v.openSeated !== null ? { seated: v.openSeated, present: v.openPresent ?? 0 } : null,
    rollAtClose: v.closeSeated !== null ? { seated: v.closeSeated, present: v.closePresent ?? 0 } : null,
    cards: { generated: counts.generated, issued: counts.issued, voided: counts.voided, commitment: v.cardsCommitment, issuanceMode: v.issuanceMode },
    issuance: { present: issuance.present, overIssued: issuance.overIssued },
    cast: counts.cast,
    candidates,
    questions: await questionsOf(db, congress, v, async () => candidates),
    kind: v.kind,
    previousVoteId: v.previousVoteId,
  };
}

export async function createVote(
  ctx: Ctx,
  sessionId: string,
  input: {
    listId?: string | null;
    motionIds?: string[];
    listPosition?: number;
    title: string;
    seats?: number;
    markMode?: Vote['markMode'];
    maxFor?: number;
    threshold?: Vote['threshold'];
    spareCards?: number;
    previousVoteId?: string;
  },
  followUp: { kind: Vote['kind']; candidateIds: string[] | null } = { kind: 'regular', candidateIds: null },
) {
  const motionIds = input.motionIds ?? [];
  // A vote asks the list's question, the motions put on its card, or both: one that asks nothing is refused.
  if (!input.listId && motionIds.length === 0) throw new AppError('sitting_empty');
  let list: typeof candidateLists.$inferSelect | null = null;
  if (input.listId) {
    [list] = await ctx.tx.select().from(candidateLists).where(and(eq(candidateLists.id, input.listId), eq(candidateLists.congressId, ctx.congress.id)));
    if (!list) throw new AppError('list_not_found');
    if (!list.frozenAt) throw new AppError('list_not_frozen_for_vote');
  }
  if (input.previousVoteId) {
    const prev = await getVote(ctx.tx, ctx.congress.id, input.previousVoteId);
    if (!prev.closedAt) throw new AppError('vote_not_closed_for_revote');
  }
  const s = CongressSettings.parse(ctx.congress.settings ?? {});
  // A sitting of motions only keeps the rule columns at one seat: they are the project question's, which it has not.
  const seats = input.seats ?? list?.seats ?? 1;
  const threshold = input.threshold ?? s.vote.threshold;
  const [row] = await ctx.tx
    .insert(votes)
    .values({
      congressId: ctx.congress.id,
      sessionId,
      listId: list?.id ?? null,
      listPosition: input.listPosition ?? motionIds.length,
      title: input.title,
      seats,
      markMode: input.markMode ?? s.vote.markMode,
      maxFor: input.maxFor ?? seats,
      thresholdBase: threshold.base,
      thresholdNumerator: threshold.numerator,
      thresholdDenominator: threshold.denominator,
      thresholdStrict: threshold.strict,
      spareCards: input.spareCards ?? s.vote.spareCards,
      previousVoteId: input.previousVoteId ?? null,
      kind: followUp.kind,
      candidateIds: followUp.candidateIds,
    })
    .returning();
  if (motionIds.length) await placeMotions(ctx.tx, ctx.congress.id, row, motionIds, row.listPosition);
  await notifySession(ctx.tx, sessionId, 'vote');
  await appendAudit(ctx.tx, {
    actor: ctx.actor,
    congressId: ctx.congress.id,
    action: 'ballot.create_vote',
    targetType: 'vote',
    targetId: row.id,
    details: { title: row.title, seats, listId: list?.id ?? null, kind: row.kind, previousVoteId: row.previousVoteId, ...(motionIds.length ? { motionIds } : {}) },
  });
  const [placed] = await ctx.tx.select().from(votes).where(eq(votes.id, row.id));
  return placed;
}

export async function updateVote(ctx: Ctx, voteId: string, input: Partial<{ title: string; seats: number; markMode: Vote['markMode']; maxFor: number; threshold: Vote['threshold']; spareCards: number }>) {
  const v = await getVote(ctx.tx, ctx.congress.id, voteId, true);
  if (v.openedAt) throw new AppError('vote_started');
  const { threshold, ...rest } = input;
  await ctx.tx
    .update(votes)
    .set({
      ...rest,
      ...(threshold ? { thresholdBase: threshold.base, thresholdNumerator: threshold.numerator, thresholdDenominator: threshold.denominator, thresholdStrict: threshold.strict } : {}),
    })
    .where(eq(votes.id, v.id));
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'ballot.update_vote', targetType: 'vote', targetId: v.id, details: input });
}

/**
 * Make the cards: one per present representative plus the spares, each with 128 random bits. The commitment (SHA-256
 * of the sorted ballot ids) is published on the vote, so no card can be added afterwards unseen.
 */
export async function generateCards(ctx: Ctx, voteId: string, spare?: number) {
  const v = await getVote(ctx.tx, ctx.congress.id, voteId, true);
  if (v.openedAt) throw new AppError('vote_started');
  if (v.cardsGeneratedAt) throw new AppError('cards_exist');
  const [session] = await ctx.tx.select().from(congressSessions).where(eq(congressSessions.id, v.sessionId));
  const { present } = await summarize(ctx.tx, ctx.congress, session);
  const n = present + (spare ?? v.spareCards);
  const seen = new Set<string>();
  const rows: { voteId: string; ballotId: string; serial: string }[] = [];
  while (rows.length < n) {
    const ballotId = newBallotId();
    const serial = serialOf(ballotId);
    if (seen.has(serial)) continue; // two cards of one vote never share a serial
    seen.add(serial);
    rows.push({ voteId: v.id, ballotId, serial });
  }
  for (let i = 0; i < rows.length; i += 500) await ctx.tx.insert(cards).values(rows.slice(i, i + 500));
  const commitment = sha256hex(JSON.stringify(rows.map((r) => r.ballotId).sort()));
  await ctx.tx.update(votes).set({ cardsCommitment: commitment, cardsGeneratedAt: new Date(), spareCards: spare ?? v.spareCards }).where(eq(votes.id, v.id));
  await notifySession(ctx.tx, v.sessionId, 'vote');
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'ballot.generate_cards', targetType: 'vote', targetId: v.id, details: { cards: n, present, commitment } });
  return { cards: n, commitment };
}

/**
 * 开始表决: only with the cards made and the quorum present; the roll (seated, present) is kept as it stood. With more
 * cards issued than representatives present it opens only when the request confirms exactly these two numbers (so a
 * confirmation given for 6 / 5 does not open a vote that has become 7 / 5), and the audit entry keeps the confirmation.
 */
export async function openVote(ctx: Ctx, voteId: string, opts: { countdownSeconds?: number; confirmOverIssue?: { issued: number; present: number } } = {}) {
  const { countdownSeconds, confirmOverIssue } = opts;
  const v = await getVote(ctx.tx, ctx.congress.id, voteId, true);
  if (v.openedAt) throw new AppError('vote_started');
  if (!v.cardsGeneratedAt) throw new AppError('cards_missing');
  if (!v.listId && !(await hasMotions(ctx.tx, v.id))) throw new AppError('sitting_empty');
  const [session] = await ctx.tx.select().from(congressSessions).where(eq(congressSessions.id, v.sessionId));
  const roll = await summarize(ctx.tx, ctx.congress, session);
  if (!roll.quorum.met) throw new AppError('quorum_not_met', { present: roll.present, needed: roll.quorum.needed });
  const { issued } = await cardCounts(ctx.tx, v);
  const overIssued = issued > roll.present;
  if (overIssued && (confirmOverIssue?.issued !== issued || confirmOverIssue?.present !== roll.present))
    throw new AppError('over_issued', { issued, present: roll.present }, { issued, present: roll.present });
  const now = new Date();
  await ctx.tx
    .update(votes)
    .set({ openedAt: now, openSeated: roll.seated, openPresent: roll.present, countdownEndsAt: countdownSeconds ? new Date(now.getTime() + countdownSeconds * 1000) : null })
    .where(eq(votes.id, v.id));
  await notifySession(ctx.tx, v.sessionId, 'vote');
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'ballot.open_vote', targetType: 'vote', targetId: v.id, details: { seated: roll.seated, present: roll.present, issued, ...(overIssued ? { overIssueConfirmed: { issued, present: roll.present } } : {}) } });
}

/**
 * 按张数登记发票: the number of cards handed out, when they are not scanned (from then on cards are not checked at
 * casting). Answers the figures the desk shows, with the warning when more were issued than people are present.
 */
export async function recordIssuedCount(ctx: Ctx, voteId: string, count: number) {
  const v = await getVote(ctx.tx, ctx.congress.id, voteId, true);
  if (v.closedAt) throw new AppError('vote_closed');
  await ctx.tx.update(votes).set({ issuanceMode: 'count', issuedCount: count }).where(eq(votes.id, v.id));
  const issuance = await issuanceOf(ctx.tx, ctx.congress, v, count);
  await notifySession(ctx.tx, v.sessionId, 'vote');
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'ballot.issue_count', targetType: 'vote', targetId: v.id, details: { count, present: issuance.present } });
  return issuance;
}

/** 截止: from now on its cards are refused; the roll is kept again as it stood at the close. */
export async function closeVote(ctx: Ctx, voteId: string) {
  const v = await getVote(ctx.tx, ctx.congress.id, voteId, true);
  // Wait for the casts being stored now (they hold this lock shared); casts after this see the vote closed.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${CAST_LOCK}::int, hashtext(${v.id}::text))`);
  if (!v.openedAt) throw new AppError('vote_not_open');
  if (v.closedAt) throw new AppError('vote_closed');
  const [session] = await ctx.tx.select().from(congressSessions).where(eq(congressSessions.id, v.sessionId));
  const roll = await summarize(ctx.tx, ctx.congress, session);
  await ctx.tx.update(votes).set({ closedAt: new Date(), closeSeated: roll.seated, closePresent: roll.present }).where(eq(votes.id, v.id));
  await reshuffle(ctx.tx, 'ballots', v.id); // the stored order no longer follows the order of casting
  // …and no card's repeat counter says when it was cast (a vote closes once: no cast is counted after this).
  await ctx.tx.execute(sql`delete from rate_limits where key in (select ${CAST_REPEAT_KEY} || ballot_id from cards where vote_id = ${v.id})`);
  await notifySession(ctx.tx, v.sessionId, 'vote');
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'ballot.close_vote', targetType: 'vote', targetId: v.id, details: { seated: roll.seated, present: roll.present } });
}
