/** The figures as CSV (one block per grouping) and as an xlsx workbook (exceljs: one sheet per grouping, and the ratings). */
import ExcelJS from 'exceljs';
import { toCsv } from '../../shared/csv.ts';
import { HANDLING_DIMENSIONS } from '../../shared/items/enums.ts';
import { CATEGORY_WORDS, columnWord, COUNT_COLUMNS, word, zhWord } from '../../shared/review/labels.ts';
import type { Counts, Figures } from '../../shared/review/schema.ts';

type Block = { title: string; key: string; rows: { label: string; c: Counts }[] };

/** The groupings in the order the page shows them, each row labelled. */
export function blocksOf(f: Figures): Block[] {
  const none = (k: string) => zhWord(k);
  return [
    { title: word('review.by.total'), key: 'total', rows: [{ label: zhWord('review.total'), c: f.total }] },
    { title: word('review.by.department'), key: 'department', rows: f.byDepartment.map((r) => ({ label: r.id ? r.name : none('review.noDepartment'), c: r })) },
    { title: word('review.by.category'), key: 'category', rows: f.byCategory.map((r) => ({ label: CATEGORY_WORDS[r.category]?.zh ?? r.category, c: r })) },
    { title: word('review.by.station'), key: 'station', rows: f.byStation.map((r) => ({ label: r.id ? r.name : none('review.noStation'), c: r })) },
    { title: word('review.by.month'), key: 'month', rows: f.byMonth.map((r) => ({ label: r.month, c: r })) },
  ];
}

const cellsOf = (c: Counts) => COUNT_COLUMNS.map((k) => c[k] ?? '');

function ratingRows(f: Figures): (string | number)[][] {
  return f.ratings.map((r) =>
    r.shown ? [r.name, r.n, ...HANDLING_DIMENSIONS.flatMap((d) => [r[d]!.satisfied, r[d]!.basically, r[d]!.unsatisfied, r[d]!.rate ?? ''])] : [r.name, r.n, zhWord('review.ratings.tooFew')],
  );
}
const ratingHead = () => [word('review.col.department'), word('review.ratings.n'), ...HANDLING_DIMENSIONS.flatMap((d) => ['satisfied', 'basically', 'unsatisfied', 'rate'].map((g) => `${zhWord(`item.dimension.${d}`)}·${zhWord(g === 'rate' ? 'review.col.satisfactionRate' : `item.grade.${g}`)}`))];

/** One CSV: a block per grouping (a title line, the header, the rows, a blank line), then the handling ratings. */
export function figuresCsv(f: Figures): string {
  const lines: unknown[][] = [[`${f.congress.name} ${f.year}`, `${zhWord('review.asOf')} ${f.asOf}`]];
  for (const b of blocksOf(f)) {
    lines.push([], [b.title], [word('review.col.group'), ...COUNT_COLUMNS.map(columnWord)]);
    for (const r of b.rows) lines.push([r.label, ...cellsOf(r.c)]);
  }
  lines.push([], [word('review.ratings.title'), `k = ${f.kMin}`], ratingHead(), ...ratingRows(f));
  const [head, ...rest] = lines;
  return toCsv(head as string[], rest);
}

/** The workbook: a sheet per grouping with a bold header and frozen first row, and the ratings sheet. */
export async function figuresXlsx(f: Figures): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Minsheng';
  wb.created = new Date(`${f.asOf}T00:00:00Z`);
  for (const b of blocksOf(f)) {
    const ws = wb.addWorksheet(zhWord(`review.sheetName.${b.key}`).slice(0, 31));
    ws.addRow([word('review.col.group'), ...COUNT_COLUMNS.map(columnWord)]);
    for (const r of b.rows) ws.addRow([r.label, ...cellsOf(r.c)]);
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((col, i) => (col.width = i === 0 ? 24 : 12));
  }
  const rs = wb.addWorksheet(zhWord('review.sheetName.ratings').slice(0, 31));
  rs.addRow(ratingHead());
  for (const r of ratingRows(f)) rs.addRow(r);
  rs.getRow(1).font = { bold: true };
  rs.addRow([]);
  rs.addRow([`${zhWord('review.ratings.kRule')} k = ${f.kMin}`]);
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
