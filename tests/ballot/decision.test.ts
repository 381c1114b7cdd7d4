/**
 * 关于实施XXXX年民生实事项目的决定 (SPEC §15): the draft as a pure function, and the decision as a motion through the
 * routes — drafted only after the project vote's chain is published, once per chain, adopted only when its sitting
 * passes it and is published, linked from the projects it adopted, and public only once adopted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as B from '../../shared/ballot/contract.ts';
import * as P from '../../shared/projects/contract.ts';
import * as T from '../../shared/tally/contract.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { at, hall, type Hall, marksOf, runVote } from '../tally/helpers.ts';
import { adoptionLine, draftDecision, sessionFullName, wanText, zhDate } from '../../shared/ballot/decision.ts';
import { finalLists, type ChainVote } from '../../shared/tally/outcome.ts';

const cand = (id: string, f: number) => ({ id, title: `项目${id.toUpperCase()}`, for: f });
const PROJECTS = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, title: `项目${id.toUpperCase()}`, leadDepartment: `部门${i + 1}`, plannedInvestment: `${(i + 1) * 50}.00`, plannedCompletion: '2026-12-31' }));
const CONGRESS = { name: '青山镇第十八届人民代表大会' };
const SESSION = { name: '青山镇第十八届人民代表大会第三次会议', date: '2026-03-05' };

describe('draftDecision (pure)', () => {
  it('a chain with a runoff: the first vote in rank, then the runoff; its outcome said; closing line', () => {
    const chain: ChainVote[] = [
      { id: 'v1', kind: 'regular', seats: 3, previousVoteId: null, leftEmpty: false, result: { void: false, elected: ['b', 'a'], tied: [], candidates: [cand('a', 30), cand('b', 35), cand('c', 20), cand('d', 20)] } },
      { id: 'v2', kind: 'runoff', seats: 1, previousVoteId: 'v1', leftEmpty: false, result: { void: false, elected: ['d'], tied: [], candidates: [cand('c', 18), cand('d', 22)] } },
    ];
    const [finalList] = finalLists(chain);
    const d = draftDecision({ congress: CONGRESS, session: SESSION, year: 2026, finalList, projects: PROJECTS, runoffs: [{ voteId: 'v2', kind: 'runoff', title: '再次投票' }] });
    expect(d.title).toBe('青山镇第十八届人民代表大会第三次会议关于实施2026年民生实事项目的决定');
    const lines = d.body.split('\n');
    expect(lines[0]).toBe('青山镇第十八届人民代表大会第三次会议经过票决，决定实施以下三件民生实事项目：');
    expect(lines[1]).toBe('一、项目B（牵头单位：部门2；计划投资：100万元；计划完成时间：2026年12月31日）');
    expect(lines[2]).toBe('二、项目A（牵头单位：部门1；计划投资：50万元；计划完成时间：2026年12月31日）');
    expect(lines[3]).toBe('三、项目D（牵头单位：部门4；计划投资：200万元；计划完成时间：2026年12月31日）');
    expect(lines[4]).toBe('其中，第三项经再次投票确定。');
    expect(lines.at(-1)).toBe('本决定自通过之日起施行。');
    expect(d.body).not.toContain('空缺');
  });

  it('unfilled seats are said and left empty (no item stands for them); a further vote that elected none is said', () => {
    const chain: ChainVote[] = [
      { id: 'v1', kind: 'regular', seats: 4, previousVoteId: null, leftEmpty: false, result: { void: false, elected: ['a', 'b'], tied: [], candidates: [cand('a', 30), cand('b', 28), cand('c', 5)] } },
      { id: 'v2', kind: 'further', seats: 2, previousVoteId: 'v1', leftEmpty: true, result: { void: false, elected: [], tied: [], candidates: [cand('e', 3)] } },
    ];
    const [finalList] = finalLists(chain);
    expect(finalList.unfilledSeats).toBe(2);
    const d = draftDecision({ congress: CONGRESS, session: SESSION, year: 2026, finalList, projects: PROJECTS, runoffs: [{ voteId: 'v2', kind: 'further', title: '另行表决' }] });
    const lines = d.body.split('\n');
    expect(lines.filter((l) => /^[一二三四五六七八九十]+、/.test(l))).toHaveLength(2);
    expect(d.body).toContain('决定实施以下两件民生实事项目');
    expect(d.body).toContain('其中，另行表决未产生当选项目。');
    expect(d.body).toContain('本次票决应确定四件民生实事项目，实际确定两件，空缺两个名额，经主席团决定留空。');
  });

  it('refuses a list that is not final', () => {
    const [finalList] = finalLists([{ id: 'v1', kind: 'regular', seats: 2, previousVoteId: null, leftEmpty: false, result: null }]);
    expect(() => draftDecision({ congress: CONGRESS, session: SESSION, year: 2026, finalList, projects: PROJECTS })).toThrow();
  });

  it('words: the session under the congress, money and dates as the office writes them, the adoption line', () => {
    expect(sessionFullName(CONGRESS, { name: '第三次会议' })).toBe('青山镇第十八届人民代表大会第三次会议');
    expect(sessionFullName(CONGRESS, SESSION)).toBe(SESSION.name);
    expect(sessionFullName({ name: '示范县人民代表大会' }, { name: '第七届人民代表大会第二次会议' })).toBe('示范县第七届人民代表大会第二次会议');
    expect(sessionFullName({ name: '青山镇第十八届人民代表大会' }, { name: '第十八届人民代表大会第三次会议' })).toBe('青山镇第十八届人民代表大会第三次会议');
    expect(wanText('85.50')).toBe('85.5');
    expect(zhDate('2026-03-05')).toBe('2026年3月5日');
    expect(adoptionLine(CONGRESS, SESSION, '2026-03-05')).toBe('（2026年3月5日青山镇第十八届人民代表大会第三次会议通过）');
  });
});

// ---- through the routes ----

const t = useTestApp();

async function publish(h: Hall, path: string) {
  expect((await h.roles.scrutineer.call(T.prepareTally, { params: at(path) })).status).toBe(201);
  expect((await h.roles.scrutineer.call(T.signTally, { params: at(path), body: { chief: true, invalidChecked: true } })).status).toBe(200);
  expect((await h.roles.scrutineer2.call(T.signTally, { params: at(path), body: {} })).status).toBe(200);
  const res = await h.roles.presidium.call(T.publishTally, { params: at(path) });
  expect(res.status, res.text).toBe(200);
}

/** A project vote of 5 present over 4 candidates for 2 seats: the first two elected. Closed, not yet published. */
async function projectVote(h: Hall) {
  const voteId = (await h.roles.presidium.call(B.createVote, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { listId: h.listId, title: '民生实事项目票决' } })).body.id;
  const { path } = await runVote(t, h, voteId, ['FF--', 'FF--', 'FF--', 'FFA-', 'F-F-'].map((m) => marksOf(h.candidateIds, m)));
  return { voteId, path };
}

/** Put a motion on a new sitting and run it: `fors` of the 5 present vote for, the rest against; publish. */
async function sitting(h: Hall, motionId: string, fors: number) {
  const res = await h.roles.presidium.call(B.createVote, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { title: '第二次全体会议表决事项', motionIds: [motionId] } });
  expect(res.status, res.text).toBe(201);
  const voteId = res.body.id;
  const ballots = [0, 1, 2, 3, 4].map((i) => ({ [motionId]: i < fors ? 'for' : 'against' }));
  const { path } = await runVote(t, h, voteId, ballots);
  return { voteId, path };
}

const draft = (h: Hall, voteId: string) => h.roles.admin.call(B.draftDecision, { params: { congressId: h.congressId, voteId } });
const publicList = (h: Hall) => new Client(t).call(B.listPublicDecisions, { params: { congressId: h.congressId } });

describe('the decision through the routes', () => {
  let h: Hall;
  let vote: { voteId: string; path: string };
  let motionId: string;
  let projectId: string;

  beforeAll(async () => {
    h = await hall(t, { seated: 5, seats: 2 });
    vote = await projectVote(h);
  });

  it('is refused before the project vote is published, with a message a person can act on', async () => {
    const res = await draft(h, vote.voteId);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('decision_needs_published');
    expect(res.body.error?.message).toMatch(/公布/);
    await publish(h, vote.path);
  });

  it('is drafted once the chain is published: a decision motion in the vote’s session, with the elected projects', async () => {
    const res = await draft(h, vote.voteId);
    expect(res.status, res.text).toBe(201);
    const d = res.body;
    motionId = d.motionId;
    expect(d).toMatchObject({ sessionId: h.sessionId, decidesVoteId: vote.voteId, chainVoteIds: [vote.voteId], state: 'draft', sitting: null, adoptedAt: null, figures: null });
    expect(d.title).toMatch(/^.+第三次会议关于实施\d{4}年民生实事项目的决定$/);
    expect(d.body).toContain('决定实施以下两件民生实事项目：');
    expect(d.body).toMatch(/一、道路硬化工程（牵头单位：.+；计划投资：118万元；计划完成时间：\d{4}年11月30日）/);
    expect(d.body).toContain('二、自来水工程');
    expect(d.body).not.toContain('路灯');
    expect(d.body.endsWith('本决定自通过之日起施行。')).toBe(true);
    // It is a motion of the session like any other (kind decision), for the staff to edit and put on a sitting.
    const ms = (await h.roles.admin.call(B.listMotions, { params: { congressId: h.congressId, sessionId: h.sessionId } })).body;
    expect(ms.find((m) => m.id === motionId)).toMatchObject({ kind: 'decision', decidesVoteId: vote.voteId, state: 'draft' });
  });

  it('is drafted once per chain — and a decision motion made by hand obeys the same rule', async () => {
    const res = await h.roles.presidium.call(B.draftDecision, { params: { congressId: h.congressId, voteId: vote.voteId } });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('decision_exists');
    const byHand = await h.roles.admin.call(B.createMotion, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { kind: 'decision', decidesVoteId: vote.voteId } });
    expect(byHand.status).toBe(409);
    expect(byHand.body.error?.code).toBe('decision_exists');
  });

  it('shows nothing of a draft to the public, and the projects name no decision yet', async () => {
    expect((await publicList(h)).body).toEqual([]);
    expect((await new Client(t).call(B.getPublicDecision, { params: { congressId: h.congressId, motionId } })).status).toBe(404);
    const projects = (await h.roles.admin.call(P.listProjects, { params: { congressId: h.congressId }, query: {} })).body;
    expect(projects).toHaveLength(2);
    projectId = projects.find((p) => p.title === '道路硬化工程')!.id;
    expect((await h.roles.admin.call(P.getProject, { params: { congressId: h.congressId, projectId } })).body.decision).toBeNull();
    expect((await new Client(t).call(P.getPublicProject, { params: { projectId } })).body.decision).toBeNull();
  });

  it('is edited with the motion routes, put on a sitting, and adopted only once the sitting is published and passed it', async () => {
    const edited = await h.roles.admin.call(B.updateMotion, { params: { congressId: h.congressId, sessionId: h.sessionId, motionId }, body: { body: `${(await h.roles.admin.call(B.getDecision, { params: { congressId: h.congressId, motionId } })).body.body}\n（修改稿）` } });
    expect(edited.status, edited.text).toBe(200);
    const s = await sitting(h, motionId, 4);
    let d = (await h.roles.admin.call(B.getDecision, { params: { congressId: h.congressId, motionId } })).body;
    expect(d).toMatchObject({ state: 'closed', sitting: { voteId: s.voteId }, adoptedAt: null });
    expect((await publicList(h)).body).toEqual([]);
    await publish(h, s.path);
    d = (await h.roles.admin.call(B.getDecision, { params: { congressId: h.congressId, motionId } })).body;
    expect(d.state).toBe('adopted');
    expect(d.adoptedAt).not.toBeNull();
    // 4 for of 5 seated: more than half of all seated (3) → passed.
    expect(d.figures).toMatchObject({ seated: 5, present: 5, cast: 5, for: 4, against: 1, abstain: 0, threshold: 3, passed: true });
    const list = (await publicList(h)).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ motionId, title: d.title, sitting: { voteId: s.voteId }, decidesVoteId: vote.voteId, figures: { for: 4, passed: true } });
    expect(list[0].body).toContain('（修改稿）');
    expect(list[0].adoptionLine).toMatch(/^（\d{4}年\d{1,2}月\d{1,2}日.+第三次会议通过）$/);
    expect(list[0].projects.map((p) => p.title).sort()).toEqual(['自来水工程', '道路硬化工程']);
    expect((await new Client(t).call(B.getPublicDecision, { params: { congressId: h.congressId, motionId } })).body.motionId).toBe(motionId);
  });

  it('is named by the projects it adopted, on the staff and the public pages', async () => {
    const link = { motionId, title: expect.stringContaining('关于实施'), adoptedAt: expect.any(String) };
    expect((await h.roles.admin.call(P.getProject, { params: { congressId: h.congressId, projectId } })).body.decision).toMatchObject(link);
    expect((await new Client(t).call(P.getPublicProject, { params: { projectId } })).body.decision).toMatchObject(link);
  });
});

describe('a decision the sitting does not pass', () => {
  it('is not adopted, not public, named by no project, and may be drafted again', async () => {
    const h = await hall(t, { seated: 5, seats: 2 });
    const vote = await projectVote(h);
    await publish(h, vote.path);
    const motionId = (await draft(h, vote.voteId)).body.motionId;
    // 3 for of 5 seated is more than half (2.5): 2 for is not.
    const s = await sitting(h, motionId, 2);
    await publish(h, s.path);
    const d = (await h.roles.admin.call(B.getDecision, { params: { congressId: h.congressId, motionId } })).body;
    expect(d).toMatchObject({ state: 'failed', adoptedAt: null, figures: { for: 2, against: 3, passed: false } });
    expect((await publicList(h)).body).toEqual([]);
    expect((await new Client(t).call(B.getPublicDecision, { params: { congressId: h.congressId, motionId } })).status).toBe(404);
    const projects = (await h.roles.admin.call(P.listProjects, { params: { congressId: h.congressId }, query: {} })).body;
    expect((await h.roles.admin.call(P.getProject, { params: { congressId: h.congressId, projectId: projects[0].id } })).body.decision).toBeNull();
    const again = await draft(h, vote.voteId);
    expect(again.status, again.text).toBe(201);
    expect(again.body.motionId).not.toBe(motionId);
    const all = (await h.roles.representative.call(B.listDecisions, { params: { congressId: h.congressId } })).body;
    expect(all.map((x) => x.state).sort()).toEqual(['draft', 'failed']);
  });

  it('refuses a vote of no project list and a vote of another congress', async () => {
    const h = await hall(t, { seated: 3 });
    const m = await h.roles.admin.call(B.createMotion, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { kind: 'agenda' } });
    const s = await h.roles.presidium.call(B.createVote, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { title: '议程表决', motionIds: [m.body.id] } });
    expect((await draft(h, s.body.id)).body.error?.code).toBe('decision_not_project_vote');
    const other = await hall(t, { seated: 3 });
    const ov = await other.roles.presidium.call(B.createVote, { params: { congressId: other.congressId, sessionId: other.sessionId }, body: { listId: other.listId, title: '票决' } });
    const res = await draft(h, ov.body.id);
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('vote_not_found');
  });
});
