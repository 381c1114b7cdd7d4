/**
 * 代表履职档案 (SPEC §14): the duty archive's values and answers. Read from what the system holds (attendance, reception
 * duty and records, items raised, inspections joined, proposals submitted, evaluation codes received — only that one
 * was received) and from what staff enter (trainings, 述职). Nothing here says how anyone voted or answered.
 */
import { z } from 'zod';
import { CongressId } from '../congress/schema.ts';
import { IsoDate, Year } from '../gathering/schema.ts';
import { ANSWER_CLASSES, FEEDBACK_GRADES, ITEM_CATEGORIES, ITEM_SOURCES, ITEM_STATUSES, RECEPTION_KINDS } from '../items/enums.ts';
import { REPRESENTATIVE_STATUSES } from '../roster/schema.ts';
import { ATTENDANCE_STATUSES } from '../session/schema.ts';
import { POINT_EVENTS, PointRules } from './points.ts';

/** What staff enter: a training attended (培训), a report to the constituency (述职). */
export const ENTRY_KINDS = ['training', 'report'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
/** A report's rating (述职评议): 满意 / 基本满意 / 不满意, the loop's three grades (their words: `item.grade.<c>`). */
export const REPORT_RATINGS = FEEDBACK_GRADES;
export type ReportRating = (typeof REPORT_RATINGS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** The year asked for (default: this year in Asia/Shanghai, chosen by the server). */
export const YearQuery = z.object({ year: z.coerce.number().pipe(Year).optional() });

/** What the yearly table can be sorted by: the points, the name, or any count. */
export const COUNT_KEYS = [
  'sessionPresent',
  'sessionLeave',
  'sessionAbsent',
  'sessionUnrecorded',
  'dutyDays',
  'receptionsHeld',
  'receptionsMissed',
  'itemsRaised',
  'itemsClosed',
  'inspections',
  'proposals',
  'codesReceived',
  'trainings',
  'reports',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export const SORT_KEYS = ['points', 'name', ...COUNT_KEYS] as const;
export const TableQuery = YearQuery.extend({
  sort: z.enum(SORT_KEYS).default('points'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TableQuery = z.infer<typeof TableQuery>;

/**
 * A representative's year in figures:
 * - sessions of the congress held that year: present / on leave (请假) / absent (缺席, as staff marked it) / unrecorded
 *   (a session held with no attendance row for them: shown, not scored);
 * - reception duty: days on duty in the plan; receptions (and home visits, theme days) they were present at; duty days
 *   past with no record of them present (未到岗);
 * - items they raised (incl. 12345 tickets marked theirs) and how many are closed; inspections joined; proposals
 *   submitted from their account; evaluation codes received (the fact only); trainings and reports entered by staff.
 */
export const ArchiveCounts = z.object(Object.fromEntries(COUNT_KEYS.map((k) => [k, z.int()])) as Record<CountKey, z.ZodInt>);
export type ArchiveCounts = z.infer<typeof ArchiveCounts>;

export const PointLine = z.object({ event: z.enum(POINT_EVENTS), count: z.int(), each: z.number(), points: z.number() });
export const Points = z.object({ lines: z.array(PointLine), total: z.number() });
export type Points = z.infer<typeof Points>;

export const ArchivePerson = z.object({
  id: z.string(),
  name: z.string(),
  delegation: z.string(),
  constituency: z.string(),
  status: z.enum(REPRESENTATIVE_STATUSES),
});

export const ArchiveRow = ArchivePerson.extend({ counts: ArchiveCounts, points: z.number() });
export type ArchiveRow = z.infer<typeof ArchiveRow>;

export const ArchiveTable = z.object({ year: z.int(), congressName: z.string(), rules: PointRules, rows: z.array(ArchiveRow) });
export type ArchiveTable = z.infer<typeof ArchiveTable>;

export const Entry = z.object({
  id: z.string(),
  representativeId: z.string(),
  kind: z.enum(ENTRY_KINDS),
  heldOn: z.string(),
  title: z.string(),
  rating: z.enum(REPORT_RATINGS).nullable(),
  note: z.string(),
});
export type Entry = z.infer<typeof Entry>;

/** One representative's archive for a year: the figures, the points line by line, and the lines behind each figure. */
export const Archive = z.object({
  year: z.int(),
  congressName: z.string(),
  representative: ArchivePerson,
  counts: ArchiveCounts,
  points: Points,
  sessions: z.array(z.object({ id: z.string(), name: z.string(), date: z.string(), status: z.enum([...ATTENDANCE_STATUSES, 'unrecorded']) })),
  duties: z.array(z.object({ id: z.string(), day: z.string(), station: z.string(), kind: z.enum(RECEPTION_KINDS), state: z.enum(['held', 'missed', 'planned']) })),
  receptions: z.array(z.object({ id: z.string(), heldOn: z.string(), station: z.string(), kind: z.enum(RECEPTION_KINDS), theme: z.string(), visitors: z.int() })),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      receivedOn: z.string(),
      source: z.enum(ITEM_SOURCES),
      category: z.enum(ITEM_CATEGORIES),
      status: z.enum(ITEM_STATUSES),
      answerClass: z.enum(ANSWER_CLASSES).nullable(),
    }),
  ),
  inspections: z.array(z.object({ id: z.string(), date: z.string(), title: z.string(), project: z.string() })),
  proposals: z.array(z.object({ id: z.string(), title: z.string(), submittedOn: z.string(), status: z.string() })),
  entries: z.array(Entry),
});
export type Archive = z.infer<typeof Archive>;

export const RepresentativeParams = CongressId.extend({ representativeId: z.uuid() });
export const EntryParams = CongressId.extend({ entryId: z.uuid() });

const entryFields = {
  kind: z.enum(ENTRY_KINDS),
  heldOn: IsoDate,
  title: text(120),
  /** Only for a report (述职评议); a training has none. */
  rating: z.enum(REPORT_RATINGS).nullable().default(null),
  note: z.string().trim().max(500).default(''),
};
/** One training or report, for one or several representatives at once (a training is attended by many). */
export const CreateEntries = z.object({ representativeIds: z.array(z.uuid()).min(1).max(1000), ...entryFields });
export type CreateEntries = z.infer<typeof CreateEntries>;
/** Change what was entered (the representative stays: delete and enter again for another). Only the fields sent change. */
export const UpdateEntry = z.object({
  kind: entryFields.kind.optional(),
  heldOn: IsoDate.optional(),
  title: text(120).optional(),
  rating: z.enum(REPORT_RATINGS).nullable().optional(),
  note: z.string().trim().max(500).optional(),
});
export type UpdateEntry = z.infer<typeof UpdateEntry>;
