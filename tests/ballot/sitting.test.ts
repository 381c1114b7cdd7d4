/**
 * A sitting (表决事项单, issue 23): the agenda, a name list, the project vote and a resolution on ONE card per person.
 * Cards, the tablet's view of every question, casts (one card, all questions), a ballot over-marked on the project
 * question that still counts for the motions, a paper ballot keyed in twice, the close, the tally per question, the
 * sign-off and publication, the files (format /2) through the verifier, each motion passed or failed by its own rule
 * (more than half of all seated; 2/3 of those present), and a plain vote beside it that is exactly as before (/1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as B from '../../shared/ballot/contract.ts';
import * as T from '../../shared/tally/contract.ts';
import { verifyFiles } from '../../shared/tally/verify.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { at, hall, type Hall, runVote, secretOf } from '../tally/helpers.ts';

const t = useTestApp();
let h: Hall;
let c: string[];
let A: string; // agenda: more than half of all 9 seated → 5
let N: string; // name list: at least 2/3 of the 6 present → 4
let R: string; // resolution: more than half of all seated → 5
let voteId: string;
let path: string;
let cards: { serial: string; url: string }[];

const tok = (url: string) => url.split('#')[1];

beforeAll(async () => {
  h = await hall(t, { seated: 9 });
  c = h.candidateIds;
  // Three representatives absent: 9 seated, 6 present (the quorum, 2/3 of 9, is met).
  const reps = (await h.admin.get(`${h.base}/representatives`)).body as { id: string }[];
  for (const r of reps.slice(0, 3)) expect((await h.admin.put(`${h.base}/sessions/${h.sessionId}/attendance/${r.id}`, { status: 'absent' })).status).toBe(200);
  const M = `${h.base}/sessions/${h.sessionId}/motions`;
  A = (await h.roles.presidium.post(M, { kind: 'agenda' })).body.id;
  N = (await h.roles.presidium.post(M, { kind: 'name_list', title: '总监票人和监票人名单（草案）', threshold: { base: 'present', numerator: 2, denominator: 3, strict: false } })).body.id;
  R = (await h.roles.presidium.post(M, { kind: 'resolution' })).body.id;
});

describe('a sitting: agenda, name list, the projects and a resolution on one card', () => {
  it('is created with its questions in card order', async () => {
    const res = await h.roles.presidium.call(B.createVote, {
      params: { congressId: h.congressId, sessionId: h.sessionId },
      body: { listId: h.listId, title: '第三次会议表决事项单', motionIds: [A, N, R], listPosition: 2, threshold: { base: 'valid', numerator: 1, denominator: 2, strict: true } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    voteId = res.body.id;
    path = `${h.base}/sessions/${h.sessionId}/votes/${voteId}`;
    expect(res.body.questions.map((q) => q.id)).toEqual([A, N, voteId, R]);
    expect(res.body.questions.map((q) => q.markMode)).toEqual(['motion', 'motion', res.body.markMode, 'motion']);
  });

  it('makes one card per person present; the tablet shows every question; one cast answers them all', async () => {
    expect((await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 1 })).status).toBe(201);
    cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards;
    expect(cards).toHaveLength(7);
    for (const card of cards.slice(0, 6)) expect((await h.roles.scrutineer.post(`${path}/issue`, { card: card.serial })).status).toBe(200);
    expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);

    const view = await new Client(t).call(B.openBallot, { body: { token: tok(cards[0].url) } });
    expect(view.status).toBe(200);
    expect(view.body.questions.map((q) => [q.id, q.kind])).toEqual([
      [A, 'motion'],
      [N, 'motion'],
      [voteId, 'projects'],
      [R, 'motion'],
    ]);
    expect(view.body.questions[0]).toMatchObject({ motionKind: 'agenda', title: '关于第三次会议议程（草案）的表决', markMode: 'motion', seats: 1, maxFor: 1 });
    expect(view.body.questions[2].candidates.map((x) => x.id)).toEqual(c);

    const F = 'for' as const;
    const X = 'against' as const;
    const ballots = [
      { [A]: F, [N]: F, [R]: F, [c[0]]: F, [c[1]]: F },
      { [A]: F, [N]: F, [R]: F, [c[0]]: F, [c[3]]: 'abstain' as const },
      // Over-marked on the projects (three 赞成 for two seats): invalid for that question alone.
      { [A]: F, [N]: F, [R]: F, [c[0]]: F, [c[1]]: F, [c[2]]: F },
      { [A]: F, [N]: F, [R]: F, [c[1]]: F, [c[3]]: X },
      { [A]: F, [N]: X, [R]: X, [c[0]]: F },
    ];
    // Marks on a key that is on no question of the card, or a mark a motion does not take, are no ballot at all.
    const bad = await new Client(t).post('/api/public/ballot/cast', { token: tok(cards[5].url), marks: { [A]: 'for', [crypto.randomUUID()]: 'for' } });
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'ballot_marks']);
    expect((await new Client(t).post('/api/public/ballot/cast', { token: tok(cards[5].url), marks: { [A]: 'yes' } })).status).toBe(400);
    for (const [i, marks] of ballots.entries()) {
      const token = tok(cards[i].url);
      const res = await new Client(t).post('/api/public/ballot/cast', { token, marks, retry: secretOf(token) });
      expect(res.status, res.text).toBe(200);
      // The tablet's retry (same secret, same marks) gets the same receipt.
      if (i === 0) expect((await new Client(t).post('/api/public/ballot/cast', { token, marks, retry: secretOf(token) })).body.receipt).toBe(res.body.receipt);
    }
    // While open: only the count, for every question.
    const sealed = await h.roles.scrutineer.call(T.getTally, { params: at(path) });
    expect(sealed.body).toMatchObject({ state: 'not_prepared', figures: null, questions: null, totals: null });
    const screen = (await new Client(t).get(`/api/public/sessions/${h.sessionId}/screen`)).body;
    const row = screen.votes.find((v: { id: string }) => v.id === voteId);
    expect(row).toMatchObject({ state: 'open', cast: 5, result: null });
    expect(row.questions.map((q: { id: string }) => q.id)).toEqual([A, N, voteId, R]);
    expect(JSON.stringify(screen)).not.toContain('"for"');
    const motions = (await h.roles.presidium.get(`${h.base}/sessions/${h.sessionId}/motions`)).body as { id: string; state: string; result: unknown }[];
    expect(motions.find((m) => m.id === A)).toMatchObject({ state: 'voting', result: null });
  });

  it('takes a paper ballot with motion marks from two agreeing counters after the close', async () => {
    expect((await h.roles.presidium.post(`${path}/close`, {})).status).toBe(200);
    const marks = { [A]: 'against', [R]: 'against', [c[2]]: 'for', [N]: 'abstain' };
    expect((await h.roles.scrutineer.post(`${path}/paper`, { card: cards[5].serial, marks })).body.state).toBe('awaiting_second');
    // A mismatch on a motion's mark is flagged like any other.
    expect((await h.roles.scrutineer2.post(`${path}/paper`, { card: cards[5].serial, marks: { ...marks, [N]: 'for' } })).body.state).toBe('mismatch');
    expect((await h.roles.scrutineer.post(`${path}/paper/resolve`, { serial: cards[5].serial, marks })).status).toBe(200);
    expect((await h.roles.scrutineer.get(`${path}/paper`)).body).toEqual([]);
  });

  it('tallies each question on its own: the over-marked ballot is invalid for the projects only', async () => {
    const res = await h.roles.scrutineer.call(T.prepareTally, { params: at(path) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const v = res.body;
    expect(v.totals).toMatchObject({ seated: 9, present: 6, issued: 6, cast: 6, invalid: 1, valid: 5, void: false });
    expect(v.questions!.map((q) => [q.id, q.valid, q.invalid, q.threshold])).toEqual([
      [A, 6, 0, 5],
      [N, 6, 0, 4],
      [voteId, 5, 1, 3],
      [R, 6, 0, 5],
    ]);
    expect(v.invalidBallots).toHaveLength(1);
    expect(v.invalidBallots![0].questions).toEqual([voteId]);
    // The figures of the project question, as a plain vote shows them.
    expect(v.figures!.candidates.map((x) => [x.for, x.against, x.abstain])).toEqual([
      [3, 0, 2],
      [2, 0, 3],
      [1, 0, 4],
      [0, 1, 4],
    ]);
    expect(v.figures!.elected).toEqual([c[0]]);
    // The presidium sees no figure before publication.
    expect((await h.roles.presidium.call(T.getTally, { params: at(path) })).body).toMatchObject({ figures: null, questions: null });
    const motions = (await h.roles.presidium.get(`${h.base}/sessions/${h.sessionId}/motions`)).body as { id: string; state: string; result: unknown }[];
    expect(motions.find((m) => m.id === A)).toMatchObject({ state: 'closed', result: null });
  });

  it('is signed (the chief confirms the invalid ballot) and published', async () => {
    const refused = await h.roles.scrutineer.call(T.signTally, { params: at(path), body: { chief: true, invalidChecked: false } });
    expect([refused.status, (refused.body as { error?: { code: string } }).error?.code]).toEqual([422, 'tally_invalid_unchecked']);
    expect((await h.roles.scrutineer.call(T.signTally, { params: at(path), body: { chief: true, invalidChecked: true } })).status).toBe(200);
    expect((await h.roles.scrutineer2.call(T.signTally, { params: at(path), body: { chief: false, invalidChecked: false } })).status).toBe(200);
    const pub = await h.roles.presidium.call(T.publishTally, { params: at(path) });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(pub.body.state).toBe('published');
  });

  it('passes or fails each motion by its own rule, and publishes files of version 2 that the verifier recounts', async () => {
    const motions = (await h.roles.representative.get(`${h.base}/sessions/${h.sessionId}/motions`)).body as { id: string; state: string; result: Record<string, unknown> | null }[];
    const by = (id: string) => motions.find((m) => m.id === id)!;
    expect(by(A)).toMatchObject({ state: 'passed', result: { for: 5, against: 1, abstain: 0, valid: 6, threshold: 5, passed: true } });
    // 4 of 6 present reach 2/3 of those present — though not more than half of the 9 seated.
    expect(by(N)).toMatchObject({ state: 'passed', result: { for: 4, against: 1, abstain: 1, threshold: 4, passed: true } });
    expect(by(R)).toMatchObject({ state: 'failed', result: { for: 4, against: 2, abstain: 0, threshold: 5, passed: false } });

    const bulletin = await new Client(t).get(`/api/public/votes/${voteId}/bulletin.json`);
    const result = await new Client(t).get(`/api/public/votes/${voteId}/result.json`);
    expect(bulletin.status).toBe(200);
    const b = JSON.parse(bulletin.text);
    const r = JSON.parse(result.text);
    expect(b.format).toBe('minsheng-bulletin/2');
    expect(r.format).toBe('minsheng-result/2');
    expect(b.vote.questions.map((q: { id: string; kind: string; motionKind?: string }) => [q.id, q.kind, q.motionKind])).toEqual([
      [A, 'motion', 'agenda'],
      [N, 'motion', 'name_list'],
      [voteId, 'projects', undefined],
      [R, 'motion', 'resolution'],
    ]);
    expect(b.vote.questions[1].threshold).toEqual({ base: 'present', numerator: 2, denominator: 3, strict: false });
    expect(b.ballots).toHaveLength(6);
    // Canonical: keys in question order then candidate order, no abstention.
    for (const ballot of b.ballots) expect(Object.values(ballot)).not.toContain('abstain');
    expect(r.questions.map((q: { passed: boolean | null }) => q.passed)).toEqual([true, true, null, false]);
    expect(await verifyFiles(bulletin.text, result.text)).toEqual({ kind: 'match' });
    // A changed figure is caught.
    const forged = JSON.parse(result.text);
    forged.questions[3].candidates[0].for = 5;
    expect((await verifyFiles(bulletin.text, JSON.stringify(forged))).kind).toBe('mismatch');

    // The public page, the report and the screen carry every question.
    const pub = await new Client(t).call(T.getPublicResult, { params: { voteId } });
    expect(pub.status).toBe(200);
    expect(pub.body.questions.map((q) => [q.title, q.passed])).toEqual([
      ['关于第三次会议议程（草案）的表决', true],
      ['总监票人和监票人名单（草案）', true],
      ['候选清单', null],
      ['关于政府工作报告的决议（草案）的表决', false],
    ]);
    expect(pub.body.candidates.map((x) => x.id)).toEqual(c);
    expect(pub.body.questions[2].elected).toEqual([c[0]]);
    const report = await h.roles.representative.call(T.getTallyReport, { params: at(path) });
    expect(report.status).toBe(200);
    expect(report.body.questions).toHaveLength(4);
    expect(report.body.questions[1].rule).toEqual({ base: 'present', numerator: 2, denominator: 3, strict: false });
    const screen = (await new Client(t).get(`/api/public/sessions/${h.sessionId}/screen`)).body;
    const row = screen.votes.find((v: { id: string }) => v.id === voteId);
    expect(row.result.questions.map((q: { passed: boolean | null }) => q.passed)).toEqual([true, true, null, false]);
    expect(row.result.elected).toEqual([c[0]]);
    // The project question's elected candidate became a project, as for a plain vote.
    const results = (await new Client(t).get(`/api/public/congresses/${h.congressId}/results`)).body as { voteId: string }[];
    expect(results.map((x) => x.voteId)).toContain(voteId);
  });
});

describe('a plain vote beside it', () => {
  it('is one project question and publishes format /1 exactly as before', async () => {
    const res = await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '民生实事项目票决' });
    expect(res.status).toBe(201);
    expect(res.body.questions).toEqual([expect.objectContaining({ id: res.body.id, kind: 'projects', motionKind: null, title: '民生实事项目票决', candidates: res.body.candidates })]);
    const plain = `${h.base}/sessions/${h.sessionId}/votes/${res.body.id}`;
    await runVote(t, h, res.body.id, [{ [c[0]]: 'for' }, { [c[0]]: 'for', [c[1]]: 'against' }]);
    expect((await h.roles.scrutineer.post(`${plain}/tally`, {})).status).toBe(201);
    await h.roles.scrutineer.post(`${plain}/tally/signoff`, { chief: true, invalidChecked: true });
    await h.roles.scrutineer2.post(`${plain}/tally/signoff`, { chief: false });
    expect((await h.roles.presidium.post(`${plain}/tally/publish`, {})).status).toBe(200);
    const bulletin = await new Client(t).get(`/api/public/votes/${res.body.id}/bulletin.json`);
    const result = await new Client(t).get(`/api/public/votes/${res.body.id}/result.json`);
    const b = JSON.parse(bulletin.text);
    expect(b.format).toBe('minsheng-bulletin/1');
    expect(Object.keys(b.vote)).toEqual(['id', 'title', 'seats', 'markMode', 'maxFor', 'threshold', 'candidates']);
    expect(Object.keys(JSON.parse(result.text))).toEqual(['format', 'voteId', 'void', 'seated', 'present', 'issued', 'cast', 'valid', 'invalid', 'threshold', 'candidates', 'elected', 'tied', 'unfilledSeats', 'digests', 'cardsCommitment']);
    expect(await verifyFiles(bulletin.text, result.text)).toEqual({ kind: 'match' });
    const pub = (await new Client(t).call(T.getPublicResult, { params: { voteId: res.body.id } })).body;
    expect(pub.questions).toHaveLength(1);
    expect(pub.questions[0]).toMatchObject({ id: res.body.id, kind: 'projects', passed: null, title: '民生实事项目票决' });
  });
});

describe('a void sitting of motions only (more ballots cast than cards issued)', () => {
  it('passes no motion, has no follow-up but a re-vote, and the re-vote asks copies of its motions again', async () => {
    const M = `${h.base}/sessions/${h.sessionId}/motions`;
    const m1 = (await h.roles.presidium.post(M, { kind: 'other', title: '议题甲' })).body.id;
    const m2 = (await h.roles.presidium.post(M, { kind: 'other', title: '议题乙', threshold: { base: 'present', numerator: 1, denominator: 2, strict: true } })).body.id;
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { title: '议题表决', motionIds: [m1, m2] })).body;
    const p = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    // The desk entered 2 cards handed out, but 3 ballots came back: void.
    await runVote(t, h, v.id, [{ [m1]: 'for', [m2]: 'for' }, { [m1]: 'for' }, { [m2]: 'against' }], { issueCount: 2 });
    const prepared = (await h.roles.scrutineer.call(T.prepareTally, { params: at(p) })).body;
    expect(prepared.totals).toMatchObject({ issued: 2, cast: 3, void: true, invalid: 0 });
    expect(prepared.figures).toBeNull(); // no project question
    expect(prepared.questions!.map((q) => q.passed)).toEqual([false, false]);
    await h.roles.scrutineer.call(T.signTally, { params: at(p), body: { chief: true } });
    await h.roles.scrutineer2.call(T.signTally, { params: at(p), body: {} });
    expect((await h.roles.presidium.call(T.publishTally, { params: at(p) })).status).toBe(200);
    const view = (await h.roles.presidium.call(T.getTally, { params: at(p) })).body;
    expect(view.next).toMatchObject({ revote: true, runoff: null, further: null, vacancy: null, reservable: [] });
    const motions = (await h.roles.presidium.get(M)).body as { id: string; state: string; result: { passed: boolean } | null }[];
    expect(motions.filter((m) => m.id === m1 || m.id === m2).map((m) => [m.state, m.result?.passed])).toEqual([
      ['failed', false],
      ['failed', false],
    ]);
    const re = await h.roles.presidium.call(T.createRevote, { params: at(p), body: {} });
    expect(re.status, JSON.stringify(re.body)).toBe(201);
    expect(re.body).toMatchObject({ kind: 'revote', previousVoteId: v.id, listId: null, title: '议题表决（重新投票）' });
    expect(re.body.questions.map((q) => [q.title, q.threshold.base])).toEqual([
      ['议题甲', 'seated'],
      ['议题乙', 'present'],
    ]);
    expect(re.body.questions.map((q) => q.id)).not.toContain(m1);
    // The screen's final lists are of project votes only.
    const screen = (await new Client(t).get(`/api/public/sessions/${h.sessionId}/screen`)).body;
    expect(screen.finals.flatMap((f: { voteIds: string[] }) => f.voteIds)).not.toContain(v.id);
  });
});
