/**
 * 计票: the tally as a pure function, bulletin in, result out (design §4 vote rules, §10 format). The server publishes
 * what this computes and `npm run verify` recounts with this same function.
 */
import { methodOf, type Marks } from '../ballot/methods/index.ts';
import { type Bulletin, type Count, type ThresholdRule, RESULT_FORMAT } from './format.ts';

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

/** The whole count of a bulletin. `void` when more ballots were cast than cards issued (收回多于发出). */
export function tally(b: Bulletin): Count {
  const method = methodOf(b.vote.markMode);
  const ids = b.vote.candidates.map((c) => c.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const totals = { for: new Array<number>(ids.length).fill(0), against: new Array<number>(ids.length).fill(0) };
  let invalid = 0;
  // An invalid ballot (废票) counts for no candidate; the method says which are invalid and what a valid one adds.
  for (const ballot of b.ballots) {
    if (method.invalid(ballot, b.vote)) invalid++;
    else method.tally(ballot, index, totals);
  }
  const { for: fors, against: againsts } = totals;
  const cast = b.ballots.length;
  const valid = cast - invalid;
  const base = b.vote.threshold.base === 'seated' ? b.counts.seated : b.vote.threshold.base === 'present' ? b.counts.present : valid;
  const threshold = thresholdFor(base, b.vote.threshold);
  const candidates = ids.map((id, i) => ({ id, for: fors[i], against: againsts[i], abstain: valid - fors[i] - againsts[i] }));
  const isVoid = cast > b.counts.issued;
  const { elected, tied } = isVoid ? { elected: [], tied: [] } : electedOf(candidates, b.vote.seats, threshold);
  return {
    format: RESULT_FORMAT,
    voteId: b.vote.id,
    void: isVoid,
    seated: b.counts.seated,
    present: b.counts.present,
    issued: b.counts.issued,
    cast,
    valid,
    invalid,
    threshold,
    candidates,
    elected,
    tied,
    unfilledSeats: b.vote.seats - elected.length,
  };
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
export async function bulletinDigests(b: Pick<Bulletin, 'receipts' | 'ballots'>): Promise<{ receipts: string; ballots: string }> {
  return { receipts: await sha256Text(JSON.stringify(b.receipts)), ballots: await sha256Text(JSON.stringify(b.ballots)) };
}
