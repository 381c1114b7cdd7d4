/**
 * Progress and lateness (design §6) as pure functions over calendar dates in Asia/Shanghai, shared by the server, the
 * web app and the reports. A milestone is due by the end of its planned day in Shanghai: late from the next day.
 */
import { daysBetween } from '../time.ts';
import type { Health, MilestoneStatus, ProjectStatus } from './schema.ts';

/** A project is late when a milestone is this many days late (or its planned completion has passed). */
export const LATE_AFTER_DAYS = 30;

export type MilestoneLike = { plannedDate: string; status: MilestoneStatus; weight: number };

/** Days a milestone is late on `today` (0 when done or not yet due). Due through its planned day. */
export function daysLate(m: Pick<MilestoneLike, 'plannedDate' | 'status'>, today: string): number {
  if (m.status === 'done') return 0;
  return Math.max(0, daysBetween(m.plannedDate, today));
}
export const isLate = (m: Pick<MilestoneLike, 'plannedDate' | 'status'>, today: string) => daysLate(m, today) > 0;

/** Progress from the weighted milestones, a whole percentage; null when there is no milestone to weigh. */
export function derivedProgress(ms: Pick<MilestoneLike, 'status' | 'weight'>[]): number | null {
  const total = ms.reduce((s, m) => s + m.weight, 0);
  if (total === 0) return null;
  const done = ms.filter((m) => m.status === 'done').reduce((s, m) => s + m.weight, 0);
  return Math.floor((done * 100) / total);
}

/**
 * 正常 / 有风险 / 滞后, or the project's own state when it is completed, suspended or terminated:
 * - late: the planned completion has passed without completion, or a milestone is more than LATE_AFTER_DAYS late;
 * - at risk: a milestone is late (up to LATE_AFTER_DAYS), or a change request is pending;
 * - on track: otherwise.
 */
export function projectHealth(p: { status: ProjectStatus; plannedCompletion: string; pendingChanges?: number }, ms: Pick<MilestoneLike, 'plannedDate' | 'status'>[], today: string): Health {
  if (p.status !== 'active') return p.status;
  if (daysBetween(p.plannedCompletion, today) > 0) return 'late';
  const worst = ms.reduce((w, m) => Math.max(w, daysLate(m, today)), 0);
  if (worst > LATE_AFTER_DAYS) return 'late';
  if (worst > 0 || (p.pendingChanges ?? 0) > 0) return 'at_risk';
  return 'on_track';
}

/** An answer demanded by a date is overdue from the day after, until the department answers. */
export function findingOverdue(f: { state: string; answerDueOn: string | null }, today: string): boolean {
  return !!f.answerDueOn && (f.state === 'awaiting_answer' || f.state === 'returned') && daysBetween(f.answerDueOn, today) > 0;
}

/** Money in 万元 as exact strings: sum without floating point (two decimals). */
export function sumWan(values: (string | null | undefined)[]): string {
  let cents = 0n;
  for (const v of values) {
    if (!v) continue;
    const [i, f = ''] = v.split('.');
    cents += BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
  }
  const s = cents.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** The date a progress report speaks for: 30 June (mid-year) or 31 December (year-end), or today if earlier. */
export function reportAsOf(year: number, period: 'mid' | 'end', today: string): string {
  const end = period === 'mid' ? `${year}-06-30` : `${year}-12-31`;
  return today < end ? today : end;
}
