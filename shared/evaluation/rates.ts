/**
 * 满意度测评 rates, grades and weighted scores (design §7) as pure functions: the server publishes what these compute,
 * and the tests hold them to tables. 不了解 (don't know) is excluded from every rate.
 */
import type { CongressSettings } from '../congress/settings.ts';
import { ANSWERS, byAnswer, GRADES, SATISFACTION, type AnswerValue, type Grade } from './kinds.ts';
import { AUDIENCES } from './schema.ts';

/** The answer scale (defined once in ./kinds.ts), as counted. */
export const OPTIONS = ANSWERS;
export type Option = AnswerValue;
export type Counts = Record<Option, number>;
export type { Grade };
export const emptyCounts = (): Counts => byAnswer(ANSWERS, () => 0);
export const addCounts = (a: Counts, b: Counts): Counts => byAnswer(ANSWERS, (k) => a[k] + b[k]);

const sum = (c: Counts, keys: readonly Option[]) => keys.reduce((n, k) => n + c[k], 0);

/** Answers that count: the graded ones, 满意 + 基本满意 + 不满意 (the optional 不了解 left out). */
export const answered = (c: Counts) => sum(c, GRADES);
/** The favourable answers of 综合满意率: 满意 + 基本满意. */
const favourable = (c: Counts) => sum(c, SATISFACTION.favourable);

/** A percentage with one decimal, or null when nobody answered. */
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n * 1000) / d) / 10);

export type Rates = Record<Grade | 'overall', number | null>;
/** 满意率, 基本满意率, 不满意率 and 综合满意率 = (满意 + 基本满意) / answered, in percent. */
export function rates(c: Counts): Rates {
  const a = answered(c);
  return { ...byAnswer(GRADES, (g) => pct(c[g], a)), overall: pct(favourable(c), a) };
}

export type Grading = CongressSettings['evaluation']['grading'];

/**
 * 测评等次. Share mode (default): 满意 when 满意 answers are at least numerator/denominator of the base (the answers
 * given, or everyone invited); else 基本满意 when 满意 + 基本满意 reach their share; else 不满意. Rate mode: on 综合满意率.
 * Null when there is nothing to grade (no answer other than 不了解).
 */
export function grade(c: Counts, g: Grading, invited?: number): Grade | null {
  const a = answered(c);
  if (a === 0) return null;
  if (g.mode === 'rate') {
    const overall = (favourable(c) * 100) / a;
    return overall >= g.satisfiedPercent ? 'satisfied' : overall >= g.basicPercent ? 'basic' : 'dissatisfied';
  }
  const base = g.base === 'invited' && invited !== undefined ? invited : a;
  // Integer comparison: s / base ≥ n / d  ⇔  s × d ≥ base × n.
  if (c.satisfied * g.satisfied.denominator >= base * g.satisfied.numerator) return 'satisfied';
  if ((c.satisfied + c.basic) * g.satisfiedOrBasic.denominator >= base * g.satisfiedOrBasic.numerator) return 'basic';
  return 'dissatisfied';
}

export type OptionWeights = CongressSettings['evaluation']['optionWeights'];
export type AudienceWeights = CongressSettings['evaluation']['audienceWeights'];
export type Audience = 'representatives' | 'residents';

/** Score of one group: the average option weight of its answers (100 / 75 / 55 by default); null without answers. */
export function score(c: Counts, w: OptionWeights): number | null {
  const a = answered(c);
  if (a === 0) return null;
  return Math.round(((c.satisfied * w.satisfied + c.basic * w.basic + c.dissatisfied * w.dissatisfied) * 10) / a) / 10;
}

/**
 * One weighted score across audiences: each audience's score by its weight, over the weights of the audiences that
 * answered (an audience not in the round, or with no answer, does not pull the score down).
 */
export function weightedScore(byAudience: Partial<Record<Audience, Counts>>, ow: OptionWeights, aw: AudienceWeights): number | null {
  let sum = 0;
  let weights = 0;
  for (const a of AUDIENCES) {
    const c = byAudience[a];
    const s = c ? score(c, ow) : null;
    if (s === null || aw[a] === 0) continue;
    sum += s * aw[a];
    weights += aw[a];
  }
  return weights === 0 ? null : Math.round((sum * 10) / weights) / 10;
}

/** The grade that opens a rectification: 基本满意 opens one; 不满意 opens one and requires a re-evaluation. */
export const rectificationFor = (g: Grade | null): { open: boolean; reevaluate: boolean } => ({ open: g === 'basic' || g === 'dissatisfied', reevaluate: g === 'dissatisfied' });
