/** The roll-up report as an xlsx workbook (exceljs): the report sheet (a row per congress, then the total) and the trend sheet. */
import ExcelJS from 'exceljs';
import { ROLLUP_COLUMNS } from '../../shared/county/columns.ts';
import type { Rollup } from '../../shared/county/schema.ts';
import { word, zhWord } from '../../shared/review/labels.ts';

const cells = (f: Parameters<(typeof ROLLUP_COLUMNS)[number][1]>[0]) => ROLLUP_COLUMNS.map(([, read]) => { const v = read(f); return v === null ? '' : typeof v === 'string' ? Number(v) : v; });

export async function rollupXlsx(r: Rollup): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Minsheng';
  wb.created = new Date(`${r.asOf}T00:00:00Z`);
  const ws = wb.addWorksheet(zhWord('county.rollup.sheet'));
  ws.addRow([zhWord('county.rollup.title').replace('{name}', r.county.name).replace('{year}', String(r.year)), zhWord('county.rollup.asOf').replace('{day}', r.asOf)]);
  ws.addRow([word('county.col.name'), word('county.col.parent'), ...ROLLUP_COLUMNS.map(([k]) => word(`county.col.${k}`))]);
  for (const row of r.rows) ws.addRow([row.name, row.parentName ?? '', ...cells(row)]);
  ws.addRow([word('county.rollup.total'), '', ...cells(r.total)]);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { bold: true };
  ws.getRow(ws.rowCount).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
  ws.columns.forEach((col, i) => (col.width = i < 2 ? 24 : 14));
  const ts = wb.addWorksheet(zhWord('county.rollup.trendSheet'));
  const years = r.total.evaluationTrend.map((t) => t.year);
  ts.addRow([word('county.col.name'), word('county.rollup.trend'), ...years.map(String)]);
  const trendRows = (name: string, e: Rollup['total']['evaluationTrend'], l: Rollup['total']['loopTrend']) => {
    ts.addRow([name, zhWord('county.rollup.trend.evaluation'), ...e.map((x) => x.rate ?? '')]);
    ts.addRow([name, zhWord('county.rollup.trend.loop'), ...l.map((x) => x.rate ?? '')]);
  };
  for (const row of r.rows) trendRows(row.name, row.evaluationTrend, row.loopTrend);
  trendRows(zhWord('county.rollup.total'), r.total.evaluationTrend, r.total.loopTrend);
  ts.getRow(1).font = { bold: true };
  ts.views = [{ state: 'frozen', ySplit: 1 }];
  ts.columns.forEach((col, i) => (col.width = i === 0 ? 24 : i === 1 ? 22 : 10));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
