/** The review stage's shapes (SPEC §13–14): the official calendar, the figures, the monthly review sheet and meeting. */
import { z } from 'zod';
import { CALENDAR_KINDS, FEEDBACK_GRADES, ITEM_CATEGORIES, ITEM_STATUSES } from '../items/enums.ts';

const IsoDate = z.iso.date();
/** `YYYY-MM`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month_format');
export const Year = z.coerce.number().int().min(2000).max(2100);

// ---- the official calendar ----
export const CalendarParams = z.object({ congressId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) });
export const CalendarDayParams = z.object({ congressId: z.uuid(), day: IsoDate });
export const CalendarQuery = z.object({ year: Year.optional() });
export const CalendarDay = z.object({ day: IsoDate, kind: z.enum(CALENDAR_KINDS), name: z.string() });
export type CalendarDay = z.infer<typeof CalendarDay>;
export const CalendarYear = z.object({
  year: z.int(),
  /** The years that have uploaded days, newest first. */
  years: z.array(z.int()),
  days: z.array(CalendarDay),
});
export type CalendarYear = z.infer<typeof CalendarYear>;
/** One day set through the form (an added holiday or 调休 working day, or a correction). */
export const SetCalendarDay = z.object({ day: IsoDate, kind: z.enum(CALENDAR_KINDS), name: z.string().trim().max(60).default('') });

// ---- figures ----
export const FiguresQuery = z.object({
  year: Year,
  /** Narrow to one department (a department account is always narrowed to its own). */
  departmentId: z.uuid().optional(),
});
export type FiguresQuery = z.infer<typeof FiguresQuery>;

/** What is counted for a group of items (shared/review/figures.ts says how each one is counted). */
export const Counts = z.object({
  received: z.int(),
  /** Items with a deadline (assigned to a department). */
  due: z.int(),
  onTime: z.int(),
  late: z.int(),
  /** Past the deadline with no answer yet. */
  overdue: z.int(),
  resolved: z.int(),
  rated: z.int(),
  satisfied: z.int(),
  reopened: z.int(),
  /** Percent (one decimal), null when there is nothing to divide by. */
  onTimeRate: z.number().nullable(),
  resolvedRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
});
export type Counts = z.infer<typeof Counts>;
export const GradeCounts = z.object({ satisfied: z.int(), basically: z.int(), unsatisfied: z.int(), rate: z.number().nullable() });
export const DepartmentRatings = z.object({
  departmentId: z.string(),
  name: z.string(),
  /** How many ratings (a count says nothing about who); the grades only from kMin on. */
  n: z.int(),
  shown: z.boolean(),
  attitude: GradeCounts.nullable(),
  handling: GradeCounts.nullable(),
  effect: GradeCounts.nullable(),
});
export const Figures = z.object({
  congress: z.object({ name: z.string() }),
  year: z.int(),
  asOf: IsoDate,
  /** Set when narrowed to one department. */
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  kMin: z.int(),
  total: Counts,
  byDepartment: z.array(Counts.extend({ id: z.string().nullable(), name: z.string() })),
  byCategory: z.array(Counts.extend({ category: z.enum(ITEM_CATEGORIES) })),
  byStation: z.array(Counts.extend({ id: z.string().nullable(), name: z.string() })),
  byMonth: z.array(Counts.extend({ month: z.string() })),
  ratings: z.array(DepartmentRatings),
});
export type Figures = z.infer<typeof Figures>;

// ---- the monthly review sheet (集中研判) ----
export const SheetQuery = z.object({ month: Month });
export const SaveMeeting = z.object({
  month: Month,
  heldOn: IsoDate,
  attendees: z.string().trim().max(2000).default(''),
  decisions: z.string().trim().min(1).max(20000),
});
export const Meeting = z.object({ month: z.string(), heldOn: IsoDate, attendees: z.string(), decisions: z.string(), updatedAt: z.string() });
export const SheetItem = z.object({
  id: z.string(),
  trackingCode: z.string(),
  title: z.string(),
  category: z.enum(ITEM_CATEGORIES),
  status: z.enum(ITEM_STATUSES),
  receivedOn: IsoDate,
  dueOn: IsoDate.nullable(),
  departmentName: z.string(),
  keyItem: z.boolean(),
  round: z.int(),
  feedback: z.enum(FEEDBACK_GRADES).nullable(),
});
export type SheetItem = z.infer<typeof SheetItem>;
export const Sheet = z.object({
  congress: z.object({ name: z.string() }),
  month: z.string(),
  /** The last day of the month, and the day the sheet was made (open items are as of that day). */
  monthEnd: IsoDate,
  asOf: IsoDate,
  received: z.int(),
  byDepartment: z.array(z.object({ id: z.string().nullable(), name: z.string(), received: z.int(), open: z.int(), overdue: z.int(), unsatisfied: z.int() })),
  overdue: z.array(SheetItem),
  unsatisfied: z.array(SheetItem),
  /** The lists show at most this many rows each (the counts are complete). */
  listLimit: z.int(),
  meeting: Meeting.nullable(),
});
export type Sheet = z.infer<typeof Sheet>;
