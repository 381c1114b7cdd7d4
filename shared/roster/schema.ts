import { z } from 'zod';
import { unguardCell } from '../csv.ts';
import { CongressId } from '../congress/schema.ts';

export const GENDERS = ['male', 'female'] as const;
export const Gender = z.enum(GENDERS);
export const REPRESENTATIVE_STATUSES = ['seated', 'left'] as const;
export const RepresentativeStatus = z.enum(REPRESENTATIVE_STATUSES);
const phone = z
  .string()
  .trim()
  .max(30)
  .regex(/^$|^[0-9+\-() ]{5,30}$/, { message: 'phone_format' });

export const RepresentativeInput = z.object({
  name: z.string().trim().min(1).max(40),
  gender: Gender.nullable().default(null),
  delegation: z.string().trim().max(60).default(''),
  constituency: z.string().trim().max(60).default(''),
  phone: phone.default(''),
});
export type RepresentativeInput = z.infer<typeof RepresentativeInput>;

export const UpdateRepresentative = z
  .object({
    name: z.string().trim().min(1).max(40),
    gender: Gender.nullable(),
    delegation: z.string().trim().max(60),
    constituency: z.string().trim().max(60),
    phone,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });

export const EndTerm = z.object({
  endedOn: z.iso.date(),
  reason: z.string().trim().max(200).default(''),
});

export const RepresentativeParams = CongressId.extend({ representativeId: z.uuid() });
export const RosterQuery = z.object({
  status: RepresentativeStatus.optional(),
  q: z.string().trim().max(40).optional(),
});

export const Representative = z.object({
  id: z.string(),
  name: z.string(),
  gender: Gender.nullable(),
  delegation: z.string(),
  constituency: z.string(),
  phone: z.string(),
  status: RepresentativeStatus,
  termEndedOn: z.string().nullable(),
  termEndReason: z.string().nullable(),
  cardVersion: z.int(),
  hasAccount: z.boolean(),
});
export type Representative = z.infer<typeof Representative>;

/** Column headers accepted in an import file, Chinese as offices write them or English. */
export const ROSTER_HEADERS: Record<string, keyof RepresentativeInput | 'status'> = {
  姓名: 'name',
  name: 'name',
  性别: 'gender',
  gender: 'gender',
  代表团: 'delegation',
  代表小组: 'delegation',
  '代表团/代表小组': 'delegation',
  delegation: 'delegation',
  选区: 'constituency',
  选举单位: 'constituency',
  constituency: 'constituency',
  电话: 'phone',
  手机: 'phone',
  联系电话: 'phone',
  phone: 'phone',
  状态: 'status',
  status: 'status',
};
export const ROSTER_EXPORT_HEADER = ['姓名', '性别', '代表团/代表小组', '选区', '联系电话', '状态'];

const GENDER_WORDS: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female' };
const STATUS_WORDS: Record<string, 'seated' | 'left'> = { 在任: 'seated', 终止: 'left', seated: 'seated', left: 'left' };

export type RowError = { field: string; code: string; params?: Record<string, number> };
export type ImportRow = {
  /** 1-based line number in the file, counting the header. */
  line: number;
  /** The row's cells as they stand in the file, to show beside the errors. */
  cells: string[];
  data: (RepresentativeInput & { status: 'seated' | 'left' }) | null;
  errors: RowError[];
};

/**
 * Check every row of a roster file. Returns the header problems (if any) and one entry per data row, each with the
 * errors a person can fix in the spreadsheet. Pure, so the same rules run in the preview and in the import.
 */
export function checkRosterRows(table: string[][]): { headerErrors: RowError[]; rows: ImportRow[]; fields: string[] } {
  const nonEmpty = table.filter((r) => r.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0) return { headerErrors: [{ field: '', code: 'csv_empty' }], rows: [], fields: [] };
  const header = table[0].map((h) => h.trim().toLowerCase());
  const columns = header.map((h) => ROSTER_HEADERS[h] ?? ROSTER_HEADERS[h.replace(/\s/g, '')] ?? null);
  /** The fields the file has a column for: an update changes only these. */
  const fields = [...new Set(columns.filter((c): c is NonNullable<typeof c> => c !== null))];
  if (!columns.includes('name')) return { headerErrors: [{ field: 'name', code: 'csv_no_name_column' }], rows: [], fields };
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  table.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.every((c) => c.trim() === '')) return;
    const errors: RowError[] = [];
    const rec: Record<string, string> = {};
    columns.forEach((col, j) => {
      // Our own export guards cells against formulas ('+86 …): take the guard off so the file round-trips.
      if (col) rec[col] = unguardCell((raw[j] ?? '').trim()).trim();
    });
    if (raw.length > header.length && raw.slice(header.length).some((c) => c.trim() !== ''))
      errors.push({ field: '', code: 'csv_extra_cells' });
    let gender: 'male' | 'female' | null = null;
    if (rec.gender) {
      gender = GENDER_WORDS[rec.gender.toLowerCase()] ?? null;
      if (!gender) errors.push({ field: 'gender', code: 'gender_word' });
    }
    let status: 'seated' | 'left' = 'seated';
    if (rec.status) {
      const s = STATUS_WORDS[rec.status.toLowerCase()];
      if (s) status = s;
      else errors.push({ field: 'status', code: 'status_word' });
    }
    const parsed = RepresentativeInput.safeParse({ ...rec, gender });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const code = issue.code === 'too_small' ? 'required' : issue.code === 'too_big' ? 'too_long' : issue.message;
        const max = issue.code === 'too_big' ? Number(issue.maximum) : undefined;
        errors.push({ field, code: /^[a-z_]+$/.test(code) ? code : 'invalid', ...(max !== undefined ? { params: { max } } : {}) });
      }
    }
    const key = `${rec.name ?? ''}|${rec.phone ?? ''}`;
    const dup = seen.get(key);
    if (rec.name && dup !== undefined) errors.push({ field: 'name', code: 'duplicate_in_file' });
    else seen.set(key, line);
    rows.push({ line, cells: raw, data: parsed.success && errors.length === 0 ? { ...parsed.data, status } : null, errors });
  });
  if (rows.length === 0) return { headerErrors: [{ field: '', code: 'csv_no_rows' }], rows, fields };
  return { headerErrors: [], rows, fields };
}

/** The printable delegate cards: each with its personal login URL and that URL as a QR (SVG text). */
export const DelegateCards = z.object({
  congress: z.object({ id: z.string(), name: z.string(), term: z.int() }),
  cards: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      delegation: z.string(),
      constituency: z.string(),
      cardVersion: z.int(),
      url: z.string(),
      qrSvg: z.string(),
    }),
  ),
});
export type DelegateCards = z.infer<typeof DelegateCards>;

/**
 * What to do with people of the file who are already on the roster: leave them as they are (skip), or make the roster
 * say what the file says (update: gender, delegation, constituency, phone — the columns the file has).
 */
export const ExistingMode = z.enum(['skip', 'update']);
export type ExistingMode = z.infer<typeof ExistingMode>;
/** What the import does with one row (import-plan.ts). */
export const RowAction = z.enum(['new', 'unchanged', 'update', 'skip', 'error']);
export type RowAction = z.infer<typeof RowAction>;
export const ImportQuery = z.object({
  encoding: z.enum(['utf-8', 'gbk']).optional(),
  existing: ExistingMode.default('skip'),
  /** The counts the person saw in the preview: when given, the import is refused if the roster changed meanwhile. */
  expectNew: z.coerce.number().int().min(0).optional(),
  expectUpdate: z.coerce.number().int().min(0).optional(),
});
export const ImportCounts = z.object({ new: z.int(), unchanged: z.int(), update: z.int(), skip: z.int(), error: z.int() });
export type ImportCounts = z.infer<typeof ImportCounts>;
export const FieldChange = z.object({ field: z.string(), from: z.string(), to: z.string() });
export type FieldChange = z.infer<typeof FieldChange>;

export const ImportPreview = z.object({
  encoding: z.enum(['utf-8', 'gbk']),
  existing: ExistingMode,
  total: z.int(),
  valid: z.int(),
  invalid: z.int(),
  counts: ImportCounts,
  headerErrors: z.array(z.object({ field: z.string(), code: z.string() })),
  rows: z.array(
    z.object({
      line: z.int(),
      data: z.record(z.string(), z.unknown()).nullable(),
      cells: z.array(z.string()),
      errors: z.array(z.object({ field: z.string(), code: z.string(), params: z.record(z.string(), z.number()).optional() })),
      action: RowAction,
      /** For an existing person whose row differs: each field as the roster has it and as the file has it. */
      changes: z.array(FieldChange),
    }),
  ),
});
export const ImportResult = z.object({ imported: z.int(), updated: z.int(), unchanged: z.int(), skipped: z.int(), encoding: z.string() });
export type ImportResult = z.infer<typeof ImportResult>;
export type ImportPreview = z.infer<typeof ImportPreview>;
