/**
 * After the close: the bulletin (sorted receipts; ballots in canonical order, unlinked from the receipts) and the
 * result with its digests, built by the pure tally of `shared/tally`.
 */
import { eq } from 'drizzle-orm';
import { BULLETIN_FORMAT, type Bulletin, type Result } from '../../shared/tally/format.ts';
import { bulletinDigests, sha256Text, sortBallots, tally } from '../../shared/tally/tally.ts';
import { methodOf } from '../../shared/ballot/methods/index.ts';
import type { DbOrTx } from '../db/client.ts';
import { ballots, cards, type congresses, type votes } from '../db/schema/index.ts';
import { candidatesOf, cardCounts } from '../ballot/votes.ts';

type VoteRow = typeof votes.$inferSelect;
type Congress = typeof congresses.$inferSelect;

/**
 * The bulletin as a file: readable (one receipt, one ballot a line) and byte-stable. The digests are of the two
 * arrays' own `JSON.stringify` text, so the file's layout does not change them.
 */
export function bulletinText(b: Bulletin): string {
  const lines = (xs: unknown[]) => (xs.length ? `[\n${xs.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]` : '[]');
  return `{\n  "format": ${JSON.stringify(b.format)},\n  "vote": ${JSON.stringify(b.vote)},\n  "counts": ${JSON.stringify(b.counts)},\n  "receipts": ${lines(b.receipts)},\n  "ballots": ${lines(b.ballots)}\n}\n`;
}

export const resultText = (r: Result) => `${JSON.stringify(r, null, 2)}\n`;

export async function buildTally(db: DbOrTx, congress: Congress, vote: VoteRow) {
  const candidates = (await candidatesOf(db, congress, vote)).map((c) => ({ id: c.id, title: c.title }));
  const ids = candidates.map((c) => c.id);
  const rows = await db.select({ marks: ballots.marks, receipt: ballots.receipt }).from(ballots).where(eq(ballots.voteId, vote.id));
  const { issued } = await cardCounts(db, vote);
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
    counts: { seated: vote.closeSeated ?? vote.openSeated ?? 0, present: vote.closePresent ?? vote.openPresent ?? 0, issued },
    receipts: rows.map((r) => r.receipt).sort(),
    ballots: sortBallots(rows.map((r) => methodOf(vote.markMode).canonical(r.marks, ids))),
  };
  const result: Result = { ...tally(bulletin), digests: await bulletinDigests(bulletin), cardsCommitment: vote.cardsCommitment };
  const rText = resultText(result);
  return { bulletin, result, bulletinText: bulletinText(bulletin), resultText: rText, resultDigest: await sha256Text(rText) };
}

/**
 * 计算机认定为无效票: the over-marked ballots for the chief scrutineer to re-check, in canonical order (not arrival),
 * with the card's serial only for a paper ballot (so the paper card can be found in the box).
 */
export async function invalidBallots(db: DbOrTx, vote: VoteRow, candidateIds: string[]) {
  const rows = await db.select({ marks: ballots.marks, paper: ballots.paper, serial: cards.serial }).from(ballots).innerJoin(cards, eq(cards.id, ballots.cardId)).where(eq(ballots.voteId, vote.id));
  const method = methodOf(vote.markMode);
  return rows
    .filter((r) => method.invalid(r.marks, vote))
    .map((r) => ({ marks: method.canonical(r.marks, candidateIds), paper: r.paper, serial: r.paper ? r.serial : null }))
    .sort((a, b) => {
      const x = JSON.stringify(a.marks) + (a.serial ?? '');
      const y = JSON.stringify(b.marks) + (b.serial ?? '');
      return x < y ? -1 : x > y ? 1 : 0;
    })
    .map((r, i) => ({ n: i + 1, ...r }));
}
