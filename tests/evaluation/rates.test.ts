/** Rates, grades and weighted scores (design §7) against tables, boundaries included. */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/congress/settings.ts';
import { type Counts, grade, rates, rectificationFor, score, weightedScore } from '../../shared/evaluation/rates.ts';

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
