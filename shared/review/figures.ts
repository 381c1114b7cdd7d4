/**
 * The loop's figures (SPEC §13 审核研判): what is counted for a group of items, said once. The server counts the same
 * things in SQL (server/review/figures.ts, so that a million items are counted where they are); this pure version is
 * the statement of the rules, and the tests hold the SQL to it and to hand-counted data.
 *
 * - received: items received (receivedOn) in the period;
 * - due: items that got a deadline (assigned to a department);
 * - onTime / late: due items whose FIRST answer came on or before / after the deadline;
 * - overdue: due items with no answer yet whose deadline has passed (today is after dueOn);
 *   the on-time rate is onTime / (onTime + late + overdue) — items not yet due and unanswered are not judged yet;
 * - resolved: done with the answer class 已解决 (resolved), or answered on the spot (done without a department);
 *   the resolved rate is resolved / received;
 * - rated / satisfied: items the submitter rated; 满意 and 基本满意 count as satisfied; rate = satisfied / rated;
 * - reopened: items reopened after 不满意 (round 2).
 */
import type { AnswerClass, FeedbackGrade, ItemCategory, ItemStatus } from '../items/enums.ts';

export type ItemFact = {
  departmentId: string | null;
  stationId: string | null;
  category: ItemCategory;
  receivedOn: string;
  status: ItemStatus;
  dueOn: string | null;
  /** The first answer's day (any round), null before the department answered. */
  firstAnsweredOn: string | null;
  answerClass: AnswerClass | null;
  feedback: FeedbackGrade | null;
  round: number;
};

export type RawCounts = { received: number; due: number; onTime: number; late: number; overdue: number; resolved: number; rated: number; satisfied: number; reopened: number };
export type Rates = { onTimeRate: number | null; resolvedRate: number | null; satisfactionRate: number | null };

export const ZERO: RawCounts = { received: 0, due: 0, onTime: 0, late: 0, overdue: 0, resolved: 0, rated: 0, satisfied: 0, reopened: 0 };

/** A percentage with one decimal; null when there is nothing to divide by. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export const withRates = <T extends RawCounts>(c: T): T & Rates => ({
  ...c,
  onTimeRate: percent(c.onTime, c.onTime + c.late + c.overdue),
  resolvedRate: percent(c.resolved, c.received),
  satisfactionRate: percent(c.satisfied, c.rated),
});

/** What one item adds to its groups' counts on `today`. */
export function factCounts(f: ItemFact, today: string): RawCounts {
  const due = f.dueOn !== null;
  return {
    received: 1,
    due: due ? 1 : 0,
    onTime: due && f.firstAnsweredOn !== null && f.firstAnsweredOn <= f.dueOn! ? 1 : 0,
    late: due && f.firstAnsweredOn !== null && f.firstAnsweredOn > f.dueOn! ? 1 : 0,
    overdue: due && f.firstAnsweredOn === null && today > f.dueOn! ? 1 : 0,
    resolved: f.status === 'done' && (f.answerClass === 'resolved' || f.departmentId === null) ? 1 : 0,
    rated: f.feedback !== null ? 1 : 0,
    satisfied: f.feedback === 'satisfied' || f.feedback === 'basically' ? 1 : 0,
    reopened: f.round >= 2 ? 1 : 0,
  };
}

export const addCounts = (a: RawCounts, b: RawCounts): RawCounts => ({
  received: a.received + b.received,
  due: a.due + b.due,
  onTime: a.onTime + b.onTime,
  late: a.late + b.late,
  overdue: a.overdue + b.overdue,
  resolved: a.resolved + b.resolved,
  rated: a.rated + b.rated,
  satisfied: a.satisfied + b.satisfied,
  reopened: a.reopened + b.reopened,
});

export const monthOf = (day: string) => day.slice(0, 7);

/** The counts of the items, in total and grouped by department, category, station and month (keys as found; null for none). */
export function figuresOf(facts: readonly ItemFact[], today: string) {
  const groups = { department: new Map<string | null, RawCounts>(), category: new Map<string, RawCounts>(), station: new Map<string | null, RawCounts>(), month: new Map<string, RawCounts>() };
  const bump = <K>(m: Map<K, RawCounts>, k: K, c: RawCounts) => m.set(k, addCounts(m.get(k) ?? ZERO, c));
  let sum = { ...ZERO };
  for (const f of facts) {
    const c = factCounts(f, today);
    sum = addCounts(sum, c);
    bump(groups.department, f.departmentId, c);
    bump(groups.category, f.category, c);
    bump(groups.station, f.stationId, c);
    bump(groups.month, monthOf(f.receivedOn), c);
  }
  return { total: sum, ...groups };
}

/** The last day of a `YYYY-MM` month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
