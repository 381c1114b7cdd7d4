/**
 * 计票: the tally as a pure function, bulletin in, result out (design §4 vote rules, §10 format). The server publishes
 * what this computes and `npm run verify` recounts with this same function.
 */
import { methodOf, type Marks } from '../ballot/methods/index.ts';
import { partOf } from '../ballot/questions.ts';
import { type AnyBulletin, type Bulletin, type BulletinV2, BULLETIN_FORMAT_2, type Count, type CountV2, type QuestionCount, type QuestionSpec, type ThresholdRule, RESULT_FORMAT, RESULT_FORMAT_2 } from './format.ts';

/**
 * The smallest whole number of 赞成 a candidate needs: greater than (strict) or at least (not strict)
 * base × numerator / denominator. More than half of 60 is 31; at least half of 61 is 31. Integer arithmetic only.
 */
export function thresholdFor(base: number, rule: Pick<ThresholdRule, 'numerator' | 'denominator' | 'strict'>): number {
  const p = base * rule.numerator;
  return rule.strict ? Math.floor(p / rule.denominator) + 1 : Math.ceil(p / rule.denominator);
}

/**
 * Elected: candidates at or above the threshold, by 赞成 descending (equal counts keep the bulletin's order), at most
 * `seats`. Candidates tied across the last seat are all `tied` and none elected; the seats left are unfilled.
 */
export function electedOf(counts: { id: string; for: number }[], seats: number, threshold: number): { elected: string[]; tied: string[] } {
  const ranked = counts
    .map((c, i) => ({ ...c, i }))
    .filter((c) => c.for >= threshold)
    .sort((a, b) => b.for - a.for || a.i - b.i);
  if (ranked.length <= seats) return { elected: ranked.map((c) => c.id), tied: [] };
  const last = ranked[seats - 1].for;
  if (ranked[seats].for < last) return { elected: ranked.slice(0, seats).map((c) => c.id), tied: [] };
  return { elected: ranked.filter((c) => c.for > last).map((c) => c.id), tied: ranked.filter((c) => c.for === last).map((c) => c.id) };
}

/** What counting one question needs: its method and rule, and its candidates in card order. */
type Countable = Pick<QuestionSpec, 'id' | 'kind' | 'markMode' | 'seats' | 'maxFor' | 'threshold'> & { candidates: { id: string }[] };

/** The questions of a bulletin of either version: a /1 vote is one project question with the vote's id. */
export function bulletinQuestions(b: AnyBulletin): QuestionSpec[] {
  if (b.format === BULLETIN_FORMAT_2) return b.vote.questions;
  const { id, title, markMode, seats, maxFor, threshold, candidates } = b.vote;
  return [{ id, kind: 'projects', title, markMode, seats, maxFor, threshold, candidates }];
}

/**
 * Count one question of every ballot: a ballot invalid for this question (over-marked, 废票) counts for none of its
 * candidates but still counts for the other questions of the card. `isVoid` (more ballots than cards issued) elects
 * no one and passes nothing.
 */
export function countQuestion(q: Countable, ballots: readonly Marks[], counts: Bulletin['counts'], isVoid: boolean): QuestionCount {
  const method = methodOf(q.markMode);
  const ids = q.candidates.map((c) => c.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const totals = { for: new Array<number>(ids.length).fill(0), against: new Array<number>(ids.length).fill(0) };
  let invalid = 0;
  const question = { candidateIds: ids };
  for (const ballot of ballots) {
    const part = partOf(ballot, question);
    if (method.invalid(part, q)) invalid++;
    else method.tally(part, index, totals);
  }
  const valid = ballots.length - invalid;
  const base = q.threshold.base === 'seated' ? counts.seated : q.threshold.base === 'present' ? counts.present : valid;
  const threshold = thresholdFor(base, q.threshold);
  const candidates = ids.map((id, i) => ({ id, for: totals.for[i], against: totals.against[i], abstain: valid - totals.for[i] - totals.against[i] }));
  const { elected, tied } = isVoid ? { elected: [], tied: [] } : electedOf(candidates, q.seats, threshold);
  return {
    id: q.id,
    kind: q.kind,
    valid,
    invalid,
    threshold,
    candidates,
    elected,
    tied,
    unfilledSeats: q.seats - elected.length,
    passed: q.kind === 'motion' ? !isVoid && elected.length === q.seats : null,
  };
}

/** The card's own figures, the same for every question. `void` when more ballots were cast than cards issued (收回多于发出). */
function cardFigures(b: AnyBulletin) {
  const cast = b.ballots.length;
  return { voteId: b.vote.id, void: cast > b.counts.issued, seated: b.counts.seated, present: b.counts.present, issued: b.counts.issued, cast };
}

/** The whole count of a bulletin of one question (format /1). */
export function tally(b: Bulletin): Count {
  const card = cardFigures(b);
  const { valid, invalid, threshold, candidates, elected, tied, unfilledSeats } = countQuestion(bulletinQuestions(b)[0], b.ballots, b.counts, card.void);
  return {
    format: RESULT_FORMAT,
    ...card,
    valid,
    invalid,
    threshold,
    candidates,
    elected,
    tied,
    unfilledSeats,
  };
}

/** The count of a card with several questions (format /2): each question on its own, the card's figures once. */
export function tallySitting(b: BulletinV2): CountV2 {
  const card = cardFigures(b);
  return { format: RESULT_FORMAT_2, ...card, questions: b.vote.questions.map((q) => countQuestion(q, b.ballots, b.counts, card.void)) };
}

/** Canonical order of the ballots: by their JSON text (plain code-unit comparison), so arrival order is gone. */
export function sortBallots(ballots: Marks[]): Marks[] {
  return ballots
    .map((b) => [JSON.stringify(b), b] as const)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([, b]) => b);
}

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (x) => x.toString(16).padStart(2, '0')).join('');

/** SHA-256 (hex) of a text's UTF-8, with Web Crypto (the same in Node and in the browser). */
export async function sha256Text(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** The two digests of design §10: of `JSON.stringify(receipts)` and of `JSON.stringify(ballots)`, exactly as they stand. */
export async function bulletinDigests(b: Pick<AnyBulletin, 'receipts' | 'ballots'>): Promise<{ receipts: string; ballots: string }> {
  return { receipts: await sha256Text(JSON.stringify(b.receipts)), ballots: await sha256Text(JSON.stringify(b.ballots)) };
}
