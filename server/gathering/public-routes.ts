import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import { Hono } from 'hono';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { toCsv } from '../../shared/csv.ts';
import * as C from '../../shared/gathering/contract.ts';
import { CATEGORIES, type FrozenList, type Tracking } from '../../shared/gathering/schema.ts';
import { normalizeTrackingCode } from '../../shared/gathering/tracking-code.ts';
import { windowState } from '../../shared/gathering/window.ts';
import { candidateListItems, candidateLists, candidates, collectionWindows, congresses, proposals } from '../db/schema/index.ts';
import { clientIp } from '../lib/client-ip.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { CACHE_CONTROL, cachedPublic } from '../lib/public-cache.ts';
import { hit } from '../lib/rate-limit.ts';
import { checkFiles } from './attachments.ts';
import { congressOfShortCode, congressShortCode, shortAddress } from '../congress/short-address.ts';
import { projectOfCandidate } from '../projects/public.ts';
import { checkChallenge, newChallenge } from './challenge.ts';
import { describeList } from './lists.ts';
import { currentWindow, submitProposal } from './proposals.ts';

/** Public limits, per address, shared by every instance (counters in the database). */
export const PUBLIC_LIMITS = { submitPerHour: 10, trackPerTenMinutes: 60 };

async function limit(c: Parameters<typeof clientIp>[0], key: string, max: number, windowSeconds: number) {
  const { count, retryAfter } = await hit(c.get('deps').database, `${key}:${clientIp(c)}`, windowSeconds);
  if (count > max) throw new AppError('rate_limited', { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
}

const submitUrl = (c: Parameters<typeof publicOrigin>[0], congressId: string) => `${publicOrigin(c)}/p/${congressId}`;

async function publicCongress(c: { get: (k: 'deps') => AppEnv['Variables']['deps'] }, congressId: string) {
  const [row] = await c.get('deps').db.select().from(congresses).where(eq(congresses.id, congressId));
  if (!row) throw new AppError('congress_not_found');
  return row;
}

/** A frozen list as printed on ballots: nothing about submitters, nothing private. */
async function frozenList(c: Parameters<typeof publicCongress>[0], congressId: string, listId: string): Promise<z.infer<typeof FrozenList>> {
  const congress = await publicCongress(c, congressId);
  const list = await describeList(c.get('deps').db, congress, listId);
  if (!list.frozenAt) throw new AppError('list_not_found');
  // Current unless a later version of it has been frozen too.
  const [successor] = list.supersededById ? await c.get('deps').db.select({ frozenAt: candidateLists.frozenAt }).from(candidateLists).where(eq(candidateLists.id, list.supersededById)) : [];
  return {
    current: !successor?.frozenAt,
    id: list.id,
    title: list.title,
    year: list.year,
    seats: list.seats,
    version: list.version,
    frozenAt: list.frozenAt,
    items: list.items.map((i) => ({ position: i.position, title: i.title, content: i.content, plannedInvestment: i.plannedInvestment, leadDepartment: i.leadDepartment.name, coDepartments: i.coDepartments.map((d) => d.name), plannedCompletion: i.plannedCompletion, fundingSource: i.fundingSource, expectedOutcome: i.expectedOutcome })),
  };
}

/**
 * The congress page, the frozen lists and the poster's QR answer from the public cache (lib/public-cache.ts): its
 * middleware runs once the address is valid (`use` in implement): an answer it holds is sent without the handler, and
 * a malformed address is a 400 and never a build.
 */
const page = cachedPublic({ cacheControl: CACHE_CONTROL.page });

export const publicGatheringRoutes = new Hono<AppEnv>();
const poster = cachedPublic({ cacheControl: CACHE_CONTROL.poster });

implement(publicGatheringRoutes, C.getPublicCongress, async (c, { params }) => {
  const congress = await publicCongress(c, params.congressId);
  const windows = await c.get('deps').db.select().from(collectionWindows).where(eq(collectionWindows.congressId, congress.id)).orderBy(desc(collectionWindows.year));
  const w = windows.find((x) => windowState(x) === 'open') ?? windows.find((x) => windowState(x) === 'scheduled') ?? windows[0] ?? null;
  return {
    id: congress.id,
    name: congress.name,
    level: congress.level,
    term: congress.term,
    categories: [...CATEGORIES],
    window: w ? { year: w.year, opensOn: w.opensOn, closesOn: w.closesOn, state: windowState(w) } : null,
    // The address the poster's QR encodes (PUBLIC_ORIGIN when set), so the printed text matches it.
    submitUrl: submitUrl(c, congress.id),
  };
}, { use: [page] });

implement(publicGatheringRoutes, C.findShortAddress, async (c, { params }) => {
  const congress = await congressOfShortCode(c.get('deps').db, params.code);
  return shortAddress(publicOrigin(c), congress, congress.code);
});

implement(publicGatheringRoutes, C.getShortAddress, async (c, { params }) => {
  const congress = await publicCongress(c, params.congressId);
  return shortAddress(publicOrigin(c), congress, await congressShortCode(c.get('deps').db, congress.id));
});

implement(publicGatheringRoutes, C.getChallenge, async (c) => newChallenge(c.get('deps')));

implement(publicGatheringRoutes, C.submitPublicProposal, async (c, { params, body: input, files }) => {
  const congress = await publicCongress(c, params.congressId);
  // The body is already read here (the contract helper reads it before the handler); what counts is the write below.
  await limit(c, 'public-submit', PUBLIC_LIMITS.submitPerHour, 3600);
  const deps = c.get('deps');
  // Everything that could refuse the submission is checked before the question is used up.
  const checked = await checkFiles(files);
  if (!(await currentWindow(deps.db, congress.id)).open) throw new AppError('no_open_window');
  await checkChallenge(deps, input.challenge, input.answer, input.website);
  const { challenge: _c, answer: _a, website: _w, ...fields } = input;
  const row = await deps.db.transaction((tx) =>
    submitProposal(tx, { congressId: congress.id, input: { ...fields, channel: 'resident_online', station: '', submittedBy: null }, files: checked, actor: null, requireOpen: true }),
  );
  return { trackingCode: row.trackingCode };
});

implement(publicGatheringRoutes, C.trackProposal, async (c, { params }) => {
  await limit(c, 'public-track', PUBLIC_LIMITS.trackPerTenMinutes, 600);
  const code = normalizeTrackingCode(params.code);
  if (!code) throw new AppError('tracking_not_found');
  const db = c.get('deps').db;
  const [p] = await db.select().from(proposals).where(eq(proposals.trackingCode, code));
  if (!p) throw new AppError('tracking_not_found');
  const [congress] = await db.select({ name: congresses.name }).from(congresses).where(eq(congresses.id, p.congressId));
  const [into] = p.mergedIntoId ? await db.select({ id: proposals.id, title: proposals.title, status: proposals.status }).from(proposals).where(eq(proposals.id, p.mergedIntoId)) : [];
  // The candidate this idea became: its own, or that of the proposal it was merged into.
  const [cand] = await db.select({ id: candidates.id, title: candidates.title }).from(candidates).where(eq(candidates.proposalId, into?.id ?? p.id));
  const onFrozen = cand
    ? (await db.select({ id: candidateListItems.listId }).from(candidateListItems).innerJoin(candidateLists, eq(candidateLists.id, candidateListItems.listId)).where(and(eq(candidateListItems.candidateId, cand.id), isNotNull(candidateLists.frozenAt)))).length > 0
    : false;
  const [revived] = await db.select({ year: proposals.year }).from(proposals).where(eq(proposals.revivedFromId, p.id));
  const mergedFrom = await db.select({ id: proposals.id }).from(proposals).where(eq(proposals.mergedIntoId, p.id));
  return {
    trackingCode: p.trackingCode,
    congressId: p.congressId,
    congressName: congress?.name ?? '',
    year: p.year,
    title: p.title,
    category: p.category as Tracking['category'],
    location: p.location,
    channel: p.channel as Tracking['channel'],
    status: p.status as Tracking['status'],
    submittedAt: p.createdAt.toISOString(),
    screenedAt: p.screenedAt?.toISOString() ?? null,
    reason: p.decisionReason,
    mergedInto: into ? { title: into.title, status: into.status as Tracking['status'] } : null,
    candidate: cand ? { title: cand.title, onFrozenList: onFrozen } : null,
    projectId: (await projectOfCandidate(db, cand?.id ?? null))?.id ?? null,
    revivedAs: revived ? { year: revived.year } : null,
    mergedFromCount: mergedFrom.length,
  };
});

implement(publicGatheringRoutes, C.listFrozenLists, async (c, { params: { congressId } }) => {
  await publicCongress(c, congressId);
  const rows = await c.get('deps').db.select({ id: candidateLists.id }).from(candidateLists).where(and(eq(candidateLists.congressId, congressId), isNotNull(candidateLists.frozenAt))).orderBy(desc(candidateLists.frozenAt), asc(candidateLists.id));
  return Promise.all(rows.map((r) => frozenList(c, congressId, r.id)));
}, { use: [page] });

implement(publicGatheringRoutes, C.getFrozenList, async (c, { params: { congressId, listId } }) => frozenList(c, congressId, listId), { use: [page] });

implement(publicGatheringRoutes, C.exportFrozenList, async (c, { params: { congressId, listId } }) => {
  const list = await frozenList(c, congressId, listId);
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="candidates.csv"`);
  return c.body(
    toCsv(
      ['序号', '项目名称', '建设内容', '总投资（万元）', '资金来源', '牵头单位', '配合单位', '计划完成时间', '预期效果'],
      list.items.map((i) => [i.position, i.title, i.content, i.plannedInvestment, i.fundingSource, i.leadDepartment, i.coDepartments.join('、'), i.plannedCompletion, i.expectedOutcome]),
    ),
  );
}, { use: [page] });

implement(publicGatheringRoutes, C.posterQr, async (c, { params }) => {
  const congress = await publicCongress(c, params.congressId);
  const svg = await QRCode.toString(submitUrl(c, congress.id), { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  c.header('Content-Type', 'image/svg+xml');
  return c.body(svg);
}, { use: [poster] });
