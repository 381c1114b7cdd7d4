/**
 * 代表履职档案 (SPEC §14, design §14): a representative's year read from what the system holds, and the points.
 *
 * What is read: attendance (the rows staff or the card wrote), reception duty (reception_duties) and presence at
 * receptions (reception_representatives), items they raised (items.representative_id, 12345 tickets marked theirs
 * included), inspections they joined (inspections.attendee_ids), proposals from their account (proposals.submitted_by),
 * evaluation codes given to them (eval_grants: a count and nothing else), and archive_entries. What is never read:
 * cards, ballots, evaluation codes, spent codes, answers, comments, handling ratings, an item's feedback — nothing
 * that says how anyone voted, answered or rated.
 *
 * The counts come from one function for the table and for one archive (`countsOf`), so both say the same.
 */
import { and, between, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { pointsOf, type PointCounts } from '../../shared/archive/points.ts';
import type { Archive, ArchiveCounts, ArchiveRow, CountKey, TableQuery } from '../../shared/archive/schema.ts';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { CLOSED_STATUSES } from '../../shared/items/enums.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  archiveEntries,
  attendance,
  congressSessions,
  type congresses,
  evalGrants,
  evalRounds,
  inspections,
  items,
  projects,
  proposals,
  receptionDays,
  receptionDuties,
  receptionRepresentatives,
  receptions,
  representatives,
  stations,
} from '../db/schema/index.ts';

type Congress = typeof congresses.$inferSelect;
type Rep = typeof representatives.$inferSelect;

/** The year's first and last day. */
const yearSpan = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
/** A proposal's day of submission in Asia/Shanghai. */
const submittedOn = sql<string>`to_char((${proposals.createdAt} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`;
/** A reception that fulfils a duty day: the day's own record, or a record of the station that same day. */
const fulfils = sql`(${receptions.dayId} = ${receptionDays.id} or (${receptions.stationId} = ${receptionDays.stationId} and ${receptions.heldOn} = ${receptionDays.day}))`;
/** Whether the representative of the duty row was present at a reception fulfilling it. */
const dutyHeld = sql<boolean>`exists (select 1 from ${receptions} inner join ${receptionRepresentatives} on ${receptionRepresentatives.receptionId} = ${receptions.id} where ${fulfils} and ${receptionRepresentatives.representativeId} = ${receptionDuties.representativeId})`;

/** Whether an archive's representative was in office on a day (a representative who left is not counted after). */
const inOffice = (rep: Pick<Rep, 'termEndedOn'>, day: string) => !rep.termEndedOn || rep.termEndedOn >= day;

const zero = (): ArchiveCounts => ({
  sessionPresent: 0,
  sessionLeave: 0,
  sessionAbsent: 0,
  sessionUnrecorded: 0,
  dutyDays: 0,
  receptionsHeld: 0,
  receptionsMissed: 0,
  itemsRaised: 0,
  itemsClosed: 0,
  inspections: 0,
  proposals: 0,
  codesReceived: 0,
  trainings: 0,
  reports: 0,
});

/** The sessions of the year held by today, each representative's attendance at them. */
async function sessionsOf(db: DbOrTx, congressId: string, year: number, today: string, repIds: string[]) {
  const { from, to } = yearSpan(year);
  const held = await db
    .select({ id: congressSessions.id, name: congressSessions.name, date: congressSessions.date })
    .from(congressSessions)
    .where(and(eq(congressSessions.congressId, congressId), between(congressSessions.date, from, to), lte(congressSessions.date, today)))
    .orderBy(congressSessions.date, congressSessions.createdAt, congressSessions.id);
  const rows = held.length
    ? await db
        .select({ sessionId: attendance.sessionId, representativeId: attendance.representativeId, status: attendance.status })
        .from(attendance)
        .where(and(inArray(attendance.sessionId, held.map((s) => s.id)), inArray(attendance.representativeId, repIds)))
    : [];
  const status = new Map(rows.map((r) => [`${r.sessionId}/${r.representativeId}`, r.status]));
  /** A representative's line for each session held while they were in office. */
  return (rep: Pick<Rep, 'id' | 'termEndedOn'>) =>
    held.filter((s) => inOffice(rep, s.date)).map((s) => ({ ...s, status: status.get(`${s.id}/${rep.id}`) ?? ('unrecorded' as const) }));
}

/** The duty days of the year for the representatives, each held (present at its record), missed (past, not held) or still planned. */
async function dutiesOf(db: DbOrTx, congressId: string, year: number, today: string, repIds: string[]) {
  const { from, to } = yearSpan(year);
  const rows = await db
    .select({ id: receptionDays.id, representativeId: receptionDuties.representativeId, day: receptionDays.day, kind: receptionDays.kind, station: stations.name, held: dutyHeld })
    .from(receptionDuties)
    .innerJoin(receptionDays, eq(receptionDays.id, receptionDuties.dayId))
    .innerJoin(stations, eq(stations.id, receptionDays.stationId))
    .where(and(eq(receptionDays.congressId, congressId), between(receptionDays.day, from, to), inArray(receptionDuties.representativeId, repIds)))
    .orderBy(receptionDays.day, stations.name, receptionDays.id);
  return rows.map((r) => ({ ...r, state: r.held ? ('held' as const) : r.day < today ? ('missed' as const) : ('planned' as const) }));
}

/** Per representative: how many rows match, for a count that is a plain `count(*)` grouped by representative. */
async function grouped(q: Promise<{ rep: string | null; n: number }[]>, into: Map<string, ArchiveCounts>, key: CountKey) {
  for (const r of await q) if (r.rep && into.has(r.rep)) into.get(r.rep)![key] = Number(r.n);
}

/** The year's counts for each of the representatives (the table's rows, and one archive's figures). */
export async function countsOf(db: DbOrTx, congressId: string, reps: Pick<Rep, 'id' | 'accountId' | 'termEndedOn'>[], year: number, today: string): Promise<Map<string, ArchiveCounts>> {
  const out = new Map(reps.map((r) => [r.id, zero()]));
  if (reps.length === 0) return out;
  const ids = reps.map((r) => r.id);
  const { from, to } = yearSpan(year);
  const sessionLines = await sessionsOf(db, congressId, year, today, ids);
  for (const rep of reps) {
    const c = out.get(rep.id)!;
    for (const s of sessionLines(rep)) {
      if (s.status === 'present') c.sessionPresent++;
      else if (s.status === 'leave') c.sessionLeave++;
      else if (s.status === 'absent') c.sessionAbsent++;
      else c.sessionUnrecorded++;
    }
  }
  for (const d of await dutiesOf(db, congressId, year, today, ids)) {
    const c = out.get(d.representativeId)!;
    c.dutyDays++;
    if (d.state === 'missed') c.receptionsMissed++;
  }
  const byRep = (col: SQL | typeof items.representativeId) => ({ rep: sql<string | null>`${col}`, n: count() });
  await grouped(
    db
      .select(byRep(sql`${receptionRepresentatives.representativeId}`))
      .from(receptionRepresentatives)
      .innerJoin(receptions, eq(receptions.id, receptionRepresentatives.receptionId))
      .where(and(eq(receptions.congressId, congressId), between(receptions.heldOn, from, to), inArray(receptionRepresentatives.representativeId, ids)))
      .groupBy(receptionRepresentatives.representativeId),
    out,
    'receptionsHeld',
  );
  const raised = and(eq(items.congressId, congressId), between(items.receivedOn, from, to), inArray(items.representativeId, ids));
  await grouped(db.select(byRep(items.representativeId)).from(items).where(raised).groupBy(items.representativeId), out, 'itemsRaised');
  await grouped(
    db
      .select(byRep(items.representativeId))
      .from(items)
      .where(and(raised, inArray(items.status, [...CLOSED_STATUSES])))
      .groupBy(items.representativeId),
    out,
    'itemsClosed',
  );
  // Inspections: attendee_ids is a JSON array of representative ids (a year holds tens of inspections: counted here).
  const visits = await db
    .select({ attendeeIds: inspections.attendeeIds })
    .from(inspections)
    .where(and(eq(inspections.congressId, congressId), between(inspections.date, from, to)));
  for (const v of visits) for (const id of new Set(v.attendeeIds)) if (out.has(id)) out.get(id)!.inspections++;
  // Proposals from the representative's own account (the card session's, or a password account linked on the roster).
  const accounts = new Map(reps.flatMap((r) => (r.accountId ? [[r.accountId, r.id] as const] : [])));
  if (accounts.size) {
    const rows = await db
      .select({ account: proposals.submittedBy, n: count() })
      .from(proposals)
      .where(and(eq(proposals.congressId, congressId), inArray(proposals.submittedBy, [...accounts.keys()]), between(submittedOn, from, to)))
      .groupBy(proposals.submittedBy);
    for (const r of rows) out.get(accounts.get(r.account!)!)!.proposals = Number(r.n);
  }
  // Evaluation codes: that one was given, counted; never which code, never whether or how it was answered.
  await grouped(
    db
      .select(byRep(sql`${evalGrants.representativeId}`))
      .from(evalGrants)
      .innerJoin(evalRounds, eq(evalRounds.id, evalGrants.roundId))
      .where(and(eq(evalRounds.congressId, congressId), eq(evalRounds.year, year), inArray(evalGrants.representativeId, ids)))
      .groupBy(evalGrants.representativeId),
    out,
    'codesReceived',
  );
  const entries = await db
    .select({ rep: archiveEntries.representativeId, kind: archiveEntries.kind, n: count() })
    .from(archiveEntries)
    .where(and(eq(archiveEntries.congressId, congressId), between(archiveEntries.heldOn, from, to), inArray(archiveEntries.representativeId, ids)))
    .groupBy(archiveEntries.representativeId, archiveEntries.kind);
  for (const e of entries) out.get(e.rep)![e.kind === 'training' ? 'trainings' : 'reports'] = Number(e.n);
  return out;
}

/** The counts the points rules name (shared/archive/points.ts POINT_EVENTS). */
export const pointCounts = (c: ArchiveCounts): PointCounts => ({
  session_present: c.sessionPresent,
  session_leave: c.sessionLeave,
  session_absent: c.sessionAbsent,
  reception_held: c.receptionsHeld,
  reception_missed: c.receptionsMissed,
  item_raised: c.itemsRaised,
  inspection: c.inspections,
  proposal: c.proposals,
  training: c.trainings,
  report: c.reports,
});

export const rulesOf = (congress: Congress) => CongressSettings.parse(congress.settings ?? {}).points;

/** The representatives an archive year lists: the roster, less those whose term ended before the year began. */
export async function representativesOf(db: DbOrTx, congressId: string, year: number) {
  return db
    .select()
    .from(representatives)
    .where(and(eq(representatives.congressId, congressId), or(isNull(representatives.termEndedOn), gte(representatives.termEndedOn, yearSpan(year).from))))
    .orderBy(representatives.name, representatives.id);
}

const person = (r: Rep) => ({ id: r.id, name: r.name, delegation: r.delegation, constituency: r.constituency, status: r.status });

/** 年度履职统计表: every representative of the year with their counts and points, sorted as asked (ties by name). */
export async function archiveTable(db: DbOrTx, congress: Congress, q: Required<Pick<TableQuery, 'sort' | 'order'>> & { year: number }, today = shanghaiToday()) {
  const reps = await representativesOf(db, congress.id, q.year);
  const counts = await countsOf(db, congress.id, reps, q.year, today);
  const rules = rulesOf(congress);
  const rows: ArchiveRow[] = reps.map((r) => {
    const c = counts.get(r.id)!;
    return { ...person(r), counts: c, points: pointsOf(pointCounts(c), rules).total };
  });
  const collator = new Intl.Collator('zh-CN');
  const key = (r: ArchiveRow) => (q.sort === 'points' ? r.points : q.sort === 'name' ? 0 : r.counts[q.sort]);
  const sign = q.order === 'asc' ? 1 : -1;
  rows.sort((a, b) => (q.sort === 'name' ? sign * collator.compare(a.name, b.name) : sign * (key(a) - key(b))) || collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
  return { year: q.year, congressName: congress.name, rules, rows };
}

/** One representative's archive for a year: the figures, the points line by line, and every line behind them. */
export async function archiveOf(db: DbOrTx, congress: Congress, rep: Rep, year: number, today = shanghaiToday()): Promise<Archive> {
  const c = congress.id;
  const { from, to } = yearSpan(year);
  const counts = (await countsOf(db, c, [rep], year, today)).get(rep.id)!;
  const sessionLines = (await sessionsOf(db, c, year, today, [rep.id]))(rep);
  const duties = await dutiesOf(db, c, year, today, [rep.id]);
  const held = await db
    .select({ id: receptions.id, heldOn: receptions.heldOn, station: stations.name, kind: receptions.kind, theme: receptions.theme, visitors: receptions.visitors })
    .from(receptionRepresentatives)
    .innerJoin(receptions, eq(receptions.id, receptionRepresentatives.receptionId))
    .innerJoin(stations, eq(stations.id, receptions.stationId))
    .where(and(eq(receptionRepresentatives.representativeId, rep.id), eq(receptions.congressId, c), between(receptions.heldOn, from, to)))
    .orderBy(receptions.heldOn, receptions.id);
  const raised = await db
    .select({ id: items.id, title: items.title, receivedOn: items.receivedOn, source: items.source, category: items.category, status: items.status, answerClass: items.answerClass })
    .from(items)
    .where(and(eq(items.congressId, c), eq(items.representativeId, rep.id), between(items.receivedOn, from, to)))
    .orderBy(items.receivedOn, items.id);
  const joined = await db
    .select({ id: inspections.id, date: inspections.date, title: inspections.title, project: projects.title })
    .from(inspections)
    .innerJoin(projects, eq(projects.id, inspections.projectId))
    .where(and(eq(inspections.congressId, c), between(inspections.date, from, to), sql`${inspections.attendeeIds} @> ${JSON.stringify([rep.id])}::jsonb`))
    .orderBy(inspections.date, inspections.id);
  const submitted = rep.accountId
    ? await db
        .select({ id: proposals.id, title: proposals.title, submittedOn, status: proposals.status })
        .from(proposals)
        .where(and(eq(proposals.congressId, c), eq(proposals.submittedBy, rep.accountId), between(submittedOn, from, to)))
        .orderBy(proposals.createdAt, proposals.id)
    : [];
  const entries = await db
    .select({ id: archiveEntries.id, representativeId: archiveEntries.representativeId, kind: archiveEntries.kind, heldOn: archiveEntries.heldOn, title: archiveEntries.title, rating: archiveEntries.rating, note: archiveEntries.note })
    .from(archiveEntries)
    .where(and(eq(archiveEntries.representativeId, rep.id), eq(archiveEntries.congressId, c), between(archiveEntries.heldOn, from, to)))
    .orderBy(archiveEntries.heldOn, desc(archiveEntries.createdAt), archiveEntries.id);
  return {
    year,
    congressName: congress.name,
    representative: person(rep),
    counts,
    points: pointsOf(pointCounts(counts), rulesOf(congress)),
    sessions: sessionLines,
    duties: duties.map((d) => ({ id: d.id, day: d.day, station: d.station, kind: d.kind, state: d.state })),
    receptions: held,
    items: raised,
    inspections: joined,
    proposals: submitted,
    entries,
  };
}
