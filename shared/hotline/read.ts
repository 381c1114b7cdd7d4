/**
 * Reading a 12345 export (SPEC §13), pure: a table of cells (from a CSV or the first sheet of an xlsx) and the
 * congress's column mapping in, the tickets and each row's problems out. The server matches the tickets to items,
 * departments and representatives (server/hotline/plan.ts).
 */
import type { FeedbackGrade } from '../items/enums.ts';
import { phoneKey } from '../roster/import-plan.ts';
import { HOTLINE_FIELDS, REQUIRED_FIELDS, type ColumnsDetails, type HotlineColumns, type HotlineField, type Problem } from './schema.ts';

/** A header as people type it: spaces (also 全角) and a BOM do not count, nor letter case. */
export const headerKey = (h: string) => h.replace(/[\s\u3000\uFEFF]/g, '').toLowerCase();

/** The longest text each field may hold (a longer cell is a problem of its row). */
export const MAX_LENGTH: Record<HotlineField, number> = {
  ticketNo: 64,
  time: 40,
  content: 10_000,
  title: 200,
  area: 200,
  department: 200,
  status: 100,
  satisfaction: 100,
  category: 100,
  callerPhone: 100,
  representative: 100,
};

const pad = (n: number) => String(n).padStart(2, '0');
const validDate = (y: number, m: number, d: number) => {
  if (y < 1990 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/**
 * A ticket's time as hotline systems write it: `2026-03-05 09:12:33`, `2026/3/5 9:12`, `2026.03.05`,
 * `2026年3月5日 9时12分`, `20260305091233`, an ISO time, or an Excel date serial (46086.38). Answers the day and
 * `YYYY-MM-DD HH:mm` (or the day alone), or null when it is no date.
 */
export function hotlineTime(raw: string): { date: string; time: string } | null {
  const s = raw.trim();
  if (!s) return null;
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    // Excel's serial: days since 1899-12-30, the fraction the time of day.
    const serial = Number(s);
    const ms = Math.round((serial - 25569) * 86_400_000);
    const d = new Date(ms);
    const date = d.toISOString().slice(0, 10);
    if (!validDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())) return null;
    return { date, time: serial % 1 === 0 ? date : `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` };
  }
  let m = s.match(/^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/);
  if (!m) m = s.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T|\s*)(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}(?:\.\d+)?)\s*秒?|\s*分)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) return null;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (m[4] === undefined) return { date, time: date };
  const [h, mi] = [Number(m[4]), Number(m[5])];
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || sec >= 60) return null;
  return { date, time: `${date} ${pad(h)}:${pad(mi)}` };
}

/** The caller's satisfaction in the hotline's words: 不满意 (also 非常不满意), 基本满意 (一般), 满意 (非常满意, 比较满意); anything else (未评价, 无) is no rating. */
export function satisfactionOf(raw: string): FeedbackGrade | null {
  const s = raw.replace(/\s/g, '');
  if (!s) return null;
  if (s.includes('不满意')) return 'unsatisfied';
  if (s.includes('基本满意') || s === '一般') return 'basically';
  if (s.includes('满意')) return 'satisfied';
  return null;
}

/** The hotline closed the ticket (已办结, 办毕, 已结案, 已完成, 已回访, 已归档): the item is done. Any other status is still open. */
export const isClosedStatus = (raw: string) => /办结|办毕|结案|已完成|已回访|归档/.test(raw.replace(/\s/g, ''));

/** A phone as the roster compares it (shared/roster/import-plan.ts), or '' when too short to name anyone (an extension, 110). */
export function callerKey(raw: string): string {
  const k = phoneKey(raw);
  return k.length >= 7 ? k : '';
}

/** A name compared without spaces. */
export const nameKey = (s: string) => s.replace(/[\s\u3000]/g, '');

/** An item's title: the export's title when it has one, else the start of the content (its first sentence, at most 40 characters). */
export function titleOf(content: string, title = ''): string {
  const t = title.trim();
  if (t) return t;
  const flat = content.replace(/\s+/g, ' ').trim();
  const first = flat.split(/[。！？!?；;\n]/)[0] || flat;
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

export type Ticket = {
  line: number;
  /** The mapped cells, trimmed ('' for a field not mapped). */
  cells: Record<HotlineField, string>;
  receivedOn: string | null;
  time: string;
  problems: Problem[];
  /** The same ticket in the same words on an earlier line: imported once. */
  repeat: boolean;
};

/** Which mapped headers the file lacks (compared as `headerKey`). */
export function missingColumns(headers: string[], columns: HotlineColumns): ColumnsDetails['missing'] {
  const have = new Set(headers.map(headerKey));
  return HOTLINE_FIELDS.filter((f) => columns[f] !== '' && !have.has(headerKey(columns[f]))).map((f) => ({ field: f, header: columns[f] }));
}

/**
 * The tickets of a table whose first row is the header. Blank rows are passed over; line numbers are the file's
 * (the header is line 1). `today` bounds the time (a ticket from the future is a mistake in the file).
 */
export function readTickets(table: string[][], columns: HotlineColumns, today: string): { headers: string[]; missing: ColumnsDetails['missing']; tickets: Ticket[] } {
  const headers = (table[0] ?? []).map((h) => h.trim());
  const missing = missingColumns(headers, columns);
  if (missing.length) return { headers, missing, tickets: [] };
  const keys = headers.map(headerKey);
  const index = Object.fromEntries(HOTLINE_FIELDS.map((f) => [f, columns[f] === '' ? -1 : keys.indexOf(headerKey(columns[f]))])) as Record<HotlineField, number>;
  const tickets: Ticket[] = [];
  const seen = new Map<string, string>();
  table.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.every((c) => c.trim() === '')) return;
    const cells = Object.fromEntries(HOTLINE_FIELDS.map((f) => [f, index[f] < 0 ? '' : (raw[index[f]] ?? '').trim()])) as Record<HotlineField, string>;
    const problems: Problem[] = [];
    for (const f of REQUIRED_FIELDS) if (!cells[f]) problems.push({ line, field: f, code: 'required' });
    for (const f of HOTLINE_FIELDS) if (f !== 'callerPhone' && cells[f].length > MAX_LENGTH[f]) problems.push({ line, field: f, code: 'too_long', max: MAX_LENGTH[f] });
    const at = cells.time ? hotlineTime(cells.time) : null;
    if (cells.time && !at) problems.push({ line, field: 'time', code: 'bad_date' });
    if (at && at.date > today) problems.push({ line, field: 'time', code: 'future_date' });
    let repeat = false;
    if (cells.ticketNo) {
      const words = JSON.stringify(cells);
      const before = seen.get(cells.ticketNo);
      if (before === undefined) seen.set(cells.ticketNo, words);
      else if (before === words) repeat = true;
      else problems.push({ line, field: 'ticketNo', code: 'duplicate_ticket' });
    }
    tickets.push({ line, cells, receivedOn: at?.date ?? null, time: at?.time ?? cells.time, problems, repeat });
  });
  return { headers, missing, tickets };
}
