/**
 * What follows a published result (design §4): a runoff (再次投票) among candidates tied across the last seat, a further
 * vote (另行表决) for unfilled seats when the congress's settings ask for it, a new vote after a void one, and the
 * reserve pool (储备库) for candidates not elected. Each follow-up is a new vote linked to the one it follows.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { AnyResult } from '../../shared/tally/format.ts';
import type { VoteKind } from '../../shared/tally/schema.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { accounts, candidates, type congresses, proposals, tallies, vacanciesLeft, votes } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { notifySession } from '../lib/events.ts';
import { AppError } from '../lib/errors.ts';
import { candidateIdsOf, createVote, getVote } from '../ballot/votes.ts';
import { copyMotions } from '../ballot/motions.ts';
import { parsedResult, tallyOf } from './actions.ts';
import { projectCount } from './questions.ts';

type Congress = typeof congresses.$inferSelect;
type VoteRow = typeof votes.$inferSelect;

/** The first vote of a chain of follow-ups and every vote in the chain. */
async function chainOf(db: DbOrTx, vote: VoteRow) {
  let root = vote;
  for (let i = 0; root.previousVoteId && i < 100; i++) root = await getVote(db, vote.congressId, root.previousVoteId);
  const all: VoteRow[] = [root];
  let frontier = [root.id];
  while (frontier.length && all.length < 200) {
    const next = await db.select().from(votes).where(inArray(votes.previousVoteId, frontier));
    all.push(...next);
    frontier = next.map((v) => v.id);
  }
  return { root, all };
}

/** The project question's outcome, as the follow-ups read it (a sitting of motions only has none). */
type Outcome = { void: boolean; elected: string[]; tied: string[]; unfilledSeats: number };
const NONE = { runoff: null, further: null, revote: false, vacancy: null, reservable: [] };

/**
 * What can follow a published result: about its project question only (a motion that failed is simply put again on
 * a new sitting). A sitting of motions only has no follow-up.
 */
export async function nextSteps(db: DbOrTx, congress: Congress, vote: VoteRow, anyResult: AnyResult) {
  const result: Outcome | null = projectCount(anyResult);
  if (!result) {
    // A void sitting of motions only can still be voted again; nothing else follows it.
    const [after] = await db.select({ id: votes.id }).from(votes).where(eq(votes.previousVoteId, vote.id));
    return { ...NONE, revote: anyResult.void && !after };
  }
  const { root, all } = await chainOf(db, vote);
  const rows = await db.select().from(tallies).where(inArray(tallies.voteId, all.map((v) => v.id)));
  const published = new Map(rows.filter((t) => t.publishedAt).flatMap((t) => {
    const p = projectCount(parsedResult(t));
    return p ? [[t.voteId, p] as const] : [];
  }));
  const elected = new Set([...published.values()].flatMap((r) => r.elected));
  // Candidates on a vote of the chain that has no published result yet are still undecided.
  const undecided = new Set<string>();
  for (const v of all) if (!published.has(v.id)) for (const id of await candidateIdsOf(db, v)) undecided.add(id);
  // So are candidates tied across the last seat of a published vote whose runoff has not been published.
  for (const v of all) {
    const r = published.get(v.id);
    if (r?.tied.length && !all.some((w) => w.previousVoteId === v.id && published.has(w.id))) for (const id of r.tied) undecided.add(id);
  }
  const rootIds = await candidateIdsOf(db, root);
  const hasFollowUp = all.some((v) => v.previousVoteId === vote.id);
  const settings = CongressSettings.parse(congress.settings ?? {});
  const [left] = await db
    .select({ seats: vacanciesLeft.seats, at: vacanciesLeft.leftAt, by: accounts.displayName })
    .from(vacanciesLeft)
    .leftJoin(accounts, eq(accounts.id, vacanciesLeft.leftBy))
    .where(eq(vacanciesLeft.voteId, vote.id));
  // Seats no candidate filled, with no tie to settle first (a tie's seats go to the runoff) and a valid vote.
  const unfilled = !result.void && result.tied.length === 0 ? result.unfilledSeats : 0;

  const runoff = !result.void && result.tied.length > 0 && !hasFollowUp ? { seats: vote.seats - result.elected.length, candidateIds: result.tied } : null;
  const notElected = rootIds.filter((id) => !elected.has(id));
  const further =
    settings.vote.unfilledSeats === 'further_vote' && unfilled > 0 && !left && !hasFollowUp && notElected.length > 0
      ? { seats: Math.min(result.unfilledSeats, notElected.length), candidateIds: notElected }
      : null;
  const reservableIds = notElected.filter((id) => !undecided.has(id));
  const info = reservableIds.length
    ? await db.select({ id: candidates.id, title: candidates.title, status: proposals.status }).from(candidates).innerJoin(proposals, eq(proposals.id, candidates.proposalId)).where(inArray(candidates.id, reservableIds))
    : [];
  const byId = new Map(info.map((r) => [r.id, r]));
  return {
    runoff,
    further,
    revote: result.void && !hasFollowUp,
    vacancy: unfilled
      ? {
          seats: unfilled,
          rule: settings.vote.unfilledSeats,
          leftEmpty: left ? { at: left.at.toISOString(), by: left.by ?? '' } : null,
          canLeaveEmpty: !left && !hasFollowUp,
        }
      : null,
    reservable: reservableIds.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ id, title: r.title, reserved: r.status === 'reserved' }] : [];
    }),
  };
}

const SUFFIX: Record<Exclude<VoteKind, 'regular'>, string> = { runoff: '（再次投票）', further: '（另行表决）', revote: '（重新投票）' };

/** One action: the new vote, in the same session, over the same list, with the same rules, linked to this one. */
export async function createFollowUp(ctx: { tx: Tx; actor: NonNullable<Actor>; congress: Congress }, voteId: string, kind: Exclude<VoteKind, 'regular'>, title?: string) {
  const vote = await getVote(ctx.tx, ctx.congress.id, voteId, true);
  const t = await tallyOf(ctx.tx, vote.id);
  if (!t?.publishedAt) throw new AppError('result_not_published');
  const [existing] = await ctx.tx.select({ title: votes.title }).from(votes).where(and(eq(votes.previousVoteId, vote.id), eq(votes.congressId, ctx.congress.id)));
  if (existing) throw new AppError('follow_up_exists', { title: existing.title });
  const anyResult = parsedResult(t);
  const result = projectCount(anyResult);
  const next = await nextSteps(ctx.tx, ctx.congress, vote, anyResult);
  let seats: number;
  let candidateIds: string[] | null;
  if (kind === 'runoff') {
    if (!next.runoff) throw new AppError('runoff_not_possible');
    ({ seats, candidateIds } = next.runoff);
  } else if (kind === 'further') {
    if (!next.further) throw new AppError('further_not_possible', { reason: furtherReason(ctx.congress, result, !!next.vacancy?.leftEmpty) });
    ({ seats, candidateIds } = next.further);
  } else {
    if (!next.revote) throw new AppError('revote_not_void');
    seats = vote.seats;
    candidateIds = vote.candidateIds;
  }
  // A re-vote asks the card's questions again: copies of the void sitting's motions go on the new card, in its order.
  const motionIds = kind === 'revote' ? await copyMotions(ctx.tx, vote.id) : [];
  return createVote(
    ctx,
    vote.sessionId,
    {
      listId: vote.listId,
      ...(motionIds.length ? { motionIds, listPosition: vote.listPosition } : {}),
      title: title ?? `${vote.title.replace(/（(再次投票|另行表决|重新投票)）$/, '')}${SUFFIX[kind]}`.slice(0, 120),
      seats,
      markMode: vote.markMode,
      maxFor: kind === 'revote' ? vote.maxFor : seats,
      threshold: { base: vote.thresholdBase, numerator: vote.thresholdNumerator, denominator: vote.thresholdDenominator, strict: vote.thresholdStrict },
      spareCards: vote.spareCards,
      previousVoteId: vote.id,
    },
    { kind, candidateIds },
  );
}

/**
 * 空缺名额留空: the presidium records that the unfilled seats of a published result stay empty (no further vote).
 * Once recorded, no further vote can follow this result; the candidates not elected can still go to the reserve pool.
 */
export async function leaveUnfilled(ctx: { tx: Tx; actor: NonNullable<Actor>; congress: Congress }, voteId: string) {
  const vote = await getVote(ctx.tx, ctx.congress.id, voteId, true);
  const t = await tallyOf(ctx.tx, vote.id);
  if (!t?.publishedAt) throw new AppError('result_not_published');
  const next = await nextSteps(ctx.tx, ctx.congress, vote, parsedResult(t));
  if (!next.vacancy) throw new AppError('unfilled_none');
  if (next.vacancy.leftEmpty) throw new AppError('unfilled_left');
  const [existing] = await ctx.tx.select({ title: votes.title }).from(votes).where(and(eq(votes.previousVoteId, vote.id), eq(votes.congressId, ctx.congress.id)));
  if (existing) throw new AppError('follow_up_exists', { title: existing.title });
  // The primary key makes a second decision racing this one fail rather than both win.
  const [row] = await ctx.tx.insert(vacanciesLeft).values({ voteId: vote.id, seats: next.vacancy.seats, leftBy: ctx.actor.id }).onConflictDoNothing().returning();
  if (!row) throw new AppError('unfilled_left');
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action: 'tally.leave_unfilled', targetType: 'vote', targetId: vote.id, details: { seats: row.seats } });
  await notifySession(ctx.tx, vote.sessionId, 'tally');
  return row;
}

function furtherReason(congress: Congress, result: Outcome | null, left: boolean) {
  if (!result) return { zh: '这次表决没有候选项目', en: 'this vote has no candidate projects' };
  if (CongressSettings.parse(congress.settings ?? {}).vote.unfilledSeats !== 'further_vote')
    return { zh: '本人大的设置是空缺名额不再另行表决', en: "this congress's settings leave unfilled seats empty" };
  if (result.void) return { zh: '本次表决无效，应重新投票', en: 'this vote is void; re-vote instead' };
  if (result.tied.length) return { zh: '有并列票数，应先再次投票', en: 'there is a tie; hold the runoff first' };
  if (result.unfilledSeats === 0) return { zh: '没有空缺名额', en: 'no seat is unfilled' };
  if (left) return { zh: '主席团已确认空缺名额留空', en: 'the presidium has left the unfilled seats empty' };
  return { zh: '已经有后续表决或没有未当选的候选项目', en: 'a follow-up exists or no candidate is left' };
}
