/**
 * The demo year's duty archive (代表履职档案, SPEC §14): what staff enter — two trainings (培训) attended by many and
 * the year's reports to the constituency (述职) with their rating — through the real route. Everything else of the
 * archive (attendance, reception duty and records, items, inspections, proposals, evaluation codes) is read from what
 * the other parts of the demo made, so call this last of the loop's parts. Dates run from January to today.
 */
import { addDays, daysBetween, shanghaiToday } from '../../shared/time.ts';
import type { DemoApp } from './api.ts';
import { shanghai } from './clock.ts';
import type { Story } from './year.ts';

/** What was entered, for the loader's log and the demo test. */
export type ArchiveDemo = { trainings: number; reports: number };

export async function loadArchiveDemo(api: DemoApp, story: Story, congressId: string, year: number, password: string): Promise<ArchiveDemo> {
  const base = `/congresses/${congressId}`;
  const today = shanghaiToday();
  const start = [`${year}-01-01`, today].sort()[0];
  /** A day between 1 January and today: the year so far, as a fraction. */
  const at = (f: number) => addDays(start, Math.floor(daysBetween(start, today) * f));
  const staff = await api.caller().login('staff', password);
  const reps = ((await staff.get(`${base}/representatives`)) as { id: string; status: string }[]).filter((r) => r.status === 'seated');
  const ids = reps.map((r) => r.id);
  const enter = async (day: string, body: Record<string, unknown>) => {
    story.clock.set(shanghai(day, '17:00'));
    return ((await staff.post(`${base}/archive/entries`, { heldOn: day, ...body })).ids as string[]).length;
  };
  // Spring: the year's training for every representative but a few who sent word they could not come.
  let trainings = await enter(at(0.2), { representativeIds: ids.filter((_, i) => i % 9 !== 5), kind: 'training', title: `${year}年度代表履职能力提升培训班`, note: '县人大常委会组织，集中学习两天' });
  // Autumn: a topic training on the budget for the finance and economy group.
  trainings += await enter(at(0.65), { representativeIds: ids.slice(0, 12), kind: 'training', title: '预算审查监督专题培训', note: '' });
  // Reports to the constituency (述职), rated by the voters present (述职评议).
  const ratings = ['satisfied', 'satisfied', 'satisfied', 'basically', 'satisfied', 'satisfied', 'basically', 'satisfied'] as const;
  let reports = 0;
  for (const [i, rating] of ratings.entries())
    reports += await enter(at(0.75 + i * 0.02), { representativeIds: [ids[Math.floor((i * ids.length) / ratings.length)]], kind: 'report', title: `向第${i + 1}选区选民述职`, rating, note: `选民代表 ${24 + i * 3} 人参加评议` });
  await story.warp();
  return { trainings, reports };
}
