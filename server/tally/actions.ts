/**
 * Sign-off and publication (计票、监票、公布): a scrutineer prepares the tally of a closed vote, distinct scrutineer
 * accounts sign it (one as chief scrutineer, who confirms the re-check of the invalid ballots), a presidium account
 * publishes it. Before publication only scrutineers see per-candidate figures; after it nothing changes.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { overIssued } from '../../shared/tally/outcome.ts';
import type { TallyView } from '../../shared/tally/schema.ts';
import type { Role } from '../../shared/roles.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { accounts, congressSessions, type congresses, paperEntries, proposals, candidates as candidatesTable, tallies, tallySignoffs, vacanciesLeft, votes } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { now } from '../lib/clock.ts';
import { reshuffle } from '../lib/reshuffle.ts';
import { AppError } from '../lib/errors.ts';
import { notifySession } from '../lib/events.ts';
import { getVote } from '../ballot/votes.ts';
import { projectsFromElected } from '../projects/actions.ts';
import { buildTally, invalidBallots } from './build.ts';
import { invalidBallotCount, markQuestionsOfBulletin, parseBulletinText, parseResultText, projectCount, questionResults } from './questions.ts';
import { nextSteps } from './followups.ts';

type Congress = typeof congresses.$inferSelect;
type VoteRow = typeof votes.$inferSelect;
type Ctx = { tx: Tx; actor: NonNullable<Actor>; congress: Congress };

export const requiredSignoffs = (congress: Congress) => CongressSettings.parse(congress.settings ?? {}).tally.signoffs;

export async function tallyOf(db: DbOrTx, voteId: string, forUpdate = false) {
  const q = db.select().from(tallies).where(eq(tallies.voteId, voteId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** Parse the stored files of either version (written by this server, so they parse; the schema keeps the types honest). */
export const parsedResult = (t: Pick<typeof tallies.$inferSelect, 'result'>) => parseResultText(t.result);
export const parsedBulletin = (t: Pick<typeof tallies.$inferSelect, 'bulletin'>) => parseBulletinText(t.bulletin);

async function paperPending(db: DbOrTx, voteId: string) {
  const [r] = await db.select({ n: sql<number>`count(distinct ${paperEntries.cardId})::int` }).from(paperEntries).where(eq(paperEntries.voteId, voteId));
  return Number(r?.n ?? 0);
}

/** 计票: after the close, with every paper ballot entered; from now on nothing can be added to the vote. */
export async function prepareTally(ctx: Ctx, voteId: string) {
  const vote = await getVote(ctx.tx, ctx.congress.id, voteId, true);
  if (!vote.closedAt) throw new AppError('tally_needs_close');
  if (await tallyOf(ctx.tx, vote.id)) throw new AppError('tally_prepared');
  const pending = await paperPending(ctx.tx, vote.id);
  if (pending > 0) throw new AppError('tally_paper_pending', { n: pending });
  await reshuffle(ctx.tx, 'ballots', vote.id); // paper ballots were entered after the close, in the order counted
  const built = await buildTally(ctx.tx, ctx.congress, vote);
  await ctx.tx.insert(tallies).values({ voteId: vote.id, bulletin: built.bulletinText, result: built.resultText, resultDigest: built.resultDigest, preparedBy: ctx.actor.id });
  // The audit log is read by administrators: until publication it keeps neither the figures nor the result's digest —
  // everything in result.json but the per-candidate counts is known, so its digest could be searched back into them.
  // The publication's entry carries the digest.
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'tally.prepare', targetType: 'vote', targetId: vote.id, details: { cast: built.result.cast } });
  await notifySession(ctx.tx, vote.sessionId, 'tally');
}

/** A scrutineer confirms the tally; the chief scrutineer also confirms the re-check of the invalid ballots. */
export async function signTally(ctx: Ctx, voteId: string, input: { chief: boolean; invalidChecked: boolean }) {
  const vote = await getVote(ctx.tx, ctx.congress.id, voteId);
  const t = await tallyOf(ctx.tx, vote.id, true);
  if (!t) throw new AppError('tally_not_prepared');
  if (t.publishedAt) throw new AppError('result_published');
  const signed = await ctx.tx.select().from(tallySignoffs).where(eq(tallySignoffs.voteId, vote.id));
  if (signed.some((s) => s.accountId === ctx.actor.id)) throw new AppError('tally_already_signed');
  if (input.chief && signed.some((s) => s.chief)) throw new AppError('tally_chief_taken');
  const invalid = invalidBallotCount(parsedBulletin(t), parsedResult(t));
  if (input.chief && invalid > 0 && !input.invalidChecked) throw new AppError('tally_invalid_unchecked', { n: invalid });
  await ctx.tx.insert(tallySignoffs).values({ voteId: vote.id, accountId: ctx.actor.id, chief: input.chief, invalidChecked: input.chief && input.invalidChecked });
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'tally.signoff', targetType: 'vote', targetId: vote.id, details: { chief: input.chief } });
  await notifySession(ctx.tx, vote.sessionId, 'tally');
}

/** 公布: with enough distinct sign-offs, the chief scrutineer's among them. Afterwards the result never changes. */
export async function publishTally(ctx: Ctx, voteId: string) {
  const vote = await getVote(ctx.tx, ctx.congress.id, voteId);
  const t = await tallyOf(ctx.tx, vote.id, true);
  if (!t) throw new AppError('tally_not_prepared');
  if (t.publishedAt) throw new AppError('result_published');
  const signed = await ctx.tx.select().from(tallySignoffs).where(eq(tallySignoffs.voteId, vote.id));
  const required = requiredSignoffs(ctx.congress);
  const hasChief = signed.some((s) => s.chief);
  if (signed.length < required || !hasChief)
    throw new AppError('tally_signoffs_missing', { required, have: signed.length, chief: hasChief ? '' : { zh: '，尚无总监票人签字', en: ', none by the chief scrutineer' } });
  await ctx.tx.update(tallies).set({ publishedAt: now(), publishedBy: ctx.actor.id }).where(eq(tallies.voteId, vote.id));
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'tally.publish', targetType: 'vote', targetId: vote.id, details: { resultDigest: t.resultDigest } });
  // Each elected candidate becomes a project (design §6), in the same transaction as the publication. A sitting's
  // motions have no project: their outcome (passed / failed) is read from the result (server/ballot/motions.ts).
  const project = projectCount(parsedResult(t));
  if (project && !project.void) await projectsFromElected({ tx: ctx.tx, actor: ctx.actor, congressId: ctx.congress.id }, vote.id, project.elected);
  await notifySession(ctx.tx, vote.sessionId, 'tally');
}

export async function signoffsOf(db: DbOrTx, voteId: string) {
  const rows = await db
    .select({ name: accounts.displayName, chief: tallySignoffs.chief, at: tallySignoffs.signedAt, accountId: tallySignoffs.accountId })
    .from(tallySignoffs)
    .innerJoin(accounts, eq(accounts.id, tallySignoffs.accountId))
    .where(eq(tallySignoffs.voteId, voteId))
    .orderBy(asc(tallySignoffs.signedAt));
  return rows.map((r) => ({ name: r.name, chief: r.chief, at: r.at.toISOString(), accountId: r.accountId }));
}

async function nameOf(db: DbOrTx, accountId: string | null) {
  if (!accountId) return null;
  const [a] = await db.select({ name: accounts.displayName }).from(accounts).where(eq(accounts.id, accountId));
  return a?.name ?? null;
}

/** What the asker may see of a vote's tally (design §5: per-candidate figures only to scrutineers before publication). */
export async function describeTally(db: DbOrTx, congress: Congress, vote: VoteRow, who: { accountId: string; roles: readonly Role[] }): Promise<TallyView> {
  const t = await tallyOf(db, vote.id);
  const scrutineer = who.roles.includes('scrutineer');
  const signoffs = t ? await signoffsOf(db, vote.id) : [];
  const result = t ? parsedResult(t) : null;
  const bulletin = t ? parsedBulletin(t) : null;
  const published = !!t?.publishedAt;
  const seeFigures = !!result && (published || scrutineer);
  const questions = bulletin && result ? questionResults(bulletin, result) : [];
  const project = questions.find((q) => q.kind === 'projects');
  const invalid = bulletin && result ? invalidBallotCount(bulletin, result) : 0;
  const followUps = await db.select({ id: votes.id, title: votes.title, kind: votes.kind }).from(votes).where(eq(votes.previousVoteId, vote.id)).orderBy(asc(votes.createdAt), asc(votes.id));
  return {
    voteId: vote.id,
    state: !t ? 'not_prepared' : published ? 'published' : 'prepared',
    required: requiredSignoffs(congress),
    paperPending: vote.closedAt && !t ? await paperPending(db, vote.id) : 0,
    preparedAt: t?.preparedAt.toISOString() ?? null,
    preparedBy: await nameOf(db, t?.preparedBy ?? null),
    signoffs: signoffs.map(({ accountId: _, ...s }) => s),
    mySignoff: signoffs.some((s) => s.accountId === who.accountId),
    publishedAt: t?.publishedAt?.toISOString() ?? null,
    publishedBy: await nameOf(db, t?.publishedBy ?? null),
    totals: result ? { seated: result.seated, present: result.present, issued: result.issued, cast: result.cast, valid: result.cast - invalid, invalid, void: result.void, overIssued: overIssued(result) } : null,
    figures:
      seeFigures && project
        ? { threshold: project.threshold, candidates: project.candidates, elected: project.elected, tied: project.tied, unfilledSeats: project.unfilledSeats }
        : null,
    questions: seeFigures ? questions : null,
    invalidBallots: t && scrutineer && bulletin ? await invalidBallots(db, vote.id, markQuestionsOfBulletin(bulletin)) : null,
    // The digests too, only with the figures: a digest of a result whose every other part is known can be searched
    // back into the per-candidate counts (a small vote's possibilities are few).
    digests: seeFigures ? (result?.digests ?? null) : null,
    resultDigest: seeFigures ? (t?.resultDigest ?? null) : null,
    cardsCommitment: vote.cardsCommitment,
    followUps,
    next: published && result ? await nextSteps(db, congress, vote, result) : NO_NEXT_STEPS,
  };
}

const NO_NEXT_STEPS = { runoff: null, further: null, revote: false, vacancy: null, reservable: [] };

/** 计票结果报告单: for the scrutineers once prepared, for everyone in the congress once published. */
export async function tallyReport(db: DbOrTx, congress: Congress, vote: VoteRow, who: { roles: readonly Role[] }) {
  const t = await tallyOf(db, vote.id);
  if (!t) throw new AppError('tally_not_prepared');
  if (!t.publishedAt && !who.roles.includes('scrutineer')) throw new AppError('result_not_published');
  const [session] = await db.select().from(congressSessions).where(eq(congressSessions.id, vote.sessionId));
  const bulletin = parsedBulletin(t);
  const result = parsedResult(t);
  const questions = questionResults(bulletin, result);
  const [left] = await db
    .select({ seats: vacanciesLeft.seats, at: vacanciesLeft.leftAt, by: accounts.displayName })
    .from(vacanciesLeft)
    .leftJoin(accounts, eq(accounts.id, vacanciesLeft.leftBy))
    .where(eq(vacanciesLeft.voteId, vote.id));
  return {
    congress: { name: congress.name },
    session: { name: session.name, date: session.date },
    vote: {
      id: vote.id,
      title: vote.title,
      seats: vote.seats,
      markMode: vote.markMode,
      maxFor: vote.maxFor,
      kind: vote.kind,
      threshold: { base: vote.thresholdBase, numerator: vote.thresholdNumerator, denominator: vote.thresholdDenominator, strict: vote.thresholdStrict },
    },
    state: t.publishedAt ? ('published' as const) : ('prepared' as const),
    result,
    candidates: projectCandidates(questions),
    questions,
    signoffs: (await signoffsOf(db, vote.id)).map(({ accountId: _, ...s }) => s),
    publishedAt: t.publishedAt?.toISOString() ?? null,
    publishedBy: await nameOf(db, t.publishedBy),
    resultDigest: t.resultDigest,
    vacancyLeft: left ? { seats: left.seats, at: left.at.toISOString(), by: left.by ?? '' } : null,
  };
}

/** The project question's candidates (id, title), none on a sitting of motions only. */
export const projectCandidates = (qs: { kind: string; candidates: { id: string; title: string }[] }[]) =>
  (qs.find((q) => q.kind === 'projects')?.candidates ?? []).map((c) => ({ id: c.id, title: c.title }));

/** Send candidates that were not elected to the reserve pool (储备库): their proposals become `reserved`. */
export async function reserveCandidates(ctx: Ctx, voteId: string, candidateIds: string[]) {
  const vote = await getVote(ctx.tx, ctx.congress.id, voteId);
  const t = await tallyOf(ctx.tx, vote.id);
  if (!t?.publishedAt) throw new AppError('result_not_published');
  const { reservable } = await nextSteps(ctx.tx, ctx.congress, vote, parsedResult(t));
  const allowed = new Set(reservable.map((r) => r.id));
  const onVote = new Set(projectCandidates(questionResults(parsedBulletin(t), parsedResult(t))).map((c) => c.id));
  for (const id of candidateIds) {
    if (!onVote.has(id)) throw new AppError('reserve_not_on_vote');
    if (!allowed.has(id)) throw new AppError('reserve_elected');
  }
  const rows = await ctx.tx.select({ id: candidatesTable.id, proposalId: candidatesTable.proposalId }).from(candidatesTable).where(and(inArray(candidatesTable.id, candidateIds), eq(candidatesTable.congressId, ctx.congress.id)));
  await ctx.tx.update(proposals).set({ status: 'reserved' }).where(inArray(proposals.id, rows.map((r) => r.proposalId)));
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'tally.reserve', targetType: 'vote', targetId: vote.id, details: { candidateIds } });
  return { reserved: rows.length };
}
