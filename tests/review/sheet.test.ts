/**
 * 集中研判 — the monthly review sheet checked against hand-counted items (open, overdue, unsatisfied by department and
 * the lists), and the meeting's record: saved, replaced, refused for bad dates and for roles that do not keep it.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, items } from '../../server/db/schema/index.ts';
import type { FeedbackGrade, ItemStatus } from '../../shared/items/enums.ts';
import * as C from '../../shared/review/contract.ts';
import { addDays, shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import { Client, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
const Y = shanghaiYear() - 1;
const month = `${Y}-02`;
let admin: Client;
let roles: Record<string, Client>;
let congressId: string;
let depA: string;
let depB: string;
const codes: Record<string, string> = {};

async function make(name: string, receivedOn: string, departmentId: string | null, status: ItemStatus, dueOn: string | null, feedback: FeedbackGrade | null = null) {
  const trackingCode = uniq('SH').toUpperCase();
  codes[name] = trackingCode;
  await t.deps.db.insert(items).values({ congressId, trackingCode, source: 'resident', category: 'urban', title: name, content: '内容', receivedOn, departmentId, status, dueOn, feedback, round: feedback === 'unsatisfied' ? 2 : 1 });
}

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  roles = made.clients;
  congressId = made.congress.id;
  depA = made.department.id;
  depB = (await admin.post(`/api/congresses/${congressId}/departments`, { name: uniq('水利局'), kind: 'bureau' })).body.id;
  await make('A-不满意再办', `${Y}-01-15`, depA, 'done', `${Y}-02-05`, 'unsatisfied');
  await make('A-超期', `${Y}-02-03`, depA, 'assigned', `${Y}-02-20`);
  await make('B-待审核', `${Y}-02-05`, depB, 'answered', `${Y}-03-01`);
  await make('B-退回后超期', `${Y}-02-10`, depB, 'assigned', `${Y}-02-12`);
  await make('去年待交办', `${Y - 1}-12-30`, null, 'received', null);
  await make('三月不计', `${Y}-03-02`, depA, 'assigned', `${Y}-03-10`);
  await make('去年不满意不计', `${Y - 1}-11-01`, depB, 'done', null, 'unsatisfied');
  await make('已办结', `${Y}-02-20`, depA, 'done', `${Y}-02-25`, 'satisfied');
});

describe('the monthly review sheet', () => {
  it('counts open, overdue and unsatisfied items by department as hand-counted', async () => {
    const res = await admin.call(C.getSheet, { params: { congressId }, query: { month } });
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.monthEnd).toBe(new Date(Date.UTC(Y, 2, 0)).toISOString().slice(0, 10));
    expect(s.received).toBe(4);
    const by = Object.fromEntries(s.byDepartment.map((d) => [d.id ?? 'none', { received: d.received, open: d.open, overdue: d.overdue, unsatisfied: d.unsatisfied }]));
    expect(by).toEqual({
      [depA]: { received: 2, open: 1, overdue: 1, unsatisfied: 1 },
      [depB]: { received: 2, open: 2, overdue: 1, unsatisfied: 0 },
      none: { received: 0, open: 1, overdue: 0, unsatisfied: 0 },
    });
    expect(s.overdue.map((i) => i.title)).toEqual(['B-退回后超期', 'A-超期']);
    expect(s.overdue[0].trackingCode).toBe(codes['B-退回后超期']);
    expect(s.unsatisfied.map((i) => i.title)).toEqual(['A-不满意再办']);
    expect(s.meeting).toBeNull();
  });

  it('records the meeting, replaces it, and shows it on the sheet', async () => {
    const body = { month, heldOn: `${Y}-02-27`, attendees: '主任、副主任、各承办单位', decisions: '1. 交通局两件超期事项列入重点督办。' };
    const res = await admin.call(C.saveMeeting, { params: { congressId }, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(body);
    const again = await admin.call(C.saveMeeting, { params: { congressId }, body: { ...body, heldOn: `${Y}-03-02`, decisions: '改：列入重点督办并现场督办。' } });
    expect(again.body.decisions).toBe('改：列入重点督办并现场督办。');
    const sheet = (await roles.presidium.call(C.getSheet, { params: { congressId }, query: { month } })).body;
    expect(sheet.meeting).toMatchObject({ heldOn: `${Y}-03-02`, decisions: '改：列入重点督办并现场督办。' });
    const audit = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.congressId, congressId), eq(auditLog.action, 'review.meeting')));
    expect(audit).toHaveLength(2);
    expect(audit[0].targetType).toBe('review_meeting');
  });

  it('refuses bad months and dates, and changes nothing', async () => {
    const before = (await admin.call(C.getSheet, { params: { congressId }, query: { month } })).body.meeting;
    const early = await admin.call(C.saveMeeting, { params: { congressId }, body: { month, heldOn: `${Y}-01-31`, decisions: 'x' } });
    expect(early.status).toBe(400);
    expect(early.body.error?.code).toBe('review_meeting_month');
    const future = await admin.call(C.saveMeeting, { params: { congressId }, body: { month, heldOn: addDays(shanghaiToday(), 1), decisions: 'x' } });
    expect(future.body.error?.code).toBe('review_meeting_future');
    expect((await admin.call(C.saveMeeting, { params: { congressId }, body: { month, heldOn: `${Y}-02-27`, decisions: '  ' } })).status).toBe(400);
    expect((await admin.call(C.saveMeeting, { params: { congressId }, body: { month: `${Y}-13`, heldOn: `${Y}-02-27`, decisions: 'x' } })).status).toBe(400);
    expect((await admin.call(C.getSheet, { params: { congressId }, query: { month: `${Y}-2` } })).status).toBe(400);
    expect((await admin.call(C.getSheet, { params: { congressId }, query: { month } })).body.meeting).toEqual(before);
  });

  it('only staff keep the meeting; departments and representatives do not read the sheet', async () => {
    for (const who of ['government', 'presidium', 'department'] as const)
      expect((await roles[who].call(C.saveMeeting, { params: { congressId }, body: { month, heldOn: `${Y}-02-27`, decisions: 'x' } })).status).toBe(403);
    for (const who of ['department', 'representative', 'scrutineer'] as const) expect((await roles[who].call(C.getSheet, { params: { congressId }, query: { month } })).status).toBe(403);
    expect((await roles.government.call(C.getSheet, { params: { congressId }, query: { month } })).status).toBe(200);
  });
});
