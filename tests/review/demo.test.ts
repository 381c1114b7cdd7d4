/**
 * The review part of the demo (server/demo/loop-review.ts) on its own: the official calendar uploaded through the raw
 * route for the year and the next, then a review meeting for each month that has ended, held on a working day, with
 * decisions written from that month's sheet (an overdue item made here shows up in them).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { items } from '../../server/db/schema/index.ts';
import { demoApp } from '../../server/demo/api.ts';
import { DemoClock } from '../../server/demo/clock.ts';
import { loadCalendarDemo, loadReviewDemo } from '../../server/demo/loop-review.ts';
import type { Story } from '../../server/demo/year.ts';
import { isWorkingDay, calendarOf } from '../../shared/items/working-days.ts';
import * as C from '../../shared/review/contract.ts';
import { shanghaiYear } from '../../shared/time.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
const year = shanghaiYear() - 1; // a whole year has ended: twelve meetings
let admin: Client;
let congressId: string;
let depA: string;

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  congressId = made.congress.id;
  depA = made.department.id;
  await admin.post(`/api/congresses/${congressId}/accounts`, { username: 'staff', displayName: '人大办', password: PASSWORD, role: 'admin' });
  await t.deps.db.insert(items).values({ congressId, trackingCode: 'DEMO-REV1', source: 'staff', category: 'urban', title: '东街路灯不亮', content: '内容', receivedOn: `${year}-03-02`, departmentId: depA, status: 'assigned', dueOn: `${year}-03-20` });
});

describe('the review demo', () => {
  it('uploads the calendar and records a meeting for each month that has ended', async () => {
    const api = demoApp(t.database);
    const story: Story = { clock: new DemoClock(new Date(`${year}-01-02T09:00:00+08:00`)), warp: async () => {} };
    const cal = await loadCalendarDemo(api, story, congressId, year, PASSWORD);
    expect(cal.years).toEqual([year, year + 1]);
    expect(cal.days).toBeGreaterThanOrEqual(22);
    const read = (await admin.call(C.getCalendar, { params: { congressId }, query: { year } })).body;
    expect(read.days.find((d) => d.day === `${year}-10-01`)?.kind).toBe('holiday');
    const { meetings } = await loadReviewDemo(api, story, congressId, year, PASSWORD);
    expect(meetings).toBe(12);
    const calendar = calendarOf(read.days);
    for (const m of ['01', '03', '10', '12']) {
      const sheet = (await admin.call(C.getSheet, { params: { congressId }, query: { month: `${year}-${m}` } })).body;
      expect(sheet.meeting).not.toBeNull();
      expect(isWorkingDay(sheet.meeting!.heldOn, calendar)).toBe(true);
      expect(sheet.meeting!.heldOn.slice(0, 7)).toBe(`${year}-${m}`);
    }
    const march = (await admin.call(C.getSheet, { params: { congressId }, query: { month: `${year}-03` } })).body;
    expect(march.meeting!.decisions).toContain('超期 1 件');
    expect(march.meeting!.decisions).toContain('东街路灯不亮');
  });
});
