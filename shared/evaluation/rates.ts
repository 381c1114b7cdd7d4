/**
 * 满意度测评 rates, grades and weighted scores (SPEC §7) as pure functions: the server publishes what these compute,
 * and the tests hold them to tables. 不了解 (don't know) is excluded from every rate.
 */
import type { CongressSettings } from '../congress/settings.ts';

export const OPTIONS = ['satisfied', 'basic', 'dissatisfied', 'unknown'] as const;
export type Option = (typeof OPTIONS)[number];
export type Counts = Record<Option, number>;
export type Grade = 'satisfied' | 'basic' | 'dissatisfied';
export const emptyCounts = (): Counts => ({ satisfied: 0, basic: 0, dissatisfied: 0, unknown: 0 });
export const addCounts = (a: Counts, b: Counts): Counts => ({ satisfied: a.satisfied + b.satisfied, basic: a.basic + b.basic, dissatisfied: a.dissatisfied + b.dissatisfied, unknown: a.unknown + b.unknown });

/** Answers that count: 满意 + 基本满意 + 不满意 (不了解 left out). */
export const answered = (c: Counts) => c.satisfied + c.basic + c.dissatisfied;

/** A percentage with one decimal, or null when nobody answered. */
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n * 1000) / d) / 10);

export type Rates = { satisfied: number | null; basic: number | null; dissatisfied: number | null; overall: number | null };
/** 满意率, 基本满意率, 不满意率 and 综合满意率 = (满意 + 基本满意) / answered, in percent. */
export function rates(c: Counts): Rates {
  const a = answered(c);
  return { satisfied: pct(c.satisfied, a), basic: pct(c.basic, a), dissatisfied: pct(c.dissatisfied, a), overall: pct(c.satisfied + c.basic, a) };
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
    const overall = ((c.satisfied + c.basic) * 100) / a;
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
  for (const a of ['representatives', 'residents'] as const) {
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
