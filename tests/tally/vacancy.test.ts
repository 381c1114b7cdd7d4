/**
 * Issue 20 in the tally: more cards handed out than representatives present is said with the numbers (tally, report,
 * big screen); a seat left empty offers the next steps the congress's rules allow — a further vote (另行表决) when the
 * rules allow one, leaving it empty (the presidium's recorded decision), the reserve pool — each with its permission
 * and its refusals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as T from '../../shared/tally/contract.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { hall, type Hall, marksOf, secretOf, at } from './helpers.ts';

const t = useTestApp();

/** Cards, `issued` cards handed out by count, open (confirming the figures when more than present), cast, close. */
async function runCounted(h: Hall, voteId: string, ballots: string[], issued: number, present: number) {
  const path = `${h.base}/sessions/${h.sessionId}/votes/${voteId}`;
  expect((await h.roles.scrutineer.post(`${path}/cards`, {})).status).toBe(201);
  const cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { serial: string; url: string }[];
  const counted = await h.roles.scrutineer.post(`${path}/issue-count`, { count: issued });
  expect(counted.status, counted.text).toBe(200);
  const opened = await h.roles.presidium.post(`${path}/open`, issued > present ? { confirmOverIssue: { issued, present } } : {});
  expect(opened.status, opened.text).toBe(200);
  for (const [i, s] of ballots.entries()) {
    const token = cards[i].url.split('#')[1];
    const res = await new Client(t).post('/api/public/ballot/cast', { token, marks: marksOf(h.candidateIds, s), retry: secretOf(token) });
    expect(res.status, res.text).toBe(200);
  }
  expect((await h.roles.presidium.post(`${path}/close`, {})).status).toBe(200);
  return path;
}

async function publish(h: Hall, path: string) {
  expect((await h.roles.scrutineer.call(T.prepareTally, { params: at(path) })).status).toBe(201);
  await h.roles.scrutineer.call(T.signTally, { params: at(path), body: { chief: true, invalidChecked: true } });
  await h.roles.scrutineer2.call(T.signTally, { params: at(path), body: {} });
}

const newVote = async (h: Hall, title: string) => (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title })).body.id as string;

describe('more cards handed out than representatives present (6 issued, 5 present)', () => {
  let h: Hall;
  let path: string;
  let voteId: string;
  beforeAll(async () => {
    // 5 seated, all present; threshold more than half of 5 → 3. a 5, b 4, c 0 for 2 seats.
    h = await hall(t, { seated: 5, titles: ['桥梁', '广场', '学校'] });
    voteId = await newVote(h, '票决');
    path = await runCounted(h, voteId, ['FF-', 'FF-', 'FF-', 'FF-', 'F--'], 6, 5);
  });

  it('is in the tally with the numbers, for every role that sees the totals, and it does not void the vote', async () => {
    await publish(h, path);
    for (const who of ['scrutineer', 'presidium', 'representative'] as const) {
      const v = (await h.roles[who].call(T.getTally, { params: at(path) })).body;
      expect(v.totals, who).toMatchObject({ present: 5, issued: 6, cast: 5, void: false, overIssued: 1 });
    }
  });

  it('is on the report (present and issued as counted) and on the big screen (5 present, 6 issued)', async () => {
    expect((await h.roles.presidium.call(T.publishTally, { params: at(path) })).status).toBe(200);
    const report = (await h.roles.presidium.call(T.getTallyReport, { params: at(path) })).body;
    expect(report.result).toMatchObject({ present: 5, issued: 6, cast: 5, void: false });
    expect(report.receiptsUrl).toMatch(new RegExp(`/r/${h.congressId}$`));
    const screen = (await new Client(t).call(T.getScreen, { params: { sessionId: h.sessionId } })).body;
    expect(screen.votes[0]).toMatchObject({ id: voteId, issued: 6, present: 5, overIssued: 1 });
  });

  it('is 0 when the cards handed out do not exceed those present', async () => {
    const h2 = await hall(t, { seated: 5, titles: ['桥梁', '广场', '学校'] });
    const v = await newVote(h2, '票决');
    const p = await runCounted(h2, v, ['FF-', 'FF-', 'F--'], 5, 5);
    await publish(h2, p);
    expect((await h2.roles.scrutineer.call(T.getTally, { params: at(p) })).body.totals).toMatchObject({ issued: 5, present: 5, overIssued: 0 });
    expect((await new Client(t).call(T.getScreen, { params: { sessionId: h2.sessionId } })).body.votes[0].overIssued).toBe(0);
  });
});

describe('an unfilled seat under the default rule (left empty, no further vote)', () => {
  let h: Hall;
  let path: string;
  let voteId: string;
  let ids: string[];
  beforeAll(async () => {
    // 6 seated → threshold 4. a 5, b 3, c 2 for 2 seats: one seat unfilled, no tie.
    h = await hall(t, { seated: 6, titles: ['桥梁', '广场', '学校'] });
    ids = h.candidateIds;
    voteId = await newVote(h, '票决');
    path = await runCounted(h, voteId, ['FF-', 'FF-', 'FF-', 'F-F', 'F-F', '---'], 6, 6);
    await publish(h, path);
  });

  it('cannot be decided before publication', async () => {
    expect((await h.roles.presidium.call(T.getTally, { params: at(path) })).body.next.vacancy).toBeNull();
    const res = await h.roles.presidium.call(T.leaveUnfilled, { params: at(path) });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('result_not_published');
    expect((await h.roles.presidium.call(T.publishTally, { params: at(path) })).status).toBe(200);
  });

  it('offers leaving it empty and the reserve pool, not a further vote (the rules say why)', async () => {
    const v = (await h.roles.presidium.call(T.getTally, { params: at(path) })).body;
    expect(v.figures).toMatchObject({ elected: [ids[0]], tied: [], unfilledSeats: 1 });
    expect(v.next).toMatchObject({ runoff: null, further: null, revote: false, vacancy: { seats: 1, rule: 'leave_empty', leftEmpty: null, canLeaveEmpty: true } });
    expect(v.next.reservable.map((r: { id: string }) => r.id)).toEqual([ids[1], ids[2]]);
    const further = await h.roles.presidium.call(T.createFurtherVote, { params: at(path), body: {} });
    expect(further.status).toBe(409);
    expect(further.body.error).toMatchObject({ code: 'further_not_possible' });
    expect(further.body.error?.message).toContain('空缺名额不再另行表决');
  });

  it('is left empty by the presidium only (401, 403 for every other role, a system administrator too; 400/404 for a bad vote)', async () => {
    expect((await new Client(t).call(T.leaveUnfilled, { params: at(path) })).status).toBe(401);
    for (const who of ['admin', 'government', 'scrutineer', 'representative', 'department'] as const) {
      const res = await h.roles[who].call(T.leaveUnfilled, { params: at(path) });
      expect(res.status, who).toBe(403);
    }
    expect((await h.admin.call(T.leaveUnfilled, { params: at(path) })).status).toBe(403);
    expect((await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes/not-a-uuid/leave-unfilled`, {})).status).toBe(400);
    expect((await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes/${crypto.randomUUID()}/leave-unfilled`, {})).status).toBe(404);
  });

  it('records the decision once, with an audit entry; the tally, the report and the screen say it', async () => {
    const res = await h.roles.presidium.call(T.leaveUnfilled, { params: at(path) });
    expect(res.status, res.text).toBe(200);
    expect(res.body.next.vacancy).toMatchObject({ seats: 1, canLeaveEmpty: false, leftEmpty: { by: expect.any(String) } });
    expect(Date.parse(res.body.next.vacancy!.leftEmpty!.at)).not.toBeNaN();
    const again = await h.roles.presidium.call(T.leaveUnfilled, { params: at(path) });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('unfilled_left');
    const audit = (await h.admin.get(`${h.base}/audit?limit=200`)).body as { action: string; targetId: string; details: { seats: number } }[];
    expect(audit.filter((e) => e.action === 'tally.leave_unfilled')).toMatchObject([{ targetId: voteId, details: { seats: 1 } }]);
    expect((await h.roles.presidium.call(T.getTallyReport, { params: at(path) })).body.vacancyLeft).toMatchObject({ seats: 1 });
    const screen = (await new Client(t).call(T.getScreen, { params: { sessionId: h.sessionId } })).body;
    expect(screen.finals).toEqual([{ voteIds: [voteId], seats: 2, elected: [{ id: ids[0], title: '桥梁工程', for: 5, voteId, kind: 'regular' }], pending: false, unfilledSeats: 1, leftEmpty: true }]);
    // The published result itself is unchanged.
    expect((await h.roles.presidium.call(T.getTally, { params: at(path) })).body.figures?.unfilledSeats).toBe(1);
  });

  it('still lets the presidium send the candidates not elected to the reserve pool', async () => {
    const res = await h.roles.presidium.call(T.reserveCandidates, { params: at(path), body: { candidateIds: [ids[1], ids[2]] } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ reserved: 2 });
    expect((await h.roles.presidium.call(T.reserveCandidates, { params: at(path), body: { candidateIds: [ids[0]] } })).body.error?.code).toBe('reserve_elected');
  });
});

describe('an unfilled seat when the rules allow a further vote', () => {
  let h: Hall;
  let ids: string[];
  const unfilledVote = async (title: string) => {
    const id = await newVote(h, title);
    const p = await runCounted(h, id, ['FF-', 'FF-', 'FF-', 'F-F', 'F-F', '---'], 6, 6);
    await publish(h, p);
    expect((await h.roles.presidium.call(T.publishTally, { params: at(p) })).status).toBe(200);
    return { id, p };
  };
  beforeAll(async () => {
    h = await hall(t, { seated: 6, titles: ['桥梁', '广场', '学校'], settings: { vote: { unfilledSeats: 'further_vote' } } });
    ids = h.candidateIds;
  });

  it('offers both; once left empty, no further vote can follow', async () => {
    const { p } = await unfilledVote('第一次票决');
    const v = (await h.roles.presidium.call(T.getTally, { params: at(p) })).body;
    expect(v.next.further).toEqual({ seats: 1, candidateIds: [ids[1], ids[2]] });
    expect(v.next.vacancy).toMatchObject({ seats: 1, rule: 'further_vote', canLeaveEmpty: true });
    expect((await h.roles.presidium.call(T.leaveUnfilled, { params: at(p) })).status).toBe(200);
    expect((await h.roles.presidium.call(T.getTally, { params: at(p) })).body.next.further).toBeNull();
    const further = await h.roles.presidium.call(T.createFurtherVote, { params: at(p), body: {} });
    expect(further.status).toBe(409);
    expect(further.body.error?.message).toContain('主席团已确认空缺名额留空');
  });

  it('once a further vote is made, the seat is its to decide: leaving it empty is refused', async () => {
    const { p } = await unfilledVote('第二次票决');
    const created = await h.roles.presidium.call(T.createFurtherVote, { params: at(p), body: {} });
    expect(created.status, created.text).toBe(201);
    expect((await h.roles.presidium.call(T.getTally, { params: at(p) })).body.next.vacancy).toMatchObject({ canLeaveEmpty: false, leftEmpty: null });
    const res = await h.roles.presidium.call(T.leaveUnfilled, { params: at(p) });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('follow_up_exists');
  });
});

describe('no unfilled seat to leave empty', () => {
  it('refuses a result with a tie (the runoff decides) and a void one (409 unfilled_none)', async () => {
    // 9 seated → threshold 5. a 6, b 5, c 5 for 2 seats: b and c tied.
    const h = await hall(t, { seated: 9, titles: ['桥梁', '广场', '学校'] });
    const tied = await newVote(h, '并列');
    const p = await runCounted(h, tied, ['FF-', 'FF-', 'FF-', 'F-F', 'F-F', 'F-F', '-FF', '-FF', '---'], 9, 9);
    await publish(h, p);
    await h.roles.presidium.call(T.publishTally, { params: at(p) });
    expect((await h.roles.presidium.call(T.getTally, { params: at(p) })).body.next.vacancy).toBeNull();
    const res = await h.roles.presidium.call(T.leaveUnfilled, { params: at(p) });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('unfilled_none');
    // Void: 4 ballots back, 3 cards handed out.
    const voided = await newVote(h, '无效');
    const q = await runCounted(h, voided, ['FF-', 'FF-', 'FF-', 'FF-'], 3, 9);
    await publish(h, q);
    await h.roles.presidium.call(T.publishTally, { params: at(q) });
    expect((await h.roles.presidium.call(T.getTally, { params: at(q) })).body.totals?.void).toBe(true);
    expect((await h.roles.presidium.call(T.leaveUnfilled, { params: at(q) })).body.error?.code).toBe('unfilled_none');
  });
});
