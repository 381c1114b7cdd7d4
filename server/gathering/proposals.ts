import { and, desc, eq, inArray } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { CATEGORIES, CHANNELS, CHECKS, Checks, type Proposal } from '../../shared/gathering/schema.ts';
import { negativeListHits } from '../../shared/gathering/similar.ts';
import { newTrackingCode } from '../../shared/gathering/tracking-code.ts';
import { windowState } from '../../shared/gathering/window.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { attachments, candidates, collectionWindows, congresses, proposals } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import type { CheckedFile } from './attachments.ts';

type Row = typeof proposals.$inferSelect;
type Congress = typeof congresses.$inferSelect;

export const emptyChecks = (): Checks => Checks.parse({});

/** The window that is open now, if any (open/closed is computed from its dates, Asia/Shanghai). */
export async function currentWindow(db: DbOrTx, congressId: string) {
  const rows = await db.select().from(collectionWindows).where(eq(collectionWindows.congressId, congressId)).orderBy(desc(collectionWindows.year));
  return { open: rows.find((w) => windowState(w) === 'open') ?? null, latest: rows[0] ?? null };
}

export type NewProposal = {
  title: string;
  description: string;
  category: (typeof CATEGORIES)[number];
  location: string;
  estimatedInvestment?: string;
  beneficiaries: string;
  channel: (typeof CHANNELS)[number];
  station: string;
  submitterName: string;
  submitterContact: string;
  submittedBy: string | null;
};

/**
 * Take in a proposal from any channel. Residents, representatives and departments need an open window; staff entering
 * what a liaison station or the hotline gathered may file it into the latest window after it closed.
 */
export async function submitProposal(tx: Tx, opts: { congressId: string; input: NewProposal; files: CheckedFile[]; actor: Actor; requireOpen: boolean }) {
  const { open, latest } = await currentWindow(tx, opts.congressId);
  const window = open ?? (opts.requireOpen ? null : latest);
  if (!window) throw new AppError('no_open_window');
  let trackingCode = newTrackingCode();
  while ((await tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.trackingCode, trackingCode))).length) trackingCode = newTrackingCode();
  const [row] = await tx
    .insert(proposals)
    .values({
      ...opts.input,
      estimatedInvestment: opts.input.estimatedInvestment ?? null,
      congressId: opts.congressId,
      windowId: window.id,
      year: window.year,
      trackingCode,
      checks: emptyChecks(),
    })
    .returning();
  if (opts.files.length) await tx.insert(attachments).values(opts.files.map((f) => ({ ...f, proposalId: row.id })));
  await appendAudit(tx, {
    actor: opts.actor,
    congressId: opts.congressId,
    action: 'gathering.submit',
    targetType: 'proposal',
    targetId: row.id,
    // Never the submitter's contact details.
    details: { channel: row.channel, trackingCode, attachments: opts.files.length },
  });
  return row;
}

export async function getProposal(db: DbOrTx, congressId: string, proposalId: string, forUpdate = false) {
  const q = db.select().from(proposals).where(and(eq(proposals.id, proposalId), eq(proposals.congressId, congressId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('proposal_not_found');
  return row;
}

/** The full staff view of proposals: links to merges, candidates, the reserve pool and attachments. */
export async function describeProposals(db: DbOrTx, congress: Congress, rows: Row[]): Promise<Proposal[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const linkIds = [...new Set(rows.flatMap((r) => [r.mergedIntoId, r.revivedFromId].filter((x): x is string => !!x)))];
  const linked = linkIds.length ? await db.select({ id: proposals.id, title: proposals.title, trackingCode: proposals.trackingCode, year: proposals.year }).from(proposals).where(inArray(proposals.id, linkIds)) : [];
  const from = await db.select({ id: proposals.id, title: proposals.title, trackingCode: proposals.trackingCode, mergedIntoId: proposals.mergedIntoId }).from(proposals).where(inArray(proposals.mergedIntoId, ids));
  const revived = await db.select({ id: proposals.id, revivedFromId: proposals.revivedFromId }).from(proposals).where(inArray(proposals.revivedFromId, ids));
  const cands = await db.select({ id: candidates.id, proposalId: candidates.proposalId }).from(candidates).where(inArray(candidates.proposalId, ids));
  const files = await db.select({ id: attachments.id, proposalId: attachments.proposalId, filename: attachments.filename, mime: attachments.mime, size: attachments.size }).from(attachments).where(inArray(attachments.proposalId, ids));
  const words = CongressSettings.parse(congress.settings ?? {}).gathering.negativeList;
  return rows.map((r) => {
    const into = linked.find((l) => l.id === r.mergedIntoId);
    const rev = linked.find((l) => l.id === r.revivedFromId);
    return {
      id: r.id,
      trackingCode: r.trackingCode,
      year: r.year,
      windowId: r.windowId,
      title: r.title,
      description: r.description,
      category: r.category as Proposal['category'],
      location: r.location,
      estimatedInvestment: r.estimatedInvestment,
      beneficiaries: r.beneficiaries,
      channel: r.channel as Proposal['channel'],
      station: r.station,
      submitterName: r.submitterName,
      submitterContact: r.submitterContact,
      status: r.status as Proposal['status'],
      decisionReason: r.decisionReason,
      mergedInto: into ? { id: into.id, title: into.title, trackingCode: into.trackingCode } : null,
      mergedFrom: from.filter((f) => f.mergedIntoId === r.id).map(({ mergedIntoId: _m, ...f }) => f),
      candidateId: cands.find((c) => c.proposalId === r.id)?.id ?? null,
      checks: Checks.parse(r.checks ?? {}),
      negativeListHits: negativeListHits(words, `${r.title}\n${r.description}`),
      revivedFrom: rev ? { id: rev.id, year: rev.year, trackingCode: rev.trackingCode } : null,
      revivedAs: revived.find((x) => x.revivedFromId === r.id)?.id ?? null,
      attachments: files.filter((f) => f.proposalId === r.id).map(({ proposalId: _p, ...f }) => f),
      createdAt: r.createdAt.toISOString(),
      screenedAt: r.screenedAt?.toISOString() ?? null,
    };
  });
}

export const checksToDo = (checks: Checks) => CHECKS.filter((k) => checks[k].result === 'pending');
export const checksFailed = (checks: Checks) => CHECKS.filter((k) => checks[k].result === 'fail');
