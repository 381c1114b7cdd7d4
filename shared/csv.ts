/**
 * CSV as offices export it from spreadsheets (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends).
 * Pure: used by the server for imports and exports and by the web app for previews.
 */
export function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The formula guard: a cell starting with =, +, -, @, tab or CR would be run as a formula by a spreadsheet, so it is
 * written with a ' in front. Cells that already start with ' before such a character get one more, so that
 * `unguardCell` gives back exactly what was exported (a phone `+86 138…` leaves as `'+86 138…` and comes back as
 * `+86 138…`; a value `'=x` leaves as `''=x` and comes back as `'=x`).
 */
const GUARDED = /^'*[=+\-@\t\r]/;
export const guardCell = (s: string) => (GUARDED.test(s) ? `'${s}` : s);
/** The inverse of `guardCell`, for files that come back in (imports): one ' is taken off a guarded cell. */
export const unguardCell = (s: string) => (s.startsWith("'") && GUARDED.test(s.slice(1)) ? s.slice(1) : s);

/** Quote a cell when needed, behind the formula guard. */
function cell(value: unknown): string {
  const s = guardCell(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 text with a BOM so that spreadsheet programs detect the encoding. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
