import { and, eq } from 'drizzle-orm';
import { parseCsv } from '../../shared/csv.ts';
import { planRosterImport, type PlannedRow } from '../../shared/roster/import-plan.ts';
import { checkRosterRows, type ExistingMode, type ImportPreview, type ImportResult } from '../../shared/roster/schema.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { congresses, representatives } from '../db/schema/index.ts';
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

export type PreviewResult = Omit<ImportPreview, 'rows'> & { rows: PlannedRow[] };

/** Check a roster file against the rules and plan it against the roster as it stands; writes nothing. */
export async function previewRosterImport(db: DbOrTx, congressId: string, bytes: Uint8Array, opts: { encoding?: 'utf-8' | 'gbk'; existing: ExistingMode }): Promise<PreviewResult> {
  const { text, encoding } = decodeCsv(bytes, opts.encoding);
  const { headerErrors, rows, fields } = checkRosterRows(parseCsv(text));
  const roster = await db
    .select({
      id: representatives.id,
      name: representatives.name,
      gender: representatives.gender,
      delegation: representatives.delegation,
      constituency: representatives.constituency,
      phone: representatives.phone,
      status: representatives.status,
    })
    .from(representatives)
    .where(eq(representatives.congressId, congressId));
  const plan = planRosterImport(rows, fields, roster, opts.existing);
  const invalid = plan.counts.error;
  return { encoding, existing: opts.existing, total: rows.length, valid: rows.length - invalid, invalid, counts: plan.counts, headerErrors, rows: plan.rows };
}

/**
 * Apply the plan in one transaction: the new people are added, and (when the office chose update) the existing people
 * whose row differs are updated; any bad row refuses the whole file, with the same report as the preview. With the
 * counts the person saw (`expect`), a roster that changed since the preview refuses too, so what is applied is what
 * was shown.
 */
export async function importRoster(
  db: Db,
  actor: Actor,
  congressId: string,
  bytes: Uint8Array,
  opts: { encoding?: 'utf-8' | 'gbk'; existing: ExistingMode; expectNew?: number; expectUpdate?: number },
): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    // One import of a congress at a time: two at once would both add the same new people.
    await tx.select({ id: congresses.id }).from(congresses).where(eq(congresses.id, congressId)).for('update');
    const preview = await previewRosterImport(tx, congressId, bytes, opts);
    if (preview.headerErrors.length || preview.invalid > 0)
      throw new AppError('import_invalid', { invalid: Math.max(preview.invalid, 1) }, preview);
    const { counts } = preview;
    if ((opts.expectNew !== undefined && opts.expectNew !== counts.new) || (opts.expectUpdate !== undefined && opts.expectUpdate !== counts.update))
      throw new AppError('import_changed', { new: counts.new, update: counts.update }, preview);
    if (counts.new + counts.update === 0) throw new AppError('import_nothing', { unchanged: counts.unchanged, skipped: counts.skip }, preview);
    const values = preview.rows.filter((r) => r.action === 'new').map((r) => ({ ...r.data!, congressId }));
    for (let i = 0; i < values.length; i += 500) await tx.insert(representatives).values(values.slice(i, i + 500));
    const updated: { id: string; name: string; fields: string[] }[] = [];
    for (const r of preview.rows) {
      if (r.action !== 'update' || !r.data || !r.representativeId) continue;
      const set = Object.fromEntries(r.changes.map((ch) => [ch.field, r.data![ch.field as 'gender' | 'delegation' | 'constituency' | 'phone']]));
      await tx
        .update(representatives)
        .set({ ...set, updatedAt: new Date() })
        .where(and(eq(representatives.id, r.representativeId), eq(representatives.congressId, congressId)));
      updated.push({ id: r.representativeId, name: r.data.name, fields: r.changes.map((ch) => ch.field) });
    }
    await appendAudit(tx, {
      actor,
      congressId,
      action: 'roster.import',
      targetType: 'congress',
      targetId: congressId,
      details: { existing: opts.existing, rows: values.length, updated: updated.length, unchanged: counts.unchanged, skipped: counts.skip, encoding: preview.encoding, updatedPeople: updated.slice(0, 200) },
    });
    return { imported: values.length, updated: updated.length, unchanged: counts.unchanged, skipped: counts.skip, encoding: preview.encoding };
  });
}
