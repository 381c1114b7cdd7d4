/**
 * 待办 (issue 20, point 1): GET /api/me/work lists what is each person's to do now, computed from the data — for each
 * role, only in their own congress and (for a department) their own department; an item goes once the work is done;
 * overdue first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Auth from '../../shared/auth/contract.ts';
import * as Home from '../../shared/home/contract.ts';
import { collectionYear, orderWork, sharedPlace } from '../../shared/home/rules.ts';
import type { RepCongress, WorkItem } from '../../shared/home/schema.ts';
import { addDays, allChecks, candidateFields, openWindow, proposalFields, submitPublic, today } from '../gathering/helpers.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { hall, type Hall, marksOf, runVote, secretOf } from '../tally/helpers.ts';

const t = useTestApp();
type Made = Awaited<ReturnType<typeof congressWithRoles>> & { base: string; rep: Client; repId: string; projectId: string; inspectionId: string };
let A: Made;
let B: Made;
let admin: Client;
let depOther: Client;
const year = Number(today().slice(0, 4));
const work = async (c: Client) => {
  const res = await c.call(Home.myWork);
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
  const login = await rep.call(Auth.cardLogin, { body: { token: cards[0].url.split('#')[1] } });
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
    const i = (kind: 'inspection_followup' | 'round_code' | 'vote_open') => ({ kind, congressName: 'x', name: kind, overdue: false, dueOn: null });
    expect(orderWork([i('inspection_followup'), i('round_code'), i('vote_open')]).map((x) => x.kind)).toEqual(['vote_open', 'round_code', 'inspection_followup']);
  });
});

describe('GET /api/me/work', () => {
  it('asks for a signed-in account', async () => {
    expect((await new Client(t).call(Home.myWork)).status).toBe(401);
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
    await openWindow(admin, A.congress.id, collectionYear(today()));
    expect(kinds(await work(A.clients.admin))).not.toContain('no_window');
    expect(kinds(await work(A.clients.government))).not.toContain('proposals_to_screen');
    expect((await submitPublic(t, new Client(t), A.congress.id)).status).toBe(201);
    expect((await work(A.clients.government)).find((i) => i.kind === 'proposals_to_screen')).toMatchObject({ count: 1, href: `/c/${A.congress.id}/gathering/proposals` });
    expect(kinds(await work(B.clients.government))).not.toContain('proposals_to_screen');
  });
});

describe('GET /api/me/work — departments: rectifications and change requests', () => {
  it('lists a change request of its project until it is decided', async () => {
    const req = await A.clients.department.post(`${A.base}/projects/${A.projectId}/changes`, { kind: 'major_change', reason: '设计变更，需延长工期', changes: { plannedCompletion: `${year + 2}-06-30` } });
    expect(req.status, req.text).toBe(201);
    const changeId = (req.body.changes as { id: string; state: string }[]).find((x) => x.state === 'pending')!.id;
    const mine = (await work(A.clients.department)).find((i) => i.kind === 'change_waiting');
    expect(mine).toMatchObject({ objectId: changeId, href: `/c/${A.congress.id}/projects/${A.projectId}`, role: 'department' });
    expect(mine!.name).toContain('道路硬化');
    expect(kinds(await work(depOther))).not.toContain('change_waiting');
    const decided = await admin.post(`${A.base}/projects/${A.projectId}/changes/${changeId}/decide`, { approved: false, decidedBy: 'standing_committee', decisionDate: today() });
    expect(decided.status, decided.text).toBe(200);
    expect(kinds(await work(A.clients.department))).not.toContain('change_waiting');
  });

  it('lists the rectifications a published 不满意 opens, until the department reports', async () => {
    const round = await admin.post(`${A.base}/evaluation/rounds`, { year, title: uniq('群众测评'), audiences: ['residents'], projectIds: [A.projectId], allowUnknown: false });
    expect(round.status, round.text).toBe(201);
    const path = `${A.base}/evaluation/rounds/${round.body.id}`;
    expect((await admin.post(`${path}/open`, {})).status).toBe(200);
    expect((await admin.post(`${path}/codes`, { audience: 'residents', count: 5 })).status).toBe(201);
    for (const code of (await admin.get(`${path}/codes?audience=residents`)).body as { url: string }[]) {
      const token = code.url.split('#')[1];
      const q = (await new Client(t).post('/api/public/evaluation/open', { token })).body;
      const answers = q.targets.flatMap((tg: { kind: 'project' | 'department'; id: string }) => q.round.items[tg.kind].map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'dissatisfied' })));
      expect((await new Client(t).post('/api/public/evaluation/submit', { token, answers })).status).toBe(200);
    }
    expect((await admin.post(`${path}/close`, {})).status).toBe(200);
    expect((await admin.post(`${path}/publish`, {})).status).toBe(200);
    const rects = (await A.clients.department.get(`${A.base}/rectifications`)).body as { id: string; deadline: string | null; state: string }[];
    expect(rects.length).toBeGreaterThan(0);
    const due = (await work(A.clients.department)).filter((i) => i.kind === 'rectification_due');
    expect(due.map((i) => i.objectId).sort()).toEqual(rects.map((r) => r.id).sort());
    expect(due.every((i) => i.href === `/c/${A.congress.id}/rectifications`)).toBe(true);
    expect(due.map((i) => i.dueOn).sort()).toEqual(rects.map((r) => r.deadline).sort());
    expect(kinds(await work(depOther))).not.toContain('rectification_due');
    expect(kinds(await work(B.clients.department))).not.toContain('rectification_due');
    const reported = await A.clients.department.post(`${A.base}/rectifications/${rects[0].id}/report`, { report: '已增派人员，建立周报制度。' });
    expect(reported.status, reported.text).toBe(200);
    expect((await work(A.clients.department)).filter((i) => i.kind === 'rectification_due').map((i) => i.objectId)).not.toContain(rects[0].id);
  });

  it('names the year of a collection window not yet opened (next year’s from July), as a number the page words', async () => {
    const next = collectionYear(today());
    expect(next).toBe(year + (Number(today().slice(5, 7)) >= 7 ? 1 : 0));
    expect((await work(B.clients.admin)).find((i) => i.kind === 'no_window')).toMatchObject({ year: next, name: null, href: `/c/${B.congress.id}/gathering` });
    await openWindow(admin, B.congress.id, next);
    expect(kinds(await work(B.clients.admin))).not.toContain('no_window');
  });
});

describe('GET /api/me/work — the hall: presidium, scrutineers and a representative, step by step', () => {
  let h: Hall;
  let rep: Client;
  let vote: string;
  let path: string;
  let cards: { serial: string; url: string }[];
  const of = async (c: Client, kind: WorkItem['kind']) => (await work(c)).filter((i) => i.kind === kind && i.congressId === h.congressId);

  beforeAll(async () => {
    h = await hall(t, { seated: 9, seats: 2 });
    // A representative who signs in by card, of the group named after the place of the second candidate (自来水).
    const repId = (await h.admin.post(`${h.base}/representatives`, { name: '卡代表', delegation: '自来水代表小组' })).body.id as string;
    const card = ((await h.admin.get(`${h.base}/roster/cards`)).body.cards as { name: string; url: string }[]).find((x) => x.name === '卡代表')!;
    rep = new Client(t);
    expect((await rep.call(Auth.cardLogin, { body: { token: card.url.split('#')[1] } })).status).toBe(200);
    expect((await h.admin.put(`${h.base}/sessions/${h.sessionId}/attendance/${repId}`, { status: 'present' })).status).toBe(200);
  });

  it('asks the scrutineers for cards, then for the cards handed out; the presidium to open once cards exist', async () => {
    const res = await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '民生实事项目票决' });
    expect(res.status, res.text).toBe(201);
    vote = res.body.id;
    path = `${h.base}/sessions/${h.sessionId}/votes/${vote}`;
    const href = `/c/${h.congressId}/sessions/${h.sessionId}/votes/${vote}`;
    expect(await of(h.roles.scrutineer, 'vote_cards')).toMatchObject([{ objectId: vote, href, role: 'scrutineer', name: '民生实事项目票决' }]);
    expect(await of(h.roles.presidium, 'vote_to_open')).toEqual([]);
    expect((await h.roles.scrutineer.post(`${path}/cards`, {})).status).toBe(201);
    cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards;
    expect(await of(h.roles.scrutineer, 'vote_cards')).toEqual([]);
    expect(await of(h.roles.scrutineer, 'issued_count')).toMatchObject([{ objectId: vote, href }]);
    expect(await of(h.roles.scrutineer2, 'issued_count')).toHaveLength(1);
    expect(await of(h.roles.presidium, 'vote_to_open')).toMatchObject([{ objectId: vote, href, role: 'presidium' }]);
    for (const c of cards.slice(0, 8)) expect((await h.roles.scrutineer.post(`${path}/issue`, { card: c.serial })).status).toBe(200);
    expect(await of(h.roles.scrutineer, 'issued_count')).toEqual([]);
  });

  it('asks the presidium to close an open vote; tells the representative to vote on a hall tablet and shows the session', async () => {
    expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
    expect(await of(h.roles.presidium, 'vote_to_open')).toEqual([]);
    expect(await of(h.roles.presidium, 'vote_to_close')).toMatchObject([{ objectId: vote }]);
    // Representatives vote on the hall's tablets: the item leads to the candidates they vote on, not to the big screen.
    expect(await of(rep, 'vote_open')).toMatchObject([{ objectId: vote, href: `/p/${h.congressId}/candidates?list=${h.listId}`, role: 'representative' }]);
    const home = ((await rep.call(Home.representativeHome)).body.congresses as RepCongress[]).find((c) => c.congressId === h.congressId)!;
    expect(home.session).toMatchObject({ id: h.sessionId, seated: 10, present: 10, checkedIn: true, votes: [{ id: vote, state: 'open', listId: h.listId }] });
    for (const c of cards.slice(0, 6)) {
      const token = c.url.split('#')[1];
      expect((await new Client(t).post('/api/public/ballot/cast', { token, marks: marksOf(h.candidateIds, 'FF'), retry: secretOf(token) })).status).toBe(200);
    }
    expect((await h.roles.presidium.post(`${path}/close`, {})).status).toBe(200);
    expect(await of(h.roles.presidium, 'vote_to_close')).toEqual([]);
    expect(await of(rep, 'vote_open')).toEqual([]);
  });

  it('asks the scrutineers to enter paper ballots and count, then each to sign; the presidium to publish once signed', async () => {
    expect(await of(h.roles.scrutineer, 'tally_to_prepare')).toMatchObject([{ objectId: vote }]);
    expect((await h.roles.scrutineer.post(`${path}/paper`, { card: cards[6].serial, marks: {} })).status).toBe(200);
    expect(await of(h.roles.scrutineer, 'paper_pending')).toMatchObject([{ objectId: vote, count: 1 }]);
    expect(await of(h.roles.scrutineer2, 'paper_pending')).toMatchObject([{ objectId: vote, count: 1 }]);
    expect((await h.roles.scrutineer2.post(`${path}/paper`, { card: cards[6].serial, marks: {} })).body.state).toBe('counted');
    expect(await of(h.roles.scrutineer, 'paper_pending')).toEqual([]);
    expect((await h.roles.scrutineer.post(`${path}/tally`, {})).status).toBe(201);
    expect(await of(h.roles.scrutineer, 'tally_to_prepare')).toEqual([]);
    expect(await of(h.roles.scrutineer, 'tally_to_sign')).toMatchObject([{ objectId: vote }]);
    expect(await of(h.roles.scrutineer2, 'tally_to_sign')).toMatchObject([{ objectId: vote }]);
    expect((await h.roles.scrutineer.post(`${path}/tally/signoff`, { chief: true, invalidChecked: true })).status).toBe(200);
    expect(await of(h.roles.scrutineer, 'tally_to_sign')).toEqual([]);
    expect(await of(h.roles.scrutineer2, 'tally_to_sign')).toHaveLength(1);
    expect(await of(h.roles.presidium, 'tally_to_publish')).toEqual([]); // one signature of the two needed
    expect((await h.roles.scrutineer2.post(`${path}/tally/signoff`, {})).status).toBe(200);
    expect(await of(h.roles.presidium, 'tally_to_publish')).toMatchObject([{ objectId: vote, role: 'presidium' }]);
    expect((await h.roles.presidium.post(`${path}/tally/publish`, {})).status).toBe(200);
    expect(await of(h.roles.presidium, 'tally_to_publish')).toEqual([]);
    expect(await of(h.roles.scrutineer2, 'tally_to_sign')).toEqual([]);
  });

  it("shows the representative the year's projects with progress, theirs first and why; the session only while it is on", async () => {
    const home = ((await rep.call(Home.representativeHome)).body.congresses as RepCongress[]).find((c) => c.congressId === h.congressId)!;
    expect(home.session).toBeNull(); // held on another day, no vote open now
    expect(home.projects.map((p) => p.title)).toEqual(['自来水工程', '道路硬化工程']);
    expect(home.projects[0]).toMatchObject({ ties: ['place'], place: '自来水', derivedProgress: null });
    expect(home.projects[1].ties).toEqual([]);
    // Progress follows the milestones; an inspection they joined ties the other project to them.
    const road = home.projects[1].id;
    expect((await h.admin.post(`${h.base}/projects/${road}/milestones`, { name: '路基', plannedDate: addDays(today(), 30), weight: 50 })).status).toBe(201);
    const ms = (await h.admin.post(`${h.base}/projects/${road}/milestones`, { name: '路面', plannedDate: addDays(today(), 60), weight: 50 })).body.milestoneList as { id: string; name: string }[];
    expect((await h.admin.patch(`${h.base}/projects/${road}/milestones/${ms.find((m) => m.name === '路基')!.id}`, { status: 'done', actualDate: today() })).status).toBe(200);
    const repId = ((await h.admin.get(`${h.base}/representatives`)).body as { id: string; name: string }[]).find((r) => r.name === '卡代表')!.id;
    expect((await h.admin.post(`${h.base}/inspections`, { projectId: road, date: today(), title: '道路视察', attendeeIds: [repId] })).status).toBe(201);
    const after = ((await rep.call(Home.representativeHome)).body.congresses as RepCongress[]).find((c) => c.congressId === h.congressId)!;
    expect(after.projects.map((p) => [p.title, p.ties, p.derivedProgress])).toEqual([
      ['自来水工程', ['place'], null],
      ['道路硬化工程', ['inspected'], 50],
    ]);
    // Another congress's representative sees none of it.
    expect(JSON.stringify((await A.rep.call(Home.representativeHome)).body)).not.toContain(h.congressId);
  });

  it('shows the representative each proposal they made and what became of it (on their home, not as a to-do)', async () => {
    const mine: Record<string, string> = {};
    for (const title of ['甲村卫生室', '乙村文化广场', '甲村卫生室扩建', '丙村办公楼', '丁村路灯']) {
      const res = await rep.post(`${h.base}/proposals`, { ...proposalFields({ title, location: title.slice(0, 2) }), channel: 'representative' });
      expect(res.status, res.text).toBe(201);
      mine[title] = res.body.id;
    }
    const gov = h.roles.government;
    for (const title of ['甲村卫生室', '乙村文化广场']) {
      await gov.put(`${h.base}/proposals/${mine[title]}/checks`, allChecks());
      expect((await gov.post(`${h.base}/proposals/${mine[title]}/accept`, { candidate: candidateFields(h.department.id, { title: `${title}工程` }) })).status).toBe(201);
    }
    expect((await gov.post(`${h.base}/proposals/${mine['甲村卫生室扩建']}/merge`, { intoId: mine['甲村卫生室'] })).status).toBe(200);
    expect((await gov.post(`${h.base}/proposals/${mine['丙村办公楼']}/reject`, { reason: '含新建办公楼，属于负面清单' })).status).toBe(200);
    const outcome = async () => Object.fromEntries((((await rep.call(Home.representativeHome)).body.congresses as RepCongress[]).find((c) => c.congressId === h.congressId)!.proposals).map((p) => [p.title, p]));
    const before = await outcome();
    expect(Object.fromEntries(Object.entries(before).map(([k, p]) => [k, p.outcome]))).toEqual({ 甲村卫生室: 'candidate', 乙村文化广场: 'candidate', 甲村卫生室扩建: 'merged', 丙村办公楼: 'not_adopted', 丁村路灯: 'waiting' });
    expect(before['甲村卫生室扩建'].mergedInto).toEqual({ title: '甲村卫生室', outcome: 'candidate' });
    expect(before['丙村办公楼'].reason).toBe('含新建办公楼，属于负面清单');
    // News, not work: their proposals are on their home, not counted among their to-dos.
    expect(JSON.stringify(await work(rep))).not.toContain(mine['丁村路灯']);
    // A second vote over the two candidates for one seat: the first is elected and becomes a project, the second not.
    const all = (await h.admin.get(`${h.base}/candidates`)).body as { id: string; title: string }[];
    const ids = ['甲村卫生室工程', '乙村文化广场工程'].map((x) => all.find((c) => c.title === x)!.id);
    const listId = (await h.admin.post(`${h.base}/candidate-lists`, { title: '补充清单', year: new Date().getFullYear(), seats: 1, candidateIds: ids })).body.id as string;
    expect((await h.admin.post(`${h.base}/candidate-lists/${listId}/freeze`, {})).status).toBe(200);
    const v2 = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId, title: '补充票决' })).body.id as string;
    const { path: p2 } = await runVote(t, h, v2, Array.from({ length: 6 }, () => marksOf(ids, 'F')));
    expect((await h.roles.scrutineer.post(`${p2}/tally`, {})).status).toBe(201);
    await h.roles.scrutineer.post(`${p2}/tally/signoff`, { chief: true, invalidChecked: true });
    await h.roles.scrutineer2.post(`${p2}/tally/signoff`, {});
    expect((await h.roles.presidium.post(`${p2}/tally/publish`, {})).status).toBe(200);
    const after = await outcome();
    expect(after['甲村卫生室']).toMatchObject({ outcome: 'elected', project: { title: '甲村卫生室工程' } });
    expect(after['乙村文化广场']).toMatchObject({ outcome: 'not_elected', project: null });
    expect(after['甲村卫生室扩建']).toMatchObject({ outcome: 'merged', mergedInto: { title: '甲村卫生室', outcome: 'elected' }, project: { title: '甲村卫生室工程' } });
    // The project from their own proposal comes first among theirs, marked as theirs.
    const projects = ((await rep.call(Home.representativeHome)).body.congresses as RepCongress[]).find((c) => c.congressId === h.congressId)!.projects;
    expect(projects.find((p) => p.title === '甲村卫生室工程')!.ties).toEqual(['proposed']);
  });
});

describe('collectionYear', () => {
  it.each([
    ['2026-01-10', 2026],
    ['2026-06-30', 2026],
    ['2026-07-01', 2027],
    ['2026-12-05', 2027],
  ])('%s → %i', (d, y) => expect(collectionYear(d)).toBe(y));
});

describe('sharedPlace', () => {
  it.each([
    [['河东村'], ['河东村代表小组', '第1选区'], '河东村'],
    [['河东村二组'], ['河东村代表小组', ''], '河东村'],
    [['青山社区'], ['青山社区代表团', ''], '青山社区'],
    [['镇区'], ['机关企业代表小组', '第3选区'], null],
    [['河西村'], ['河东村代表小组', ''], null],
    [['村'], ['河东村代表小组', ''], null],
    [['第1选区'], ['', '第1选区'], null],
  ])('%j and %j → %s', (locations, groups, place) => {
    expect(sharedPlace(locations, groups)).toBe(place);
  });
});
