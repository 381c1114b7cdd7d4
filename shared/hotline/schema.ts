/**
 * The 12345 hotline import (SPEC §13): which column of the hotline system's export holds each field (set once per
 * congress), what a preview shows and what an import answers. The reading rules themselves are in ./read.ts.
 */
import { z } from 'zod';
import { FEEDBACK_GRADES } from '../items/enums.ts';
import { pageOf, PageQuery } from '../paging.ts';

/**
 * The fields a ticket is read from. `ticketNo`, `time` and `content` must be in every file; the others may be left
 * unmapped (an empty header). `callerPhone` is only matched against the roster's phones and never stored;
 * `representative` is a column naming the representative who called (matched by name on the roster).
 */
export const HOTLINE_FIELDS = ['ticketNo', 'time', 'content', 'title', 'area', 'department', 'status', 'satisfaction', 'category', 'callerPhone', 'representative'] as const;
export type HotlineField = (typeof HOTLINE_FIELDS)[number];
export const REQUIRED_FIELDS: readonly HotlineField[] = ['ticketNo', 'time', 'content'];

/** The headers of the common 12345 export (工单编号, 来电时间 …): a congress that never set a mapping reads these. */
export const DEFAULT_COLUMNS: Record<HotlineField, string> = {
  ticketNo: '工单编号',
  time: '来电时间',
  content: '诉求内容',
  title: '',
  area: '所属区域',
  department: '承办单位',
  status: '办理状态',
  satisfaction: '满意度评价',
  category: '',
  callerPhone: '来电号码',
  representative: '',
};

const header = z.string().trim().max(60);
const requiredHeader = header.min(1);
/** A mapping as the office sets it: each required field's header, the others' or '' (not in the export); no header twice (checked by the server: `hotline_column_twice`). */
export const HotlineColumns = z
  .object({
    ticketNo: requiredHeader,
    time: requiredHeader,
    content: requiredHeader,
    title: header.default(''),
    area: header.default(''),
    department: header.default(''),
    status: header.default(''),
    satisfaction: header.default(''),
    category: header.default(''),
    callerPhone: header.default(''),
    representative: header.default(''),
  });
export type HotlineColumns = z.infer<typeof HotlineColumns>;

export const HotlineMapping = z.object({
  columns: z.record(z.enum(HOTLINE_FIELDS), z.string()),
  /** false: nothing saved yet, the default mapping is in use. */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type HotlineMapping = z.infer<typeof HotlineMapping>;

export const FILE_FORMATS = ['csv-utf-8', 'csv-gbk', 'xlsx'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const HotlineImportQuery = z.object({
  /** The file's name as the person chose it (kept in the list of imports). */
  filename: z.string().trim().max(200).optional(),
  /** Read a CSV in this encoding instead of finding it out. */
  encoding: z.enum(['utf-8', 'gbk']).optional(),
});

/** What the import does with one row: a new item, an update of the ticket's status or satisfaction, nothing, a repeat of a row above, or nothing because the row is wrong. */
export const ROW_ACTIONS = ['new', 'update', 'unchanged', 'skip', 'error'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

/** Why a row cannot be imported (words: `hotline.problem.<code>`). */
export const PROBLEM_CODES = ['required', 'bad_date', 'future_date', 'too_long', 'duplicate_ticket'] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
/** What the office should know about a row that is imported anyway (words: `hotline.note.<code>`). */
export const NOTE_CODES = ['department_unmatched', 'representative_unmatched'] as const;
export type NoteCode = (typeof NOTE_CODES)[number];

export const Problem = z.object({ line: z.int(), field: z.enum(HOTLINE_FIELDS).nullable(), code: z.enum(PROBLEM_CODES), max: z.int().optional() });
export type Problem = z.infer<typeof Problem>;

/** A row as the preview shows it: no phone number, ever. */
export const PreviewRow = z.object({
  line: z.int(),
  action: z.enum(ROW_ACTIONS),
  ticketNo: z.string(),
  receivedOn: z.string().nullable(),
  time: z.string(),
  title: z.string(),
  area: z.string(),
  department: z.string(),
  /** The congress's department the name was matched to, or null (the item then waits for triage). */
  departmentId: z.string().nullable(),
  status: z.string(),
  /** The hotline said it was closed (办结): the item is done. */
  closed: z.boolean(),
  satisfaction: z.enum(FEEDBACK_GRADES).nullable(),
  representative: z.string().nullable(),
  /** For an update: which of the ticket's fields changed (status, satisfaction, department, representative). */
  changes: z.array(z.string()),
  notes: z.array(z.enum(NOTE_CODES)),
});
export type PreviewRow = z.infer<typeof PreviewRow>;

export const Counts = z.object({ new: z.int(), update: z.int(), unchanged: z.int(), skip: z.int(), error: z.int() });
export type Counts = z.infer<typeof Counts>;

/** The preview shows this many rows (those with problems first); the counts and the problems cover every row. */
export const PREVIEW_ROWS = 50;
/** A file holds at most this many tickets (a month of a county's 12345 is well below; split a larger export by date). */
export const MAX_ROWS = 20_000;

export const HotlinePreview = z.object({
  format: z.enum(FILE_FORMATS),
  sha256: z.string(),
  headers: z.array(z.string()),
  total: z.int(),
  counts: Counts,
  /** Tickets matched to a representative, tickets the caller rated 不满意 (they go on the key-item list). */
  representatives: z.int(),
  unsatisfied: z.int(),
  problems: z.array(Problem),
  rows: z.array(PreviewRow),
  /** The same file (by its sha256) was imported before: when. Importing it again changes nothing. */
  importedBefore: z.string().nullable(),
});
export type HotlinePreview = z.infer<typeof HotlinePreview>;

export const HotlineImport = z.object({
  id: z.string(),
  importedAt: z.string(),
  importedBy: z.string().nullable(),
  filename: z.string(),
  format: z.string(),
  sha256: z.string(),
  rows: z.int(),
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  skipped: z.int(),
  representatives: z.int(),
  unsatisfied: z.int(),
});
export type HotlineImport = z.infer<typeof HotlineImport>;

export const HotlineImportsQuery = PageQuery;
export const HotlineImportsPage = pageOf(HotlineImport);
export type HotlineImportsPage = z.infer<typeof HotlineImportsPage>;

/** When the columns are wrong: the fields whose header is not in the file, and the file's headers (to map them). */
export type ColumnsDetails = { missing: { field: HotlineField; header: string }[]; headers: string[] };
