/** The hallbox stage's routes (shared/hallbox/contract.ts): the township exports a session's package, the county files it. */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/hallbox/contract.ts';
import { isFingerprint, normalizeFingerprint } from '../../shared/hallbox/format.ts';
import type { PackageSummaryJson } from '../../shared/hallbox/schema.ts';
import { offsetOf } from '../../shared/paging.ts';
import { sessionPackages } from '../db/schema/index.ts';
import { congressesBelow, requireBelow } from '../county/access.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { sha256hex } from '../lib/canonical.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { filesIn, textIn } from '../lib/upload.ts';
import { buildPackage, verifyPackage } from './package.ts';
import { alreadyFiled, asFiled, filedDetail, filedRow, listFiled } from './read.ts';

/** One filing at a time per deployment: the duplicate check and the insert see each other. */
const FILING_LOCK = 7342501;

export const hallboxRoutes = new Hono<AppEnv>();

const download = (name: string, text: string, extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Disposition': `attachment; filename="${name}"`,
  'Content-Length': String(Buffer.byteLength(text)),
  ...extra,
});

implement(hallboxRoutes, C.exportPackage, async (c, { params }) => {
  const { pkg, fingerprint } = await buildPackage(c.get('deps').db, params.sessionId, params.congressId);
  const text = JSON.stringify(pkg);
  return c.body(text, 200, download(`session-${pkg.content.session.date}-${params.sessionId.slice(0, 8)}.json`, text, { 'X-Key-Fingerprint': fingerprint }));
});

implement(hallboxRoutes, C.filePackage, async (c, { access, params, form }) => {
  const { db } = c.get('deps');
  const child = await requireBelow(db, access.congress.id, params.childId);
  const [file] = filesIn(form ?? {}, 'file');
  if (!file || file.size === 0) throw new AppError('package_file_missing');
  const typed = textIn(form ?? {}, 'fingerprint') ?? '';
  if (!isFingerprint(typed)) throw new AppError('package_fingerprint_format');
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('package_malformed', { reason: 'not UTF-8 text' });
  }
  const { pkg, fingerprint, briefs } = await verifyPackage(text, normalizeFingerprint(typed), { name: child.name });
  const { content } = pkg;
  const summary: PackageSummaryJson = { sessionId: content.session.id, sessionDate: content.session.date, exportedAt: content.exportedAt, votes: briefs };
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FILING_LOCK})`);
    if (await alreadyFiled(tx, child.id, content.session.id)) throw new AppError('package_duplicate', { session: content.session.name });
    const [row] = await tx
      .insert(sessionPackages)
      .values({
        congressId: child.id,
        sha256: sha256hex(bytes),
        sourceCongressName: content.congress.name,
        sessionTitle: content.session.name,
        heldOn: content.session.date,
        keyFingerprint: fingerprint,
        auditHeadSeq: content.audit.head.seq,
        auditHeadHash: content.audit.head.hash,
        summary,
        package: pkg as unknown as Record<string, unknown>,
        importedBy: access.auth.account.id,
      })
      .onConflictDoNothing()
      .returning({ id: sessionPackages.id });
    if (!row) throw new AppError('package_duplicate', { session: content.session.name });
    await appendAudit(tx, {
      actor: actorOf(access.auth),
      congressId: access.congress.id,
      action: 'hallbox.file',
      targetType: 'congress',
      targetId: child.id,
      details: { packageId: row.id, township: child.name, session: content.session.name, votes: content.votes.length, keyFingerprint: fingerprint, auditHead: `${content.audit.head.seq}:${content.audit.head.hash}` },
    });
    return row.id;
  });
  return asFiled(await filedRow(db, [child.id], id));
});

/** The congresses whose packages the county reads: one (checked below it) or all below. */
async function scope(db: AppEnv['Variables']['deps']['db'], countyId: string, childId?: string) {
  if (childId) return [(await requireBelow(db, countyId, childId)).id];
  return (await congressesBelow(db, countyId)).map((b) => b.id);
}

implement(hallboxRoutes, C.listPackages, async (c, { access, query }) => {
  const { db } = c.get('deps');
  const ids = await scope(db, access.congress.id, query.childId);
  const { items, total } = await listFiled(db, ids, { offset: offsetOf(query), size: query.size });
  return { items, total, page: query.page, size: query.size };
});

implement(hallboxRoutes, C.getPackage, async (c, { access, params }) => {
  const { db } = c.get('deps');
  return filedDetail(db, await scope(db, access.congress.id), params.packageId);
});

implement(hallboxRoutes, C.downloadPackage, async (c, { access, params }) => {
  const { db } = c.get('deps');
  const row = await filedRow(db, await scope(db, access.congress.id), params.packageId);
  const text = JSON.stringify(row.package);
  return c.body(text, 200, download(`session-${row.heldOn ?? 'package'}-${row.id.slice(0, 8)}.json`, text));
});
