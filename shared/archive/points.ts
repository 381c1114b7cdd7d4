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
