/** Each vote method (shared/ballot/methods) on its own: normalise, invalid, canonical form, tally, verification, words. */
import { describe, expect, it } from 'vitest';
import { cardRefusal, voteRefusal } from '../../shared/ballot/card-rule.ts';
import { MARK_MODES, methodOf, type Marks } from '../../shared/ballot/methods/index.ts';
import { Bulletin, BULLETIN_FORMAT } from '../../shared/tally/format.ts';

const IDS = ['a', 'b', 'c'];
const totalsOf = (mode: (typeof MARK_MODES)[number], ballots: Marks[], maxFor = 2) => {
  const m = methodOf(mode);
  const index = new Map(IDS.map((id, i) => [id, i]));
  const totals = { for: [0, 0, 0], against: [0, 0, 0] };
  let invalid = 0;
  for (const b of ballots) {
    if (m.invalid(b, { maxFor })) invalid++;
    else m.tally(b, index, totals);
  }
  return { ...totals, invalid };
};

describe('every method', () => {
  it.each(MARK_MODES)('%s: a module with its own mode, refusing unknown candidates and marks outside the scale', (mode) => {
    const m = methodOf(mode);
    expect(m.mode).toBe(mode);
    expect(m.normalise({ z: 'for' }, IDS)).toEqual({ ok: false, reason: 'unknown_candidate' });
    expect(m.normalise({ a: 'yes' }, IDS)).toEqual({ ok: false, reason: 'bad_mark' });
    expect(m.normalise({ a: 1 }, IDS)).toEqual({ ok: false, reason: 'bad_mark' });
    // Abstaining is leaving a candidate out: accepted, and never stored.
    expect(m.normalise({ b: 'abstain' }, IDS)).toEqual({ ok: true, marks: {} });
    // Over-marked is still a ballot (refused only by the tally, as invalid); a blank ballot is valid.
    const over = m.normalise({ c: 'for', a: 'for', b: 'for' }, IDS);
    expect(over.ok && JSON.stringify(over.marks)).toBe('{"a":"for","b":"for","c":"for"}');
    expect(m.invalid({ a: 'for', b: 'for', c: 'for' }, { maxFor: 2 })).toEqual({ reason: 'over_marked', marked: 3, max: 2 });
    expect(m.invalid({}, { maxFor: 2 })).toBeNull();
    expect(methodOf(mode).words.rule).toMatch(/^ballot\.rule\./);
  });
  it('an unknown mode is an error, not a silent default', () => {
    expect(() => methodOf('ranked' as never)).toThrow(/unknown mark mode/);
  });
});

describe('for_against_abstain', () => {
  const m = methodOf('for_against_abstain');
  it('normalises to candidate order without abstentions', () => {
    const r = m.normalise({ c: 'against', a: 'for', b: 'abstain' }, IDS);
    expect(r.ok && JSON.stringify(r.marks)).toBe('{"a":"for","c":"against"}');
    expect(m.marks).toEqual(['for', 'against', 'abstain']);
  });
  it('counts only 赞成 towards invalid; tallies 赞成 and 反对', () => {
    expect(m.invalid({ a: 'against', b: 'against', c: 'against' }, { maxFor: 1 })).toBeNull();
    expect(totalsOf('for_against_abstain', [{ a: 'for', b: 'against' }, { a: 'for', c: 'for' }, { a: 'for', b: 'for', c: 'for' }])).toEqual({ for: [2, 0, 1], against: [0, 1, 0], invalid: 1 });
  });
  it('lets the verifier see abstain marks (the canonical check refuses them) and shows 反对', () => {
    expect(m.bulletinMarkProblem('against')).toBeNull();
    expect(m.canonical({ b: 'abstain', a: 'against' }, IDS)).toEqual({ a: 'against' });
    expect(m.words.showsAgainst).toBe(true);
    expect(m.unmarkedCount({ against: 2, abstain: 3 })).toBe(3);
  });
});

describe('approve', () => {
  const m = methodOf('approve');
  it('allows only 赞成 (a tick) or leaving it', () => {
    expect(m.marks).toEqual(['for']);
    expect(m.normalise({ a: 'against' }, IDS)).toEqual({ ok: false, reason: 'bad_mark' });
    const r = m.normalise({ b: 'for', a: 'abstain' }, IDS);
    expect(r.ok && r.marks).toEqual({ b: 'for' });
  });
  it('tallies ticks; over-ticked ballots are invalid', () => {
    expect(totalsOf('approve', [{ a: 'for' }, { a: 'for', b: 'for' }, { a: 'for', b: 'for', c: 'for' }])).toEqual({ for: [2, 1, 0], against: [0, 0, 0], invalid: 1 });
  });
  it('the verifier refuses any mark but 赞成 in an approve bulletin; the result shows 未勾选, not 反对', () => {
    expect(m.bulletinMarkProblem('for')).toBeNull();
    expect(m.bulletinMarkProblem('against')).toMatch(/approve mode/);
    const b = { format: BULLETIN_FORMAT, vote: { id: 'v', title: 't', seats: 1, markMode: 'approve', maxFor: 1, threshold: { base: 'valid', numerator: 1, denominator: 2, strict: true }, candidates: IDS.map((id) => ({ id, title: id })) }, counts: { seated: 1, present: 1, issued: 1 }, receipts: ['R'], ballots: [{ a: 'against' }] };
    const r = Bulletin.safeParse(b);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('ballot 1 has "against" in approve mode (only "for")');
    expect(m.words.showsAgainst).toBe(false);
    expect(m.unmarkedCount({ against: 0, abstain: 3 })).toBe(3);
  });
});

describe('the card-usability rule', () => {
  const open = { openedAt: new Date(), closedAt: null, issuanceMode: 'scan' as const };
  const closed = { ...open, closedAt: new Date() };
  const card = { voided: false, issued: true };
  it('a tablet needs the vote open, paper needs it closed', () => {
    expect(voteRefusal({ ...open, openedAt: null }, 'tablet')).toBe('vote_not_open');
    expect(voteRefusal(closed, 'tablet')).toBe('vote_closed');
    expect(voteRefusal(open, 'paper')).toBe('paper_needs_close');
    expect(cardRefusal(card, open, 'tablet')).toBeNull();
    expect(cardRefusal(card, closed, 'paper')).toBeNull();
  });
  it('then the card: voided, not handed out (scan issuance only), already used — in that order', () => {
    expect(cardRefusal({ voided: true, issued: false, used: true }, open, 'tablet')).toBe('card_voided');
    expect(cardRefusal({ voided: false, issued: false, used: true }, open, 'tablet')).toBe('card_not_issued');
    expect(cardRefusal({ voided: false, issued: false }, { ...open, issuanceMode: 'count' }, 'tablet')).toBeNull();
    expect(cardRefusal({ ...card, used: true }, closed, 'paper')).toBe('card_used');
    // Not asked (the scan does not say whether a card was used).
    expect(cardRefusal({ ...card, used: undefined }, open, 'tablet')).toBeNull();
  });
});
