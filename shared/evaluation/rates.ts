/**
 * 满意度测评 rates, grades and weighted scores (design §7) as pure functions: the server publishes what these compute,
 * and the tests hold them to tables. 不了解 (don't know) is excluded from every rate. The 3-grade scale first; then the
 * 5-point scale and yes/no (their figures, the 5-point grade) and what a target's grade is when it was asked several kinds.
 */
import type { CongressSettings } from '../congress/settings.ts';
import { ANSWERS, byAnswer, GRADES, SATISFACTION, SCALE5, type AnswerValue, type Grade, type QuestionKindName } from './kinds.ts';
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

// ---- the other kinds of question (kinds.ts): scale5, yes_no ----

/** How many gave each choice of a kind (a comment item: `written`). */
export type ChoiceCounts = Record<string, number>;

/**
 * 五级评分: the average of the points (1–5, two decimals) and the share of 4 and 5 (percent), 不了解 left out; null
 * when nobody answered.
 */
export function scale5Figures(c: ChoiceCounts): { answered: number; average: number | null; favourable: number | null } {
  let n = 0;
  let points = 0;
  let high = 0;
  for (const [v, p] of Object.entries(SCALE5.points)) {
    const k = c[v] ?? 0;
    n += k;
    points += k * p;
    if (p >= 4) high += k;
  }
  return { answered: n, average: n === 0 ? null : Math.round((points * 100) / n) / 100, favourable: pct(high, n) };
}

/**
 * The grade (测评等次) of a 5-point scale, from its average: 满意 at 4.00 or more, 基本满意 at 3.00 or more, else 不满意
 * (null when nobody answered). The one place these thresholds are said.
 */
export const SCALE5_THRESHOLDS = { satisfied: 4, basic: 3 } as const;
export function scale5Grade(average: number | null): Grade | null {
  if (average === null) return null;
  return average >= SCALE5_THRESHOLDS.satisfied ? 'satisfied' : average >= SCALE5_THRESHOLDS.basic ? 'basic' : 'dissatisfied';
}
/** A 5-point average as a score out of 100 (5 → 100, 1 → 20), comparable with the weighted scores of the 3-grade scale. */
export const scale5Score = (average: number | null) => (average === null ? null : Math.round(average * 200) / 10);

/** 是/否: the share of 是 among those who answered (percent), null when nobody did. */
export function yesNoFigures(c: ChoiceCounts): { yes: number; no: number; yesPercent: number | null } {
  const yes = c.yes ?? 0;
  const no = c.no ?? 0;
  return { yes, no, yesPercent: pct(yes, yes + no) };
}

/** Add counts of choices (any kind). */
export function addChoiceCounts(a: ChoiceCounts, b: ChoiceCounts): ChoiceCounts {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * The figures of one item by its kind (the item rows of a results group): satisfaction3 its rates and grade; scale5 its
 * average, % of 4–5 and grade; yes_no its % yes; comment how many wrote one.
 */
export function itemFigures(kind: QuestionKindName, c: ChoiceCounts, g: Grading, invited?: number) {
  switch (kind) {
    case 'satisfaction3': {
      const sc = byAnswer(ANSWERS, (a) => c[a] ?? 0);
      return { counts: sc as ChoiceCounts, rates: rates(sc), average: null, favourable: rates(sc).overall, grade: grade(sc, g, invited) };
    }
    case 'scale5': {
      const f = scale5Figures(c);
      return { counts: Object.fromEntries(SCALE5.values.map((v) => [v, c[v] ?? 0])), rates: null, average: f.average, favourable: f.favourable, grade: scale5Grade(f.average) };
    }
    case 'yes_no': {
      const f = yesNoFigures(c);
      return { counts: { yes: f.yes, no: f.no }, rates: null, average: null, favourable: f.yesPercent, grade: null };
    }
    case 'comment':
      return { counts: { written: c.written ?? 0 }, rates: null, average: null, favourable: null, grade: null };
  }
}

/**
 * A target's grade and score from the kinds it was asked: the 3-grade scale when it has such items (the settings'
 * grading and option weights), else the 5-point scale (SCALE5_THRESHOLDS, its score out of 100), else none — yes/no and
 * comments never grade, so never open a rectification.
 */
export function targetGrade(
  parts: { satisfaction: Counts | null; scale5: ChoiceCounts | null },
  g: Grading,
  w: OptionWeights,
  invited?: number,
): { grade: Grade | null; score: number | null } {
  if (parts.satisfaction) return { grade: grade(parts.satisfaction, g, invited), score: score(parts.satisfaction, w) };
  if (parts.scale5) {
    const avg = scale5Figures(parts.scale5).average;
    return { grade: scale5Grade(avg), score: scale5Score(avg) };
  }
  return { grade: null, score: null };
}

/** The headline rate of a group: 综合满意率, else the 5-point scale's % of 4–5, else % yes (null when none applies). */
export const headline = (g: { rates: Rates | null; hasSatisfaction: boolean; scale5: { favourable: number | null } | null; yesNo: { yesPercent: number | null } | null }) =>
  g.hasSatisfaction ? (g.rates?.overall ?? null) : g.scale5 ? g.scale5.favourable : g.yesNo ? g.yesNo.yesPercent : null;

/** Audience scores combined by the audience weights (an audience without a score does not pull the result down). */
export function combineScores(byAudience: Partial<Record<Audience, number | null>>, aw: AudienceWeights): number | null {
  let sum = 0;
  let weights = 0;
  for (const a of AUDIENCES) {
    const s = byAudience[a];
    if (s === null || s === undefined || aw[a] === 0) continue;
    sum += s * aw[a];
    weights += aw[a];
  }
  return weights === 0 ? null : Math.round((sum * 10) / weights) / 10;
}
