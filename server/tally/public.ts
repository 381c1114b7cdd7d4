/**
 * What anyone may read without an account: published results and their files, the receipt check, and the big screen
 * (before publication only the count of ballots cast — design §4, §5).
 */
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { PublicResult, Screen } from '../../shared/tally/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { finalLists, overIssued } from '../../shared/tally/outcome.ts';
import { ballots, candidateLists, congresses, congressSessions, tallies, vacanciesLeft, votes } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';
import { normalizeSerial } from '../ballot/tokens.ts';
import { cardCounts, voteState } from '../ballot/votes.ts';
import { summarize } from '../session/attendance.ts';
import { parsedBulletin, parsedResult, projectCandidates, signoffsOf } from './actions.ts';
import { questionResults } from './questions.ts';
import { motionsOnVote } from '../ballot/motions.ts';
import { hallRoundsOnScreen } from '../evaluation/hall.ts';

async function publishedTally(db: DbOrTx, voteId: string) {
  const [row] = await db
    .select({ tally: tallies, vote: votes, session: congressSessions, congress: congresses })
    .from(tallies)
    .innerJoin(votes, eq(votes.id, tallies.voteId))
    .innerJoin(congressSessions, eq(congressSessions.id, votes.sessionId))
    .innerJoin(congresses, eq(congresses.id, votes.congressId))
    .where(and(eq(tallies.voteId, voteId), isNotNull(tallies.publishedAt)));
  if (!row) throw new AppError('public_result_not_found');
  return row;
}

export async function publicResult(db: DbOrTx, voteId: string): Promise<PublicResult> {
  const { tally, vote, session, congress } = await publishedTally(db, voteId);
  const result = parsedResult(tally);
  const questions = questionResults(parsedBulletin(tally), result);
  // A motion's text, for the public page (the files carry only its title).
  const bodies = new Map((await motionsOnVote(db, vote.id)).map((m) => [m.id, m.body]));
  return {
    congress: { id: congress.id, name: congress.name },
    session: { id: session.id, name: session.name, date: session.date },
    vote: {
      id: vote.id,
      title: vote.title,
      seats: vote.seats,
      markMode: vote.markMode,
      kind: vote.kind,
      maxFor: vote.maxFor,
      threshold: { base: vote.thresholdBase, numerator: vote.thresholdNumerator, denominator: vote.thresholdDenominator, strict: vote.thresholdStrict },
    },
    publishedAt: tally.publishedAt!.toISOString(),
    result,
    candidates: projectCandidates(questions),
    questions: questions.map((q) => ({ ...q, body: bodies.get(q.id) ?? '' })),
    signoffs: (await signoffsOf(db, vote.id)).map(({ accountId: _, ...s }) => s),
    resultDigest: tally.resultDigest,
  };
}

/** The two files, byte for byte as published. */
export async function publishedFile(db: DbOrTx, voteId: string, which: 'bulletin' | 'result') {
  const { tally } = await publishedTally(db, voteId);
  return which === 'bulletin' ? tally.bulletin : tally.result;
}

const publishedVote = { voteId: votes.id, title: votes.title, sessionName: congressSessions.name, publishedAt: tallies.publishedAt };
const asPublished = (r: { voteId: string; title: string; sessionName: string; publishedAt: Date | null }) => ({ ...r, publishedAt: r.publishedAt!.toISOString() });

export async function publishedVotes(db: DbOrTx, congressId: string) {
  const [congress] = await db.select({ id: congresses.id }).from(congresses).where(eq(congresses.id, congressId));
  if (!congress) throw new AppError('congress_not_found');
  const rows = await db
    .select(publishedVote)
    .from(tallies)
    .innerJoin(votes, eq(votes.id, tallies.voteId))
    .innerJoin(congressSessions, eq(congressSessions.id, votes.sessionId))
    .where(and(eq(votes.congressId, congressId), isNotNull(tallies.publishedAt)))
    .orderBy(desc(tallies.publishedAt));
  return rows.map(asPublished);
}

/** Is this receipt in a published list? Only published votes answer (the receipts are public there anyway). */
export async function checkReceipt(db: DbOrTx, input: { receipt: string; voteId?: string; congressId?: string }) {
  const receipt = normalizeSerial(input.receipt);
  const rows = await db
    .select(publishedVote)
    .from(ballots)
    .innerJoin(votes, eq(votes.id, ballots.voteId))
    .innerJoin(tallies, eq(tallies.voteId, votes.id))
    .innerJoin(congressSessions, eq(congressSessions.id, votes.sessionId))
    .where(
      and(
        eq(ballots.receipt, receipt),
        isNotNull(tallies.publishedAt),
        input.voteId ? eq(votes.id, input.voteId) : undefined,
        input.congressId ? eq(votes.congressId, input.congressId) : undefined,
      ),
    );
  return { receipt, found: rows.map(asPublished) };
}

/** 大屏: the session, the roll, and each vote — its cast count, and after publication its result. */
/**
 * What the big screen shows of a vote that can no longer change, kept per process: once its tally is prepared nothing
 * can be added (its counts are final), once published its result is final. The key names the tally's preparation and
 * publication, so a tally prepared again is read again. Without it every snapshot recounted every ballot of the
 * session and parsed every published bulletin (3,000 ballots each): 47 ms a snapshot after a dozen votes, once a
 * second while the hall casts and a crowd watches.
 */
type Settled = { counts: Awaited<ReturnType<typeof cardCounts>>; result: Screen['votes'][number]['result'] };
const settled = new Map<string, Settled>();
const SETTLED_MAX = 2000;

async function settledPart(db: DbOrTx, vote: typeof votes.$inferSelect, tally: { preparedAt: Date; publishedAt: Date | null; result: string } | null): Promise<Settled> {
  const key = tally ? `${vote.id}:${tally.preparedAt.getTime()}:${tally.publishedAt?.getTime() ?? ''}` : null;
  const known = key ? settled.get(key) : undefined;
  if (known) return known;
  const counts = await cardCounts(db, vote);
  let result: Settled['result'] = null;
  if (tally?.publishedAt) {
    const r = parsedResult(tally);
    const [b] = await db.select({ bulletin: tallies.bulletin }).from(tallies).where(eq(tallies.voteId, vote.id));
    const questions = questionResults(parsedBulletin(b), r);
    // The fields of a plain vote are its project question's; a sitting of motions only has none (its first motion's figures).
    const p = questions.find((q) => q.kind === 'projects') ?? questions[0];
    const projects = p?.kind === 'projects';
    result = {
      void: r.void,
      seated: r.seated,
      threshold: p?.threshold ?? 0,
      valid: p?.valid ?? 0,
      invalid: p?.invalid ?? 0,
      elected: projects ? p.elected : [],
      tied: projects ? p.tied : [],
      unfilledSeats: projects ? p.unfilledSeats : 0,
      candidates: projects ? p.candidates.map((c) => ({ id: c.id, title: c.title, for: c.for })) : [],
      questions,
    };
  }
  const out = { counts, result };
  if (key) {
    if (settled.size >= SETTLED_MAX) settled.delete(settled.keys().next().value as string);
    settled.set(key, out);
  }
  return out;
}

/**
 * The questions a vote's card asks, titles only (a plain vote: its own title as its one question). Fixed once the vote
 * opens (motions are edited only before), so kept per process from then on.
 */
type ScreenQuestions = Screen['votes'][number]['questions'];
const openedQuestions = new Map<string, ScreenQuestions>();
async function screenQuestions(db: DbOrTx, vote: typeof votes.$inferSelect): Promise<ScreenQuestions> {
  const key = vote.openedAt ? `${vote.id}:${vote.openedAt.getTime()}` : null;
  const known = key ? openedQuestions.get(key) : undefined;
  if (known) return known;
  const ms = await motionsOnVote(db, vote.id);
  const out: ScreenQuestions = ms.map((m) => ({ id: m.id, kind: 'motion', motionKind: m.kind, title: m.title }));
  if (vote.listId) {
    let title = vote.title;
    if (ms.length) {
      const [l] = await db.select({ title: candidateLists.title }).from(candidateLists).where(eq(candidateLists.id, vote.listId));
      title = l?.title ?? title;
    }
    out.splice(Math.min(Math.max(vote.listPosition, 0), out.length), 0, { id: vote.id, kind: 'projects', motionKind: null, title });
  }
  if (key) {
    if (openedQuestions.size >= SETTLED_MAX) openedQuestions.delete(openedQuestions.keys().next().value as string);
    openedQuestions.set(key, out);
  }
  return out;
}

export async function screenOf(db: DbOrTx, sessionId: string): Promise<Screen> {
  const [row] = await db.select({ session: congressSessions, congress: congresses }).from(congressSessions).innerJoin(congresses, eq(congresses.id, congressSessions.congressId)).where(eq(congressSessions.id, sessionId));
  if (!row) throw new AppError('screen_session_not_found');
  const roll = await summarize(db, row.congress, row.session);
  const vs = await db
    // Not the bulletin (every ballot of the vote): only what tells whether the vote is settled, and its result.
    .select({ vote: votes, tally: { voteId: tallies.voteId, preparedAt: tallies.preparedAt, publishedAt: tallies.publishedAt, result: tallies.result }, left: vacanciesLeft.voteId })
    .from(votes)
    .leftJoin(tallies, eq(tallies.voteId, votes.id))
    .leftJoin(vacanciesLeft, eq(vacanciesLeft.voteId, votes.id))
    .where(eq(votes.sessionId, sessionId))
    .orderBy(asc(votes.createdAt), asc(votes.id));
  const rows = await Promise.all(
    vs.map(async ({ vote, tally, left }) => {
      const { counts, result } = await settledPart(db, vote, tally);
      const questions = await screenQuestions(db, vote);
      const published = !!tally?.publishedAt;
      const row: Screen['votes'][number] = {
        id: vote.id,
        title: vote.title,
        kind: vote.kind,
        state: voteState(vote),
        published,
        seats: vote.seats,
        openedAt: vote.openedAt?.toISOString() ?? null,
        closedAt: vote.closedAt?.toISOString() ?? null,
        countdownEndsAt: vote.countdownEndsAt?.toISOString() ?? null,
        issued: counts.issued,
        present: vote.closePresent ?? vote.openPresent ?? roll.present,
        overIssued: overIssued({ issued: counts.issued, present: vote.closePresent ?? vote.openPresent ?? roll.present }),
        cast: counts.cast,
        result,
        questions,
      };
      // Only a vote over a list has a final list of projects (a sitting of motions only is not in `finals`).
      return { row, chain: vote.listId ? { id: vote.id, kind: vote.kind, seats: vote.seats, previousVoteId: vote.previousVoteId, result, leftEmpty: !!left } : null };
    }),
  );
  return {
    congress: { id: row.congress.id, name: row.congress.name },
    session: { id: row.session.id, name: row.session.name, date: row.session.date },
    seated: roll.seated,
    present: roll.present,
    quorum: roll.quorum,
    now: new Date().toISOString(),
    votes: rows.map((r) => r.row),
    finals: finalLists(rows.flatMap((r) => (r.chain ? [r.chain] : []))),
    evaluations: await hallRoundsOnScreen(db, row.congress, sessionId),
  };
}
