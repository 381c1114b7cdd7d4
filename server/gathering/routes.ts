import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { CongressId } from '../../shared/congress/schema.ts';
import { toCsv } from '../../shared/csv.ts';
import {
  AcceptProposal,
  Candidate,
  CandidateList,
  CandidateListInput,
  CandidateParams,
  Checks,
  CollectionWindow,
  CreateWindow,
  FreezeList,
  ListParams,
  MergeProposal,
  Proposal,
  ProposalParams,
  ProposalQuery,
  RejectProposal,
  ReviveProposal,
  SimilarProposal,
  StaffProposal,
  UpdateCandidate,
  UpdateCandidateList,
  UpdateWindow,
  WindowParams,
} from '../../shared/gathering/schema.ts';
import { CATEGORY_LABELS, CHANNEL_LABELS, STATUS_LABELS } from '../../shared/gathering/labels.ts';
import { isLikelyDuplicate } from '../../shared/gathering/similar.ts';
import { normalizeTrackingCode } from '../../shared/gathering/tracking-code.ts';
import { windowState } from '../../shared/gathering/window.ts';
import { ProposalPage, ProposalPageQuery } from '../../shared/gathering/page.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { offsetOf } from '../../shared/paging.ts';
import type { Role } from '../../shared/roles.ts';
import { attachments, candidateLists, candidates, collectionWindows, proposals, representatives } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf, requireCongressRole } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';
import { v } from '../lib/validate.ts';
import { checkFiles } from './attachments.ts';
import { readProposalBody } from './body.ts';
import { createList, describeCandidates, describeList, freezeList, lockedCandidateIds, newListVersion, updateList } from './lists.ts';
import { describeProposals, getProposal, submitProposal } from './proposals.ts';
import { acceptProposal, checkDepartments, mergeProposal, recordChecks, rejectProposal, reserveProposal, reviveProposal } from './screening.ts';

/** Who reads proposals with submitters' contact details: staff and the government office. */
const SCREENERS = ['government'] as const;
const READERS = ['admin', 'government'] as const;
const LIST_EDITORS = ['admin', 'government'] as const;
/** Drafts are internal: the public, representatives and departments see frozen lists on the public page. */
const LIST_READERS = ['admin', 'government', 'presidium', 'scrutineer'] as const;
const Ok = z.object({ ok: z.literal(true) });
const AttachmentParams = ProposalParams.extend({ attachmentId: z.uuid() });
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

export const gatheringRoutes = new Hono<AppEnv>()
  // ---- collection windows ----
  .get('/congresses/:congressId/collection-windows', doc('gathering', 'Collection windows by year, with their state', z.array(CollectionWindow)), v('param', CongressId), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, 'any');
    const db = c.get('deps').db;
    const rows = await db.select().from(collectionWindows).where(eq(collectionWindows.congressId, congress.id)).orderBy(desc(collectionWindows.year));
    const counts = rows.length ? await db.select({ windowId: proposals.windowId }).from(proposals).where(inArray(proposals.windowId, rows.map((r) => r.id))) : [];
    return c.json(rows.map((w) => ({ id: w.id, year: w.year, opensOn: w.opensOn, closesOn: w.closesOn, closedAt: w.closedAt?.toISOString() ?? null, state: windowState(w), proposals: counts.filter((x) => x.windowId === w.id).length })));
  })
  .post('/congresses/:congressId/collection-windows', doc('gathering', 'Schedule a collection window for a year', z.object({ id: z.string() }), 201), v('param', CongressId), v('json', CreateWindow), async (c) => {
    const { auth, congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const input = c.req.valid('json');
    try {
      const id = await c.get('deps').db.transaction(async (tx) => {
        const [w] = await tx.insert(collectionWindows).values({ ...input, congressId: congress.id }).returning();
        await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'gathering.window_create', targetType: 'collection_window', targetId: w.id, details: input });
        return w.id;
      });
      return c.json({ id }, 201);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('window_exists', { year: input.year });
      throw e;
    }
  })
  .patch('/congresses/:congressId/collection-windows/:windowId', doc('gathering', 'Change the dates of a window (reopens one closed early)', Ok), v('param', WindowParams), v('json', UpdateWindow), async (c) => {
    const { congressId, windowId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    const input = c.req.valid('json');
    await c.get('deps').db.transaction(async (tx) => {
      const [w] = await tx.select().from(collectionWindows).where(and(eq(collectionWindows.id, windowId), eq(collectionWindows.congressId, congress.id))).for('update');
      if (!w) throw new AppError('window_not_found');
      const next = { opensOn: input.opensOn ?? w.opensOn, closesOn: input.closesOn ?? w.closesOn };
      if (next.opensOn > next.closesOn) throw new AppError('validation', {}, [{ path: 'closesOn', code: 'dates_order', message: 'closesOn < opensOn' }]);
      await tx.update(collectionWindows).set({ ...next, closedAt: null }).where(eq(collectionWindows.id, w.id));
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'gathering.window_update', targetType: 'collection_window', targetId: w.id, details: next });
    });
    return c.json({ ok: true as const });
  })
  .post('/congresses/:congressId/collection-windows/:windowId/close', doc('gathering', 'Close a window now (public submission stops)', Ok), v('param', WindowParams), async (c) => {
    const { congressId, windowId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    await c.get('deps').db.transaction(async (tx) => {
      const done = await tx.update(collectionWindows).set({ closedAt: new Date() }).where(and(eq(collectionWindows.id, windowId), eq(collectionWindows.congressId, congress.id))).returning({ id: collectionWindows.id });
      if (!done.length) throw new AppError('window_not_found');
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'gathering.window_close', targetType: 'collection_window', targetId: windowId });
    });
    return c.json({ ok: true as const });
  })
  // ---- proposals ----
  .get('/congresses/:congressId/proposals', doc('gathering', 'Proposals, filtered by year, status, channel, category, location or text', z.array(Proposal)), v('param', CongressId), v('query', ProposalQuery), async (c) => {
    const { congress, roles, auth } = await requireCongressRole(c, c.req.valid('param').congressId, 'any');
    const conds = proposalFilters(congress.id, c.req.valid('query'));
    // Staff and the government see all; representatives and departments see what they submitted.
    if (!auth.account.systemAdmin && !roles.some((r) => (READERS as readonly Role[]).includes(r))) conds.push(eq(proposals.submittedBy, auth.account.id));
    const db = c.get('deps').db;
    const rows = await db.select().from(proposals).where(and(...conds)).orderBy(desc(proposals.createdAt), asc(proposals.id)).limit(2000);
    return c.json(await describeProposals(db, congress, rows));
  })
  .get('/congresses/:congressId/proposals/page', doc('gathering', 'Proposals a page at a time (page, size), filtered and searched on the server, with the total and counts by status over the other filters', ProposalPage), v('param', CongressId), v('query', ProposalPageQuery), async (c) => {
    const { congress, roles, auth } = await requireCongressRole(c, c.req.valid('param').congressId, 'any');
    const { page, size, ...filter } = c.req.valid('query');
    // Staff and the government see all; representatives and departments see what they submitted.
    const own = !auth.account.systemAdmin && !roles.some((r) => (READERS as readonly Role[]).includes(r)) ? [eq(proposals.submittedBy, auth.account.id)] : [];
    const where = and(...proposalFilters(congress.id, filter), ...own);
    const db = c.get('deps').db;
    const [rows, [{ n }], byStatus] = await Promise.all([
      db.select().from(proposals).where(where).orderBy(desc(proposals.createdAt), asc(proposals.id)).limit(size).offset(offsetOf({ page, size })),
      db.select({ n: count() }).from(proposals).where(where),
      db.select({ status: proposals.status, n: count() }).from(proposals).where(and(...proposalFilters(congress.id, { ...filter, status: undefined }), ...own)).groupBy(proposals.status),
    ]);
    const counts = Object.fromEntries(byStatus.map((s) => [s.status, Number(s.n)]));
    return c.json({ items: await describeProposals(db, congress, rows), total: Number(n), page, size, counts, all: byStatus.reduce((a, s) => a + Number(s.n), 0) });
  })
  .post('/congresses/:congressId/proposals', doc('gathering', 'Enter a proposal from an account (JSON, or multipart with `data` and `files`)', Proposal, 201), v('param', CongressId), async (c) => {
    const { auth, congress, roles, departmentIds } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin', 'government', 'representative', 'department']);
    const { input, files } = await readProposalBody(c, StaffProposal);
    const checked = await checkFiles(files);
    const db = c.get('deps').db;
    const staff = auth.account.systemAdmin || roles.includes('admin');
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
    void departmentIds;
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
    return c.json(out, 201);
  })
  .get('/congresses/:congressId/proposals/export.csv', doc('gathering', 'Proposals as CSV (no contact details)'), v('param', CongressId), v('query', ProposalQuery), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, READERS);
    const rows = await c.get('deps').db.select().from(proposals).where(and(...proposalFilters(congress.id, c.req.valid('query')))).orderBy(asc(proposals.createdAt), asc(proposals.id));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="proposals.csv"`);
    return c.body(
      toCsv(
        CSV_HEADER,
        rows.map((r) => [r.trackingCode, r.year, r.title, zhOf(CATEGORY_LABELS, r.category), r.location, r.estimatedInvestment ?? '', r.beneficiaries, zhOf(CHANNEL_LABELS, r.channel), r.station, zhOf(STATUS_LABELS, r.status), r.decisionReason, shanghaiTime(r.createdAt)]),
      ),
    );
  })
  .get('/congresses/:congressId/proposals/:proposalId', doc('gathering', 'One proposal with its checks, links and attachments', Proposal), v('param', ProposalParams), async (c) => {
    const { congressId, proposalId } = c.req.valid('param');
    const { congress, roles, auth } = await requireCongressRole(c, congressId, 'any');
    const db = c.get('deps').db;
    const row = await getProposal(db, congress.id, proposalId);
    const reader = auth.account.systemAdmin || roles.some((r) => (READERS as readonly Role[]).includes(r));
    if (!reader && row.submittedBy !== auth.account.id) throw new AppError('proposal_not_found');
    const [out] = await describeProposals(db, congress, [row]);
    return c.json(out);
  })
  .get('/congresses/:congressId/proposals/:proposalId/attachments/:attachmentId', doc('gathering', 'Download an attachment'), v('param', AttachmentParams), async (c) => {
    const { congressId, proposalId, attachmentId } = c.req.valid('param');
    const { congress, roles, auth } = await requireCongressRole(c, congressId, 'any');
    const db = c.get('deps').db;
    const p = await getProposal(db, congress.id, proposalId);
    const reader = auth.account.systemAdmin || roles.some((r) => (READERS as readonly Role[]).includes(r));
    if (!reader && p.submittedBy !== auth.account.id) throw new AppError('proposal_not_found');
    const [file] = await db.select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.proposalId, p.id)));
    if (!file) throw new AppError('attachment_not_found');
    c.header('Content-Type', file.mime);
    c.header('Content-Disposition', `${file.mime === 'application/pdf' ? 'inline' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    c.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
    return c.body(new Uint8Array(file.bytes));
  })
  .get('/congresses/:congressId/proposals/:proposalId/similar', doc('gathering', 'Likely duplicates: same location and a similar title', z.array(SimilarProposal)), v('param', ProposalParams), async (c) => {
    const { congressId, proposalId } = c.req.valid('param');
    const { congress } = await requireCongressRole(c, congressId, READERS);
    const db = c.get('deps').db;
    const p = await getProposal(db, congress.id, proposalId);
    const others = await db
      .select({ id: proposals.id, title: proposals.title, location: proposals.location, status: proposals.status })
      .from(proposals)
      .where(and(eq(proposals.congressId, congress.id), eq(proposals.year, p.year), ne(proposals.id, p.id), inArray(proposals.status, ['submitted', 'accepted'])));
    const out = others
      .map((o) => ({ ...o, status: o.status as z.infer<typeof SimilarProposal>['status'], score: isLikelyDuplicate(p, o) }))
      .filter((o): o is typeof o & { score: number } => o.score !== null)
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    return c.json(out);
  })
  // ---- screening (初定) ----
  .put('/congresses/:congressId/proposals/:proposalId/checks', doc('screening', 'Record the screening checks', Ok), v('param', ProposalParams), v('json', Checks), async (c) => {
    const { congressId, proposalId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, SCREENERS);
    await c.get('deps').db.transaction((tx) => recordChecks({ tx, actor: actorOf(auth), congress }, proposalId, c.req.valid('json')));
    return c.json({ ok: true as const });
  })
  .post('/congresses/:congressId/proposals/:proposalId/accept', doc('screening', 'Accept as a candidate with its formal fields', Candidate, 201), v('param', ProposalParams), v('json', AcceptProposal), async (c) => {
    const { congressId, proposalId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, SCREENERS);
    const { candidate, note } = c.req.valid('json');
    const db = c.get('deps').db;
    const row = await db.transaction((tx) => acceptProposal({ tx, actor: actorOf(auth), congress }, proposalId, candidate, note));
    const [out] = await describeCandidates(db, [row]);
    return c.json(out, 201);
  })
  .post('/congresses/:congressId/proposals/:proposalId/merge', doc('screening', 'Merge into another proposal (重复合并)', Ok), v('param', ProposalParams), v('json', MergeProposal), async (c) => {
    const { congressId, proposalId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, SCREENERS);
    const { intoId, reason } = c.req.valid('json');
    await c.get('deps').db.transaction((tx) => mergeProposal({ tx, actor: actorOf(auth), congress }, proposalId, intoId, reason));
    return c.json({ ok: true as const });
  })
  .post('/congresses/:congressId/proposals/:proposalId/reject', doc('screening', 'Not adopted (不予采纳), with a reason; optionally to the reserve pool', Ok), v('param', ProposalParams), v('json', RejectProposal), async (c) => {
    const { congressId, proposalId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, SCREENERS);
    const { reason, reserve } = c.req.valid('json');
    await c.get('deps').db.transaction((tx) => rejectProposal({ tx, actor: actorOf(auth), congress }, proposalId, reason, reserve));
    return c.json({ ok: true as const });
  })
  .post('/congresses/:congressId/proposals/:proposalId/reserve', doc('screening', 'Put a proposal that was not adopted into the reserve pool (储备库)', Ok), v('param', ProposalParams), async (c) => {
    const { congressId, proposalId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, SCREENERS);
    await c.get('deps').db.transaction((tx) => reserveProposal({ tx, actor: actorOf(auth), congress }, proposalId));
    return c.json({ ok: true as const });
  })
  .post('/congresses/:congressId/proposals/:proposalId/revive', doc('screening', 'Bring a reserved proposal back in a later year', Proposal, 201), v('param', ProposalParams), v('json', ReviveProposal), async (c) => {
    const { congressId, proposalId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin', 'government']);
    const db = c.get('deps').db;
    const row = await db.transaction((tx) => reviveProposal({ tx, actor: actorOf(auth), congress }, proposalId, c.req.valid('json').windowId));
    const [out] = await describeProposals(db, congress, [row]);
    return c.json(out, 201);
  })
  // ---- candidates ----
  .get('/congresses/:congressId/candidates', doc('candidates', 'Candidates (accepted proposals) of a year', z.array(Candidate)), v('param', CongressId), v('query', z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() })), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, LIST_READERS);
    const { year } = c.req.valid('query');
    const db = c.get('deps').db;
    const rows = await db.select().from(candidates).where(year ? and(eq(candidates.congressId, congress.id), eq(candidates.year, year)) : eq(candidates.congressId, congress.id)).orderBy(asc(candidates.createdAt), asc(candidates.id));
    return c.json(await describeCandidates(db, rows));
  })
  .patch('/congresses/:congressId/candidates/:candidateId', doc('candidates', "Edit a candidate's formal fields (not once on a frozen list)", Candidate), v('param', CandidateParams), v('json', UpdateCandidate), async (c) => {
    const { congressId, candidateId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, SCREENERS);
    const input = c.req.valid('json');
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
    return c.json(out);
  })
  .get('/congresses/:congressId/candidates/export.csv', doc('candidates', 'Candidates of a year as CSV'), v('param', CongressId), v('query', z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() })), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, READERS);
    const { year } = c.req.valid('query');
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
  })
  // ---- candidate lists ----
  .get('/congresses/:congressId/candidate-lists', doc('candidates', 'Candidate lists, every version', z.array(CandidateList)), v('param', CongressId), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, LIST_READERS);
    const db = c.get('deps').db;
    const rows = await db.select({ id: candidateLists.id }).from(candidateLists).where(eq(candidateLists.congressId, congress.id)).orderBy(desc(candidateLists.createdAt), asc(candidateLists.id));
    return c.json(await Promise.all(rows.map((r) => describeList(db, congress, r.id))));
  })
  .post('/congresses/:congressId/candidate-lists', doc('candidates', 'Draft a candidate list in a stated order', CandidateList, 201), v('param', CongressId), v('json', CandidateListInput), async (c) => {
    const { auth, congress } = await requireCongressRole(c, c.req.valid('param').congressId, LIST_EDITORS);
    const db = c.get('deps').db;
    const id = await db.transaction((tx) => createList({ tx, actor: actorOf(auth), congress }, c.req.valid('json')));
    return c.json(await describeList(db, congress, id), 201);
  })
  .get('/congresses/:congressId/candidate-lists/:listId', doc('candidates', 'One candidate list', CandidateList), v('param', ListParams), async (c) => {
    const { congressId, listId } = c.req.valid('param');
    const { congress } = await requireCongressRole(c, congressId, LIST_READERS);
    return c.json(await describeList(c.get('deps').db, congress, listId));
  })
  .patch('/congresses/:congressId/candidate-lists/:listId', doc('candidates', 'Change a draft list (title, seats, order of candidates)', CandidateList), v('param', ListParams), v('json', UpdateCandidateList), async (c) => {
    const { congressId, listId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, LIST_EDITORS);
    const db = c.get('deps').db;
    await db.transaction((tx) => updateList({ tx, actor: actorOf(auth), congress }, listId, c.req.valid('json')));
    return c.json(await describeList(db, congress, listId));
  })
  .post('/congresses/:congressId/candidate-lists/:listId/freeze', doc('candidates', 'Freeze the list for the vote (standing committee)', CandidateList), v('param', ListParams), v('json', FreezeList), async (c) => {
    const { congressId, listId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    const db = c.get('deps').db;
    await db.transaction((tx) => freezeList({ tx, actor: actorOf(auth), congress }, listId, c.req.valid('json').acknowledgeSurplusWarning));
    return c.json(await describeList(db, congress, listId));
  })
  .post('/congresses/:congressId/candidate-lists/:listId/new-version', doc('candidates', 'Start a new version of a frozen list (the old one stays on record)', CandidateList, 201), v('param', ListParams), async (c) => {
    const { congressId, listId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, LIST_EDITORS);
    const db = c.get('deps').db;
    const id = await db.transaction((tx) => newListVersion({ tx, actor: actorOf(auth), congress }, listId));
    return c.json(await describeList(db, congress, id), 201);
  });
