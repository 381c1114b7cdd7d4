/**
 * 议题 (motions) and the questions of a card (表决事项单, design §4 of issue 23). A motion is a question with one key —
 * its own id — marked 赞成 / 反对 / 弃权; a vote asks its list's question (the projects) if it has a list, and the
 * motions put on it, in card order. Casting, paper entry and the tally read the questions from here, so a plain vote
 * (one project question) and a sitting go the same way.
 *
 * A motion holds the question only: nothing about a ballot or a person (its marks are in `ballots`, keyed by its id).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { defaultMotionTitle, type MotionKind } from '../../shared/ballot/motion-kinds.ts';
import type { Question } from '../../shared/ballot/questions.ts';
import type { Motion, QuestionView } from '../../shared/ballot/schema.ts';
import { RESULT_FORMAT_2, ResultV2 } from '../../shared/tally/format.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { candidateListItems, candidateLists, congressSessions, type congresses, motions, tallies, votes } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { decisionChainRoot } from './decision.ts';
import { notifySession } from '../lib/events.ts';

type Congress = typeof congresses.$inferSelect;
type VoteRow = typeof votes.$inferSelect;
type MotionRow = typeof motions.$inferSelect;
type Ctx = { tx: Tx; actor: NonNullable<Actor>; congress: Congress };
type Candidate = QuestionView['candidates'][number];

/** The motions on a vote's card, in their order there. */
export async function motionsOnVote(db: DbOrTx, voteId: string): Promise<MotionRow[]> {
  return db.select().from(motions).where(eq(motions.voteId, voteId)).orderBy(asc(motions.position), asc(motions.createdAt), asc(motions.id));
}

/** Does this vote carry motions (a sitting, format /2)? */
export async function hasMotions(db: DbOrTx, voteId: string): Promise<boolean> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(motions).where(eq(motions.voteId, voteId));
  return Number(r?.n ?? 0) > 0;
}

/**
 * Card order: the motions by position, the project question at `list_position` — before the motion at that index
 * (0: first; the number of motions or more: last).
 */
function inCardOrder<T>(vote: Pick<VoteRow, 'listId' | 'listPosition'>, ms: MotionRow[], project: T | null, motion: (m: MotionRow) => T): T[] {
  const out = ms.map(motion);
  if (vote.listId && project !== null) out.splice(Math.min(Math.max(vote.listPosition, 0), out.length), 0, project);
  return out;
}

const motionThreshold = (m: MotionRow) => ({ base: m.thresholdBase, numerator: m.thresholdNumerator, denominator: m.thresholdDenominator, strict: m.thresholdStrict });

/** A motion as a question: mode 'motion', one seat, its one "candidate" is itself. */
export function motionQuestion(m: MotionRow): QuestionView {
  const self: Candidate = { id: m.id, position: 1, title: m.title, plannedInvestment: '', leadDepartment: '', plannedCompletion: '' };
  return { id: m.id, kind: 'motion', motionKind: m.kind, title: m.title, body: m.body, markMode: 'motion', seats: 1, maxFor: 1, threshold: motionThreshold(m), candidates: [self] };
}

/**
 * Every question of a vote's card, in card order, with what the tablet and the pages show. The project question's id
 * is the vote's own; its title is the vote's (a plain vote) or the list's (on a sitting, beside the motions).
 */
export async function questionsOf(db: DbOrTx, congress: Congress, vote: VoteRow, projectCandidates: () => Promise<Candidate[]>): Promise<QuestionView[]> {
  const ms = await motionsOnVote(db, vote.id);
  let project: QuestionView | null = null;
  if (vote.listId) {
    let title = vote.title;
    if (ms.length) {
      const [list] = await db.select({ title: candidateLists.title }).from(candidateLists).where(and(eq(candidateLists.id, vote.listId), eq(candidateLists.congressId, congress.id)));
      title = list?.title ?? vote.title;
    }
    project = {
      id: vote.id,
      kind: 'projects',
      motionKind: null,
      title,
      body: '',
      markMode: vote.markMode,
      seats: vote.seats,
      maxFor: vote.maxFor,
      threshold: { base: vote.thresholdBase, numerator: vote.thresholdNumerator, denominator: vote.thresholdDenominator, strict: vote.thresholdStrict },
      candidates: await projectCandidates(),
    };
  }
  return inCardOrder(vote, ms, project, motionQuestion);
}

/** The project question's candidate ids in list order (a runoff or further vote carries its part of the list). */
export async function projectCandidateIds(db: DbOrTx, vote: Pick<VoteRow, 'listId' | 'candidateIds'>): Promise<string[]> {
  if (!vote.listId) return [];
  const rows = await db.select({ id: candidateListItems.candidateId }).from(candidateListItems).where(eq(candidateListItems.listId, vote.listId)).orderBy(asc(candidateListItems.position));
  const ids = rows.map((r) => r.id);
  return vote.candidateIds ? ids.filter((id) => vote.candidateIds!.includes(id)) : ids;
}

/** Only what checking and counting marks needs (the cast path, paper entry): each question's method, rule and keys. */
export async function markQuestionsOf(db: DbOrTx, vote: VoteRow): Promise<Question[]> {
  const ms = await motionsOnVote(db, vote.id);
  const project: Question | null = vote.listId
    ? { id: vote.id, kind: 'projects', markMode: vote.markMode, seats: vote.seats, maxFor: vote.maxFor, candidateIds: await projectCandidateIds(db, vote) }
    : null;
  return inCardOrder(vote, ms, project, (m) => ({ id: m.id, kind: 'motion', markMode: 'motion', seats: 1, maxFor: 1, candidateIds: [m.id] }));
}

/** The kernel's view of displayed questions. */
export const asMarkQuestions = (qs: QuestionView[]): Question[] => qs.map((q) => ({ id: q.id, kind: q.kind, markMode: q.markMode, seats: q.seats, maxFor: q.maxFor, candidateIds: q.candidates.map((c) => c.id) }));

// ---- a motion as the API answers it ----

type Published = { void: boolean; question: ResultV2['questions'][number] | undefined } | null;

function motionState(m: MotionRow, vote: VoteRow | undefined, published: Published): Motion['state'] {
  if (!vote) return 'draft';
  if (published) return !published.void && published.question?.passed ? 'passed' : 'failed';
  if (vote.closedAt) return 'closed';
  if (vote.openedAt) return 'voting';
  return 'on_sitting';
}

/** The published result of each of these votes, when it is a sitting's (format /2). */
async function publishedSittings(db: DbOrTx, voteIds: string[]): Promise<Map<string, ResultV2>> {
  if (!voteIds.length) return new Map();
  const rows = await db.select({ voteId: tallies.voteId, result: tallies.result, publishedAt: tallies.publishedAt }).from(tallies).where(inArray(tallies.voteId, voteIds));
  const out = new Map<string, ResultV2>();
  for (const r of rows) {
    if (!r.publishedAt) continue;
    const parsed = JSON.parse(r.result) as { format?: string };
    if (parsed.format === RESULT_FORMAT_2) out.set(r.voteId, ResultV2.parse(parsed));
  }
  return out;
}

/** Motions with their state and (once published) result: one read of their votes and tallies for all. */
export async function describeMotions(db: DbOrTx, rows: MotionRow[]): Promise<Motion[]> {
  const voteIds = [...new Set(rows.flatMap((m) => (m.voteId ? [m.voteId] : [])))];
  const vs = voteIds.length ? await db.select().from(votes).where(inArray(votes.id, voteIds)) : [];
  const byId = new Map(vs.map((v) => [v.id, v]));
  const results = await publishedSittings(db, voteIds);
  return rows.map((m) => {
    const vote = m.voteId ? byId.get(m.voteId) : undefined;
    const r = m.voteId ? results.get(m.voteId) : undefined;
    const question = r?.questions.find((q) => q.id === m.id);
    const published: Published = r ? { void: r.void, question } : null;
    const c = question?.candidates[0];
    return {
      id: m.id,
      sessionId: m.sessionId,
      kind: m.kind,
      title: m.title,
      body: m.body,
      threshold: motionThreshold(m),
      voteId: m.voteId,
      position: m.position,
      decidesVoteId: m.decidesVoteId,
      state: motionState(m, vote, published),
      result: r && question && c ? { for: c.for, against: c.against, abstain: c.abstain, valid: question.valid, threshold: question.threshold, passed: !r.void && !!question.passed } : null,
      createdAt: m.createdAt.toISOString(),
    };
  });
}

export async function getMotion(db: DbOrTx, congressId: string, sessionId: string, motionId: string, forUpdate = false) {
  const q = db.select().from(motions).where(and(eq(motions.id, motionId), eq(motions.congressId, congressId), eq(motions.sessionId, sessionId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('motion_not_found');
  return row;
}

export async function listMotions(db: DbOrTx, congressId: string, sessionId: string) {
  const rows = await db
    .select()
    .from(motions)
    .where(and(eq(motions.congressId, congressId), eq(motions.sessionId, sessionId)))
    .orderBy(asc(motions.createdAt), asc(motions.id));
  return describeMotions(db, rows);
}

/** A decision motion decides a published project vote of this congress (the root of its chain); no other kind names one. */
async function checkDecides(db: DbOrTx, congressId: string, kind: MotionKind, decidesVoteId: string | null | undefined) {
  if (kind !== 'decision') {
    if (decidesVoteId) throw new AppError('motion_decides_invalid');
    return;
  }
  if (!decidesVoteId) throw new AppError('motion_decides_needed');
  const [row] = await db
    .select({ listId: votes.listId, publishedAt: tallies.publishedAt })
    .from(votes)
    .leftJoin(tallies, eq(tallies.voteId, votes.id))
    .where(and(eq(votes.id, decidesVoteId), eq(votes.congressId, congressId)));
  if (!row || !row.listId || !row.publishedAt) throw new AppError('motion_decides_invalid');
}

export async function createMotion(
  ctx: Ctx,
  sessionId: string,
  input: { kind: MotionKind; title?: string; body?: string; threshold?: Motion['threshold']; decidesVoteId?: string },
) {
  const [session] = await ctx.tx.select().from(congressSessions).where(and(eq(congressSessions.id, sessionId), eq(congressSessions.congressId, ctx.congress.id)));
  if (!session) throw new AppError('session_meeting_not_found');
  await checkDecides(ctx.tx, ctx.congress.id, input.kind, input.decidesVoteId);
  // One decision per chain, deciding its first vote, whether drafted or made here (server/ballot/decision.ts).
  const decidesVoteId = input.kind === 'decision' && input.decidesVoteId ? await decisionChainRoot(ctx.tx, ctx.congress.id, input.decidesVoteId) : input.decidesVoteId;
  const t = input.threshold;
  const [row] = await ctx.tx
    .insert(motions)
    .values({
      congressId: ctx.congress.id,
      sessionId,
      kind: input.kind,
      title: input.title ?? defaultMotionTitle(input.kind, session),
      body: input.body ?? '',
      ...(t ? { thresholdBase: t.base, thresholdNumerator: t.numerator, thresholdDenominator: t.denominator, thresholdStrict: t.strict } : {}),
      decidesVoteId: decidesVoteId ?? null,
    })
    .returning();
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'ballot.create_motion', targetType: 'motion', targetId: row.id, details: { kind: row.kind, title: row.title } });
  return row;
}

/** The vote a motion is on, locked, when it is on one. */
async function sittingOf(tx: Tx, m: MotionRow) {
  if (!m.voteId) return null;
  const [v] = await tx.select().from(votes).where(eq(votes.id, m.voteId)).for('no key update');
  return v ?? null;
}

/** Title, text and rule can change until the sitting opens (the tablet reads them when a card is scanned). */
export async function updateMotion(ctx: Ctx, sessionId: string, motionId: string, input: Partial<{ title: string; body: string; threshold: Motion['threshold'] }>) {
  const m = await getMotion(ctx.tx, ctx.congress.id, sessionId, motionId, true);
  const vote = await sittingOf(ctx.tx, m);
  if (vote?.openedAt) throw new AppError('motion_locked');
  const { threshold: t, ...rest } = input;
  await ctx.tx
    .update(motions)
    .set({ ...rest, ...(t ? { thresholdBase: t.base, thresholdNumerator: t.numerator, thresholdDenominator: t.denominator, thresholdStrict: t.strict } : {}) })
    .where(eq(motions.id, m.id));
  if (vote) await notifySession(ctx.tx, vote.sessionId, 'vote');
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'ballot.update_motion', targetType: 'motion', targetId: m.id, details: input });
  const [row] = await ctx.tx.select().from(motions).where(eq(motions.id, m.id));
  return row;
}

/** Deleting takes the motion off its card: only while the card is not yet made (the questions are fixed with the cards). */
export async function deleteMotion(ctx: Ctx, sessionId: string, motionId: string) {
  const m = await getMotion(ctx.tx, ctx.congress.id, sessionId, motionId, true);
  const vote = await sittingOf(ctx.tx, m);
  if (vote && (vote.openedAt || vote.cardsGeneratedAt)) throw new AppError('motion_locked');
  await ctx.tx.delete(motions).where(eq(motions.id, m.id));
  if (vote) await notifySession(ctx.tx, vote.sessionId, 'vote');
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'ballot.delete_motion', targetType: 'motion', targetId: m.id, details: { kind: m.kind, title: m.title, voteId: m.voteId } });
}

/**
 * Put these motions on a vote's card, in this order (the others it had go back to the session unplaced), and the
 * project question at `listPosition` among them. The caller checks that the vote is a draft without cards.
 */
export async function placeMotions(tx: Tx, congressId: string, vote: VoteRow, motionIds: string[], listPosition: number) {
  const rows = motionIds.length ? await tx.select().from(motions).where(and(inArray(motions.id, motionIds), eq(motions.congressId, congressId))).for('update') : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of motionIds) {
    const m = byId.get(id);
    if (!m) throw new AppError('motion_not_found');
    if (m.sessionId !== vote.sessionId) throw new AppError('motion_other_session');
    if (m.voteId && m.voteId !== vote.id) throw new AppError('motion_on_other_vote', { title: m.title });
  }
  if (!vote.listId && motionIds.length === 0) throw new AppError('sitting_empty');
  await tx.update(motions).set({ voteId: null, position: 0 }).where(eq(motions.voteId, vote.id));
  for (const [i, id] of motionIds.entries()) await tx.update(motions).set({ voteId: vote.id, position: i }).where(eq(motions.id, id));
  await tx.update(votes).set({ listPosition: Math.min(listPosition, motionIds.length) }).where(eq(votes.id, vote.id));
}

/** PUT questions: only while the vote is a draft and before its cards are made (the card carries the questions). */
export async function setQuestions(ctx: Ctx, vote: VoteRow, motionIds: string[], listPosition: number) {
  if (vote.openedAt) throw new AppError('vote_started');
  if (vote.cardsGeneratedAt) throw new AppError('cards_exist');
  await placeMotions(ctx.tx, ctx.congress.id, vote, motionIds, listPosition);
  await notifySession(ctx.tx, vote.sessionId, 'vote');
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'ballot.set_questions', targetType: 'vote', targetId: vote.id, details: { motionIds, listPosition } });
}

/** Copies of a vote's motions, unplaced (for a re-vote after a void sitting), in card order: their new ids. */
export async function copyMotions(tx: Tx, voteId: string): Promise<string[]> {
  const ms = await motionsOnVote(tx, voteId);
  const out: string[] = [];
  for (const m of ms) {
    const [row] = await tx
      .insert(motions)
      .values({
        congressId: m.congressId,
        sessionId: m.sessionId,
        kind: m.kind,
        title: m.title,
        body: m.body,
        thresholdBase: m.thresholdBase,
        thresholdNumerator: m.thresholdNumerator,
        thresholdDenominator: m.thresholdDenominator,
        thresholdStrict: m.thresholdStrict,
        decidesVoteId: m.decidesVoteId,
      })
      .returning({ id: motions.id });
    out.push(row.id);
  }
  return out;
}
