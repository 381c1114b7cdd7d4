/** The congress's column mapping of the 12345 export (hotline_mappings), or the default headers when none was saved. */
import { eq } from 'drizzle-orm';
import { DEFAULT_COLUMNS, HOTLINE_FIELDS, HotlineColumns, type HotlineMapping } from '../../shared/hotline/schema.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { hotlineMappings } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { headerKey } from '../../shared/hotline/read.ts';

export async function getMapping(db: DbOrTx, congressId: string): Promise<HotlineMapping & { columns: HotlineColumns }> {
  const [row] = await db.select().from(hotlineMappings).where(eq(hotlineMappings.congressId, congressId));
  if (!row) return { columns: { ...DEFAULT_COLUMNS }, saved: false, updatedAt: null };
  // A field added after the mapping was saved reads as not mapped.
  const columns = HotlineColumns.parse({ ...Object.fromEntries(HOTLINE_FIELDS.map((f) => [f, ''])), ...row.columns });
  return { columns, saved: true, updatedAt: row.updatedAt.toISOString() };
}

export async function setMapping(tx: Tx, actor: Actor, congressId: string, columns: HotlineColumns) {
  const seen = new Set<string>();
  for (const f of HOTLINE_FIELDS) {
    const h = columns[f];
    if (h === '') continue;
    if (seen.has(headerKey(h))) throw new AppError('hotline_column_twice', { header: h });
    seen.add(headerKey(h));
  }
  const now = new Date();
  await tx
    .insert(hotlineMappings)
    .values({ congressId, columns, updatedBy: actor?.id ?? null, updatedAt: now })
    .onConflictDoUpdate({ target: hotlineMappings.congressId, set: { columns, updatedBy: actor?.id ?? null, updatedAt: now } });
  await appendAudit(tx, { actor, congressId, action: 'hotline.mapping', targetType: 'congress', targetId: congressId, details: { columns } });
  return getMapping(tx, congressId);
}
