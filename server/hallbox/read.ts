/**
 * The filed packages as the county reads them (its administrators and overseers): everything in a package is public
 * once published (the results and their files, who signed the tally, the audit chain's entries as the township's own
 * staff see them), and the county reads only the congresses below it.
 */
import { and, count, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { FiledPackage, FiledPackageDetail, PackageSummaryJson } from '../../shared/hallbox/schema.ts';
import type { SessionPackage } from '../../shared/hallbox/format.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, congresses, sessionPackages } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';
import { voteBrief } from './package.ts';

type Row = typeof sessionPackages.$inferSelect;

/** For the county dashboard: how many packages each congress has filed, and when the last one came. */
export async function packagesOf(db: DbOrTx, congressIds: string[]): Promise<Map<string, { filed: number; lastAt: string | null }>> {
  const out = new Map<string, { filed: number; lastAt: string | null }>();
  if (!congressIds.length) return out;
  const rows = await db
    .select({ congressId: sessionPackages.congressId, filed: count(), lastAt: max(sessionPackages.importedAt) })
    .from(sessionPackages)
    .where(inArray(sessionPackages.congressId, congressIds))
    .groupBy(sessionPackages.congressId);
  for (const r of rows) out.set(r.congressId, { filed: Number(r.filed), lastAt: r.lastAt ? new Date(r.lastAt).toISOString() : null });
  return out;
}

const columns = {
  id: sessionPackages.id,
  congressId: sessionPackages.congressId,
  congressName: congresses.name,
  sourceCongressName: sessionPackages.sourceCongressName,
  sessionTitle: sessionPackages.sessionTitle,
  heldOn: sessionPackages.heldOn,
  keyFingerprint: sessionPackages.keyFingerprint,
  auditHeadSeq: sessionPackages.auditHeadSeq,
  auditHeadHash: sessionPackages.auditHeadHash,
  summary: sessionPackages.summary,
  importedBy: accounts.displayName,
  importedAt: sessionPackages.importedAt,
};
type Listed = { [K in keyof typeof columns]: K extends 'importedBy' ? string | null : K extends 'summary' ? Row['summary'] : Row[K & keyof Row] extends never ? string : K extends 'congressName' ? string : Row[K & keyof Row] };

export function asFiled(r: Listed): FiledPackage {
  const summary = r.summary as PackageSummaryJson;
  return {
    id: r.id,
    congressId: r.congressId,
    congressName: r.congressName,
    sourceCongressName: r.sourceCongressName,
    sessionTitle: r.sessionTitle,
    heldOn: r.heldOn,
    keyFingerprint: r.keyFingerprint,
    auditHeadSeq: r.auditHeadSeq,
    auditHeadHash: r.auditHeadHash,
    votes: summary.votes ?? [],
    importedBy: r.importedBy,
    importedAt: r.importedAt.toISOString(),
  };
}

/** The packages filed beside `ids` (the congresses below the county, or one of them), newest first. */
export async function listFiled(db: DbOrTx, ids: string[], page: { offset: number; size: number }) {
  if (!ids.length) return { items: [], total: 0 };
  const where = inArray(sessionPackages.congressId, ids);
  const [{ total }] = await db.select({ total: count() }).from(sessionPackages).where(where);
  const rows = await db
    .select(columns)
    .from(sessionPackages)
    .innerJoin(congresses, eq(congresses.id, sessionPackages.congressId))
    .leftJoin(accounts, eq(accounts.id, sessionPackages.importedBy))
    .where(where)
    .orderBy(desc(sessionPackages.importedAt), desc(sessionPackages.id))
    .limit(page.size)
    .offset(page.offset);
  return { items: rows.map((r) => asFiled(r as Listed)), total: Number(total) };
}

/** One package, if it is filed beside one of `ids`. */
export async function filedRow(db: DbOrTx, ids: string[], packageId: string) {
  if (!ids.length) throw new AppError('package_not_found');
  const [row] = await db
    .select({ ...columns, package: sessionPackages.package })
    .from(sessionPackages)
    .innerJoin(congresses, eq(congresses.id, sessionPackages.congressId))
    .leftJoin(accounts, eq(accounts.id, sessionPackages.importedBy))
    .where(and(eq(sessionPackages.id, packageId), inArray(sessionPackages.congressId, ids)));
  if (!row) throw new AppError('package_not_found');
  return row;
}

export async function filedDetail(db: DbOrTx, ids: string[], packageId: string): Promise<FiledPackageDetail> {
  const row = await filedRow(db, ids, packageId);
  const pkg = row.package as unknown as SessionPackage;
  return {
    ...asFiled(row as Listed),
    exportedAt: pkg.content.exportedAt,
    auditEntries: pkg.content.audit.entries.length,
    votes: pkg.content.votes.map((v) => {
      const { brief, candidates } = voteBrief(v);
      return { ...brief, resultDigest: v.resultDigest, signoffs: v.signoffs, candidates };
    }),
  };
}

/** Has this township filed this session already? (The same session twice, however re-exported, is one record.) */
export async function alreadyFiled(db: DbOrTx, congressId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .select({ id: sessionPackages.id })
    .from(sessionPackages)
    .where(and(eq(sessionPackages.congressId, congressId), sql`${sessionPackages.summary}->>'sessionId' = ${sessionId}`))
    .limit(1);
  return rows.length > 0;
}
