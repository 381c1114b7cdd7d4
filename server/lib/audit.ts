import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';
import { canonicalJson, sha256hex } from './canonical.ts';
import { now } from './clock.ts';

/** Held for the rest of the transaction: audit entries are appended one at a time, so the chain never forks. */
const AUDIT_LOCK = 7340001;
export const GENESIS = '0'.repeat(64);

export type Actor = { id: string; name: string } | null;
export type AuditEntry = {
  actor: Actor;
  congressId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown> | null;
};

type Row = typeof auditLog.$inferSelect;

export function entryHash(row: Omit<Row, 'hash'>): string {
  const body = canonicalJson([
    row.seq,
    row.at,
    row.actorId,
    row.actorName,
    row.congressId,
    row.action,
    row.targetType,
    row.targetId,
    row.details ?? null,
  ]);
  return sha256hex(`${row.prevHash}\n${body}`);
}

/** Append one entry inside the caller's transaction, so the entry exists exactly when the change does. */
export async function appendAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: now().toISOString(),
    actorId: e.actor?.id ?? null,
    actorName: e.actor?.name ?? null,
    congressId: e.congressId ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    details: e.details ?? null,
    prevHash: last?.hash ?? GENESIS,
  };
  await tx.insert(auditLog).values({ ...row, hash: entryHash(row) });
}

export type ChainReport = { ok: boolean; checked: number; firstBroken: { seq: number; reason: string } | null; head: { seq: number; hash: string } | null };
/** An entry's hash noted outside the database (from an earlier `audit:verify`): the chain must still hold it. */
export type Anchor = { seq: number; hash: string };

/**
 * Walk the whole chain in order; name the first entry whose hash, link or sequence does not hold. Every row is read,
 * whatever its seq: a row slipped in below 1 (which the audit pages list as the oldest) is reported, not skipped.
 * What a chain cannot see on its own: its tail cut off, or entries rewritten from some entry to the end with their
 * hashes recomputed (nothing secret goes into a hash). An `anchor` — the head noted outside the database by an earlier
 * run — closes that: the entry must still be there with the same hash.
 */
export async function verifyAuditChain(db: DbOrTx, pageSize = 2000, anchor?: Anchor): Promise<ChainReport> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let after: number | null = null;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(after === null ? undefined : gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const r of rows) {
      const broken = (reason: string) => ({ ok: false, checked, firstBroken: { seq: r.seq, reason }, head: null });
      if (r.seq < expectedSeq) return broken(`entry out of sequence (expected entry ${expectedSeq})`);
      if (r.seq !== expectedSeq) return broken(`missing entry ${expectedSeq}`);
      if (r.prevHash !== prevHash) return broken(expectedSeq === 1 ? 'prev_hash is not the genesis hash' : `prev_hash does not match the hash of entry ${expectedSeq - 1}`);
      if (entryHash(r) !== r.hash) return broken('hash does not match the entry');
      if (anchor && r.seq === anchor.seq && r.hash !== anchor.hash) return broken('hash differs from the anchor noted earlier (this entry or one before it was rewritten)');
      prevHash = r.hash;
      after = r.seq;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) {
      if (anchor && checked < anchor.seq) return { ok: false, checked, firstBroken: { seq: checked + 1, reason: `entries ${checked + 1}–${anchor.seq} of the anchor noted earlier are gone (the log was cut)` }, head: null };
      return { ok: true, checked, firstBroken: null, head: checked ? { seq: checked, hash: prevHash } : null };
    }
  }
}

export async function auditEntries(db: DbOrTx, congressId: string | null, beforeSeq: number | null, limit: number) {
  const conds = [];
  if (congressId) conds.push(eq(auditLog.congressId, congressId));
  if (beforeSeq) conds.push(sql`${auditLog.seq} < ${beforeSeq}`);
  return db
    .select()
    .from(auditLog)
    .where(conds.length ? sql.join(conds, sql` and `) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(limit);
}
