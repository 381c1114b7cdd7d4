/**
 * The demo year's review part (SPEC §13 审核研判): the official holiday calendar uploaded as the office would (a CSV of
 * the year's 休 and 班 days, through the real raw-upload route) — call `loadCalendarDemo` BEFORE items are assigned, so
 * their deadlines count the holidays — and, once the items exist, a monthly review meeting (集中研判) for each month of
 * the year that has ended, its decisions written from that month's sheet (`loadReviewDemo`, after the items part).
 */
import { addDays, shanghaiToday } from '../../shared/time.ts';
import { isWorkingDay, calendarOf } from '../../shared/items/working-days.ts';
import type { Sheet } from '../../shared/review/schema.ts';
import type { Caller, DemoApp } from './api.ts';
import { shanghai } from './clock.ts';
import type { Story } from './year.ts';

/** The State Council's arrangements (国务院办公厅关于节假日安排的通知) for the years the demo knows; other years get the fixed-date holidays only. */
const OFFICIAL: Record<number, string> = {
  2025: `2025-01-01,休,元旦
2025-01-26,班,春节调休
2025-01-28,休,春节
2025-01-29,休,春节
2025-01-30,休,春节
2025-01-31,休,春节
2025-02-01,休,春节
2025-02-02,休,春节
2025-02-03,休,春节
2025-02-04,休,春节
2025-02-08,班,春节调休
2025-04-04,休,清明节
2025-04-05,休,清明节
2025-04-06,休,清明节
2025-04-27,班,劳动节调休
2025-05-01,休,劳动节
2025-05-02,休,劳动节
2025-05-03,休,劳动节
2025-05-04,休,劳动节
2025-05-05,休,劳动节
2025-05-31,休,端午节
2025-06-01,休,端午节
2025-06-02,休,端午节
2025-09-28,班,国庆节调休
2025-10-01,休,国庆节、中秋节
2025-10-02,休,国庆节、中秋节
2025-10-03,休,国庆节、中秋节
2025-10-04,休,国庆节、中秋节
2025-10-05,休,国庆节、中秋节
2025-10-06,休,国庆节、中秋节
2025-10-07,休,国庆节、中秋节
2025-10-08,休,国庆节、中秋节
2025-10-11,班,国庆节调休`,
  2026: `2026-01-01,休,元旦
2026-01-02,休,元旦
2026-01-03,休,元旦
2026-01-04,班,元旦调休
2026-02-14,班,春节调休
2026-02-15,休,春节
2026-02-16,休,春节
2026-02-17,休,春节
2026-02-18,休,春节
2026-02-19,休,春节
2026-02-20,休,春节
2026-02-21,休,春节
2026-02-22,休,春节
2026-02-23,休,春节
2026-02-28,班,春节调休
2026-04-04,休,清明节
2026-04-05,休,清明节
2026-04-06,休,清明节
2026-05-01,休,劳动节
2026-05-02,休,劳动节
2026-05-03,休,劳动节
2026-05-04,休,劳动节
2026-05-05,休,劳动节
2026-05-09,班,劳动节调休
2026-06-19,休,端午节
2026-06-20,休,端午节
2026-06-21,休,端午节
2026-09-20,班,国庆节调休
2026-09-25,休,中秋节
2026-09-26,休,中秋节
2026-09-27,休,中秋节
2026-10-01,休,国庆节
2026-10-02,休,国庆节
2026-10-03,休,国庆节
2026-10-04,休,国庆节
2026-10-05,休,国庆节
2026-10-06,休,国庆节
2026-10-07,休,国庆节
2026-10-10,班,国庆节调休`,
};
const fixedOnly = (y: number) => [`${y}-01-01,休,元旦`, ...[1, 2, 3].map((d) => `${y}-05-0${d},休,劳动节`), ...[1, 2, 3, 4, 5, 6, 7].map((d) => `${y}-10-0${d},休,国庆节`)].join('\n');
export const calendarCsv = (year: number) => `日期,类型,名称\n${OFFICIAL[year] ?? fixedOnly(year)}\n`;

/** A raw CSV body through the real route (the demo's callers speak JSON). */
async function postCsv(api: DemoApp, who: Caller, path: string, csv: string) {
  const res = await api.app.request(`/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${who.token}`, 'content-type': 'text/csv', 'x-forwarded-for': who.ip, 'accept-language': 'zh-CN' }, body: csv });
  if (res.status >= 300) throw new Error(`demo: POST ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as { days: unknown[] };
}

export type CalendarDemo = { years: number[]; days: number };

/** The year's official calendar and the next year's (deadlines set in December run into January). Call before items are assigned. */
export async function loadCalendarDemo(api: DemoApp, story: Story, congressId: string, year: number, password: string): Promise<CalendarDemo> {
  const staff = await api.caller().login('staff', password);
  story.clock.set(shanghai([`${year}-01-05`, shanghaiToday()].sort()[0], '09:30'));
  let days = 0;
  for (const y of [year, year + 1]) days += (await postCsv(api, staff, `/congresses/${congressId}/calendar/years/${y}`, calendarCsv(y))).days.length;
  await story.warp();
  return { years: [year, year + 1], days };
}

export type ReviewDemo = { meetings: number };

/** The decisions a meeting would take on this sheet: the departments with overdue items first, then the unsatisfied. */
function decisionsOf(s: Sheet): string {
  const lines: string[] = [];
  const overdue = s.byDepartment.filter((d) => d.id && d.overdue > 0).sort((a, b) => b.overdue - a.overdue);
  const unsatisfied = s.byDepartment.filter((d) => d.id && d.unsatisfied > 0);
  if (overdue.length) lines.push(`${overdue.map((d) => `${d.name}（超期 ${d.overdue} 件）`).join('、')}：由分管副主任约谈，逾期事项一周内书面说明原因并明确办结时间。`);
  if (s.overdue.length) lines.push(`“${s.overdue[0].title}”列入重点督办，安排现场督办。`);
  if (unsatisfied.length) lines.push(`群众不满意事项（${unsatisfied.map((d) => `${d.name} ${d.unsatisfied} 件`).join('、')}）已重新交办，下月研判会听取办理情况。`);
  lines.push(`本月收到意见建议 ${s.received} 件；各联络站继续按计划开展接待，下月 15 日前报送接待登记。`);
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}

/** A review meeting for each month of the year that has ended, held on its last working day, its decisions from the sheet. Call after the items part. */
export async function loadReviewDemo(api: DemoApp, story: Story, congressId: string, year: number, password: string): Promise<ReviewDemo> {
  const staff = await api.caller().login('staff', password);
  const base = `/congresses/${congressId}`;
  const cal = calendarOf(((await staff.get(`${base}/calendar?year=${year}`)) as { days: { day: string; kind: 'holiday' | 'workday' }[] }).days);
  const today = shanghaiToday();
  let meetings = 0;
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    let day = addDays(`${m === 12 ? year + 1 : year}-${String((m % 12) + 1).padStart(2, '0')}-01`, -1);
    if (day >= today) break;
    while (!isWorkingDay(day, cal)) day = addDays(day, -1);
    story.clock.set(shanghai(day, '15:00'));
    const sheet = (await staff.get(`${base}/review/sheet?month=${month}`)) as Sheet;
    await staff.put(`${base}/review/meetings`, { month, heldOn: day, attendees: '常委会主任、副主任，人代工委，各承办单位分管负责人，各联络站站长', decisions: decisionsOf(sheet) });
    meetings++;
  }
  await story.warp();
  return { meetings };
}
