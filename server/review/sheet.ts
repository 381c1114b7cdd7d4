/**
 * 集中研判 — the monthly review sheet: as of today, the items received up to the end of the month that are still open
 * (received, assigned, answered), those with a department past their deadline (assigned, dueOn before today), and the items the submitter
 * rated 不满意 this year up to the month's end; counts by department (complete, SQL) and the lists (the first rows,
 * the most overdue first), and the meeting's record.
 */
import { and, asc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { OPEN_FOR_SHEET } from '../../shared/review/sheet-rules.ts';
import { monthEnd } from '../../shared/review/figures.ts';
import type { Sheet, SheetItem } from '../../shared/review/schema.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import { congresses, departments, items, reviewMeetings } from '../db/schema/index.ts';

export const LIST_LIMIT = 200;

export async function reviewSheet(db: DbOrTx, congressId: string, month: string, today = shanghaiToday()): Promise<Sheet> {
  const end = monthEnd(month);
  const start = `${month}-01`;
  const yearStart = `${month.slice(0, 4)}-01-01`;
  const [congress] = await db.select({ name: congresses.name }).from(congresses).where(eq(congresses.id, congressId));
  const depts = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.congressId, congressId));
  const deptName = new Map(depts.map((d) => [d.id, d.name]));
  const open = inArray(items.status, [...OPEN_FOR_SHEET]);
  const overdue = and(eq(items.status, 'assigned'), lt(items.dueOn, today));
  const unsatisfied = and(eq(items.feedback, 'unsatisfied'), gte(items.receivedOn, yearStart));
  const counts = await db
    .select({
      id: items.departmentId,
      received: sql<number>`(count(*) filter (where ${items.receivedOn} >= ${start}))::int`,
      open: sql<number>`(count(*) filter (where ${open}))::int`,
      overdue: sql<number>`(count(*) filter (where ${overdue}))::int`,
      unsatisfied: sql<number>`(count(*) filter (where ${unsatisfied}))::int`,
    })
    .from(items)
    .where(and(eq(items.congressId, congressId), lte(items.receivedOn, end)))
    .groupBy(items.departmentId);
  const cols = {
    id: items.id,
    trackingCode: items.trackingCode,
    title: items.title,
    category: items.category,
    status: items.status,
    receivedOn: items.receivedOn,
    dueOn: items.dueOn,
    departmentId: items.departmentId,
    keyItem: items.keyItem,
    round: items.round,
    feedback: items.feedback,
  };
  const list = async (cond: ReturnType<typeof and>, order: SQL[]) =>
    (
      await db
        .select(cols)
        .from(items)
        .where(and(eq(items.congressId, congressId), lte(items.receivedOn, end), cond))
        .orderBy(...order)
        .limit(LIST_LIMIT)
    ).map(({ departmentId, ...r }): SheetItem => ({ ...r, departmentName: departmentId ? (deptName.get(departmentId) ?? '') : '' }));
  const [meeting] = await db.select().from(reviewMeetings).where(and(eq(reviewMeetings.congressId, congressId), eq(reviewMeetings.month, month)));
  const byDepartment = counts
    .filter((c) => c.received + c.open + c.overdue + c.unsatisfied > 0)
    .map((c) => ({ id: c.id, name: c.id ? (deptName.get(c.id) ?? '') : '', received: c.received, open: c.open, overdue: c.overdue, unsatisfied: c.unsatisfied }))
    .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name, 'zh-CN')));
  return {
    congress: { name: congress?.name ?? '' },
    month,
    monthEnd: end,
    asOf: today,
    received: byDepartment.reduce((s, d) => s + d.received, 0),
    byDepartment,
    overdue: await list(overdue, [asc(items.dueOn), asc(items.receivedOn), asc(items.id)]),
    unsatisfied: await list(unsatisfied, [asc(items.receivedOn), asc(items.id)]),
    listLimit: LIST_LIMIT,
    meeting: meeting ? meetingOut(meeting) : null,
  };
}

export const meetingOut = (m: typeof reviewMeetings.$inferSelect) => ({ month: m.month, heldOn: m.heldOn, attendees: m.attendees, decisions: m.decisions, updatedAt: m.updatedAt.toISOString() });
