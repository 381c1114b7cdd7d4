import type { CreateCongress } from '../../shared/congress/schema.ts';
import { defaultSettings } from '../../shared/congress/settings.ts';
import type { Db } from '../db/client.ts';
import { congresses, memberships } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { congressShortCode } from './short-address.ts';

/** A new congress; its creator becomes its first admin so the congress is never without one. */
export async function createCongress(db: Db, actor: NonNullable<Actor>, input: CreateCongress) {
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(congresses)
      .values({ name: input.name, level: input.level, term: input.term, settings: input.settings ?? defaultSettings() })
      .returning();
    await tx.insert(memberships).values({ accountId: actor.id, congressId: row.id, role: 'admin' });
    await appendAudit(tx, {
      actor,
      congressId: row.id,
      action: 'congress.create',
      targetType: 'congress',
      targetId: row.id,
      details: { name: row.name, level: row.level, term: row.term },
    });
    return row;
  });
  // Its short public code (/p/<code>, /e/<code>) at once, so that reading its addresses never writes (short-address.ts).
  return { ...created, shortCode: await congressShortCode(db, created.id) };
}
