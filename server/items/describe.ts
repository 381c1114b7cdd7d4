/** Items as the API answers them: the list's rows (names of departments and stations, due state) and one item in full. */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { Item, ItemQuery, ItemRow, LoopFile } from '../../shared/items/schema.ts';
import { addWorkingDays, dueState, type Calendar } from '../../shared/items/working-days.ts';
import { normalizeTrackingCode } from '../../shared/gathering/tracking-code.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, congresses, departments, itemAnswers, itemEvents, items, itemSupervisions, loopFiles, proposals, representatives, stations } from '../db/schema/index.ts';
import { gte, ilike, lt, lte, type SQL } from 'drizzle-orm';
import { handlingRated } from './moves.ts';
import { answersFor, keepsStation, mineOf, movesFor, type ItemScope } from './scope.ts';

type Row = typeof items.$inferSelect;
type Congress = typeof congresses.$inferSelect;

const esc = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** The list's filters (all on indexed columns of the congress), for the page and its counts. */
export function itemFilters(s: ItemScope, congress: Congress, q: Omit<ItemQuery, 'sort'>, today: string, cal: Calendar): SQL[] {
  const conds: SQL[] = [eq(items.congressId, congress.id)];
  if (q.status) conds.push(eq(items.status, q.status));
  if (q.due) {
    conds.push(eq(items.status, 'assigned'));
    if (q.due === 'overdue') conds.push(lt(items.dueOn, today));
    else {
      // Due soon as dueState says it: not overdue, at most `dueSoonDays` working days left (the day before the next working day counts too).
      const within = CongressSettings.parse(congress.settings ?? {}).loop.dueSoonDays;
      conds.push(gte(items.dueOn, today), lt(items.dueOn, addWorkingDays(today, within + 1, cal)));
    }
  }
  if (q.department) conds.push(eq(items.departmentId, q.department));
  if (q.station) conds.push(eq(items.stationId, q.station));
  if (q.source) conds.push(eq(items.source, q.source));
  if (q.category) conds.push(eq(items.category, q.category));
  if (q.key === '1') conds.push(eq(items.keyItem, true));
  if (q.key === '0') conds.push(eq(items.keyItem, false));
  if (q.month) conds.push(gte(items.receivedOn, `${q.month}-01`), lte(items.receivedOn, lastDay(q.month)));
  if (q.mine === '1') conds.push(mineOf(s));
  if (q.q) {
    const code = normalizeTrackingCode(q.q);
    conds.push(or(ilike(items.title, esc(q.q)), eq(items.ticketNo, q.q), ...(code ? [eq(items.trackingCode, code)] : []))!);
  }
  return conds;
}

async function names(db: DbOrTx, rows: Row[]) {
  const deptIds = [...new Set(rows.flatMap((r) => (r.departmentId ? [r.departmentId] : [])))];
  const stationIds = [...new Set(rows.flatMap((r) => (r.stationId ? [r.stationId] : [])))];
  const [ds, ss] = await Promise.all([
    deptIds.length ? db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, deptIds)) : [],
    stationIds.length ? db.select({ id: stations.id, name: stations.name }).from(stations).where(inArray(stations.id, stationIds)) : [],
  ]);
  return { dept: new Map(ds.map((d) => [d.id, d])), station: new Map(ss.map((s) => [s.id, s])) };
}

export async function describeRows(db: DbOrTx, congress: Congress, rows: Row[], today: string, cal: Calendar): Promise<ItemRow[]> {
  const n = await names(db, rows);
  const within = CongressSettings.parse(congress.settings ?? {}).loop.dueSoonDays;
  return rows.map((r) => ({
    id: r.id,
    trackingCode: r.trackingCode,
    title: r.title,
    source: r.source,
    category: r.category,
    status: r.status,
    round: r.round,
    urgency: r.urgency,
    receivedOn: r.receivedOn,
    department: r.departmentId ? (n.dept.get(r.departmentId) ?? null) : null,
    station: r.stationId ? (n.station.get(r.stationId) ?? null) : null,
    dueOn: r.dueOn,
    dueState: r.status === 'assigned' && r.dueOn ? dueState(r.dueOn, today, cal, within) : null,
    keyItem: r.keyItem,
    answerClass: r.answerClass,
    feedback: r.feedback,
    ticketNo: r.ticketNo,
  }));
}

const fileOf = (f: { id: string; filename: string; mime: string; size: number }): LoopFile => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size });

/** One item in full, as the caller may see it (contact and hotline fields only to those allowed). */
export async function describeItem(db: DbOrTx, s: ItemScope, congress: Congress, r: Row, today: string, cal: Calendar): Promise<Item> {
  const [row] = await describeRows(db, congress, [r], today, cal);
  const [events, answers, sups, rep, linked, from] = await Promise.all([
    db.select({ at: itemEvents.at, kind: itemEvents.kind, note: itemEvents.note, data: itemEvents.data, actor: accounts.displayName }).from(itemEvents).leftJoin(accounts, eq(accounts.id, itemEvents.actorId)).where(eq(itemEvents.itemId, r.id)).orderBy(asc(itemEvents.at), asc(itemEvents.id)),
    db.select({ a: itemAnswers, dept: departments.name }).from(itemAnswers).leftJoin(departments, eq(departments.id, itemAnswers.departmentId)).where(eq(itemAnswers.itemId, r.id)).orderBy(asc(itemAnswers.createdAt)),
    db.select().from(itemSupervisions).where(eq(itemSupervisions.itemId, r.id)).orderBy(asc(itemSupervisions.heldOn), asc(itemSupervisions.createdAt)),
    r.representativeId ? db.select({ id: representatives.id, name: representatives.name }).from(representatives).where(eq(representatives.id, r.representativeId)) : Promise.resolve([]),
    r.mergedIntoId ? db.select({ id: items.id, title: items.title, trackingCode: items.trackingCode }).from(items).where(eq(items.id, r.mergedIntoId)) : Promise.resolve([]),
    db.select({ id: items.id, title: items.title, trackingCode: items.trackingCode }).from(items).where(and(eq(items.mergedIntoId, r.id), eq(items.congressId, r.congressId))),
  ]);
  const [proposal] = r.proposalId ? await db.select({ id: proposals.id, title: proposals.title, trackingCode: proposals.trackingCode }).from(proposals).where(eq(proposals.id, r.proposalId)) : [];
  const ownerIds = [r.id, ...answers.map((a) => a.a.id), ...sups.map((x) => x.id)];
  const files = await db.select({ id: loopFiles.id, ownerKind: loopFiles.ownerKind, ownerId: loopFiles.ownerId, filename: loopFiles.filename, mime: loopFiles.mime, size: loopFiles.size }).from(loopFiles).where(and(eq(loopFiles.congressId, r.congressId), inArray(loopFiles.ownerId, ownerIds))).orderBy(asc(loopFiles.createdAt));
  const filesOf = (kind: string, id: string) => files.filter((f) => f.ownerKind === kind && f.ownerId === id).map(fileOf);
  const mineRep = !!s.repId && r.representativeId === s.repId;
  const rated = mineRep ? (await handlingRated(db, [r.id], s.repId!)).some((g) => g.round === r.round) : false;
  const contact = s.contact || keepsStation(s, r);
  return {
    ...row,
    content: r.content,
    place: r.place,
    representative: rep[0] ?? null,
    receptionId: r.receptionId,
    submitterName: r.submitterName,
    submitterContact: contact ? r.submitterContact : null,
    assignedOn: r.assignedOn,
    answeredOn: r.answeredOn,
    closedOn: r.closedOn,
    triageNote: r.triageNote,
    keyLeader: r.keyLeader,
    feedbackRound: r.feedbackRound,
    mergedInto: linked[0] ?? null,
    mergedFrom: from,
    proposal: proposal ?? null,
    hotline: s.contact ? (r.hotline ?? null) : null,
    events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, actor: e.actor ?? null, note: e.note, data: e.data ?? null })),
    answers: answers.map(({ a, dept }) => ({
      id: a.id,
      round: a.round,
      department: a.departmentId ? { id: a.departmentId, name: dept ?? '' } : null,
      answerClass: a.answerClass,
      text: a.text,
      answeredOn: a.answeredOn,
      late: !!r.dueOn && a.answeredOn > r.dueOn,
      decision: a.decision,
      decisionReason: a.decisionReason,
      files: filesOf('answer', a.id),
    })),
    supervisions: sups.map((x) => ({ id: x.id, heldOn: x.heldOn, leader: x.leader, found: x.found, newDueOn: x.newDueOn, files: filesOf('supervision', x.id) })),
    files: filesOf('item', r.id),
    moves: movesFor(s, r),
    canSupervise: s.triage,
    canRateHandling: mineRep && r.status === 'done' && !!r.departmentId && !rated,
    handlingRated: rated,
  };
}

export { answersFor };
