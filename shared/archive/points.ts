/**
 * 履职积分: the events of a representative's year that count, and the points each congress gives them (SPEC §14;
 * congress settings `points`). Never anything about how a representative voted or answered.
 */
import { z } from 'zod';

/**
 * - `session_present` / `session_leave` / `session_absent`: a day of a session attended, on leave (请假), absent without leave;
 * - `reception_held`: a reception (or home visit, theme day) the representative was present at; `reception_missed`: a duty day with no presence;
 * - `item_raised`: an item they raised; `inspection`: an inspection joined; `proposal`: a proposal submitted;
 * - `training`: a training attended; `report`: a report to the constituency (述职).
 */
export const POINT_EVENTS = ['session_present', 'session_leave', 'session_absent', 'reception_held', 'reception_missed', 'item_raised', 'inspection', 'proposal', 'training', 'report'] as const;
export type PointEvent = (typeof POINT_EVENTS)[number];

export const DEFAULT_POINTS: Record<PointEvent, number> = {
  session_present: 1,
  session_leave: 0,
  session_absent: -2,
  reception_held: 2,
  reception_missed: -1,
  item_raised: 1,
  inspection: 2,
  proposal: 1,
  training: 1,
  report: 2,
};

const points = z.number().min(-100).max(100);
export const PointRules = z.object(Object.fromEntries(POINT_EVENTS.map((e) => [e, points.default(DEFAULT_POINTS[e])])) as Record<PointEvent, z.ZodDefault<z.ZodNumber>>);
export type PointRules = z.infer<typeof PointRules>;

/** How many times each event happened in a representative's year. */
export type PointCounts = Record<PointEvent, number>;
/** One line of the points: the event, how many times, the points each, and the product (出席会议 3 次 × 1 分 = 3 分). */
export type PointLine = { event: PointEvent; count: number; each: number; points: number };

/**
 * 积分: each event's count times the congress's points for it, one line per event (in POINT_EVENTS order, so every
 * archive reads the same way), and the total. Fractions of a point are kept to two decimals.
 */
export function pointsOf(counts: PointCounts, rules: PointRules): { lines: PointLine[]; total: number } {
  const round = (n: number) => Math.round(n * 100) / 100 + 0; // + 0: no -0 (0 absences × −2)
  const lines = POINT_EVENTS.map((event) => ({ event, count: counts[event], each: rules[event], points: round(counts[event] * rules[event]) }));
  return { lines, total: round(lines.reduce((s, l) => s + l.points, 0)) };
}
