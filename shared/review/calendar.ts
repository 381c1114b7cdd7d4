/**
 * The official calendar file the office uploads (国务院办公厅关于节假日安排的通知, typed into a spreadsheet): one line a
 * day, `date,kind,name` — kind 休 (or 假, holiday) for a public holiday, 班 (or 上班, workday) for a weekend day made a
 * working day (调休). A header line is allowed. Pure: the server checks the upload with it, the page previews with it.
 */
import { parseCsv } from '../csv.ts';
import type { CalendarKind } from '../items/enums.ts';

export type CalendarLine = { day: string; kind: CalendarKind; name: string };
export type CalendarProblem = { line: number; what: 'date' | 'year' | 'kind' | 'duplicate'; value: string };

const KINDS: Record<string, CalendarKind> = { 休: 'holiday', 假: 'holiday', 休息: 'holiday', 放假: 'holiday', holiday: 'holiday', 班: 'workday', 上班: 'workday', 补班: 'workday', workday: 'workday' };

/** `2026-10-01`, `2026-10-1` or `2026/10/1` → `2026-10-01`; null when it is not a real day. */
export function normalDay(s: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day ? null : day;
}

export function parseCalendar(text: string, year: number): { days: CalendarLine[]; problems: CalendarProblem[] } {
  const days: CalendarLine[] = [];
  const problems: CalendarProblem[] = [];
  const seen = new Set<string>();
  parseCsv(text).forEach((cells, i) => {
    const line = i + 1;
    const [rawDay = '', rawKind = '', rawName = ''] = cells.map((c) => c.trim());
    if (cells.every((c) => c.trim() === '')) return;
    if (i === 0 && normalDay(rawDay) === null && /date|日期/i.test(rawDay)) return; // the header
    const day = normalDay(rawDay);
    if (day === null) return void problems.push({ line, what: 'date', value: rawDay });
    if (Number(day.slice(0, 4)) !== year) return void problems.push({ line, what: 'year', value: rawDay });
    const kind = KINDS[rawKind.toLowerCase()];
    if (!kind) return void problems.push({ line, what: 'kind', value: rawKind });
    if (seen.has(day)) return void problems.push({ line, what: 'duplicate', value: rawDay });
    seen.add(day);
    days.push({ day, kind, name: rawName.slice(0, 60) });
  });
  return { days: days.sort((a, b) => a.day.localeCompare(b.day)), problems };
}

const WHAT = {
  date: { zh: '日期无效', en: 'bad date' },
  year: { zh: '不在该年', en: 'not in the year' },
  kind: { zh: '类型应为 休 或 班', en: 'the kind must be “休” (holiday) or “班” (workday)' },
  duplicate: { zh: '日期重复', en: 'repeated date' },
} as const;
/** The problems in words for the error message, in each language (the first few; the details carry all of them). */
export const problemsText = (ps: readonly CalendarProblem[]): { zh: string; en: string } => {
  const more = ps.length > 5 ? ` (+${ps.length - 5})` : '';
  const first = ps.slice(0, 5);
  return {
    zh: first.map((p) => `第${p.line}行：${WHAT[p.what].zh}“${p.value}”`).join('；') + more,
    en: first.map((p) => `line ${p.line}: ${WHAT[p.what].en} “${p.value}”`).join('; ') + more,
  };
};
