/**
 * The county's figures (SPEC §16), said once: what a township's year adds up to on the dashboard and in the roll-up
 * report. The server counts rows in SQL (server/county/year.ts) and hands the counts here; these pure functions say
 * what a project's timing is, how rates are taken and how rows add up to the county's total, and the tests hold the
 * SQL to them with hand-made data.
 *
 * - a project is 按期完成 (completed on time) when completed on or before its planned completion day; 滞后 (late) when
 *   completed after it, or still active with the day passed; suspended and terminated projects are neither;
 * - 整改 (rectified): a project that a published evaluation graded below 满意 and so got a rectification;
 * - every rate is a percentage with one decimal, null when there is nothing to divide by (never 0 % for "no data").
 */
import { percent } from '../review/figures.ts';

export { percent };

export type ProjectFact = { status: 'active' | 'completed' | 'suspended' | 'terminated'; plannedCompletion: string; completedOn: string | null };
export type ProjectTiming = 'on_time' | 'late' | 'in_progress' | 'stopped';

/** A project's timing on `today` (Asia/Shanghai calendar days as `YYYY-MM-DD`). */
export function projectTiming(p: ProjectFact, today: string): ProjectTiming {
  if (p.status === 'completed') return p.completedOn && p.completedOn > p.plannedCompletion ? 'late' : 'on_time';
  if (p.status !== 'active') return 'stopped';
  return today > p.plannedCompletion ? 'late' : 'in_progress';
}

/** 项目 — a township's projects of the year, counted. Money in 万元 as exact strings (two decimals). */
export type ProjectCounts = { total: number; voted: number; completed: number; onTime: number; late: number; rectified: number; planned: string; spent: string };
/** 测评 — the year's published rounds: targets graded (only groups of at least k responses), and 综合满意率's parts. */
export type EvalCounts = { rounds: number; satisfied: number; basic: number; dissatisfied: number; favourable: number; answered: number };
/** 意见建议 — the loop's counts, as the township's review figures count them (shared/review/figures.ts). */
export type LoopCounts = { received: number; due: number; onTime: number; late: number; overdue: number; answered: number; resolved: number; rated: number; satisfied: number };

export const ZERO_PROJECTS: ProjectCounts = { total: 0, voted: 0, completed: 0, onTime: 0, late: 0, rectified: 0, planned: '0.00', spent: '0.00' };
export const ZERO_EVAL: EvalCounts = { rounds: 0, satisfied: 0, basic: 0, dissatisfied: 0, favourable: 0, answered: 0 };
export const ZERO_LOOP: LoopCounts = { received: 0, due: 0, onTime: 0, late: 0, overdue: 0, answered: 0, resolved: 0, rated: 0, satisfied: 0 };

/** Exact sum of money strings (万元, two decimals), without floating point. */
export function addMoney(...values: (string | null | undefined)[]): string {
  let cents = 0n;
  for (const v of values) {
    if (!v) continue;
    const neg = v.startsWith('-');
    const [i, f = ''] = (neg ? v.slice(1) : v).split('.');
    const c = BigInt(i || '0') * 100n + BigInt((f + '00').slice(0, 2));
    cents += neg ? -c : c;
  }
  const neg = cents < 0n;
  const s = (neg ? -cents : cents).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

const addNumbers = <T extends Record<string, number>>(a: T, b: T): T => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] + b[k]])) as T;

export const addProjects = (a: ProjectCounts, b: ProjectCounts): ProjectCounts => {
  const { planned: pa, spent: sa, ...na } = a;
  const { planned: pb, spent: sb, ...nb } = b;
  return { ...addNumbers(na, nb), planned: addMoney(pa, pb), spent: addMoney(sa, sb) };
};
export const addEval = (a: EvalCounts, b: EvalCounts): EvalCounts => addNumbers(a, b);
export const addLoop = (a: LoopCounts, b: LoopCounts): LoopCounts => addNumbers(a, b);

/** The rates shown beside the counts. */
export const projectRates = (p: ProjectCounts) => ({
  /** 按期完成率: on time among those judged (completed on time, or late). */
  onTimeRate: percent(p.onTime, p.onTime + p.late),
  completedRate: percent(p.completed, p.total),
  /** 资金执行率: spent / planned. */
  spendRate: percent(Math.round(Number(p.spent) * 100), Math.round(Number(p.planned) * 100)),
});
export const evalRates = (e: EvalCounts) => ({ satisfactionRate: percent(e.favourable, e.answered) });
export const loopRates = (l: LoopCounts) => ({
  onTimeRate: percent(l.onTime, l.onTime + l.late + l.overdue),
  resolvedRate: percent(l.resolved, l.received),
  satisfactionRate: percent(l.satisfied, l.rated),
});

/** A township's (or the total's) year in counts. */
export type YearCounts = { projects: ProjectCounts; evaluation: EvalCounts; loop: LoopCounts };
export const ZERO_YEAR: YearCounts = { projects: ZERO_PROJECTS, evaluation: ZERO_EVAL, loop: ZERO_LOOP };
export const addYears = (a: YearCounts, b: YearCounts): YearCounts => ({ projects: addProjects(a.projects, b.projects), evaluation: addEval(a.evaluation, b.evaluation), loop: addLoop(a.loop, b.loop) });
export const totalOf = (rows: readonly YearCounts[]): YearCounts => rows.reduce(addYears, ZERO_YEAR);

/** The figures one row shows: counts and their rates. */
export function withCountyRates(y: YearCounts) {
  return { projects: { ...y.projects, ...projectRates(y.projects) }, evaluation: { ...y.evaluation, ...evalRates(y.evaluation) }, loop: { ...y.loop, ...loopRates(y.loop) } };
}

/** Trend of a rate over years: each year's value and the change from the year before (percentage points), null when either is unknown. */
export function trendOf(byYear: readonly { year: number; rate: number | null }[]) {
  const sorted = [...byYear].sort((a, b) => a.year - b.year);
  return sorted.map((y, i) => {
    const prev = i > 0 ? sorted[i - 1].rate : null;
    return { year: y.year, rate: y.rate, change: y.rate !== null && prev !== null ? Math.round((y.rate - prev) * 10) / 10 : null };
  });
}

/** Compare for sorting where unknown (null) values always go last, whichever the direction. */
export function compareNullable(a: number | string | null, b: number | string | null, dir: 'asc' | 'desc'): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const c = typeof a === 'string' && typeof b === 'string' ? a.localeCompare(b, 'zh-CN') : Number(a) - Number(b);
  return dir === 'asc' ? c : -c;
}
