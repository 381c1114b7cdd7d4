/**
 * Working days (工作日) as the official calendar says them: Monday to Friday, except the public holidays the office
 * uploads, plus the weekend days made working days (调休). Pure; dates are `YYYY-MM-DD` in Asia/Shanghai.
 */
import type { CalendarKind } from './enums.ts';

export type Calendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };
export const EMPTY_CALENDAR: Calendar = { holidays: new Set(), workdays: new Set() };

/** A calendar from the uploaded days. */
export const calendarOf = (days: readonly { day: string; kind: CalendarKind }[]): Calendar => ({
  holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
  workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
});

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
/** The day `n` calendar days after `day`. */
export const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function isWorkingDay(day: string, cal: Calendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/** The deadline of something given on `start` with `n` working days: the n-th working day after `start` (the start day does not count). */
export function addWorkingDays(start: string, n: number, cal: Calendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: ${n}`);
  let day = start;
  for (let left = n; left > 0; ) {
    day = plusDays(day, 1);
    if (isWorkingDay(day, cal)) left--;
  }
  return day;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, cal: Calendar): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  const [a, b] = sign > 0 ? [from, to] : [to, from];
  let n = 0;
  for (let day = plusDays(a, 1); day <= b; day = plusDays(day, 1)) if (isWorkingDay(day, cal)) n++;
  return sign * n;
}

/** Due soon: open, not overdue, and at most `within` working days left (default 3). Overdue: the due day has passed. */
export function dueState(dueOn: string, today: string, cal: Calendar, within = 3): 'overdue' | 'due_soon' | 'on_time' {
  if (today > dueOn) return 'overdue';
  return workingDaysBetween(today, dueOn, cal) <= within ? 'due_soon' : 'on_time';
}
