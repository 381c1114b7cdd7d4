import { and, eq } from 'drizzle-orm';
import { parseCsv } from '../../shared/csv.ts';
import { checkRosterRows, type ImportRow, type RowError } from '../../shared/roster/schema.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { representatives } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';

/** Spreadsheet exports here are UTF-8 (with or without BOM) or GBK; anything that is not valid UTF-8 is read as GBK. */
export function decodeCsv(bytes: Uint8Array, forced?: 'utf-8' | 'gbk'): { text: string; encoding: 'utf-8' | 'gbk' } {
  // A NUL byte is no text a spreadsheet saves as CSV (UTF-16 "Unicode text" is full of them), and PostgreSQL cannot store it.
  if (bytes.includes(0)) throw new AppError('import_encoding');
  if (forced) return { text: new TextDecoder(forced).decode(bytes), encoding: forced };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gbk', { fatal: true }).decode(bytes), encoding: 'gbk' };
    } catch {
      throw new AppError('import_encoding');
    }
  }
}

export type PreviewResult = { encoding: 'utf-8' | 'gbk'; total: number; valid: number; invalid: number; headerErrors: RowError[]; rows: ImportRow[] };

/** Check a roster file against the rules and against the roster as it stands; writes nothing. */
export async function previewRosterImport(db: DbOrTx, congressId: string, bytes: Uint8Array, forced?: 'utf-8' | 'gbk'): Promise<PreviewResult> {
  const { text, encoding } = decodeCsv(bytes, forced);
  const { headerErrors, rows } = checkRosterRows(parseCsv(text));
  const existing = await db
    .select({ name: representatives.name, phone: representatives.phone })
    .from(representatives)
    .where(and(eq(representatives.congressId, congressId), eq(representatives.status, 'seated')));
  const onRoster = new Set(existing.map((r) => `${r.name}|${r.phone}`));
  for (const row of rows) {
    if (row.data && onRoster.has(`${row.data.name}|${row.data.phone}`)) {
      row.errors.push({ field: 'name', code: 'duplicate_on_roster' });
      row.data = null;
    }
  }
  const invalid = rows.filter((r) => r.errors.length > 0).length;
  return { encoding, total: rows.length, valid: rows.length - invalid, invalid, headerErrors, rows };
}

/** All rows or none: any bad row refuses the whole file, with the same report as the preview. */
export async function importRoster(db: Db, actor: Actor, congressId: string, bytes: Uint8Array, forced?: 'utf-8' | 'gbk') {
  return db.transaction(async (tx) => {
    const preview = await previewRosterImport(tx, congressId, bytes, forced);
    if (preview.headerErrors.length || preview.invalid > 0)
      throw new AppError('import_invalid', { invalid: Math.max(preview.invalid, 1) }, preview);
    const values = preview.rows.map((r) => ({ ...r.data!, congressId }));
    for (let i = 0; i < values.length; i += 500) await tx.insert(representatives).values(values.slice(i, i + 500));
    await appendAudit(tx, {
      actor,
      congressId,
      action: 'roster.import',
      targetType: 'congress',
      targetId: congressId,
      details: { rows: values.length, encoding: preview.encoding },
    });
    return { imported: values.length, encoding: preview.encoding };
  });
}
