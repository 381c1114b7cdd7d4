/**
 * After the close: the bulletin (sorted receipts; ballots in canonical order, unlinked from the receipts) and the
 * result with its digests, built by the pure tally of `shared/tally`.
 */
import { eq } from 'drizzle-orm';
import { BULLETIN_FORMAT, BULLETIN_FORMAT_2, type AnyBulletin, type AnyResult, type Bulletin, type BulletinV2, type QuestionSpec, type Result, type ResultV2 } from '../../shared/tally/format.ts';
import { bulletinDigests, sha256Text, sortBallots, tally, tallySitting } from '../../shared/tally/tally.ts';
import { methodOf } from '../../shared/ballot/methods/index.ts';
import { canonicalBallot, invalidQuestions, type Question } from '../../shared/ballot/questions.ts';
import type { DbOrTx } from '../db/client.ts';
import { ballots, cards, type congresses, type votes } from '../db/schema/index.ts';
import { asMarkQuestions, motionsOnVote, questionsOf } from '../ballot/motions.ts';
import { candidatesOf, cardCounts } from '../ballot/votes.ts';

type VoteRow = typeof votes.$inferSelect;
type Congress = typeof congresses.$inferSelect;

/**
 * The bulletin as a file: readable (one receipt, one ballot a line) and byte-stable. The digests are of the two
 * arrays' own `JSON.stringify` text, so the file's layout does not change them.
 */
export function bulletinText(b: AnyBulletin): string {
  const lines = (xs: unknown[]) => (xs.length ? `[\n${xs.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]` : '[]');
  return `{\n  "format": ${JSON.stringify(b.format)},\n  "vote": ${JSON.stringify(b.vote)},\n  "counts": ${JSON.stringify(b.counts)},\n  "receipts": ${lines(b.receipts)},\n  "ballots": ${lines(b.ballots)}\n}\n`;
}

export const resultText = (r: AnyResult) => `${JSON.stringify(r, null, 2)}\n`;

/**
 * The files of a closed vote. A vote without motions writes format /1 exactly as always (its bytes do not change); a
 * sitting (a vote with motions: several questions on one card) writes format /2, each question counted on its own.
 */
export async function buildTally(db: DbOrTx, congress: Congress, vote: VoteRow) {
  const rows = await db.select({ marks: ballots.marks, receipt: ballots.receipt }).from(ballots).where(eq(ballots.voteId, vote.id));
  const { issued } = await cardCounts(db, vote);
  const counts = { seated: vote.closeSeated ?? vote.openSeated ?? 0, present: vote.closePresent ?? vote.openPresent ?? 0, issued };
  const receipts = rows.map((r) => r.receipt).sort();
  if ((await motionsOnVote(db, vote.id)).length === 0) {
    const candidates = (await candidatesOf(db, congress, vote)).map((c) => ({ id: c.id, title: c.title }));
    const ids = candidates.map((c) => c.id);
    const bulletin: Bulletin = {
      format: BULLETIN_FORMAT,
      vote: {
        id: vote.id,
        title: vote.title,
        seats: vote.seats,
        markMode: vote.markMode,
        maxFor: vote.maxFor,
        threshold: { base: vote.thresholdBase, numerator: vote.thresholdNumerator, denominator: vote.thresholdDenominator, strict: vote.thresholdStrict },
        candidates,
      },
      counts,
      receipts,
      ballots: sortBallots(rows.map((r) => methodOf(vote.markMode).canonical(r.marks, ids))),
    };
    const result: Result = { ...tally(bulletin), digests: await bulletinDigests(bulletin), cardsCommitment: vote.cardsCommitment };
    return files(bulletin, result);
  }
  const views = await questionsOf(db, congress, vote, () => candidatesOf(db, congress, vote));
  const questions = asMarkQuestions(views);
  const specs: QuestionSpec[] = views.map((q) => ({
    id: q.id,
    kind: q.kind,
    ...(q.motionKind ? { motionKind: q.motionKind } : {}),
    title: q.title,
    markMode: q.markMode,
    seats: q.seats,
    maxFor: q.maxFor,
    threshold: q.threshold,
    candidates: q.candidates.map((c) => ({ id: c.id, title: c.title })),
  }));
  const bulletin: BulletinV2 = {
    format: BULLETIN_FORMAT_2,
    vote: { id: vote.id, title: vote.title, questions: specs },
    counts,
    receipts,
    ballots: sortBallots(rows.map((r) => canonicalBallot(r.marks, questions))),
  };
  const result: ResultV2 = { ...tallySitting(bulletin), digests: await bulletinDigests(bulletin), cardsCommitment: vote.cardsCommitment };
  return files(bulletin, result);
}

async function files<B extends AnyBulletin, R extends AnyResult>(bulletin: B, result: R) {
  const rText = resultText(result);
  return { bulletin, result, bulletinText: bulletinText(bulletin), resultText: rText, resultDigest: await sha256Text(rText) };
}

/**
 * 计算机认定为无效票: the ballots invalid for at least one question (over-marked), for the chief scrutineer to re-check,
 * in canonical order (not arrival), each with the questions it is invalid for, and the card's serial only for a paper
 * ballot (so the paper card can be found in the box). `questions`: the card's questions (one for a plain vote).
 */
export async function invalidBallots(db: DbOrTx, voteId: string, questions: Question[]) {
  const rows = await db.select({ marks: ballots.marks, paper: ballots.paper, serial: cards.serial }).from(ballots).innerJoin(cards, eq(cards.id, ballots.cardId)).where(eq(ballots.voteId, voteId));
  return rows
    .map((r) => ({ r, invalid: invalidQuestions(r.marks, questions) }))
    .filter(({ invalid }) => invalid.size > 0)
    .map(({ r, invalid }) => ({ marks: canonicalBallot(r.marks, questions), paper: r.paper, serial: r.paper ? r.serial : null, questions: [...invalid.keys()] }))
    .sort((a, b) => {
      const x = JSON.stringify(a.marks) + (a.serial ?? '');
      const y = JSON.stringify(b.marks) + (b.serial ?? '');
      return x < y ? -1 : x > y ? 1 : 0;
    })
    .map((r, i) => ({ n: i + 1, ...r }));
}
