/**
 * The hall in a box in the demo (SPEC §16): one of the township's sessions whose votes are all published is exported
 * as its laptop would export it (`npm run export-session`), verified like an upload and filed beside the township at
 * the county — so the county's "会场数据包" page has a real package to open. In the demo the township and the county
 * share one server, so the package's chain is the demo's own; the checks are the same as for a real upload.
 */
import { desc, eq } from 'drizzle-orm';
import type { PackageSummaryJson } from '../../shared/hallbox/schema.ts';
import type { Database } from '../db/client.ts';
import { congresses, congressSessions, sessionPackages } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { sha256hex } from '../lib/canonical.ts';
import { AppError } from '../lib/errors.ts';
import { buildPackage, verifyPackage } from './package.ts';
import { alreadyFiled } from './read.ts';

/** Files one package of `townshipId` (the newest session that can be exported); null when none can (or it is filed). */
export async function loadHallboxDemo(database: Database, o: { townshipId: string; actor?: { id: string; name: string } | null }): Promise<{ packageId: string } | null> {
  const { db } = database;
  const [township] = await db.select().from(congresses).where(eq(congresses.id, o.townshipId));
  if (!township?.parentId) return null;
  const sessions = await db.select({ id: congressSessions.id }).from(congressSessions).where(eq(congressSessions.congressId, township.id)).orderBy(desc(congressSessions.date));
  for (const s of sessions) {
    let built;
    try {
      built = await buildPackage(db, s.id, township.id);
    } catch (e) {
      if (e instanceof AppError) continue; // a vote open or unpublished, or nothing held: not this session
      throw e;
    }
    if (await alreadyFiled(db, township.id, s.id)) return null;
    const text = JSON.stringify(built.pkg);
    const { pkg, fingerprint, briefs } = await verifyPackage(text, built.fingerprint, { name: township.name });
    const summary: PackageSummaryJson = { sessionId: pkg.content.session.id, sessionDate: pkg.content.session.date, exportedAt: pkg.content.exportedAt, votes: briefs };
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(sessionPackages)
        .values({
          congressId: township.id,
          sha256: sha256hex(text),
          sourceCongressName: pkg.content.congress.name,
          sessionTitle: pkg.content.session.name,
          heldOn: pkg.content.session.date,
          keyFingerprint: fingerprint,
          auditHeadSeq: pkg.content.audit.head.seq,
          auditHeadHash: pkg.content.audit.head.hash,
          summary,
          package: pkg as unknown as Record<string, unknown>,
          importedBy: o.actor?.id ?? null,
        })
        .returning({ id: sessionPackages.id });
      await appendAudit(tx, {
        actor: o.actor ?? null,
        congressId: township.parentId,
        action: 'hallbox.file',
        targetType: 'congress',
        targetId: township.id,
        details: { packageId: row.id, township: township.name, session: pkg.content.session.name, votes: pkg.content.votes.length, keyFingerprint: fingerprint, auditHead: `${pkg.content.audit.head.seq}:${pkg.content.audit.head.hash}` },
      });
      return { packageId: row.id };
    });
  }
  return null;
}
