/**
 * What importing a 12345 export would do, row by row (SPEC §13): read the file with the congress's mapping, then match
 * each ticket to the item already made from it (by ticket number), to a department of the congress (by name) and to a
 * representative of the roster (by the caller's phone or the representative column). Writes nothing: the preview
 * answers it, the import applies it (import.ts) inside its transaction.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { ITEM_CATEGORIES, type FeedbackGrade, type ItemCategory, type ItemStatus } from '../../shared/items/enums.ts';
import { callerKey, isClosedStatus, nameKey, readTickets, satisfactionOf, titleOf, type Ticket } from '../../shared/hotline/read.ts';
import { MAX_ROWS, PREVIEW_ROWS, type Counts, type FileFormat, type HotlinePreview, type NoteCode, type PreviewRow, type RowAction } from '../../shared/hotline/schema.ts';
import { en } from '../../shared/i18n/en.ts';
import { zhCN, type MessageKey } from '../../shared/i18n/zh-CN.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments, hotlineImports, items, representatives } from '../db/schema/index.ts';
import { now } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { getMapping } from './mapping.ts';
import { readTable } from './read-file.ts';

/** What the ticket's item holds of the export (items.hotline): never the caller's phone. */
export type HotlineRecord = { ticketNo: string; time: string; area: string; department: string; status: string; satisfaction: string };

export type ExistingItem = {
  id: string;
  ticketNo: string;
  status: ItemStatus;
  round: number;
  hotline: Record<string, string> | null;
  keyItem: boolean;
  representativeId: string | null;
  departmentId: string | null;
};

export type PlannedRow = {
  ticket: Ticket;
  action: RowAction;
  record: HotlineRecord;
  title: string;
  category: ItemCategory;
  departmentId: string | null;
  representativeId: string | null;
  representativeName: string | null;
  satisfaction: FeedbackGrade | null;
  closed: boolean;
  existing: ExistingItem | null;
  changes: string[];
  notes: NoteCode[];
};

export type Plan = { preview: HotlinePreview; rows: PlannedRow[] };

/** A category named in the export in the items' own words (社会建设, 城乡建设 … or the English), else 其他. */
const CATEGORY_BY_WORD = new Map<string, ItemCategory>();
for (const c of ITEM_CATEGORIES)
  for (const words of [zhCN[`item.category.${c}` as MessageKey], en[`item.category.${c}` as MessageKey], c])
    if (typeof words === 'string' && words) CATEGORY_BY_WORD.set(nameKey(words).toLowerCase(), c);
const categoryOf = (raw: string): ItemCategory => CATEGORY_BY_WORD.get(nameKey(raw).toLowerCase()) ?? 'other';

/** The one id a key names, or null when none or several do (two people of the same name: no guess). */
function uniqueIndex<T>(rows: T[], key: (r: T) => string, id: (r: T) => string): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const r of rows) {
    const k = key(r);
    if (!k) continue;
    m.set(k, m.has(k) ? null : id(r));
  }
  return m;
}

const CHUNK = 1000;

export async function planImport(db: DbOrTx, congressId: string, bytes: Uint8Array, opts: { encoding?: 'utf-8' | 'gbk' } = {}): Promise<Plan> {
  const { table, format } = await readTable(bytes, opts.encoding);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (table.every((r) => r.every((c) => c.trim() === ''))) throw new AppError('hotline_empty');
  const { columns } = await getMapping(db, congressId);
  const { headers, missing, tickets } = readTickets(table, columns, shanghaiToday(now()));
  if (missing.length) {
    const zh = missing.map((m) => `“${m.header}”`).join('、');
    throw new AppError('hotline_columns', { columns: zh }, { missing, headers: headers.filter((h) => h !== '').slice(0, 200) });
  }
  if (tickets.length === 0) throw new AppError('hotline_no_rows');
  if (tickets.length > MAX_ROWS) throw new AppError('hotline_too_many', { max: MAX_ROWS });

  const deps = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.congressId, congressId));
  const depByName = uniqueIndex(deps, (d) => nameKey(d.name), (d) => d.id);
  const reps = await db
    .select({ id: representatives.id, name: representatives.name, phone: representatives.phone, status: representatives.status })
    .from(representatives)
    .where(eq(representatives.congressId, congressId));
  const repName = new Map(reps.map((r) => [r.id, r.name]));
  // A representative who has left still raised the tickets of their term; seated people first when a name repeats.
  const repByPhone = uniqueIndex(reps, (r) => callerKey(r.phone), (r) => r.id);
  const seated = reps.filter((r) => r.status === 'seated');
  const repBySeatedName = uniqueIndex(seated, (r) => nameKey(r.name), (r) => r.id);
  const repByName = uniqueIndex(reps, (r) => nameKey(r.name), (r) => r.id);

  const numbers = [...new Set(tickets.map((t) => t.cells.ticketNo).filter((n) => n !== ''))];
  const existing = new Map<string, ExistingItem>();
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const rows = await db
      .select({
        id: items.id,
        ticketNo: items.ticketNo,
        status: items.status,
        round: items.round,
        hotline: items.hotline,
        keyItem: items.keyItem,
        representativeId: items.representativeId,
        departmentId: items.departmentId,
      })
      .from(items)
      .where(and(eq(items.congressId, congressId), inArray(items.ticketNo, numbers.slice(i, i + CHUNK))));
    for (const r of rows) existing.set(r.ticketNo!, { ...r, ticketNo: r.ticketNo! });
  }

  const counts: Counts = { new: 0, update: 0, unchanged: 0, skip: 0, error: 0 };
  let repTickets = 0;
  let unsatisfied = 0;
  const planned: PlannedRow[] = tickets.map((ticket) => {
    const c = ticket.cells;
    const notes: NoteCode[] = [];
    const departmentId = c.department ? (depByName.get(nameKey(c.department)) ?? null) : null;
    if (c.department && !departmentId) notes.push('department_unmatched');
    let representativeId = c.callerPhone ? (repByPhone.get(callerKey(c.callerPhone)) ?? null) : null;
    if (!representativeId && c.representative) {
      representativeId = repBySeatedName.get(nameKey(c.representative)) ?? repByName.get(nameKey(c.representative)) ?? null;
      if (!representativeId) notes.push('representative_unmatched');
    }
    const record: HotlineRecord = { ticketNo: c.ticketNo, time: ticket.time, area: c.area, department: c.department, status: c.status, satisfaction: c.satisfaction };
    const satisfaction = satisfactionOf(c.satisfaction);
    const ex = existing.get(c.ticketNo) ?? null;
    const changes: string[] = [];
    let action: RowAction;
    if (ticket.problems.length) action = 'error';
    else if (ticket.repeat) action = 'skip';
    else if (!ex) action = 'new';
    else {
      const was = ex.hotline ?? {};
      for (const f of ['status', 'satisfaction', 'department'] as const) if ((was[f] ?? '') !== record[f]) changes.push(f);
      if (representativeId && !ex.representativeId) changes.push('representative');
      action = changes.length ? 'update' : 'unchanged';
    }
    counts[action]++;
    if (action !== 'error' && action !== 'skip') {
      if (representativeId ?? ex?.representativeId) repTickets++;
      if (satisfaction === 'unsatisfied') unsatisfied++;
    }
    return {
      ticket,
      action,
      record,
      title: titleOf(c.content, c.title),
      category: categoryOf(c.category),
      departmentId,
      representativeId,
      representativeName: representativeId ? (repName.get(representativeId) ?? null) : null,
      satisfaction,
      closed: isClosedStatus(c.status),
      existing: ex,
      changes,
      notes,
    };
  });

  const [before] = await db
    .select({ at: hotlineImports.importedAt })
    .from(hotlineImports)
    .where(and(eq(hotlineImports.congressId, congressId), eq(hotlineImports.sha256, sha256)))
    .orderBy(desc(hotlineImports.importedAt))
    .limit(1);
  // Rows with problems first (they are what the office must fix), then the file's first rows.
  const shown = [...planned.filter((p) => p.action === 'error'), ...planned.filter((p) => p.action !== 'error')].slice(0, PREVIEW_ROWS);
  const preview: HotlinePreview = {
    format: format satisfies FileFormat,
    sha256,
    headers: headers.filter((h) => h !== '').slice(0, 200),
    total: planned.length,
    counts,
    representatives: repTickets,
    unsatisfied,
    problems: planned.flatMap((p) => p.ticket.problems),
    rows: shown.map(previewRow),
    importedBefore: before ? before.at.toISOString() : null,
  };
  return { preview, rows: planned };
}

function previewRow(p: PlannedRow): PreviewRow {
  return {
    line: p.ticket.line,
    action: p.action,
    ticketNo: p.ticket.cells.ticketNo,
    receivedOn: p.ticket.receivedOn,
    time: p.ticket.time.slice(0, 40),
    title: p.title.slice(0, 200),
    area: p.record.area.slice(0, 200),
    department: p.record.department.slice(0, 200),
    departmentId: p.departmentId,
    status: p.record.status.slice(0, 100),
    closed: p.closed,
    satisfaction: p.satisfaction,
    representative: p.representativeName,
    changes: p.changes,
    notes: p.notes,
  };
}
