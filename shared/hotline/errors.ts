/** The hotline stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const HOTLINE_ERRORS = {
  hotline_empty: {
    status: 400,
    zh: '文件是空的。请从12345热线系统重新导出工单。',
    en: 'The file is empty. Export the tickets from the 12345 hotline system again.',
  },
  hotline_no_rows: {
    status: 400,
    zh: '文件只有表头，没有工单。请确认导出时选择了工单的日期范围。',
    en: 'The file has a header but no tickets. Check the date range chosen when exporting.',
  },
  hotline_encoding: {
    status: 400,
    zh: '无法识别文件内容：请上传 xlsx 文件，或 UTF-8、GBK 编码的 CSV 文件。',
    en: 'The file cannot be read: upload an xlsx file, or a CSV file in UTF-8 or GBK.',
  },
  hotline_xls: {
    status: 400,
    zh: '这是旧版 Excel（.xls）文件，无法读取。请在 Excel 中“另存为” xlsx 或 CSV 后再导入。',
    en: 'This is an old Excel (.xls) file, which cannot be read. Save it as xlsx or CSV in Excel, then import it.',
  },
  hotline_xlsx: {
    status: 400,
    zh: '无法打开这个 xlsx 文件，文件可能已损坏。请重新导出后再试。',
    en: 'This xlsx file cannot be opened; it may be damaged. Export it again and retry.',
  },
  hotline_columns: {
    status: 400,
    zh: '文件缺少这些列：{columns}。请核对“列对应”设置是否与热线系统导出的表头一致。',
    en: 'The file lacks these columns: {columns}. Check that the column mapping matches the headers of the hotline export.',
  },
  hotline_column_twice: {
    status: 400,
    zh: '表头“{header}”被对应到了两个字段，每列只能对应一个字段。',
    en: 'The header "{header}" is mapped to two fields; each column can hold one field.',
  },
  hotline_too_many: {
    status: 400,
    zh: '一个文件最多导入 {max} 条工单。请按日期分段导出后分别导入。',
    en: 'A file can hold at most {max} tickets. Export by date ranges and import each file.',
  },
  hotline_invalid: {
    status: 400,
    zh: '文件中有 {invalid} 行有误，未导入任何工单。请按提示修改后重新导入。',
    en: '{invalid} rows have errors; no ticket was imported. Correct them as shown and import again.',
  },
} as const satisfies Record<string, ErrorEntry>;
