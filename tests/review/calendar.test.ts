/**
 * The official calendar (法定节假日、调休上班): a year uploaded as CSV (UTF-8 with a header, or GBK), replaced whole;
 * bad lines, another year's dates, unknown kinds and repeated days refuse the whole file with every problem named and
 * nothing changed; one day set and removed; deadlines in working days then follow the uploaded calendar.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/db/schema/index.ts';
import { loadCalendar } from '../../server/items/calendar.ts';
import * as I from '../../shared/items/contract.ts';
import { addWorkingDays, calendarOf, EMPTY_CALENDAR } from '../../shared/items/working-days.ts';
import * as C from '../../shared/review/contract.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let congressId: string;
const enc = (s: string) => new TextEncoder().encode(s);
const gbk = (s: string) => new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: s }));
const upload = (year: number, body: Uint8Array, cl = admin, contentType?: string) => cl.call(C.replaceCalendarYear, { params: { congressId, year: String(year) }, body, contentType });
const year2026 = '日期,类型,名称\r\n2026-10-01,休,国庆节\r\n2026-10-02,休,国庆节\r\n2026-10-05,休,国庆节\r\n2026-10-06,休,国庆节\r\n2026-10-07,休,国庆节\r\n2026-10-10,班,国庆节调休\r\n';

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  roles = made.clients;
  congressId = made.congress.id;
});

describe('the official calendar', () => {
  it('uploads a year from a CSV with a header, and deadlines follow it', async () => {
    const res = await upload(2026, enc(year2026));
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(6);
    expect(res.body.days[0]).toEqual({ day: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(res.body.days.at(-1)).toEqual({ day: '2026-10-10', kind: 'workday', name: '国庆节调休' });
    expect(res.body.years).toEqual([2026]);
    // Given on Wednesday 30 September with 3 working days: 8, 9 and the 调休 Saturday 10 October.
    const cal = await loadCalendar(t.deps.db, congressId);
    expect(addWorkingDays('2026-09-30', 3, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 3, EMPTY_CALENDAR)).toBe('2026-10-05');
    const read = await roles.department.call(C.getCalendar, { params: { congressId }, query: { year: 2026 } });
    expect(read.status).toBe(200);
    expect(read.body.days).toHaveLength(6);
    const audit = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.congressId, congressId), eq(auditLog.action, 'review.calendar_upload')));
    expect(audit.map((a) => a.details)).toEqual([{ year: 2026, holidays: 5, workdays: 1 }]);
  });

  it('reads a GBK file (as spreadsheets save it) and 2026/1/1 dates; the upload replaces the year', async () => {
    const res = await upload(2026, gbk('2026/1/1,休,元旦\n2026-2-16,假,春节\n2026-02-14,上班,春节调休\n'));
    expect(res.status).toBe(200);
    expect(res.body.days.map((d) => [d.day, d.kind, d.name])).toEqual([
      ['2026-01-01', 'holiday', '元旦'],
      ['2026-02-14', 'workday', '春节调休'],
      ['2026-02-16', 'holiday', '春节'],
    ]);
    await upload(2026, enc(year2026)); // back to National Day for the next tests
  });

  it('a bad file changes nothing and names every problem by line', async () => {
    const before = (await admin.call(C.getCalendar, { params: { congressId }, query: { year: 2026 } })).body;
    const bad = '日期,类型,名称\n2026-02-30,休,不存在\n2025-12-31,休,去年\n2026-05-01,放风,劳动节\n2026-05-02,休,劳动节\n2026-05-02,休,劳动节\n2026-05-03,holiday,劳动节\n';
    const res = await upload(2026, enc(bad));
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('calendar_invalid');
    expect(res.body.error?.message).toContain('第2行');
    expect(res.body.error?.details).toEqual({
      problems: [
        { line: 2, what: 'date', value: '2026-02-30' },
        { line: 3, what: 'year', value: '2025-12-31' },
        { line: 4, what: 'kind', value: '放风' },
        { line: 6, what: 'duplicate', value: '2026-05-02' },
      ],
    });
    expect((await admin.call(C.getCalendar, { params: { congressId }, query: { year: 2026 } })).body).toEqual(before);
  });

  it('refuses an empty file, an undecodable one, a wrong type, a bad year and a file over 256 KB', async () => {
    expect((await upload(2026, enc('日期,类型,名称\n\n'))).body.error?.code).toBe('calendar_empty');
    expect((await upload(2026, new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).body.error?.code).toBe('import_encoding');
    const wrongType = await upload(2026, enc(year2026), admin, 'image/png');
    expect(wrongType.status).toBe(415);
    expect((await upload(1999, enc('1999-10-01,休,国庆'))).status).toBe(400);
    const big = await upload(2026, enc(`${'2026-10-01,休,国庆节\n'.repeat(20_000)}`));
    expect(big.status).toBe(413);
    expect(big.body.error?.code).toBe('body_too_large');
  });

  it('sets and removes one day; removing a day not there is 404', async () => {
    const set = await admin.call(C.setCalendarDay, { params: { congressId }, body: { day: '2026-12-31', kind: 'holiday', name: '试' } });
    expect(set.status).toBe(200);
    expect(set.body.days.find((d) => d.day === '2026-12-31')).toEqual({ day: '2026-12-31', kind: 'holiday', name: '试' });
    const change = await admin.call(C.setCalendarDay, { params: { congressId }, body: { day: '2026-12-31', kind: 'workday' } });
    expect(change.body.days.find((d) => d.day === '2026-12-31')?.kind).toBe('workday');
    expect((await admin.call(C.removeCalendarDay, { params: { congressId, day: '2026-12-31' } })).body.days.some((d) => d.day === '2026-12-31')).toBe(false);
    const gone = await admin.call(C.removeCalendarDay, { params: { congressId, day: '2026-12-31' } });
    expect(gone.status).toBe(404);
    expect(gone.body.error?.code).toBe('calendar_day_not_found');
    expect((await admin.call(C.setCalendarDay, { params: { congressId }, body: { day: '2026-02-30', kind: 'holiday' } })).status).toBe(400);
    expect((await admin.call(C.setCalendarDay, { params: { congressId }, body: { day: '2026-12-30', kind: 'rest' as never } })).status).toBe(400);
  });

  it('only staff change it', async () => {
    for (const who of ['government', 'presidium', 'department', 'representative'] as const) {
      expect((await upload(2026, enc(year2026), roles[who])).status).toBe(403);
      expect((await roles[who].call(C.setCalendarDay, { params: { congressId }, body: { day: '2026-12-30', kind: 'holiday' } })).status).toBe(403);
    }
    expect((await roles.representative.call(C.getCalendar, { params: { congressId } })).status).toBe(403);
  });

  it('an assignment made today gets its deadline from the uploaded calendar', async () => {
    const today = shanghaiToday();
    const year = shanghaiYear();
    const before = (await admin.call(I.itemDueDate, { params: { congressId }, query: { urgency: 'urgent' } })).body;
    // The next ten days made holidays (a long holiday), in this year's and next year's calendars.
    const days = Array.from({ length: 10 }, (_, i) => new Date(Date.parse(`${today}T00:00:00Z`) + (i + 1) * 86_400_000).toISOString().slice(0, 10));
    for (const y of [year, year + 1]) {
      const mine = days.filter((d) => d.startsWith(String(y)));
      if (mine.length) expect((await upload(y, enc(mine.map((d) => `${d},休,长假`).join('\n')))).status).toBe(200);
    }
    const after = (await admin.call(I.itemDueDate, { params: { congressId }, query: { urgency: 'urgent' } })).body;
    expect(after.dueOn).toBe(addWorkingDays(today, 3, calendarOf(days.map((day) => ({ day, kind: 'holiday' as const })))));
    expect(after.dueOn > before.dueOn).toBe(true);
  });
});
