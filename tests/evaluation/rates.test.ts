/** Rates, grades and weighted scores (design §7) against tables, boundaries included. */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/congress/settings.ts';
import { checkAnswer, choicesOf } from '../../shared/evaluation/kinds.ts';
import { combineScores, type Counts, grade, headline, itemFigures, rates, rectificationFor, scale5Figures, scale5Grade, scale5Score, score, targetGrade, weightedScore, yesNoFigures } from '../../shared/evaluation/rates.ts';

const c = (satisfied: number, basic: number, dissatisfied: number, unknown = 0): Counts => ({ satisfied, basic, dissatisfied, unknown });
const s = defaultSettings().evaluation;

describe('rates: 满意率, 基本满意率, 不满意率, 综合满意率 over the answers given (不了解 excluded)', () => {
  it.each([
    [c(6, 3, 1), { satisfied: 60, basic: 30, dissatisfied: 10, overall: 90 }],
    [c(6, 3, 1, 10), { satisfied: 60, basic: 30, dissatisfied: 10, overall: 90 }],
    [c(1, 1, 1), { satisfied: 33.3, basic: 33.3, dissatisfied: 33.3, overall: 66.7 }],
    [c(2, 0, 1), { satisfied: 66.7, basic: 0, dissatisfied: 33.3, overall: 66.7 }],
    [c(0, 0, 0, 5), { satisfied: null, basic: null, dissatisfied: null, overall: null }],
    [c(0, 0, 0), { satisfied: null, basic: null, dissatisfied: null, overall: null }],
  ])('%j → %j', (counts, want) => expect(rates(counts)).toEqual(want));
});

describe('grade, default share rule: 满意 ≥ half → 满意; else 满意+基本满意 ≥ half → 基本满意; else 不满意', () => {
  it.each([
    [c(5, 0, 5), 'satisfied'], // exactly half
    [c(4, 1, 5), 'basic'], // 满意 just under half, 满意+基本满意 exactly half
    [c(4, 0, 6), 'dissatisfied'],
    [c(10, 0, 0), 'satisfied'],
    [c(0, 10, 0), 'basic'],
    [c(0, 0, 1), 'dissatisfied'],
    [c(3, 0, 3, 100), 'satisfied'], // 不了解 does not count
    [c(0, 0, 0, 7), null], // all 不了解
    [c(0, 0, 0), null], // zero answers
    [c(1, 1, 1), 'basic'],
  ] as const)('%j → %s', (counts, want) => expect(grade(counts, s.grading)).toBe(want));

  it('on the invited base, those who did not answer count against', () => {
    const g = { mode: 'share' as const, base: 'invited' as const, satisfied: { numerator: 1, denominator: 2 }, satisfiedOrBasic: { numerator: 1, denominator: 2 } };
    expect(grade(c(5, 0, 0), g, 10)).toBe('satisfied');
    expect(grade(c(4, 1, 0), g, 10)).toBe('basic');
    expect(grade(c(4, 0, 0), g, 10)).toBe('dissatisfied');
    expect(grade(c(4, 0, 0), { ...g, base: 'answered' })).toBe('satisfied');
  });

  it('other fractions: 满意 at two-thirds', () => {
    const g = { mode: 'share' as const, base: 'answered' as const, satisfied: { numerator: 2, denominator: 3 }, satisfiedOrBasic: { numerator: 1, denominator: 2 } };
    expect(grade(c(2, 1, 0), g)).toBe('satisfied');
    expect(grade(c(3, 1, 1), g)).toBe('basic');
  });
});

describe('grade, rate rule: 综合满意率 ≥ 80 % → 满意, ≥ 60 % → 基本满意', () => {
  const g = { mode: 'rate' as const, satisfiedPercent: 80, basicPercent: 60 };
  it.each([
    [c(4, 4, 2), 'satisfied'], // exactly 80
    [c(3, 4, 3), 'basic'], // 70
    [c(3, 3, 4), 'basic'], // exactly 60
    [c(2, 3, 5), 'dissatisfied'], // 50
    [c(0, 0, 0, 3), null],
  ] as const)('%j → %s', (counts, want) => expect(grade(counts, g)).toBe(want));
});

describe('weighted score: option weights 100/75/55, audience weights residents 60, representatives 30', () => {
  it.each([
    [c(1, 0, 0), 100],
    [c(0, 1, 0), 75],
    [c(0, 0, 1), 55],
    [c(1, 1, 0), 87.5],
    [c(2, 1, 1, 9), 82.5], // (200 + 75 + 55) / 4
    [c(0, 0, 0, 4), null],
  ] as const)('score %j → %s', (counts, want) => expect(score(counts, s.optionWeights)).toBe(want));

  it('combines audiences by their weights; an audience without answers does not pull it down', () => {
    // residents 100, representatives 55: (100 × 60 + 55 × 30) / 90 = 85
    expect(weightedScore({ residents: c(1, 0, 0), representatives: c(0, 0, 1) }, s.optionWeights, s.audienceWeights)).toBe(85);
    expect(weightedScore({ residents: c(1, 0, 0), representatives: c(0, 0, 0, 3) }, s.optionWeights, s.audienceWeights)).toBe(100);
    expect(weightedScore({ representatives: c(0, 1, 0) }, s.optionWeights, s.audienceWeights)).toBe(75);
    expect(weightedScore({}, s.optionWeights, s.audienceWeights)).toBeNull();
  });
});

describe('rectification follows the grade', () => {
  it.each([
    ['satisfied', { open: false, reevaluate: false }],
    ['basic', { open: true, reevaluate: false }],
    ['dissatisfied', { open: true, reevaluate: true }],
    [null, { open: false, reevaluate: false }],
  ] as const)('%s → %j', (g, want) => expect(rectificationFor(g)).toEqual(want));
});

describe('the 5-point scale: average and share of 4–5 (不了解 left out), its grade from the average', () => {
  it.each([
    [{ '5': 2, '4': 2, '3': 1 }, { answered: 5, average: 4.2, favourable: 80 }],
    [{ '5': 1, '1': 1, unknown: 7 }, { answered: 2, average: 3, favourable: 50 }],
    [{ '3': 3 }, { answered: 3, average: 3, favourable: 0 }],
    [{ '2': 1, '1': 2 }, { answered: 3, average: 1.33, favourable: 0 }],
    [{ unknown: 4 }, { answered: 0, average: null, favourable: null }],
    [{}, { answered: 0, average: null, favourable: null }],
  ])('%j → %j', (counts, want) => expect(scale5Figures(counts)).toEqual(want));

  it.each([
    [5, 'satisfied'],
    [4, 'satisfied'],
    [3.99, 'basic'],
    [3, 'basic'],
    [2.99, 'dissatisfied'],
    [1, 'dissatisfied'],
    [null, null],
  ] as const)('average %s → %s', (avg, want) => expect(scale5Grade(avg)).toBe(want));

  it('scores out of 100 (5 → 100, 1 → 20)', () => {
    expect([scale5Score(5), scale5Score(4.2), scale5Score(1), scale5Score(null)]).toEqual([100, 84, 20, null]);
  });
});

describe('yes / no: the share of 是', () => {
  it.each([
    [{ yes: 3, no: 1 }, { yes: 3, no: 1, yesPercent: 75 }],
    [{ yes: 0, no: 2 }, { yes: 0, no: 2, yesPercent: 0 }],
    [{}, { yes: 0, no: 0, yesPercent: null }],
  ])('%j → %j', (counts, want) => expect(yesNoFigures(counts)).toEqual(want));
});

describe('an item by its kind', () => {
  it('satisfaction3: rates and grade; scale5: average, share and grade; yes_no: share, no grade; comment: how many wrote', () => {
    expect(itemFigures('satisfaction3', { satisfied: 3, basic: 1, dissatisfied: 1 }, s.grading)).toMatchObject({ rates: { overall: 80 }, favourable: 80, grade: 'satisfied', average: null });
    expect(itemFigures('scale5', { '5': 1, '3': 1 }, s.grading)).toMatchObject({ average: 4, favourable: 50, grade: 'satisfied', rates: null, counts: { '5': 1, '4': 0, '3': 1, '2': 0, '1': 0, unknown: 0 } });
    expect(itemFigures('yes_no', { yes: 1, no: 3 }, s.grading)).toMatchObject({ favourable: 25, grade: null, counts: { yes: 1, no: 3 } });
    expect(itemFigures('comment', { written: 4 }, s.grading)).toMatchObject({ counts: { written: 4 }, grade: null, favourable: null });
  });
});

describe("a target's grade from the kinds it was asked: the 3-grade scale first, else the 5-point scale, else none", () => {
  it('grades and scores', () => {
    expect(targetGrade({ satisfaction: c(1, 0, 4), scale5: { '5': 9 } }, s.grading, s.optionWeights)).toEqual({ grade: 'dissatisfied', score: score(c(1, 0, 4), s.optionWeights) });
    expect(targetGrade({ satisfaction: null, scale5: { '4': 1, '3': 1 } }, s.grading, s.optionWeights)).toEqual({ grade: 'basic', score: 70 });
    expect(targetGrade({ satisfaction: null, scale5: null }, s.grading, s.optionWeights)).toEqual({ grade: null, score: null });
  });
  it('yes/no and comments never grade, so never open a rectification', () => {
    expect(rectificationFor(targetGrade({ satisfaction: null, scale5: null }, s.grading, s.optionWeights).grade)).toEqual({ open: false, reevaluate: false });
  });
  it('the headline rate: 综合满意率, else share of 4–5, else share of 是', () => {
    expect(headline({ rates: rates(c(1, 1, 2)), hasSatisfaction: true, scale5: { favourable: 10 }, yesNo: null })).toBe(50);
    expect(headline({ rates: null, hasSatisfaction: false, scale5: { favourable: 10 }, yesNo: { yesPercent: 90 } })).toBe(10);
    expect(headline({ rates: null, hasSatisfaction: false, scale5: null, yesNo: { yesPercent: 90 } })).toBe(90);
    expect(headline({ rates: null, hasSatisfaction: false, scale5: null, yesNo: null })).toBeNull();
  });
  it('audience scores combine by the audience weights, the same as weightedScore for the 3-grade scale', () => {
    const by = { representatives: c(5, 0, 0), residents: c(0, 0, 5) };
    expect(combineScores({ representatives: score(by.representatives, s.optionWeights), residents: score(by.residents, s.optionWeights) }, s.audienceWeights)).toBe(weightedScore(by, s.optionWeights, s.audienceWeights));
    expect(combineScores({ representatives: null, residents: 80 }, s.audienceWeights)).toBe(80);
  });
});

describe('answers checked against their kind', () => {
  it.each([
    ['satisfaction3', 'basic', true, 'ok'],
    ['satisfaction3', 'unknown', false, 'unknown_not_offered'],
    ['satisfaction3', '5', true, 'invalid'],
    ['scale5', '5', false, 'ok'],
    ['scale5', '0', true, 'invalid'],
    ['scale5', 'satisfied', true, 'invalid'],
    ['scale5', 'unknown', false, 'unknown_not_offered'],
    ['yes_no', 'yes', false, 'ok'],
    ['yes_no', 'unknown', true, 'invalid'],
    ['comment', 'any text at all', false, 'ok'],
    ['comment', 'x'.repeat(501), false, 'invalid'],
  ] as const)('%s %j (不了解 offered: %s) → %s', (kind, v, allow, want) => expect(checkAnswer(kind, v, allow)).toBe(want));
  it('offers the choices in order, 不了解 last and only where the round offers it', () => {
    expect(choicesOf('scale5', true)).toEqual(['5', '4', '3', '2', '1', 'unknown']);
    expect(choicesOf('scale5', false)).toEqual(['5', '4', '3', '2', '1']);
    expect(choicesOf('yes_no', true)).toEqual(['yes', 'no']);
    expect(choicesOf('comment', true)).toEqual([]);
  });
});
