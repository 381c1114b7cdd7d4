/**
 * 议题 (motions) and what a sitting asks (issue 23): create with the kind's usual wording, edit, delete, put on a vote's
 * card in order, and every refusal — an empty sitting, a motion of another session or on another vote, a decision
 * without the vote it decides, edits once the sitting's cards are made or it has opened.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as B from '../../shared/ballot/contract.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { hall, type Hall } from '../tally/helpers.ts';

const t = useTestApp();
let h: Hall;
let M: string;
let V: string;

beforeAll(async () => {
  h = await hall(t);
  M = `${h.base}/sessions/${h.sessionId}/motions`;
  V = `${h.base}/sessions/${h.sessionId}/votes`;
});

const errorOf = (res: { status: number; body: { error?: { code: string } } }) => [res.status, res.body.error?.code];

describe('motions of a session', () => {
  it('are created with the kind’s usual wording when no title is given, and the default rule: more than half of all seated', async () => {
    const res = await h.roles.presidium.post(M, { kind: 'agenda' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'agenda',
      title: '关于第三次会议议程（草案）的表决',
      body: '',
      threshold: { base: 'seated', numerator: 1, denominator: 2, strict: true },
      voteId: null,
      decidesVoteId: null,
      state: 'draft',
      result: null,
    });
    const own = await h.roles.admin.post(M, { kind: 'name_list', title: '总监票人和监票人名单（草案）', body: '总监票人：张三\n监票人：李四、王五', threshold: { base: 'present', numerator: 2, denominator: 3, strict: false } });
    expect(own.status, own.text).toBe(201);
    expect(own.body).toMatchObject({ title: '总监票人和监票人名单（草案）', threshold: { base: 'present', numerator: 2, denominator: 3, strict: false } });
    const list = await h.roles.representative.call(B.listMotions, { params: { congressId: h.congressId, sessionId: h.sessionId } });
    expect(list.status).toBe(200);
    expect(list.body.map((m) => m.id)).toEqual(expect.arrayContaining([res.body.id, own.body.id]));
  });

  it('refuses a bad rule, a decision without its vote, and a vote named by any other kind', async () => {
    expect(errorOf(await h.roles.presidium.post(M, { kind: 'agenda', threshold: { base: 'valid', numerator: 1, denominator: 2, strict: true } }))).toEqual([400, 'validation']);
    expect(errorOf(await h.roles.presidium.post(M, { kind: 'agenda', threshold: { base: 'seated', numerator: 3, denominator: 2, strict: true } }))).toEqual([400, 'validation']);
    expect(errorOf(await h.roles.presidium.post(M, { kind: 'motion' }))).toEqual([400, 'validation']);
    expect(errorOf(await h.roles.presidium.post(M, { kind: 'decision' }))).toEqual([409, 'motion_decides_needed']);
    const draft = (await h.roles.presidium.post(V, { listId: h.listId, title: '项目票决' })).body.id;
    // A vote not published (nor a vote of this congress) cannot be decided; only a decision names a vote.
    expect(errorOf(await h.roles.presidium.post(M, { kind: 'decision', decidesVoteId: draft }))).toEqual([409, 'motion_decides_invalid']);
    expect(errorOf(await h.roles.presidium.post(M, { kind: 'decision', decidesVoteId: crypto.randomUUID() }))).toEqual([409, 'motion_decides_invalid']);
    expect(errorOf(await h.roles.presidium.post(M, { kind: 'agenda', decidesVoteId: draft }))).toEqual([409, 'motion_decides_invalid']);
    // Only the chair prepares motions; an unknown session is 404.
    expect((await h.roles.scrutineer.post(M, { kind: 'agenda' })).status).toBe(403);
    expect(errorOf(await h.roles.presidium.post(`${h.base}/sessions/${crypto.randomUUID()}/motions`, { kind: 'agenda' }))).toEqual([404, 'session_meeting_not_found']);
    expect(errorOf(await h.roles.presidium.get(`${h.base}/sessions/${crypto.randomUUID()}/motions`))).toEqual([404, 'session_meeting_not_found']);
  });

  it('are edited and deleted while on no sitting; an empty change and an unknown motion are refused', async () => {
    const id = (await h.roles.presidium.post(M, { kind: 'resolution' })).body.id;
    const res = await h.roles.presidium.patch(`${M}/${id}`, { title: '关于政府工作报告的决议（草案）', body: '全文', threshold: { base: 'seated', numerator: 2, denominator: 3, strict: false } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ title: '关于政府工作报告的决议（草案）', body: '全文', threshold: { numerator: 2, denominator: 3, strict: false } });
    expect(errorOf(await h.roles.presidium.patch(`${M}/${id}`, {}))).toEqual([400, 'validation']);
    expect(errorOf(await h.roles.presidium.patch(`${M}/${crypto.randomUUID()}`, { title: 'x' }))).toEqual([404, 'motion_not_found']);
    expect((await h.roles.presidium.delete(`${M}/${id}`)).status).toBe(200);
    expect(errorOf(await h.roles.presidium.delete(`${M}/${id}`))).toEqual([404, 'motion_not_found']);
  });
});

describe('what a sitting asks', () => {
  it('refuses a vote that asks nothing, a motion of another session and a motion already on another vote', async () => {
    expect(errorOf(await h.roles.presidium.post(V, { title: '空的表决' }))).toEqual([409, 'sitting_empty']);
    expect(errorOf(await h.roles.presidium.post(V, { title: '空的表决', motionIds: [] }))).toEqual([409, 'sitting_empty']);
    const other = (await h.admin.post(`${h.base}/sessions`, { name: '第四次会议', date: '2027-06-10' })).body.id;
    const elsewhere = (await h.roles.presidium.post(`${h.base}/sessions/${other}/motions`, { kind: 'agenda' })).body;
    expect(elsewhere.title).toBe('关于第四次会议议程（草案）的表决');
    expect(errorOf(await h.roles.presidium.post(V, { title: '表决事项单', motionIds: [elsewhere.id] }))).toEqual([409, 'motion_other_session']);
    expect(errorOf(await h.roles.presidium.post(V, { title: '表决事项单', motionIds: [crypto.randomUUID()] }))).toEqual([404, 'motion_not_found']);
    expect(errorOf(await h.roles.presidium.post(V, { title: '表决事项单', motionIds: [elsewhere.id, elsewhere.id] }))).toEqual([400, 'validation']);
    const a = (await h.roles.presidium.post(M, { kind: 'agenda' })).body.id;
    expect((await h.roles.presidium.post(V, { title: '第一张表决事项单', motionIds: [a] })).status).toBe(201);
    const res = await h.roles.presidium.post(V, { title: '第二张表决事项单', motionIds: [a] });
    expect(errorOf(res)).toEqual([409, 'motion_on_other_vote']);
    expect(res.body.error.message).toContain('关于第三次会议议程（草案）的表决');
  });

  it('puts motions and the project question on the card in order, and takes motions off while the card is not made', async () => {
    const a = (await h.roles.presidium.post(M, { kind: 'agenda', title: '议程' })).body.id;
    const n = (await h.roles.presidium.post(M, { kind: 'name_list', title: '名单' })).body.id;
    const created = await h.roles.presidium.call(B.createVote, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { listId: h.listId, title: '表决事项单', motionIds: [a, n], listPosition: 1 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const vote = created.body;
    expect(vote.questions.map((q) => [q.kind, q.title])).toEqual([
      ['motion', '议程'],
      ['projects', '候选清单'], // on a sitting the project question is titled by its list
      ['motion', '名单'],
    ]);
    expect(vote.questions[0]).toMatchObject({ id: a, motionKind: 'agenda', markMode: 'motion', seats: 1, maxFor: 1, candidates: [{ id: a, title: '议程' }] });
    expect(vote.questions[1]).toMatchObject({ id: vote.id, motionKind: null, markMode: vote.markMode, seats: vote.seats, candidates: vote.candidates });
    expect(vote.listPosition).toBe(1);
    const motions = (await h.roles.presidium.get(M)).body as { id: string; state: string; voteId: string | null; position: number }[];
    expect(motions.find((m) => m.id === a)).toMatchObject({ state: 'on_sitting', voteId: vote.id, position: 0 });

    const Q = `${V}/${vote.id}/questions`;
    // Reordered, the project question first, and the agenda taken off (it goes back to the session unplaced).
    const put = await h.roles.presidium.put(Q, { motionIds: [n], listPosition: 0 });
    expect(put.status, put.text).toBe(200);
    expect(put.body.questions.map((q: { id: string }) => q.id)).toEqual([vote.id, n]);
    expect(((await h.roles.presidium.get(M)).body as { id: string; state: string; voteId: string | null }[]).find((m) => m.id === a)).toMatchObject({ state: 'draft', voteId: null });
    expect((await h.roles.presidium.put(Q, { motionIds: [n, a], listPosition: 9 })).body.questions.map((q: { id: string }) => q.id)).toEqual([n, a, vote.id]);
    expect(errorOf(await h.roles.scrutineer.put(Q, { motionIds: [], listPosition: 0 }))).toEqual([403, 'forbidden']);

    // Once the cards are made the card's questions are fixed: no reordering, no deleting; the wording can still change.
    expect((await h.roles.scrutineer.post(`${V}/${vote.id}/cards`, {})).status).toBe(201);
    expect(errorOf(await h.roles.presidium.put(Q, { motionIds: [n], listPosition: 0 }))).toEqual([409, 'cards_exist']);
    expect(errorOf(await h.roles.presidium.delete(`${M}/${a}`))).toEqual([409, 'motion_locked']);
    expect((await h.roles.presidium.patch(`${M}/${a}`, { body: '议程全文' })).status).toBe(200);
    // Opened: nothing of it changes any more.
    expect((await h.roles.presidium.post(`${V}/${vote.id}/open`, {})).status).toBe(200);
    expect(errorOf(await h.roles.presidium.patch(`${M}/${a}`, { body: '改' }))).toEqual([409, 'motion_locked']);
    expect(errorOf(await h.roles.presidium.put(Q, { motionIds: [n], listPosition: 0 }))).toEqual([409, 'vote_started']);
    expect(((await h.roles.presidium.get(M)).body as { id: string; state: string }[]).find((m) => m.id === a)!.state).toBe('voting');
  });

  it('a sitting of motions only: no list, its motions its questions; emptied, it cannot open', async () => {
    const a = (await h.roles.presidium.post(M, { kind: 'other', title: '其他议题' })).body.id;
    const res = await h.roles.presidium.post(V, { title: '议题表决', motionIds: [a] });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ listId: null, candidates: [], questions: [{ id: a, kind: 'motion', motionKind: 'other' }] });
    const Q = `${V}/${res.body.id}/questions`;
    expect(errorOf(await h.roles.presidium.put(Q, { motionIds: [], listPosition: 0 }))).toEqual([409, 'sitting_empty']);
    // Deleting its only motion leaves it asking nothing: it cannot open.
    expect((await h.roles.presidium.delete(`${M}/${a}`)).status).toBe(200);
    expect((await h.roles.presidium.get(`${V}/${res.body.id}`)).body.questions).toEqual([]);
    expect((await h.roles.scrutineer.post(`${V}/${res.body.id}/cards`, {})).status).toBe(201);
    expect(errorOf(await h.roles.presidium.post(`${V}/${res.body.id}/open`, {}))).toEqual([409, 'sitting_empty']);
  });

  it('a motion of another congress is not found', async () => {
    const other = await hall(t, { seated: 3, titles: ['桥', '路', '灯'], seats: 1 });
    const id = (await other.roles.presidium.post(`${other.base}/sessions/${other.sessionId}/motions`, { kind: 'agenda' })).body.id;
    expect(errorOf(await h.roles.presidium.post(V, { title: '表决事项单', motionIds: [id] }))).toEqual([404, 'motion_not_found']);
    expect((await new Client(t).get(M)).status).toBe(401);
  });
});
