/**
 * 待办 (issue 20, point 1): GET /api/me/work lists what is each person's to do now, computed from the data — for each
 * role, only in their own congress and (for a department) their own department; an item goes once the work is done;
 * overdue first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { orderWork } from '../../shared/home/rules.ts';
import type { WorkItem } from '../../shared/home/schema.ts';
import { addDays, openWindow, submitPublic, today } from '../gathering/helpers.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
type Made = Awaited<ReturnType<typeof congressWithRoles>> & { base: string; rep: Client; repId: string; projectId: string; inspectionId: string };
let A: Made;
let B: Made;
let admin: Client;
let depOther: Client;
const year = Number(today().slice(0, 4));
const work = async (c: Client) => {
  const res = await c.get('/api/me/work');
  expect(res.status, res.text).toBe(200);
  expect(res.body.count).toBe(res.body.items.length);
  return res.body.items as WorkItem[];
};
const kinds = (items: WorkItem[]) => items.map((i) => i.kind);

/** A congress with each role, a representative signed in by card, a project of its department, an inspection. */
async function build(): Promise<Made> {
  const made = await congressWithRoles(t, admin);
  const base = `/api/congresses/${made.congress.id}`;
  const repId = (await admin.post(`${base}/representatives`, { name: uniq('代表') })).body.id as string;
  const cards = (await admin.get(`${base}/roster/cards`)).body.cards as { url: string }[];
  const rep = new Client(t);
  const login = await rep.post('/api/auth/card-login', { token: cards[0].url.split('#')[1] });
  expect(login.status, login.text).toBe(200);
  const projectId = (await admin.post(`${base}/projects`, { year, title: uniq('道路硬化'), leadDepartmentId: made.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year + 1}-12-31` })).body.id as string;
  const insp = await admin.post(`${base}/inspections`, { projectId, date: addDays(today(), -3), title: uniq('视察'), attendeeIds: [repId] });
  expect(insp.status, insp.text).toBe(201);
  return { ...made, base, rep, repId, projectId, inspectionId: insp.body.id };
}

beforeAll(async () => {
  admin = await setupAdmin(t);
  A = await build();
  B = await build();
  // A second department of congress A, with nothing owed.
  const dep2 = (await admin.post(`${A.base}/departments`, { name: uniq('水利局'), kind: 'bureau' })).body.id;
  const u = uniq('dep2');
  await admin.post(`${A.base}/accounts`, { username: u, displayName: '水利局', password: PASSWORD, role: 'department', departmentId: dep2 });
  depOther = new Client(t);
  await depOther.login(u, PASSWORD);
});

describe('orderWork', () => {
  it('puts overdue first, then the earliest due date, undated last', () => {
    const i = (name: string, overdue: boolean, dueOn: string | null) => ({ kind: 'finding_answer' as const, congressName: 'x', name, overdue, dueOn });
    expect(orderWork([i('none', false, null), i('later', false, '2030-01-02'), i('late2', true, '2020-02-01'), i('soon', false, '2030-01-01'), i('late1', true, '2020-01-01')]).map((x) => x.name)).toEqual(['late1', 'late2', 'soon', 'later', 'none']);
  });
  it('puts, among undated items, a vote going on, then an open round, before follow-ups', () => {
    const i = (kind: 'inspection_followup' | 'round_code' | 'vote_open' | 'my_proposals') => ({ kind, congressName: 'x', name: kind, overdue: false, dueOn: null });
    expect(orderWork([i('my_proposals'), i('inspection_followup'), i('round_code'), i('vote_open')]).map((x) => x.kind)).toEqual(['vote_open', 'round_code', 'inspection_followup', 'my_proposals']);
  });
});

describe('GET /api/me/work', () => {
  it('asks for a signed-in account', async () => {
    expect((await new Client(t).get('/api/me/work')).status).toBe(401);
  });

  it("shows a representative the open round until they take their code, and nothing of another congress", async () => {
    const round = await admin.post(`${A.base}/evaluation/rounds`, { year, title: uniq('满意度测评'), audiences: ['representatives'], projectIds: [A.projectId] });
    expect(round.status, round.text).toBe(201);
    expect((await work(A.rep)).some((i) => i.objectId === round.body.id)).toBe(false); // a draft is no one's work but the staff's
    expect((await work(A.clients.admin)).find((i) => i.objectId === round.body.id)?.kind).toBe('round_draft');
    expect((await admin.post(`${A.base}/evaluation/rounds/${round.body.id}/open`, {})).status).toBe(200);
    const mine = await work(A.rep);
    expect(mine.find((i) => i.kind === 'round_code')).toMatchObject({ objectId: round.body.id, congressId: A.congress.id, href: `/c/${A.congress.id}/evaluation/${round.body.id}`, role: 'representative' });
    // Congress B's representative sees nothing of A.
    const theirs = await work(B.rep);
    expect(theirs.filter((i) => i.congressId !== B.congress.id)).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain(round.body.id);
    expect(JSON.stringify(theirs)).not.toContain(A.inspectionId);
    expect((await A.rep.post(`${A.base}/evaluation/rounds/${round.body.id}/my-code`, {})).status).toBe(201);
    expect(kinds(await work(A.rep))).not.toContain('round_code');
  });

  it("lists what a department owes, overdue first, only its own; an answered finding goes", async () => {
    const dep = A.department.id;
    const ms = await A.clients.department.post(`${A.base}/projects/${A.projectId}/milestones`, { name: '路基完工', plannedDate: addDays(today(), -5), weight: 50 });
    expect(ms.status, ms.text).toBe(201);
    const soon = await admin.post(`${A.base}/inspections/${A.inspectionId}/findings`, { text: '排水沟未按设计施工', departmentId: dep, answerDueOn: addDays(today(), 10) });
    expect(soon.status, soon.text).toBe(201);
    const late = await admin.post(`${A.base}/inspections/${A.inspectionId}/findings`, { text: '施工围挡缺失', departmentId: dep, answerDueOn: addDays(today(), -2) });
    expect(late.status, late.text).toBe(201);
    const items = await work(A.clients.department);
    const owed = items.filter((i) => ['milestone_late', 'finding_answer'].includes(i.kind));
    expect(owed.map((i) => [i.kind, i.name!.split(' · ').pop()!.slice(-6), i.overdue])).toEqual([
      ['milestone_late', '路基完工', true],
      ['finding_answer', '施工围挡缺失', true],
      ['finding_answer', '未按设计施工', false],
    ]);
    expect(owed[0].dueOn! < owed[1].dueOn!).toBe(true);
    // Another department of the same congress, and congress B's department, owe none of it.
    expect(await work(depOther)).toEqual([]);
    expect(JSON.stringify(await work(B.clients.department))).not.toContain(A.projectId);
    // The representative who joined the inspection follows its unsettled findings.
    expect((await work(A.rep)).find((i) => i.kind === 'inspection_followup')).toMatchObject({ objectId: A.inspectionId, count: 2 });
    expect(kinds(await work(B.rep))).not.toContain('inspection_followup');
    const findingId = (await A.clients.department.get(`${A.base}/findings`)).body.find((f: { text: string }) => f.text === '施工围挡缺失').id;
    const answered = await A.clients.department.post(`${A.base}/findings/${findingId}/answer`, { answer: '已补设围挡' });
    expect(answered.status, answered.text).toBe(200);
    const after = await work(A.clients.department);
    expect(after.filter((i) => i.kind === 'finding_answer').map((i) => i.name)).toEqual(['排水沟未按设计施工']);
  });

  it('shows 政府办 the proposals waiting for screening and its draft lists; staff the year’s next step', async () => {
    expect(kinds(await work(A.clients.admin))).toEqual(expect.arrayContaining(['no_window', 'no_session']));
    await openWindow(admin, A.congress.id);
    expect(kinds(await work(A.clients.admin))).not.toContain('no_window');
    expect(kinds(await work(A.clients.government))).not.toContain('proposals_to_screen');
    expect((await submitPublic(t, new Client(t), A.congress.id)).status).toBe(201);
    expect((await work(A.clients.government)).find((i) => i.kind === 'proposals_to_screen')).toMatchObject({ count: 1, href: `/c/${A.congress.id}/gathering/proposals` });
    expect(kinds(await work(B.clients.government))).not.toContain('proposals_to_screen');
  });
});
