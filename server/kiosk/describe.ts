import { aliasedTable, and, asc, eq } from 'drizzle-orm';
import type { KioskSummary } from '../../shared/kiosk/schema.ts';
import { kioskState } from '../../shared/kiosk/rules.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, kiosks } from '../db/schema/index.ts';
import type { KioskRow } from './credential.ts';

const creator = aliasedTable(accounts, 'kiosk_creator');
const ender = aliasedTable(accounts, 'kiosk_ender');

export function describeKiosk(row: KioskRow, createdBy: string | null, endedBy: string | null, now = new Date()): KioskSummary {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    state: kioskState(row, now),
    createdAt: row.createdAt.toISOString(),
    createdBy,
    enrolledAt: row.enrolledAt?.toISOString() ?? null,
    enrolBefore: row.enrolBefore.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    endedBy,
  };
}

/** The session's kiosks, newest first, with who set each up and who ended it (by name). */
export async function listKiosks(db: DbOrTx, congressId: string, sessionId: string, kioskId?: string): Promise<KioskSummary[]> {
  const rows = await db
    .select({ k: kiosks, createdBy: creator.displayName, endedBy: ender.displayName })
    .from(kiosks)
    .leftJoin(creator, eq(creator.id, kiosks.createdBy))
    .leftJoin(ender, eq(ender.id, kiosks.endedBy))
    .where(and(eq(kiosks.congressId, congressId), eq(kiosks.sessionId, sessionId), ...(kioskId ? [eq(kiosks.id, kioskId)] : [])))
    .orderBy(asc(kiosks.createdAt), asc(kiosks.id));
  const now = new Date();
  return rows.map((r) => describeKiosk(r.k, r.createdBy, r.endedBy, now)).reverse();
}
