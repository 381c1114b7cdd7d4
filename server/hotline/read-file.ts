/**
 * A 12345 export's bytes → a table of cells: an xlsx (its first sheet, read by exceljs) when the bytes are a ZIP, else
 * a CSV in UTF-8 (with or without BOM) or, failing that, GB18030 (which GBK exports are). Anything else is refused with
 * words the office can act on.
 */
import ExcelJS from 'exceljs';
import { parseCsv, unguardCell } from '../../shared/csv.ts';
import type { FileFormat } from '../../shared/hotline/schema.ts';
import { AppError } from '../lib/errors.ts';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The old binary Excel (.xls) and other OLE files. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/** The CSV's text: strict UTF-8, else strict GB18030; NUL bytes (UTF-16 text, a program) are no CSV. */
export function decodeText(bytes: Uint8Array, forced?: 'utf-8' | 'gbk'): { text: string; format: FileFormat } {
  if (bytes.includes(0)) throw new AppError('hotline_encoding');
  const tryDecode = (label: string) => {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  };
  if (forced === 'gbk') {
    const text = tryDecode('gb18030');
    if (text === null) throw new AppError('hotline_encoding');
    return { text, format: 'csv-gbk' };
  }
  const utf8 = tryDecode('utf-8');
  if (utf8 !== null) return { text: utf8, format: 'csv-utf-8' };
  if (forced === 'utf-8') throw new AppError('hotline_encoding');
  const gbk = tryDecode('gb18030');
  if (gbk === null) throw new AppError('hotline_encoding');
  return { text: gbk, format: 'csv-gbk' };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell's text as the sheet shows it. Excel keeps dates without a zone: exceljs hands them over as that wall time in UTC. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  return '';
}

/** The first worksheet as rows of text (a row's cells from the first column; empty cells ''). */
async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('hotline_xlsx');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('hotline_empty');
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = Array.isArray(row.values) ? row.values : [];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] as ExcelJS.CellValue));
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

export async function readTable(bytes: Uint8Array, forced?: 'utf-8' | 'gbk'): Promise<{ table: string[][]; format: FileFormat }> {
  if (bytes.length === 0) throw new AppError('hotline_empty');
  if (startsWith(bytes, OLE)) throw new AppError('hotline_xls');
  if (startsWith(bytes, ZIP)) return { table: await readXlsx(bytes), format: 'xlsx' };
  const { text, format } = decodeText(bytes, forced);
  // Our own exports guard cells against formulas ('+86 …); a file that went out and came back reads as it left.
  const table = parseCsv(text).map((r) => r.map(unguardCell));
  return { table, format };
}
