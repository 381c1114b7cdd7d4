/**
 * 计票: the tally as a pure function, bulletin in, result out (SPEC §4 vote rules, §10 format). The server publishes
 * what this computes and `npm run verify` recounts with this same function.
 */
import { type Bulletin, type Count, type ThresholdRule, RESULT_FORMAT } from './format.ts';

type Mark = 'for' | 'against' | 'abstain';

/**
 * The smallest whole number of 赞成 a candidate needs: greater than (strict) or at least (not strict)
 * base × numerator / denominator. More than half of 60 is 31; at least half of 61 is 31. Integer arithmetic only.
 */
export function thresholdFor(base: number, rule: Pick<ThresholdRule, 'numerator' | 'denominator' | 'strict'>): number {
  const p = base * rule.numerator;
  return rule.strict ? Math.floor(p / rule.denominator) + 1 : Math.ceil(p / rule.denominator);
}

/** A ballot with more 赞成 than allowed is invalid (废票) and counts for no candidate; a blank ballot is valid. */
export function isInvalid(ballot: Record<string, Mark>, maxFor: number): boolean {
  let n = 0;
  for (const k in ballot) if (ballot[k] === 'for') n++;
  return n > maxFor;
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
  const ids = b.vote.candidates.map((c) => c.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const fors = new Array<number>(ids.length).fill(0);
  const againsts = new Array<number>(ids.length).fill(0);
  let invalid = 0;
  for (const ballot of b.ballots) {
    if (isInvalid(ballot, b.vote.maxFor)) {
      invalid++;
      continue;
    }
    for (const k in ballot) {
      const i = index.get(k);
      if (i === undefined) continue; // a malformed bulletin is refused by its schema before it gets here
      const m = ballot[k];
      if (m === 'for') fors[i]++;
      else if (m === 'against') againsts[i]++;
    }
  }
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

/** A ballot as the bulletin holds it: only 赞成/反对 marks (a missing candidate abstains), keys in candidate order. */
export function canonicalBallot(marks: Record<string, Mark>, candidateIds: string[]): Record<string, Mark> {
  const out: Record<string, Mark> = {};
  for (const id of candidateIds) {
    const m = marks[id];
    if (m === 'for' || m === 'against') out[id] = m;
  }
  return out;
}

/** Canonical order of the ballots: by their JSON text (plain code-unit comparison), so arrival order is gone. */
export function sortBallots(ballots: Record<string, Mark>[]): Record<string, Mark>[] {
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

/** The two digests of SPEC §10: of `JSON.stringify(receipts)` and of `JSON.stringify(ballots)`, exactly as they stand. */
export async function bulletinDigests(b: Pick<Bulletin, 'receipts' | 'ballots'>): Promise<{ receipts: string; ballots: string }> {
  return { receipts: await sha256Text(JSON.stringify(b.receipts)), ballots: await sha256Text(JSON.stringify(b.ballots)) };
}
