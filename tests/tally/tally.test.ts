/** The pure tally (design §4, §10) against hand-computed tables: one describe per rule. */
import { describe, expect, it } from 'vitest';
import { type Bulletin, BULLETIN_FORMAT } from '../../shared/tally/format.ts';
import { methodOf } from '../../shared/ballot/methods/index.ts';
import { bulletinDigests, electedOf, sha256Text, sortBallots, tally, thresholdFor } from '../../shared/tally/tally.ts';

// The canonical form and the invalid rule are the vote method's (shared/ballot/methods); both methods share them here.
const fae = methodOf('for_against_abstain');
const canonicalBallot = (b: Record<string, M>, ids: string[]) => fae.canonical(b, ids);
const isInvalid = (b: Record<string, M>, maxFor: number) => fae.invalid(b, { maxFor }) !== null;

type M = 'for' | 'against' | 'abstain';
const IDS = ['a', 'b', 'c', 'd', 'e'];

/** A bulletin from a compact ballot notation: 'FA.-' = a for, b against, c abstain, d abstain (missing). */
function bulletin(opts: { seats?: number; maxFor?: number; n?: number; approve?: boolean; base?: 'seated' | 'present' | 'valid'; num?: number; den?: number; strict?: boolean; seated?: number; present?: number; issued?: number; ballots: string[] }): Bulletin {
  const n = opts.n ?? 3;
  const ids = IDS.slice(0, n);
  const ballots = opts.ballots.map((s) => {
    const b: Record<string, M> = {};
    [...s].forEach((ch, i) => {
      if (ch === 'F') b[ids[i]] = 'for';
      else if (ch === 'A') b[ids[i]] = 'against';
    });
    return b;
  });
  return {
    format: BULLETIN_FORMAT,
    vote: {
      id: 'v1',
      title: 't',
      seats: opts.seats ?? 2,
      markMode: opts.approve ? 'approve' : 'for_against_abstain',
      maxFor: opts.maxFor ?? opts.seats ?? 2,
      threshold: { base: opts.base ?? 'seated', numerator: opts.num ?? 1, denominator: opts.den ?? 2, strict: opts.strict ?? true },
      candidates: ids.map((id) => ({ id, title: id.toUpperCase() })),
    },
    counts: { seated: opts.seated ?? 10, present: opts.present ?? opts.ballots.length, issued: opts.issued ?? opts.ballots.length },
    receipts: opts.ballots.map((_, i) => `R${String(i).padStart(4, '0')}`),
    ballots: sortBallots(ballots.map((b) => canonicalBallot(b, ids))),
  };
}
const rep = (s: string, k: number) => Array.from({ length: k }, () => s);

describe('threshold: the smallest whole number over (strict) or at least (not strict) base × fraction', () => {
  it.each([
    // base, numerator, denominator, strict, threshold
    [60, 1, 2, true, 31],
    [61, 1, 2, true, 31],
    [60, 1, 2, false, 30],
    [61, 1, 2, false, 31],
    [45, 2, 3, true, 31],
    [45, 2, 3, false, 30],
    [7, 1, 3, true, 3],
    [7, 1, 3, false, 3],
    [6, 1, 3, true, 3],
    [6, 1, 3, false, 2],
    [1, 1, 2, true, 1],
    [0, 1, 2, true, 1],
    [0, 1, 2, false, 0],
    [100, 1, 1, false, 100],
    [100, 1, 1, true, 101],
    [3000, 2, 3, true, 2001],
  ])('base %i × %i/%i (strict %s) → %i', (base, numerator, denominator, strict, want) => {
    expect(thresholdFor(base, { numerator, denominator, strict })).toBe(want);
  });
});

describe('threshold base: seated, present or valid ballots', () => {
  // 10 seated, 8 present (ballots), of which 2 invalid (3 for with maxFor 2) → valid 6.
  const ballots = [...rep('FFF', 2), ...rep('FA-', 4), ...rep('F-A', 2)];
  it.each([
    ['seated', 6, ['a'], 1], // > 10/2 → 6: a has 6 (valid ballots only), b 0
    ['present', 5, ['a'], 1], // > 8/2 → 5
    ['valid', 4, ['a'], 1], // > 6/2 → 4
  ] as const)('base %s → threshold %i, elected %j', (base, threshold, elected, unfilled) => {
    const r = tally(bulletin({ base, seated: 10, present: 8, ballots }));
    expect(r).toMatchObject({ cast: 8, invalid: 2, valid: 6, threshold, elected, tied: [], unfilledSeats: unfilled });
    expect(r.candidates[0]).toEqual({ id: 'a', for: 6, against: 0, abstain: 0 });
    expect(r.candidates[1]).toEqual({ id: 'b', for: 0, against: 4, abstain: 2 });
    expect(r.candidates[2]).toEqual({ id: 'c', for: 0, against: 2, abstain: 4 });
  });
  it('the same ballots elect more with a lower base', () => {
    const bs = [...rep('FF-', 5), ...rep('F-F', 1), ...rep('---', 1)];
    expect(tally(bulletin({ base: 'seated', seated: 12, present: 7, ballots: bs })).elected).toEqual([]); // needs 7
    expect(tally(bulletin({ base: 'present', seated: 12, present: 7, ballots: bs })).elected).toEqual(['a', 'b']); // needs 4
    expect(tally(bulletin({ base: 'valid', seated: 12, present: 7, ballots: bs })).elected).toEqual(['a', 'b']);
  });
});

describe('invalid ballots: more 赞成 than allowed count for no candidate; a blank ballot is valid', () => {
  it.each([
    // maxFor, ballots, invalid, valid, fors of a/b/c
    [2, ['FF-', 'FFF', '---'], 1, 2, [1, 1, 0]],
    [2, ['FFA', 'AAA', 'FF-'], 0, 3, [2, 2, 0]],
    [1, ['FF-', 'F--', '-F-'], 1, 2, [1, 1, 0]],
    [3, ['FFF', 'FFF'], 0, 2, [2, 2, 2]],
    [0, ['F--', 'AAA', '---'], 1, 2, [0, 0, 0]],
  ])('maxFor %i: %j → %i invalid', (maxFor, ballots, invalid, valid, fors) => {
    const r = tally(bulletin({ seats: 2, maxFor, ballots }));
    expect([r.invalid, r.valid, r.cast]).toEqual([invalid, valid, ballots.length]);
    expect(r.candidates.map((c) => c.for)).toEqual(fors);
    for (const c of r.candidates) expect(c.for + c.against + c.abstain).toBe(valid);
  });
  it('isInvalid counts only 赞成', () => {
    expect(isInvalid({ a: 'against', b: 'against', c: 'against' }, 1)).toBe(false);
    expect(isInvalid({ a: 'for', b: 'for' }, 1)).toBe(true);
  });
});

describe('approve mode: tick up to N', () => {
  it('counts ticks as 赞成 and the rest as abstentions; over-ticked ballots are invalid', () => {
    const r = tally(bulletin({ approve: true, seats: 1, seated: 5, ballots: ['F--', 'F--', 'F--', '-F-', 'FF-'] }));
    expect(r).toMatchObject({ invalid: 1, valid: 4, threshold: 3, elected: ['a'] });
    expect(r.candidates[0]).toEqual({ id: 'a', for: 3, against: 0, abstain: 1 });
  });
});

describe('elected: at or above the threshold, by 赞成 descending, at most the seats', () => {
  it.each([
    // name, seats, fors (a..e), threshold, elected, tied
    ['all fit', 3, [9, 8, 7, 1, 0], 5, ['a', 'b', 'c'], []],
    ['ranked by votes, not list order', 2, [6, 9, 7, 1, 0], 5, ['b', 'c'], []],
    ['more qualify than seats', 2, [9, 8, 7, 6, 5], 5, ['a', 'b'], []],
    ['a tie that fits inside the seats', 3, [9, 8, 8, 1, 0], 5, ['a', 'b', 'c'], []],
    ['equal counts inside the seats keep the list order', 2, [5, 9, 9, 1, 0], 5, ['b', 'c'], []],
    ['a tie across the last seat', 2, [9, 8, 8, 1, 0], 5, ['a'], ['b', 'c']],
    ['a three-way tie for two seats', 2, [7, 7, 7, 1, 0], 5, [], ['a', 'b', 'c']],
    ['a tie below the threshold does not matter', 2, [9, 8, 4, 4, 0], 5, ['a', 'b'], []],
    ['a tie exactly at the threshold across the last seat', 1, [5, 5, 4, 0, 0], 5, [], ['a', 'b']],
    ['nobody reaches the threshold', 2, [4, 3, 2, 1, 0], 5, [], []],
    ['fewer qualify than seats', 3, [9, 4, 6, 1, 0], 5, ['a', 'c'], []],
    ['one seat, clear winner', 1, [9, 8, 0, 0, 0], 5, ['a'], []],
  ] as const)('%s', (_, seats, fors, threshold, elected, tied) => {
    const counts = fors.map((f, i) => ({ id: IDS[i], for: f }));
    expect(electedOf(counts, seats, threshold)).toEqual({ elected, tied });
  });
});

describe('unfilled seats: seats − elected, tied seats included', () => {
  it.each([
    [3, ['FFF', 'FF-', 'F--', '---'], 5, 3, ['a'], [], 2],
    [2, rep('FF-', 6), 10, 6, ['a', 'b'], [], 0],
    [2, [...rep('FFA', 0), ...rep('FF-', 3), ...rep('F-F', 3)], 10, 6, ['a'], [], 1], // b 3, c 3: below 6
    [2, [...rep('FF-', 4), ...rep('F-F', 4)], 10, 6, ['a'], [], 1], // b 4, c 4: below 6
    [2, [...rep('FF-', 6), ...rep('F-F', 6)], 12, 7, ['a'], [], 1], // b 6, c 6 below 7
    [2, [...rep('FF-', 7), ...rep('F-F', 7)], 14, 8, ['a'], [], 1],
    [2, [...rep('-F-', 7), ...rep('--F', 7)], 12, 7, ['b', 'c'], [], 0],
    [1, [...rep('-F-', 7), ...rep('--F', 7)], 12, 7, [], ['b', 'c'], 1],
  ] as const)('seats %i → unfilled', (seats, ballots, seated, threshold, elected, tied, unfilled) => {
    const r = tally(bulletin({ seats, maxFor: 3, seated, ballots: [...ballots] }));
    expect(r).toMatchObject({ threshold, elected, tied, unfilledSeats: unfilled });
  });
});

describe('void: more ballots cast than cards issued', () => {
  it.each([
    [5, 5, false],
    [5, 4, true],
    [5, 6, false],
    [0, 0, false],
  ])('%i cast, %i issued → void %s', (cast, issued, isVoid) => {
    const r = tally(bulletin({ seated: 6, issued, ballots: rep('FF-', cast) }));
    expect(r.void).toBe(isVoid);
    expect(r.cast).toBe(cast);
    if (isVoid) expect(r).toMatchObject({ elected: [], tied: [], unfilledSeats: 2 });
    else if (cast === 5) expect(r.elected).toEqual(['a', 'b']);
  });
  it('a void vote still reports the figures', () => {
    const r = tally(bulletin({ seated: 6, issued: 3, ballots: rep('FA-', 4) }));
    expect(r.candidates[0]).toEqual({ id: 'a', for: 4, against: 0, abstain: 0 });
  });
});

describe('the canonical bulletin and its digests', () => {
  it('drops abstentions, orders keys as the candidates and ballots by their JSON text', () => {
    expect(JSON.stringify(canonicalBallot({ c: 'for', a: 'against', b: 'abstain' }, ['a', 'b', 'c']))).toBe('{"a":"against","c":"for"}');
    const sorted = sortBallots([{ b: 'for' }, { a: 'for' }, {}, { a: 'against' }]);
    expect(sorted.map((b) => JSON.stringify(b))).toEqual(['{"a":"against"}', '{"a":"for"}', '{"b":"for"}', '{}']);
  });
  it('digests are SHA-256 of JSON.stringify of each array', async () => {
    const b = bulletin({ ballots: ['FA-', '---'] });
    const d = await bulletinDigests(b);
    expect(d.receipts).toBe(await sha256Text('["R0000","R0001"]'));
    expect(d.ballots).toBe(await sha256Text(JSON.stringify(b.ballots)));
    expect(await sha256Text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('scale', () => {
  it('tallies 100,000 ballots × 20 candidates exactly', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const ballots: Record<string, M>[] = [];
    for (let i = 0; i < 100_000; i++) {
      const b: Record<string, M> = {};
      for (let j = 0; j < 20; j++) {
        const x = (i * 7 + j * 13) % 10;
        if (x < 3) b[ids[j]] = 'for';
        else if (x < 5) b[ids[j]] = 'against';
      }
      ballots.push(b);
    }
    const big: Bulletin = { ...bulletin({ ballots: [] }), vote: { ...bulletin({ ballots: [] }).vote, seats: 10, maxFor: 10, candidates: ids.map((id) => ({ id, title: id })) }, counts: { seated: 100_000, present: 100_000, issued: 100_000 }, ballots };
    const r = tally(big);
    expect(r.cast).toBe(100_000);
    // Each candidate: per i, x runs over all residues equally (7 is coprime with 10) → 3/10 for, 2/10 against; ballots
    // with more than 10 for are invalid. Cross-check against a direct count.
    let invalid = 0;
    const fors = new Array(20).fill(0);
    for (const b of ballots) {
      const n = Object.values(b).filter((m) => m === 'for').length;
      if (n > 10) invalid++;
      else for (const [k, m] of Object.entries(b)) if (m === 'for') fors[ids.indexOf(k)]++;
    }
    expect(r.invalid).toBe(invalid);
    expect(r.candidates.map((c) => c.for)).toEqual(fors);
  });
});
