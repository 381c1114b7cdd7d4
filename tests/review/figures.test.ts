/**
 * The loop's figures (SPEC §13) through the API, checked against hand-counted items: received, answered on time,
 * resolved, satisfaction, reopened — in total and by department, category, station and month; the SQL counts held to
 * the pure statement of the rules (shared/review/figures.ts); a department account sees its own department only; the
 * handling ratings shown only from kMin raters; the CSV and the xlsx carry the same numbers.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { itemAnswers, items, handlingRatings, stations } from '../../server/db/schema/index.ts';
import type { AnswerClass, FeedbackGrade, ItemCategory, ItemStatus } from '../../shared/items/enums.ts';
import * as C from '../../shared/review/contract.ts';
import { figuresOf, withRates, type ItemFact } from '../../shared/review/figures.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import { Client, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
/** Last year: every deadline below has passed, so "overdue" does not depend on the day the test runs. */
const Y = shanghaiYear() - 1;
const d = (md: string) => `${Y}-${md}`;
let admin: Client;
let roles: Record<string, Client>;
let congressId: string;
let depA: string;
let depB: string;
let s1: string;
const facts: ItemFact[] = [];

type Made = { md: string; dept: 'A' | 'B' | null; station: boolean; category: ItemCategory; status: ItemStatus; due?: string; answers?: string[]; cls?: AnswerClass; feedback?: FeedbackGrade; round?: number; day?: string };

async function make(m: Made) {
  const db = t.deps.db;
  const departmentId = m.dept === 'A' ? depA : m.dept === 'B' ? depB : null;
  const receivedOn = m.day ?? d(m.md);
  const [row] = await db
    .insert(items)
    .values({
      congressId,
      trackingCode: uniq('RV').toUpperCase(),
      source: 'staff',
      category: m.category,
      title: `事项 ${receivedOn}`,
      content: '内容',
      receivedOn,
      stationId: m.station ? s1 : null,
      status: m.status,
      round: m.round ?? 1,
      departmentId,
      dueOn: m.due ? d(m.due) : null,
      answerClass: m.cls ?? null,
      answeredOn: m.answers?.length ? d(m.answers.at(-1)!) : null,
      feedback: m.feedback ?? null,
    })
    .returning();
  for (const a of m.answers ?? []) await db.insert(itemAnswers).values({ congressId, itemId: row.id, round: 1, departmentId, answerClass: m.cls ?? 'in_progress', text: '答复', answeredOn: d(a) });
  if (receivedOn.startsWith(String(Y)))
    facts.push({ departmentId, stationId: row.stationId, category: m.category, receivedOn, status: m.status, dueOn: row.dueOn, firstAnsweredOn: m.answers?.length ? d(m.answers[0]) : null, answerClass: m.cls ?? null, feedback: m.feedback ?? null, round: m.round ?? 1 });
  return row;
}

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  roles = made.clients;
  congressId = made.congress.id;
  depA = made.department.id;
  depB = (await admin.post(`/api/congresses/${congressId}/departments`, { name: uniq('水利局'), kind: 'bureau' })).body.id;
  [{ id: s1 }] = await t.deps.db.insert(stations).values({ congressId, name: '中心联络站', kind: 'central' }).returning();
  // 1: A, answered on time, resolved, 满意
  await make({ md: '01-10', dept: 'A', station: true, category: 'urban', status: 'done', due: '01-31', answers: ['01-20'], cls: 'resolved', feedback: 'satisfied' });
  // 2: A, answered late, 不满意, reopened, done again
  await make({ md: '01-15', dept: 'A', station: false, category: 'urban', status: 'done', due: '02-05', answers: ['02-10'], cls: 'in_progress', feedback: 'unsatisfied', round: 2 });
  // 3: A, no answer, past due
  await make({ md: '02-03', dept: 'A', station: true, category: 'social', status: 'assigned', due: '02-20' });
  // 4: B, answered on time, waiting for staff
  await make({ md: '02-05', dept: 'B', station: false, category: 'social', status: 'answered', due: '03-01', answers: ['02-25'], cls: 'planned' });
  // 8: B, first answer on time but returned: assigned again, now past due
  await make({ md: '02-10', dept: 'B', station: true, category: 'ecology', status: 'assigned', due: '02-12', answers: ['02-11'], cls: 'in_progress' });
  // 5: answered on the spot (no department), 基本满意
  await make({ md: '03-01', dept: null, station: true, category: 'rural', status: 'done', feedback: 'basically' });
  // 6: waiting for triage
  await make({ md: '03-02', dept: null, station: false, category: 'other', status: 'received' });
  // 7: the year before: not counted, but open on the sheet
  await make({ md: '', day: `${Y - 1}-12-30`, dept: null, station: false, category: 'other', status: 'received' });
  // Handling ratings: five for A (shown at kMin 5), two for B (not shown).
  const r = (departmentId: string, attitude: FeedbackGrade, handling: FeedbackGrade, effect: FeedbackGrade) => ({ congressId, departmentId, year: Y, attitude, handling, effect });
  await t.deps.db.insert(handlingRatings).values([
    r(depA, 'satisfied', 'satisfied', 'basically'),
    r(depA, 'satisfied', 'basically', 'basically'),
    r(depA, 'satisfied', 'unsatisfied', 'unsatisfied'),
    r(depA, 'basically', 'satisfied', 'satisfied'),
    r(depA, 'unsatisfied', 'satisfied', 'satisfied'),
    r(depB, 'satisfied', 'satisfied', 'satisfied'),
    r(depB, 'satisfied', 'satisfied', 'satisfied'),
  ]);
});

const counts = (o: Partial<Record<string, number>>) => ({ received: 0, due: 0, onTime: 0, late: 0, overdue: 0, resolved: 0, rated: 0, satisfied: 0, reopened: 0, ...o });

describe('figures', () => {
  it('counts the year by hand: total and each grouping', async () => {
    const res = await admin.call(C.getFigures, { params: { congressId }, query: { year: Y } });
    expect(res.status).toBe(200);
    const f = res.body;
    expect(f.total).toEqual({ ...counts({ received: 7, due: 5, onTime: 3, late: 1, overdue: 1, resolved: 2, rated: 3, satisfied: 2, reopened: 1 }), onTimeRate: 60, resolvedRate: 28.6, satisfactionRate: 66.7 });
    const dep = (id: string | null) => f.byDepartment.find((r) => r.id === id);
    expect(dep(depA)).toMatchObject(counts({ received: 3, due: 3, onTime: 1, late: 1, overdue: 1, resolved: 1, rated: 2, satisfied: 1, reopened: 1 }));
    expect(dep(depA)!.onTimeRate).toBeCloseTo(33.3);
    expect(dep(depB)).toMatchObject({ ...counts({ received: 2, due: 2, onTime: 2 }), onTimeRate: 100, satisfactionRate: null });
    expect(dep(null)).toMatchObject({ ...counts({ received: 2, resolved: 1, rated: 1, satisfied: 1 }), name: '', onTimeRate: null });
    expect(f.byDepartment.at(-1)!.id).toBeNull();
    expect(f.byMonth.map((m) => [m.month, m.received])).toEqual([
      [d('01'), 2],
      [d('02'), 3],
      [d('03'), 2],
    ]);
    expect(f.byStation.find((s) => s.id === s1)).toMatchObject({ name: '中心联络站', received: 4, resolved: 2, overdue: 1 });
    expect(f.byStation.find((s) => s.id === null)).toMatchObject({ received: 3 });
    expect(Object.fromEntries(f.byCategory.map((c) => [c.category, c.received]))).toEqual({ urban: 2, social: 2, rural: 1, other: 1, ecology: 1 });
  });

  it('the SQL counts are the pure rules over the same items', async () => {
    const f = (await admin.call(C.getFigures, { params: { congressId }, query: { year: Y } })).body;
    const pure = figuresOf(facts, shanghaiToday());
    expect(f.total).toEqual(withRates(pure.total));
    for (const r of f.byDepartment) expect(r).toMatchObject(withRates(pure.department.get(r.id)!));
    for (const r of f.byStation) expect(r).toMatchObject(withRates(pure.station.get(r.id)!));
    for (const r of f.byMonth) expect(r).toMatchObject(withRates(pure.month.get(r.month)!));
    for (const r of f.byCategory) expect(r).toMatchObject(withRates(pure.category.get(r.category)!));
    expect(f.byDepartment.length).toBe(pure.department.size);
  });

  it('a year without items counts nothing', async () => {
    const f = (await admin.call(C.getFigures, { params: { congressId }, query: { year: Y - 3 } })).body;
    expect(f.total).toMatchObject({ ...counts({}), onTimeRate: null, resolvedRate: null, satisfactionRate: null });
    expect(f.byDepartment).toEqual([]);
  });

  it('handling ratings: the grades shown with at least kMin ratings, else only how many', async () => {
    const f = (await admin.call(C.getFigures, { params: { congressId }, query: { year: Y } })).body;
    expect(f.kMin).toBe(5);
    const a = f.ratings.find((r) => r.departmentId === depA)!;
    expect(a).toMatchObject({ shown: true, n: 5, attitude: { satisfied: 3, basically: 1, unsatisfied: 1, rate: 80 }, handling: { satisfied: 3, basically: 1, unsatisfied: 1 }, effect: { satisfied: 2, basically: 2, unsatisfied: 1 } });
    const b = f.ratings.find((r) => r.departmentId === depB)!;
    expect(b).toEqual({ departmentId: depB, name: expect.any(String), shown: false, n: 2, attitude: null, handling: null, effect: null });
  });

  it('a department account sees its own department only, and cannot ask for another', async () => {
    const res = await roles.department.call(C.getFigures, { params: { congressId }, query: { year: Y } });
    expect(res.status).toBe(200);
    expect(res.body.department?.id).toBe(depA);
    expect(res.body.total).toMatchObject(counts({ received: 3, due: 3, onTime: 1, late: 1, overdue: 1, resolved: 1, rated: 2, satisfied: 1, reopened: 1 }));
    expect(res.body.byDepartment.map((r) => r.id)).toEqual([depA]);
    expect(res.body.ratings.map((r) => r.departmentId)).toEqual([depA]);
    expect(JSON.stringify(res.body)).not.toContain(depB);
    const other = await roles.department.call(C.getFigures, { params: { congressId }, query: { year: Y, departmentId: depB } });
    expect(other.status).toBe(404);
    expect(other.body.error?.code).toBe('figures_department');
    expect((await roles.department.call(C.getFiguresCsv, { params: { congressId }, query: { year: Y, departmentId: depB } })).status).toBe(404);
  });

  it('staff narrow to one department; an unknown department is 404', async () => {
    const res = await roles.government.call(C.getFigures, { params: { congressId }, query: { year: Y, departmentId: depB } });
    expect(res.body.total.received).toBe(2);
    expect(res.body.byMonth.map((m) => m.month)).toEqual([d('02')]);
    expect((await admin.call(C.getFigures, { params: { congressId }, query: { year: Y, departmentId: crypto.randomUUID() } })).status).toBe(404);
  });

  it('refuses a bad year, and roles that do not read figures', async () => {
    expect((await admin.call(C.getFigures, { params: { congressId }, query: { year: 'x' as never } })).status).toBe(400);
    expect((await admin.get(`/api/congresses/${congressId}/review/figures`)).status).toBe(400);
    expect((await roles.representative.call(C.getFigures, { params: { congressId }, query: { year: Y } })).status).toBe(403);
    expect((await roles.scrutineer.call(C.getFigures, { params: { congressId }, query: { year: Y } })).status).toBe(403);
  });

  it('the CSV carries the same numbers, with a BOM, in blocks', async () => {
    const res = await admin.call(C.getFiguresCsv, { params: { congressId }, query: { year: Y } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const lines = res.text.split('\r\n');
    expect(lines.some((l) => l.startsWith('按承办单位'))).toBe(true);
    expect(lines).toContain('合计,7,5,3,1,1,60,2,28.6,3,2,66.7,1');
    expect(lines).toContain('2026-01,2,2,1,1,0,50,1,50,2,1,50,1'.replace('2026', String(Y)));
    expect(lines.some((l) => l.includes('人数过少不显示'))).toBe(true);
  });

  it('the xlsx, read back with exceljs, carries the same numbers', async () => {
    const res = await t.app.request(`/api/congresses/${congressId}/review/figures.xlsx?year=${Y}`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体', '承办单位', '类别', '联络站', '月份', '代表评价']);
    const total = wb.getWorksheet('总体')!.getRow(2).values as unknown[];
    expect(total.slice(1)).toEqual(['合计', 7, 5, 3, 1, 1, 60, 2, 28.6, 3, 2, 66.7, 1]);
    const months = wb.getWorksheet('月份')!;
    expect(months.getRow(3).getCell(1).value).toBe(d('02'));
    expect(months.getRow(3).getCell(2).value).toBe(3);
    const ratings = wb.getWorksheet('代表评价')!;
    const rows = [2, 3].map((i) => ratings.getRow(i).values as unknown[]);
    expect(rows.some((r) => r[2] === 5 && r[3] === 3)).toBe(true);
    expect(rows.some((r) => r[2] === 2 && r[3] === '人数过少不显示')).toBe(true);
  });
});
