/** The items stage's routes (shared/items/contract.ts), staff and public. */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/items/contract.ts';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { normalizeTrackingCode } from '../../shared/gathering/tracking-code.ts';
import { ITEM_SOURCE_LABELS } from '../../shared/items/labels.ts';
import type { ItemSource } from '../../shared/items/enums.ts';
import type { ItemTracking } from '../../shared/items/schema.ts';
import { offsetOf } from '../../shared/paging.ts';
import { congresses, departments, itemAnswers, items, itemSupervisions, loopFiles, proposals, receptions, representatives, stations } from '../db/schema/index.ts';
import { actorOf } from '../lib/auth.ts';
import { clientIp } from '../lib/client-ip.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { hit } from '../lib/rate-limit.ts';
import { checkFiles } from '../gathering/attachments.ts';
import { PUBLIC_LIMITS } from '../gathering/public-routes.ts';
import { appendAudit } from '../lib/audit.ts';
import { loadCalendar } from './calendar.ts';
import { createItem } from './create.ts';
import { describeItem, describeRows, itemFilters } from './describe.ts';
import * as M from './moves.ts';
import { answersFor, itemFor, keepsStation, scopeOf, visibleTo, type ItemScope } from './scope.ts';

export const itemsRoutes = new Hono<AppEnv>();

async function limit(c: Parameters<typeof clientIp>[0], key: string, max: number, windowSeconds: number) {
  const { count: n, retryAfter } = await hit(c.get('deps').database, `${key}:${clientIp(c)}`, windowSeconds);
  if (n > max) throw new AppError('rate_limited', { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
}

// ---- the list (static paths before /items/:itemId) ----
implement(itemsRoutes, C.listItems, async (c, { access, query: { page, size, sort, ...filter } }) => {
  const db = c.get('deps').db;
  const s = await scopeOf(db, access);
  const cal = await loadCalendar(db, access.congress.id);
  const today = M.today();
  const own = visibleTo(s);
  const base = itemFilters(s, access.congress, filter, today, cal);
  const where = and(...base, ...(own ? [own] : []));
  const order = sort === 'due' ? [sql`${items.dueOn} asc nulls last`, desc(items.receivedOn), asc(items.id)] : [desc(items.receivedOn), desc(items.createdAt), asc(items.id)];
  const tabs = and(...itemFilters(s, access.congress, { ...filter, status: undefined }, today, cal), ...(own ? [own] : []));
  const [rows, [{ n }], byStatus] = await Promise.all([
    db.select().from(items).where(where).orderBy(...order).limit(size).offset(offsetOf({ page, size })),
    db.select({ n: count() }).from(items).where(where),
    db.select({ status: items.status, n: count() }).from(items).where(tabs).groupBy(items.status),
  ]);
  return {
    items: await describeRows(db, access.congress, rows, today, cal),
    total: Number(n),
    page,
    size,
    counts: Object.fromEntries(byStatus.map((x) => [x.status, Number(x.n)])),
    all: byStatus.reduce((a, x) => a + Number(x.n), 0),
  };
});

const KEEPER_SOURCES: readonly ItemSource[] = ['reception', 'resident', 'representative'];

implement(itemsRoutes, C.createItem, async (c, { access, body: input, files }) => {
  const checked = await checkFiles(files ?? []);
  const db = c.get('deps').db;
  const s = await scopeOf(db, access);
  const congressId = access.congress.id;
  const today = M.today();
  if (input.receivedOn && input.receivedOn > today) throw new AppError('item_date_future', { today });
  let { stationId = null, representativeId = null, receptionId = null } = input;
  const source = input.source;
  if (s.createAny) {
    // staff: any source, any station, any representative of the congress
  } else if (source === 'representative' && s.repId) {
    representativeId = s.repId; // a representative enters their own
    receptionId = null;
  } else if (s.stationIds.length) {
    if (!KEEPER_SOURCES.includes(source)) throw new AppError('item_source_not_allowed', { source: ITEM_SOURCE_LABELS[source] });
    if (!stationId) {
      if (s.stationIds.length !== 1) throw new AppError('item_station_required');
      stationId = s.stationIds[0];
    }
    if (!s.stationIds.includes(stationId)) throw new AppError('item_station_not_found');
  } else if (s.roles.includes('representative')) {
    throw new AppError(s.repId ? 'item_source_not_allowed' : 'item_not_representative', { source: ITEM_SOURCE_LABELS[source] });
  } else throw new AppError('item_source_not_allowed', { source: ITEM_SOURCE_LABELS[source] });
  const created = await db.transaction(async (tx) => {
    if (receptionId) {
      const [r] = await tx.select({ id: receptions.id, stationId: receptions.stationId }).from(receptions).where(and(eq(receptions.id, receptionId), eq(receptions.congressId, congressId)));
      if (!r || (!s.createAny && r.stationId !== stationId)) throw new AppError('item_reception_not_found');
      stationId ??= r.stationId;
    }
    if (stationId) {
      const [st] = await tx.select({ id: stations.id }).from(stations).where(and(eq(stations.id, stationId), eq(stations.congressId, congressId)));
      if (!st) throw new AppError('item_station_not_found');
    }
    if (representativeId) {
      const [rep] = await tx.select({ id: representatives.id }).from(representatives).where(and(eq(representatives.id, representativeId), eq(representatives.congressId, congressId)));
      if (!rep) throw new AppError('representative_not_found');
    }
    const made = await createItem(
      tx,
      { congressId, source, category: input.category, title: input.title, content: input.content, place: input.place, receivedOn: input.receivedOn ?? today, stationId, receptionId, representativeId, submittedBy: access.auth.account.id, submitterName: input.submitterName, submitterContact: input.submitterContact, urgency: input.urgency },
      access.auth.account.id,
    );
    await M.saveFiles(tx, congressId, 'item', made.id, checked);
    // Never the submitter's contact.
    await appendAudit(tx, { actor: actorOf(access.auth), congressId, action: 'items.create', targetType: 'item', targetId: made.id, details: { source, trackingCode: made.trackingCode, stationId, files: checked.length } });
    return made;
  });
  return created;
});

implement(itemsRoutes, C.itemDueDate, async (c, { access: { congress }, query: { urgency } }) => {
  const cal = await loadCalendar(c.get('deps').db, congress.id);
  const today = M.today();
  return { today, dueOn: M.deadlineOf(congress, urgency, cal, today), workingDays: CongressSettings.parse(congress.settings ?? {}).loop.deadlines[urgency] };
});

implement(itemsRoutes, C.getItem, async (c, { access, params: { itemId } }) => {
  const db = c.get('deps').db;
  const s = await scopeOf(db, access);
  const row = await itemFor(db, s, itemId);
  return describeItem(db, s, access.congress, row, M.today(), await loadCalendar(db, access.congress.id));
});

implement(itemsRoutes, C.getItemFile, async (c, { access, params: { itemId, fileId } }) => {
  const db = c.get('deps').db;
  const s = await scopeOf(db, access);
  const row = await itemFor(db, s, itemId);
  const answerIds = (await db.select({ id: itemAnswers.id }).from(itemAnswers).where(eq(itemAnswers.itemId, row.id))).map((a) => a.id);
  const supIds = (await db.select({ id: itemSupervisions.id }).from(itemSupervisions).where(eq(itemSupervisions.itemId, row.id))).map((x) => x.id);
  const [file] = await db
    .select()
    .from(loopFiles)
    .where(and(eq(loopFiles.id, fileId), eq(loopFiles.congressId, row.congressId), inArray(loopFiles.ownerId, [row.id, ...answerIds, ...supIds])));
  if (!file || file.ownerKind === 'reception') throw new AppError('item_file_not_found');
  c.header('Content-Type', file.mime);
  c.header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  c.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
  return c.body(new Uint8Array(file.bytes));
});

// ---- moves: each in one transaction, on the item locked for update ----
type Access = Parameters<typeof scopeOf>[1];
async function onItem<T>(c: { get: (k: 'deps') => AppEnv['Variables']['deps'] }, access: Access, itemId: string, fn: (tx: Parameters<Parameters<AppEnv['Variables']['deps']['db']['transaction']>[0]>[0], item: Awaited<ReturnType<typeof itemFor>>, s: ItemScope) => Promise<T>): Promise<T> {
  const db = c.get('deps').db;
  const s = await scopeOf(db, access);
  return db.transaction(async (tx) => fn(tx, await itemFor(tx, s, itemId, true), s));
}

implement(itemsRoutes, C.answerOnSpot, async (c, { access, params: { itemId }, body }) =>
  onItem(c, access, itemId, async (tx, item, s) => {
    // Staff, or the keeper of the item's station (the keeper sees only their station's items: others are 404).
    if (!s.triage && !keepsStation(s, item)) throw new AppError('item_not_found');
    return M.answerOnSpot(tx, item, body.note, actorOf(access.auth));
  }),
);

implement(itemsRoutes, C.assignItem, async (c, { access, params: { itemId }, body }) => onItem(c, access, itemId, (tx, item) => M.assign(tx, access.congress, item, body, actorOf(access.auth), 'assign')));
implement(itemsRoutes, C.reassignItem, async (c, { access, params: { itemId }, body }) => onItem(c, access, itemId, (tx, item) => M.assign(tx, access.congress, item, body, actorOf(access.auth), 'reassign')));
implement(itemsRoutes, C.referItem, async (c, { access, params: { itemId }, body }) => onItem(c, access, itemId, (tx, item) => M.refer(tx, item, body.to, actorOf(access.auth))));
implement(itemsRoutes, C.mergeItem, async (c, { access, params: { itemId }, body }) => onItem(c, access, itemId, (tx, item) => M.merge(tx, item, body.intoId, body.reason, actorOf(access.auth))));
implement(itemsRoutes, C.itemToProposal, async (c, { access, params: { itemId }, body }) => onItem(c, access, itemId, (tx, item) => M.toProposal(tx, item, body.note, actorOf(access.auth))));

implement(itemsRoutes, C.answerItem, async (c, { access, params: { itemId }, body, files }) => {
  const checked = await checkFiles(files ?? []);
  return onItem(c, access, itemId, async (tx, item, s) => {
    // Only the department the item is assigned to (a department sees only its own items: others are 404).
    if (!answersFor(s, item)) throw new AppError('item_not_found');
    return M.answer(tx, item, body, checked, actorOf(access.auth));
  });
});

implement(itemsRoutes, C.acceptAnswer, async (c, { access, params: { itemId } }) => onItem(c, access, itemId, (tx, item) => M.accept(tx, item, actorOf(access.auth))));
implement(itemsRoutes, C.returnAnswer, async (c, { access, params: { itemId }, body }) => onItem(c, access, itemId, (tx, item) => M.returnAnswer(tx, item, body.reason, actorOf(access.auth))));

implement(itemsRoutes, C.setKeyItem, async (c, { access, params: { itemId }, body }) => {
  await onItem(c, access, itemId, (tx, item) => M.setKey(tx, item, body, actorOf(access.auth)));
  return { ok: true as const };
});

implement(itemsRoutes, C.addSupervision, async (c, { access, params: { itemId }, body, files }) => {
  const checked = await checkFiles(files ?? []);
  const id = await onItem(c, access, itemId, (tx, item) => M.supervise(tx, item, body, checked, actorOf(access.auth)));
  return { id };
});

implement(itemsRoutes, C.rateHandling, async (c, { access, params: { itemId }, body }) => {
  const db = c.get('deps').db;
  const s = await scopeOf(db, access);
  if (!s.repId) throw new AppError('item_not_representative');
  await db.transaction(async (tx) => {
    const [item] = await tx.select().from(items).where(and(eq(items.id, itemId), eq(items.congressId, access.congress.id))).for('update');
    if (!item) throw new AppError('item_not_found');
    await M.rateHandling(tx, item, s.repId!, body);
  });
  return c.body(null, 204);
});

// ---- public: tracking and feedback ----
async function byCode(c: { get: (k: 'deps') => AppEnv['Variables']['deps'] }, raw: string) {
  const code = normalizeTrackingCode(raw);
  if (!code) throw new AppError('tracking_not_found');
  const [row] = await c.get('deps').db.select().from(items).where(eq(items.trackingCode, code));
  if (!row) throw new AppError('tracking_not_found');
  return row;
}

implement(itemsRoutes, C.trackingKind, async (c, { params }) => {
  await limit(c, 'public-track', PUBLIC_LIMITS.trackPerTenMinutes, 600);
  const code = normalizeTrackingCode(params.code);
  if (!code) throw new AppError('tracking_not_found');
  const db = c.get('deps').db;
  const [[p], [i]] = await Promise.all([
    db.select({ id: proposals.id }).from(proposals).where(eq(proposals.trackingCode, code)),
    db.select({ id: items.id }).from(items).where(eq(items.trackingCode, code)),
  ]);
  if (p) return { kind: 'proposal' as const };
  if (i) return { kind: 'item' as const };
  throw new AppError('tracking_not_found');
});

implement(itemsRoutes, C.trackItem, async (c, { params }) => {
  await limit(c, 'public-track', PUBLIC_LIMITS.trackPerTenMinutes, 600);
  const r = await byCode(c, params.code);
  const db = c.get('deps').db;
  const [[congress], [dept], answers, [into], [proposal]] = await Promise.all([
    db.select({ name: congresses.name }).from(congresses).where(eq(congresses.id, r.congressId)),
    r.departmentId ? db.select({ name: departments.name }).from(departments).where(eq(departments.id, r.departmentId)) : Promise.resolve([]),
    db.select().from(itemAnswers).where(and(eq(itemAnswers.itemId, r.id), eq(itemAnswers.decision, 'accepted'))).orderBy(asc(itemAnswers.createdAt)),
    r.mergedIntoId ? db.select({ title: items.title, trackingCode: items.trackingCode }).from(items).where(eq(items.id, r.mergedIntoId)) : Promise.resolve([]),
    r.proposalId ? db.select({ title: proposals.title, trackingCode: proposals.trackingCode }).from(proposals).where(eq(proposals.id, r.proposalId)) : Promise.resolve([]),
  ]);
  const canRate = r.status === 'done' && r.feedbackRound !== r.round;
  const out: ItemTracking = {
    kind: 'item',
    trackingCode: r.trackingCode,
    congressId: r.congressId,
    congressName: congress?.name ?? '',
    title: r.title,
    category: r.category,
    source: r.source,
    status: r.status,
    round: r.round,
    receivedOn: r.receivedOn,
    department: dept?.name ?? null,
    dueOn: r.status === 'assigned' || r.status === 'answered' ? r.dueOn : null,
    // What was said to the submitter: the on-the-spot answer or where it was referred (not a merge's internal reason).
    triageNote: r.status === 'done' || r.status === 'referred' ? r.triageNote : '',
    answers: answers.map((a) => ({ round: a.round, answerClass: a.answerClass, text: a.text, answeredOn: a.answeredOn })),
    feedback: r.feedback,
    feedbackRound: r.feedbackRound,
    canRate,
    reopensOnUnsatisfied: canRate && r.round < 2,
    mergedInto: into ?? null,
    proposal: proposal ?? null,
  };
  return out;
});

implement(itemsRoutes, C.itemFeedback, async (c, { params, body }) => {
  await limit(c, 'public-feedback', PUBLIC_LIMITS.submitPerHour, 3600);
  const found = await byCode(c, params.code);
  const db = c.get('deps').db;
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(items).where(eq(items.id, found.id)).for('update');
    const [congress] = await tx.select().from(congresses).where(eq(congresses.id, item.congressId));
    return M.feedback(tx, congress, item, body.grade, body.comment);
  });
});
