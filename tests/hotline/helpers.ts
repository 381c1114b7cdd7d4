/** 12345 exports for the tests: CSV text in UTF-8 or GBK (the real encoder, iconv), and xlsx made with exceljs. */
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';

/** The headers of the common export (the default mapping). */
export const HEADER = ['工单编号', '来电时间', '诉求内容', '所属区域', '承办单位', '办理状态', '满意度评价', '来电号码'];

export type TicketRow = { no: string; time: string; content: string; area?: string; department?: string; status?: string; satisfaction?: string; phone?: string };
export const cells = (r: TicketRow) => [r.no, r.time, r.content, r.area ?? '', r.department ?? '', r.status ?? '', r.satisfaction ?? '', r.phone ?? ''];

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
export const csvText = (rows: TicketRow[], header = HEADER) => [header, ...rows.map(cells)].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
export const utf8 = (text: string, bom = false) => new TextEncoder().encode((bom ? '\uFEFF' : '') + text);
/** The text in GBK, as Excel on a Chinese Windows saves "CSV (逗号分隔)". */
export const gbk = (text: string) => new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text }));

/** An xlsx of the rows; `time` given as a Date makes a date cell, as the hotline system's export has. */
export async function xlsx(rows: (string | number | Date)[][], header: string[] = HEADER): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
