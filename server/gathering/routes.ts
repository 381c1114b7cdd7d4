import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { toCsv } from '../../shared/csv.ts';
import * as C from '../../shared/gathering/contract.ts';
import { type ProposalQuery, type SimilarProposal } from '../../shared/gathering/schema.ts';
import { CATEGORY_LABELS, CHANNEL_LABELS, STATUS_LABELS } from '../../shared/gathering/labels.ts';
import { entersAnyChannel, readsAllProposals, seesProposal } from '../../shared/gathering/policy.ts';
import { isLikelyDuplicate } from '../../shared/gathering/similar.ts';
import { normalizeTrackingCode } from '../../shared/gathering/tracking-code.ts';
import { windowState } from '../../shared/gathering/window.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { offsetOf } from '../../shared/paging.ts';
import { attachments, candidateLists, candidates, collectionWindows, proposals, representatives } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';
import { checkFiles } from './attachments.ts';
import { createList, describeCandidates, describeList, freezeList, lockedCandidateIds, newListVersion, updateList } from './lists.ts';
import { describeProposals, getProposal, submitProposal } from './proposals.ts';
import { acceptProposal, checkDepartments, mergeProposal, recordChecks, rejectProposal, reserveProposal, reviveProposal } from './screening.ts';

// Who may call each route is its contract's permission (shared/gathering/policy.ts): screening is the government
// office's, every proposal with its contacts is read by staff and the government, draft lists are internal.
const CSV_HEADER = ['查询码', '年度', '标题', '类别', '地点', '估算投资（万元）', '受益人群', '来源渠道', '联络站', '状态', '办理意见', '提交时间（北京时间）'];

/** The list's filters, shared by the list and its CSV export. */
function proposalFilters(congressId: string, q: z.infer<typeof ProposalQuery>): SQL[] {
  const conds: SQL[] = [eq(proposals.congressId, congressId)];
  if (q.year) conds.push(eq(proposals.year, q.year));
  if (q.status) conds.push(eq(proposals.status, q.status));
  if (q.channel) conds.push(eq(proposals.channel, q.channel));
  if (q.category) conds.push(eq(proposals.category, q.category));
  const esc = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  if (q.location) conds.push(ilike(proposals.location, esc(q.location)));
  if (q.q) {
    const code = normalizeTrackingCode(q.q);
    conds.push(or(ilike(proposals.title, esc(q.q)), ilike(proposals.description, esc(q.q)), ...(code ? [eq(proposals.trackingCode, code)] : []))!);
  }
  return conds;
}

const shanghaiTime = (d: Date) => formatDateTime(d, 'zh-CN');
const zhOf = (labels: Record<string, { zh: string }>, code: string) => labels[code]?.zh ?? code;

export const gatheringRoutes = new Hono<AppEnv>();

// ---- collection windows ----
implement(gatheringRoutes, C.listWindows, async (c, { access: { congress } }) => {
  const db = c.get('deps').db;
  const rows = await db.select().from(collectionWindows).where(eq(collectionWindows.congressId, congress.id)).orderBy(desc(collectionWindows.year));
  const counts = rows.length ? await db.select({ windowId: proposals.windowId }).from(proposals).where(inArray(proposals.windowId, rows.map((r) => r.id))) : [];
  return rows.map((w) => ({ id: w.id, year: w.year, opensOn: w.opensOn, closesOn: w.closesOn, closedAt: w.closedAt?.toISOString() ?? null, state: windowState(w), proposals: counts.filter((x) => x.windowId === w.id).length }));
});

implement(gatheringRoutes, C.createWindow, async (c, { access: { auth, congress }, body: input }) => {
  try {
    const id = await c.get('deps').db.transaction(async (tx) => {
      const [w] = await tx.insert(collectionWindows).values({ ...input, congressId: congress.id }).returning();
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'gathering.window_create', targetType: 'collection_window', targetId: w.id, details: input });
      return w.id;
    });
    return { id };
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('window_exists', { year: input.year });
    throw e;
  }
});

implement(gatheringRoutes, C.updateWindow, async (c, { access: { auth, congress }, params: { windowId }, body: input }) => {
  await c.get('deps').db.transaction(async (tx) => {
    const [w] = await tx.select().from(collectionWindows).where(and(eq(collectionWindows.id, windowId), eq(collectionWindows.congressId, congress.id))).for('update');
    if (!w) throw new AppError('window_not_found');
    const next = { opensOn: input.opensOn ?? w.opensOn, closesOn: input.closesOn ?? w.closesOn };
    if (next.opensOn > next.closesOn) throw new AppError('validation', {}, [{ path: 'closesOn', code: 'dates_order', message: 'closesOn < opensOn' }]);
    await tx.update(collectionWindows).set({ ...next, closedAt: null }).where(eq(collectionWindows.id, w.id));
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'gathering.window_update', targetType: 'collection_window', targetId: w.id, details: next });
  });
  return { ok: true as const };
});

implement(gatheringRoutes, C.closeWindow, async (c, { access: { auth, congress }, params: { windowId } }) => {
  await c.get('deps').db.transaction(async (tx) => {
    const done = await tx.update(collectionWindows).set({ closedAt: new Date() }).where(and(eq(collectionWindows.id, windowId), eq(collectionWindows.congressId, congress.id))).returning({ id: collectionWindows.id });
    if (!done.length) throw new AppError('window_not_found');
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'gathering.window_close', targetType: 'collection_window', targetId: windowId });
  });
  return { ok: true as const };
});

// ---- proposals ----
implement(gatheringRoutes, C.listProposals, async (c, { access: { congress, roles, auth }, query }) => {
  const conds = proposalFilters(congress.id, query);
  // Staff and the government see all; representatives and departments see what they submitted.
  if (!readsAllProposals(roles, auth.account.systemAdmin)) conds.push(eq(proposals.submittedBy, auth.account.id));
  const db = c.get('deps').db;
  const rows = await db.select().from(proposals).where(and(...conds)).orderBy(desc(proposals.createdAt), asc(proposals.id)).limit(2000);
  return describeProposals(db, congress, rows);
});

implement(gatheringRoutes, C.pageProposals, async (c, { access: { congress, roles, auth }, query: { page, size, ...filter } }) => {
  // Staff and the government see all; representatives and departments see what they submitted.
  const own = readsAllProposals(roles, auth.account.systemAdmin) ? [] : [eq(proposals.submittedBy, auth.account.id)];
  const where = and(...proposalFilters(congress.id, filter), ...own);
  const db = c.get('deps').db;
  const [rows, [{ n }], byStatus] = await Promise.all([
    db.select().from(proposals).where(where).orderBy(desc(proposals.createdAt), asc(proposals.id)).limit(size).offset(offsetOf({ page, size })),
    db.select({ n: count() }).from(proposals).where(where),
    db.select({ status: proposals.status, n: count() }).from(proposals).where(and(...proposalFilters(congress.id, { ...filter, status: undefined }), ...own)).groupBy(proposals.status),
  ]);
  const counts = Object.fromEntries(byStatus.map((s) => [s.status, Number(s.n)]));
  return { items: await describeProposals(db, congress, rows), total: Number(n), page, size, counts, all: byStatus.reduce((a, s) => a + Number(s.n), 0) };
});

implement(gatheringRoutes, C.createProposal, async (c, { access: { auth, congress, roles }, body: input, files }) => {
  const checked = await checkFiles(files);
  const db = c.get('deps').db;
  const staff = entersAnyChannel(roles, auth.account.systemAdmin);
  // The channel follows from who is submitting; only staff enter what liaison stations and the hotline gathered.
  let channel = input.channel;
  if (!staff) {
    const own: Record<string, string> = { representative: 'representative', department: 'department', government: 'government' };
    if (!roles.some((r) => own[r] === channel)) throw new AppError('forbidden');
  } else if (channel === 'resident_online') channel = 'liaison_station';
  let submitterName = input.submitterName;
  if (channel === 'representative' && !staff) {
    const [rep] = await db.select({ name: representatives.name }).from(representatives).where(and(eq(representatives.accountId, auth.account.id), eq(representatives.congressId, congress.id)));
    submitterName = rep?.name ?? auth.account.displayName;
  }
  if (channel === 'department' && !staff && !submitterName) submitterName = auth.account.displayName;
  const row = await db.transaction((tx) =>
    submitProposal(tx, {
      congressId: congress.id,
      input: { ...input, channel, submitterName, submittedBy: auth.account.id, station: channel === 'liaison_station' ? input.station : '' },
      files: checked,
      actor: actorOf(auth),
      requireOpen: !staff,
    }),
  );
  const [out] = await describeProposals(db, congress, [row]);
  return out;
});

implement(gatheringRoutes, C.exportProposals, async (c, { access: { congress }, query }) => {
  const rows = await c.get('deps').db.select().from(proposals).where(and(...proposalFilters(congress.id, query))).orderBy(asc(proposals.createdAt), asc(proposals.id));
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="proposals.csv"`);
  return c.body(
    toCsv(
      CSV_HEADER,
      rows.map((r) => [r.trackingCode, r.year, r.title, zhOf(CATEGORY_LABELS, r.category), r.location, r.estimatedInvestment ?? '', r.beneficiaries, zhOf(CHANNEL_LABELS, r.channel), r.station, zhOf(STATUS_LABELS, r.status), r.decisionReason, shanghaiTime(r.createdAt)]),
    ),
  );
});

implement(gatheringRoutes, C.getProposal, async (c, { access: { congress, roles, auth }, params: { proposalId } }) => {
  const db = c.get('deps').db;
  const row = await getProposal(db, congress.id, proposalId);
  if (!seesProposal(row, auth.account.id, roles, auth.account.systemAdmin)) throw new AppError('proposal_not_found');
  const [out] = await describeProposals(db, congress, [row]);
  return out;
});

implement(gatheringRoutes, C.getAttachment, async (c, { access: { congress, roles, auth }, params: { proposalId, attachmentId } }) => {
  const db = c.get('deps').db;
  const p = await getProposal(db, congress.id, proposalId);
  if (!seesProposal(p, auth.account.id, roles, auth.account.systemAdmin)) throw new AppError('proposal_not_found');
  const [file] = await db.select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.proposalId, p.id)));
  if (!file) throw new AppError('attachment_not_found');
  c.header('Content-Type', file.mime);
  c.header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  c.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
  return c.body(new Uint8Array(file.bytes));
});

implement(gatheringRoutes, C.similarProposals, async (c, { access: { congress }, params: { proposalId } }) => {
  const db = c.get('deps').db;
  const p = await getProposal(db, congress.id, proposalId);
  const others = await db
    .select({ id: proposals.id, title: proposals.title, location: proposals.location, status: proposals.status })
    .from(proposals)
    .where(and(eq(proposals.congressId, congress.id), eq(proposals.year, p.year), ne(proposals.id, p.id), inArray(proposals.status, ['submitted', 'accepted'])));
  return others
    .map((o) => ({ ...o, status: o.status as z.infer<typeof SimilarProposal>['status'], score: isLikelyDuplicate(p, o) }))
    .filter((o): o is typeof o & { score: number } => o.score !== null)
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);
});

// ---- screening (初定) ----
implement(gatheringRoutes, C.saveChecks, async (c, { access: { auth, congress }, params: { proposalId }, body }) => {
  await c.get('deps').db.transaction((tx) => recordChecks({ tx, actor: actorOf(auth), congress }, proposalId, body));
  return { ok: true as const };
});

implement(gatheringRoutes, C.acceptProposal, async (c, { access: { auth, congress }, params: { proposalId }, body: { candidate, note } }) => {
  const db = c.get('deps').db;
  const row = await db.transaction((tx) => acceptProposal({ tx, actor: actorOf(auth), congress }, proposalId, candidate, note));
  const [out] = await describeCandidates(db, [row]);
  return out;
});

implement(gatheringRoutes, C.mergeProposal, async (c, { access: { auth, congress }, params: { proposalId }, body: { intoId, reason } }) => {
  await c.get('deps').db.transaction((tx) => mergeProposal({ tx, actor: actorOf(auth), congress }, proposalId, intoId, reason));
  return { ok: true as const };
});

implement(gatheringRoutes, C.rejectProposal, async (c, { access: { auth, congress }, params: { proposalId }, body: { reason, reserve } }) => {
  await c.get('deps').db.transaction((tx) => rejectProposal({ tx, actor: actorOf(auth), congress }, proposalId, reason, reserve));
  return { ok: true as const };
});

implement(gatheringRoutes, C.reserveProposal, async (c, { access: { auth, congress }, params: { proposalId } }) => {
  await c.get('deps').db.transaction((tx) => reserveProposal({ tx, actor: actorOf(auth), congress }, proposalId));
  return { ok: true as const };
});

implement(gatheringRoutes, C.reviveProposal, async (c, { access: { auth, congress }, params: { proposalId }, body: { windowId } }) => {
  const db = c.get('deps').db;
  const row = await db.transaction((tx) => reviveProposal({ tx, actor: actorOf(auth), congress }, proposalId, windowId));
  const [out] = await describeProposals(db, congress, [row]);
  return out;
});

// ---- candidates ----
implement(gatheringRoutes, C.listCandidates, async (c, { access: { congress }, query: { year } }) => {
  const db = c.get('deps').db;
  const rows = await db.select().from(candidates).where(year ? and(eq(candidates.congressId, congress.id), eq(candidates.year, year)) : eq(candidates.congressId, congress.id)).orderBy(asc(candidates.createdAt), asc(candidates.id));
  return describeCandidates(db, rows);
});

implement(gatheringRoutes, C.updateCandidate, async (c, { access: { auth, congress }, params: { candidateId }, body: input }) => {
  const db = c.get('deps').db;
  const row = await db.transaction(async (tx) => {
    const [cand] = await tx.select().from(candidates).where(and(eq(candidates.id, candidateId), eq(candidates.congressId, congress.id))).for('update');
    if (!cand) throw new AppError('candidate_not_found');
    if ((await lockedCandidateIds(tx, [cand.id])).size) throw new AppError('candidate_locked');
    const lead = input.leadDepartmentId ?? cand.leadDepartmentId;
    const co = (input.coDepartmentIds ?? cand.coDepartmentIds).filter((d) => d !== lead);
    await checkDepartments(tx, congress.id, [lead, ...co]);
    const [row] = await tx.update(candidates).set({ ...input, coDepartmentIds: co, updatedAt: new Date() }).where(eq(candidates.id, cand.id)).returning();
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'candidates.update', targetType: 'candidate', targetId: cand.id, details: input });
    return row;
  });
  const [out] = await describeCandidates(db, [row]);
  return out;
});

implement(gatheringRoutes, C.exportCandidates, async (c, { access: { congress }, query: { year } }) => {
  const db = c.get('deps').db;
  const rows = await db.select().from(candidates).where(year ? and(eq(candidates.congressId, congress.id), eq(candidates.year, year)) : eq(candidates.congressId, congress.id)).orderBy(asc(candidates.createdAt), asc(candidates.id));
  const list = await describeCandidates(db, rows);
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="candidates.csv"`);
  return c.body(
    toCsv(
      ['年度', '项目名称', '建设内容', '总投资（万元）', '资金来源', '牵头单位', '配合单位', '计划完成时间', '预期效果', '合并建议数'],
      list.map((x) => [x.year, x.title, x.content, x.plannedInvestment, x.fundingSource, x.leadDepartment.name, x.coDepartments.map((d) => d.name).join('、'), x.plannedCompletion, x.expectedOutcome, x.mergedProposals]),
    ),
  );
});

// ---- candidate lists ----
implement(gatheringRoutes, C.listLists, async (c, { access: { congress } }) => {
  const db = c.get('deps').db;
  const rows = await db.select({ id: candidateLists.id }).from(candidateLists).where(eq(candidateLists.congressId, congress.id)).orderBy(desc(candidateLists.createdAt), asc(candidateLists.id));
  return Promise.all(rows.map((r) => describeList(db, congress, r.id)));
});

implement(gatheringRoutes, C.createList, async (c, { access: { auth, congress }, body }) => {
  const db = c.get('deps').db;
  const id = await db.transaction((tx) => createList({ tx, actor: actorOf(auth), congress }, body));
  return describeList(db, congress, id);
});

implement(gatheringRoutes, C.getList, async (c, { access: { congress }, params: { listId } }) => describeList(c.get('deps').db, congress, listId));

implement(gatheringRoutes, C.updateList, async (c, { access: { auth, congress }, params: { listId }, body }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => updateList({ tx, actor: actorOf(auth), congress }, listId, body));
  return describeList(db, congress, listId);
});

implement(gatheringRoutes, C.freezeList, async (c, { access: { auth, congress }, params: { listId }, body }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => freezeList({ tx, actor: actorOf(auth), congress }, listId, body.acknowledgeSurplusWarning));
  return describeList(db, congress, listId);
});

implement(gatheringRoutes, C.newListVersion, async (c, { access: { auth, congress }, params: { listId } }) => {
  const db = c.get('deps').db;
  const id = await db.transaction((tx) => newListVersion({ tx, actor: actorOf(auth), congress }, listId));
  return describeList(db, congress, id);
});
