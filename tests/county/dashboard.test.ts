/**
 * The county's dashboard, drill-down and roll-up (SPEC §16) over two townships: one with a published vote (through the
 * real routes: proposals, list, cards, casting, tally, sign-offs, publication → projects), items of the loop and
 * published evaluation rounds; one with nothing. The figures are held to the township's own figures (review), to the
 * pure rules (shared/county/figures.ts) and to each other (totals, xlsx); the overseer reads no contact, ballot or
 * answer, is refused on the township's own routes and on a township of another county.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { evalAnswers, evalRounds, evalSpent, evalTargets, items, itemAnswers, projects, rectifications } from '../../server/db/schema/index.ts';
import { ROLLUP_COLUMNS } from '../../shared/county/columns.ts';
import * as C from '../../shared/county/contract.ts';
import { addMoney, projectTiming, totalOf } from '../../shared/county/figures.ts';
import * as R from '../../shared/review/contract.ts';
import * as T from '../../shared/tally/contract.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import { Client, PASSWORD, uniq, useTestApp } from '../helpers/app.ts';
import { at, type Hall, hall, marksOf, runVote } from '../tally/helpers.ts';

const t = useTestApp();
const CONTACT = '13912345678';
let h: Hall;
let Y: number;
let countyId: string;
let emptyId: string;
let otherId: string;
let overseer: Client;
let voteId: string;
let projectIds: string[];

const dash = (query: Record<string, unknown> = {}) => overseer.call(C.getDashboard, { params: { congressId: countyId }, query: { year: Y, ...query } as never });

async function evalRound(congressId: string, projectId: string, answers: string[], spent: number) {
  const now = new Date();
  const [r] = await t.deps.db
    .insert(evalRounds)
    .values({ congressId, year: Y, title: uniq('项目满意度测评'), audiences: ['representatives'], items: { project: [{ id: 'p1', label: '完成情况', kind: 'satisfaction3' }] }, issuedRepresentatives: spent, openedAt: now, closedAt: now, publishedAt: now })
    .returning();
  await t.deps.db.insert(evalTargets).values({ roundId: r.id, kind: 'project', targetId: projectId, position: 0 });
  await t.deps.db.insert(evalSpent).values(Array.from({ length: spent }, () => ({ codeHash: uniq('h'), roundId: r.id, audience: 'representatives' as const })));
  await t.deps.db.insert(evalAnswers).values(answers.map((answer) => ({ roundId: r.id, audience: 'representatives' as const, targetKind: 'project' as const, targetId: projectId, itemId: 'p1', answer: answer as 'satisfied' })));
  return r.id;
}

beforeAll(async () => {
  h = await hall(t, { seated: 9 });
  const admin = h.admin;
  // The county over the township and an empty street; another county with a township of its own.
  countyId = (await admin.post('/api/congresses', { name: uniq('示例县第十八届人民代表大会'), level: 'county', term: 18 })).body.id;
  emptyId = (await admin.post('/api/congresses', { name: uniq('东街街道'), level: 'street', term: 18 })).body.id;
  const other = (await admin.post('/api/congresses', { name: uniq('邻县人大'), level: 'county', term: 18 })).body.id;
  otherId = (await admin.post('/api/congresses', { name: uniq('邻县某镇'), level: 'township', term: 18 })).body.id;
  for (const [child, parent] of [[h.congressId, countyId], [emptyId, countyId], [otherId, other]]) expect((await admin.put(`/api/congresses/${child}/parent`, { parentId: parent })).status).toBe(200);
  const username = uniq('overseer');
  const account = (await admin.post('/api/accounts', { username, displayName: '县人大督导', password: PASSWORD })).body;
  expect((await admin.post(`/api/congresses/${countyId}/members`, { accountId: account.id, role: 'overseer' })).status).toBe(201);
  overseer = new Client(t);
  await overseer.login(username, PASSWORD);

  // The vote, through the real routes: 9 ballots, the first two candidates for → two projects.
  Y = new Date().getFullYear(); // the year hall() gives its list
  voteId = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: `${Y}年民生实事项目票决` })).body.id;
  const { path } = await runVote(t, h, voteId, Array.from({ length: 9 }, () => marksOf(h.candidateIds, 'FF--')));
  expect((await h.roles.scrutineer.call(T.prepareTally, { params: at(path) })).status).toBe(201);
  expect((await h.roles.scrutineer.call(T.signTally, { params: at(path), body: { chief: true, invalidChecked: true } })).status).toBe(200);
  expect((await h.roles.scrutineer2.call(T.signTally, { params: at(path), body: {} })).status).toBe(200);
  expect((await h.roles.presidium.call(T.publishTally, { params: at(path) })).status).toBe(200);
  const made = await t.deps.db.select().from(projects).where(eq(projects.congressId, h.congressId));
  expect(made).toHaveLength(2);
  projectIds = made.map((p) => p.id).sort();
  // One completed on time, one still active whose planned day has passed (late); money spent on both; a rectification.
  const [p1, p2] = projectIds;
  await t.deps.db.update(projects).set({ status: 'completed', plannedCompletion: `${Y}-06-30`, completedOn: `${Y}-06-01`, spentInvestment: '12.50' }).where(eq(projects.id, p1));
  await t.deps.db.update(projects).set({ plannedCompletion: addDays(shanghaiToday(), -3), spentInvestment: '3.25' }).where(eq(projects.id, p2));

  // Two published evaluation rounds: one answered by 6 (k = 5: graded), one by 3 (withheld).
  const graded = await evalRound(h.congressId, p2, ['satisfied', 'satisfied', 'satisfied', 'satisfied', 'basic', 'dissatisfied'], 6);
  await evalRound(h.congressId, p1, ['dissatisfied', 'dissatisfied', 'dissatisfied'], 3);
  await t.deps.db.insert(rectifications).values({ congressId: h.congressId, roundId: graded, targetKind: 'project', targetId: p2, departmentId: h.department.id, grade: 'basic', requiresReevaluation: false, deadline: `${Y}-12-31` });

  // Items of the loop, with a private contact each.
  const item = async (o: { md: string; status: 'received' | 'assigned' | 'answered' | 'done'; due?: string; answered?: string; cls?: 'resolved' | 'in_progress'; feedback?: 'satisfied' | 'basically' | 'unsatisfied'; dept?: boolean; earlier?: string }) => {
    const [row] = await t.deps.db
      .insert(items)
      .values({ congressId: h.congressId, trackingCode: uniq('CT').toUpperCase(), source: 'resident', category: 'urban', title: `路灯不亮 ${o.md}`, content: '内容', receivedOn: `${Y}-${o.md}`, submitterName: '张三', submitterContact: CONTACT, status: o.status, departmentId: o.dept === false ? null : h.department.id, dueOn: o.due ? `${Y}-${o.due}` : null, answerClass: o.cls ?? null, answeredOn: o.answered ? `${Y}-${o.answered}` : null, feedback: o.feedback ?? null })
      .returning();
    if (o.earlier) await t.deps.db.insert(itemAnswers).values({ congressId: h.congressId, itemId: row.id, round: 1, departmentId: h.department.id, answerClass: 'in_progress', text: '先答复', answeredOn: `${Y}-${o.earlier}` });
    if (o.answered) await t.deps.db.insert(itemAnswers).values({ congressId: h.congressId, itemId: row.id, round: 1, departmentId: h.department.id, answerClass: o.cls ?? 'in_progress', text: '答复', answeredOn: `${Y}-${o.answered}` });
  };
  await item({ md: '01-05', status: 'done', due: '01-20', answered: '01-10', cls: 'resolved', feedback: 'satisfied' });
  await item({ md: '01-06', status: 'done', due: '01-20', answered: '01-25', cls: 'in_progress', feedback: 'unsatisfied' });
  await item({ md: '01-07', status: 'assigned', due: '01-21' });
  await item({ md: '01-08', status: 'done', dept: false, feedback: 'basically' });
  await item({ md: '01-09', status: 'received', dept: false });
  // Answered on time, returned, answered again after the deadline: on time (the first answer counts).
  await item({ md: '01-10', status: 'answered', due: '01-20', earlier: '01-15', answered: '01-28', cls: 'in_progress' });
});

describe('the county dashboard', () => {
  it('shows each township’s year: window, list, vote, projects, evaluation and the loop', async () => {
    const res = await dash();
    expect(res.status, res.text).toBe(200);
    const d = res.body;
    expect(d.county.id).toBe(countyId);
    expect(d.total).toBe(2);
    const a = d.items.find((r) => r.id === h.congressId)!;
    expect(a.parentName).toContain('示例县');
    expect(a.window).toMatchObject({ proposals: 4 });
    expect(a.list).toEqual({ state: 'frozen', candidates: 4 });
    expect(a.vote).toEqual({ state: 'published', heldOn: '2027-01-10', chosen: 2 });
    expect(a.projects).toMatchObject({ total: 2, voted: 2, completed: 1, onTime: 1, late: 1, rectified: 1, onTimeRate: 50, completedRate: 50 });
    const rows = await t.deps.db.select().from(projects).where(eq(projects.congressId, h.congressId));
    expect(a.projects.planned).toBe(addMoney(...rows.map((p) => p.plannedInvestment)));
    expect(a.projects.spent).toBe('15.75');
    // The timing rule, said once, agrees with the SQL.
    const timings = rows.map((p) => projectTiming(p, shanghaiToday()));
    expect(timings.filter((x) => x === 'on_time')).toHaveLength(a.projects.onTime);
    expect(timings.filter((x) => x === 'late')).toHaveLength(a.projects.late);
    // Two published rounds; the one under k is withheld: only the graded one's answers count (5 favourable of 6).
    expect(a.evaluation).toMatchObject({ rounds: 2, favourable: 5, answered: 6, satisfactionRate: 83.3 });
    expect(a.evaluation.satisfied + a.evaluation.basic + a.evaluation.dissatisfied).toBe(1);
    expect(a.packages).toEqual({ filed: 0, lastAt: null });
    const e = d.items.find((r) => r.id === emptyId)!;
    expect(e).toMatchObject({ level: 'street', window: { state: 'none', proposals: 0 }, list: { state: 'none' }, vote: { state: 'none', chosen: 0 }, projects: { total: 0, onTimeRate: null }, evaluation: { rounds: 0, satisfactionRate: null }, loop: { received: 0, satisfactionRate: null } });
  });

  it('counts the loop exactly as the township’s own figures do', async () => {
    const a = (await dash()).body.items.find((r) => r.id === h.congressId)!;
    const own = (await h.admin.call(R.getFigures, { params: { congressId: h.congressId }, query: { year: Y } })).body;
    for (const k of ['received', 'due', 'onTime', 'late', 'overdue', 'resolved', 'rated', 'satisfied', 'onTimeRate', 'resolvedRate', 'satisfactionRate'] as const) expect(a.loop[k], k).toBe(own.total[k]);
    expect(a.loop).toMatchObject({ received: 6, answered: 4, onTime: 2, late: 1, resolved: 2, rated: 3, satisfied: 2 });
  });

  it('gives the year’s totals over every congress below, whatever the filter', async () => {
    const all = (await dash()).body;
    const filtered = (await dash({ q: '东街' })).body;
    expect(filtered.total).toBe(1);
    expect(filtered.items[0].id).toBe(emptyId);
    expect(filtered.totals).toEqual(all.totals);
    expect(all.totals).toMatchObject({ congresses: 2, votesPublished: 1, windowsOpened: 1 });
    const sum = totalOf(all.items.map((r) => ({ projects: r.projects, evaluation: r.evaluation, loop: r.loop })));
    expect(all.totals.projects).toMatchObject(sum.projects);
    expect(all.totals.loop).toMatchObject(sum.loop);
  });

  it('sorts, filters and pages on the server', async () => {
    expect((await dash({ sort: 'items', dir: 'desc' })).body.items.map((r) => r.id)).toEqual([h.congressId, emptyId]);
    expect((await dash({ sort: 'items', dir: 'asc' })).body.items.map((r) => r.id)).toEqual([emptyId, h.congressId]);
    // Unknown rates go last whichever the direction.
    for (const dir of ['asc', 'desc']) expect((await dash({ sort: 'evaluation', dir })).body.items.at(-1)!.id).toBe(emptyId);
    const p1 = (await dash({ size: 1, page: 1 })).body;
    const p2 = (await dash({ size: 1, page: 2 })).body;
    expect([p1.total, p1.items.length, p2.items.length]).toEqual([2, 1, 1]);
    expect(p1.items[0].id).not.toBe(p2.items[0].id);
    expect((await dash({ level: 'street' })).body.items.map((r) => r.id)).toEqual([emptyId]);
    expect((await dash({ vote: 'published' })).body.items.map((r) => r.id)).toEqual([h.congressId]);
    expect((await dash({ sort: 'nonsense' })).status).toBe(400);
    expect((await dash({ year: 1999 })).status).toBe(400);
  });
});

describe('a township in detail', () => {
  it('shows the frozen list, the published result, the projects, the published grades and the loop by department', async () => {
    const res = await overseer.call(C.getChildYear, { params: { congressId: countyId, childId: h.congressId }, query: { year: Y } });
    expect(res.status, res.text).toBe(200);
    const c = res.body;
    expect(c.lists).toHaveLength(1);
    expect(c.lists[0].candidates).toHaveLength(4);
    expect(c.votes).toHaveLength(1);
    expect(c.votes[0]).toMatchObject({ id: voteId, state: 'published' });
    expect(c.votes[0].chosen).toHaveLength(2);
    expect(c.projects.map((p) => p.timing).sort()).toEqual(['late', 'on_time']);
    expect(c.projects.filter((p) => p.rectified)).toHaveLength(1);
    expect(c.evaluation).toHaveLength(2);
    const graded = c.evaluation.find((r) => r.responses === 6)!;
    expect(graded.targets[0]).toMatchObject({ withheld: false, rate: 83.3 });
    expect(c.evaluation.find((r) => r.responses === 3)!.targets[0]).toMatchObject({ withheld: true, grade: null, rate: null });
    // The dashboard's grade counts are the published results' grades.
    const a = (await dash()).body.items.find((r) => r.id === h.congressId)!;
    expect(a.evaluation[graded.targets[0].grade!]).toBe(1);
    expect(c.loop.total).toMatchObject({ received: 6, onTime: 2, resolved: 2 });
    expect(c.loop.byDepartment.find((r) => r.name.startsWith("交通局")), JSON.stringify(c.loop.byDepartment)).toMatchObject({ received: 4 });
    expect(c.figures.projects).toEqual(a.projects);
  });

  it('never shows a contact, a ballot, an answer or a running count', async () => {
    const texts = [
      (await overseer.call(C.getChildYear, { params: { congressId: countyId, childId: h.congressId }, query: { year: Y } })).text,
      (await dash()).text,
      (await overseer.call(C.getRollup, { params: { congressId: countyId }, query: { year: Y } })).text,
    ];
    for (const text of texts) {
      expect(text).not.toContain(CONTACT);
      expect(text).not.toContain('张三');
      expect(text).not.toMatch(/"(marks|receipt|ballots|bulletin|answers|comments|submitterContact|contact)"/);
    }
  });

  it('refuses a congress that is not below the county, and an id that is not one', async () => {
    const res = await overseer.call(C.getChildYear, { params: { congressId: countyId, childId: otherId } });
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('congress_not_below');
    expect((await overseer.call(C.getChildYear, { params: { congressId: countyId, childId: countyId } })).body.error?.code).toBe('congress_not_below');
    expect((await overseer.get(`/api/congresses/${countyId}/county/congresses/not-an-id`)).status).toBe(400);
  });

  it('the overseer holds no role in the township: its own routes refuse', async () => {
    for (const path of [`${h.base}/proposals`, `${h.base}/items`, `${h.base}/review/figures?year=${Y}`, `${h.base}/sessions/${h.sessionId}/votes/${voteId}/tally`, `${h.base}/evaluation-rounds`, `${h.base}/projects`]) {
      const res = await overseer.get(path);
      expect([403, 404], `${path}: ${res.status}`).toContain(res.status);
    }
    // Nor may it write anything of the township's.
    expect([403, 404]).toContain((await overseer.put(`/api/congresses/${h.congressId}/parent`, { parentId: null })).status);
    // A township's own admin does not read the county's dashboard.
    expect([403, 404]).toContain((await h.roles.admin.call(C.getDashboard, { params: { congressId: countyId } })).status);
  });
});

describe('the roll-up report', () => {
  it('per township and in total, with the trend, and the same figures in the xlsx', async () => {
    const res = await overseer.call(C.getRollup, { params: { congressId: countyId }, query: { year: Y } });
    expect(res.status, res.text).toBe(200);
    const r = res.body;
    expect(r.rows.map((x) => x.id).sort()).toEqual([h.congressId, emptyId].sort());
    const a = r.rows.find((x) => x.id === h.congressId)!;
    expect(a.projects).toMatchObject({ voted: 2, onTime: 1, late: 1, rectified: 1, spent: '15.75' });
    expect(a.loop).toMatchObject({ received: 6, answered: 4, resolved: 2 });
    expect(r.total.projects).toEqual(a.projects);
    expect(a.evaluationTrend.map((x) => x.year)).toEqual([Y - 4, Y - 3, Y - 2, Y - 1, Y]);
    expect(a.evaluationTrend.at(-1)).toEqual({ year: Y, rate: 83.3, change: null });
    expect(a.loopTrend.at(-1)!.rate).toBe(66.7);
    expect(r.total.evaluationTrend.at(-1)!.rate).toBe(83.3);

    const file = await overseer.get(`/api/congresses/${countyId}/county/rollup.xlsx?year=${Y}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const raw = await t.app.request(`/api/congresses/${countyId}/county/rollup.xlsx?year=${Y}`, { headers: { cookie: overseer.cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await raw.arrayBuffer());
    const ws = wb.worksheets[0];
    const rowOf = (name: string) => { for (let i = 3; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === name) return ws.getRow(i); throw new Error(name); };
    const x = rowOf(a.name);
    ROLLUP_COLUMNS.forEach(([, read], i) => {
      const v = read(a);
      expect(x.getCell(3 + i).value ?? '', String(i)).toBe(v === null ? '' : Number(v));
    });
    expect(ws.getRow(ws.rowCount).getCell(3).value).toBe(r.total.projects.voted);
    expect(wb.worksheets[1].rowCount).toBe(1 + 2 * (r.rows.length + 1));
  });
});
