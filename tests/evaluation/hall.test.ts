/**
 * 会场测评 (SPEC §15, issue 23 point 5): a round tied to a session of its congress, answered on the hall tablets with its
 * printed slips; the big screen of that session shows only the count while the round is open and, once published, the
 * results with the small-group rule (a group below k is withheld).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../shared/evaluation/contract.ts';
import * as K from '../../shared/kiosk/contract.ts';
import * as T from '../../shared/tally/contract.ts';
import { Client, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
let admin: Client;
let congressId: string;
let sessionId: string;
let otherSessionId: string;
let otherCongressId: string;
let projectId: string;
const year = shanghaiYear();
const anon = () => new Client(t);
const R = (roundId: string) => ({ congressId, roundId });
const screen = async () => (await anon().call(T.getScreen, { params: { sessionId } })).body;
/** One hall round as the screen has it (the test fails here when it is missing). */
const onScreen = async (id: string) => {
  const row = (await screen()).evaluations.find((e) => e.id === id);
  if (!row) throw new Error(`round ${id} not on the screen`);
  return row;
};

/** Answer a slip: every item of every target 满意. */
async function answer(url: string) {
  const token = url.split('#')[1];
  const q = (await anon().call(C.openQuestionnaire, { body: { token } })).body;
  const answers = q.targets.flatMap((tg) => (q.round.items[tg.kind] ?? []).map((i) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'satisfied' as const })));
  const res = await anon().call(C.submitAnswers, { body: { token: q.token, answers } });
  expect(res.status, res.text).toBe(200);
}

/** A hall round at the session, with `n` slips printed, opened. */
async function hallRound(title: string, n: number) {
  const made = await admin.call(C.createRound, { params: { congressId }, body: { year, title, audiences: ['representatives'], projectIds: [projectId], sessionId } });
  expect(made.status, made.text).toBe(201);
  const id = made.body.id as string;
  expect((await admin.call(C.generateCodes, { params: R(id), body: { audience: 'representatives', count: n } })).status).toBe(201);
  const slips = (await admin.call(C.listSlips, { params: R(id), query: { audience: 'representatives' } })).body as { url: string }[];
  expect((await admin.call(C.openRound, { params: R(id) })).body.state).toBe('open');
  return { id, slips };
}

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  congressId = made.congress.id;
  const base = `/api/congresses/${congressId}`;
  sessionId = (await admin.post(`${base}/sessions`, { name: '第三次会议', date: '2027-01-10' })).body.id;
  const other = await congressWithRoles(t, admin);
  otherCongressId = other.congress.id;
  otherSessionId = (await admin.post(`/api/congresses/${other.congress.id}/sessions`, { name: '别的会议', date: '2027-01-10' })).body.id;
  projectId = (
    await admin.post(`${base}/projects`, { year, title: uniq('道路硬化'), leadDepartmentId: made.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` })
  ).body.id;
});

describe('a hall round', () => {
  let roundId: string;

  it('names a session of its own congress, and only that', async () => {
    const refused = await admin.call(C.createRound, { params: { congressId }, body: { year, title: 'x', audiences: ['representatives'], projectIds: [projectId], sessionId: otherSessionId } });
    expect(refused.status).toBe(404);
    expect(refused.body.error?.code).toBe('session_meeting_not_found');

    const plain = await admin.call(C.createRound, { params: { congressId }, body: { year, title: '会后测评', audiences: ['representatives'], projectIds: [projectId] } });
    expect(plain.status, plain.text).toBe(201);
    expect(plain.body.sessionId).toBeNull();
    expect(plain.body.session).toBeNull();
    roundId = plain.body.id;

    const other = await admin.call(C.updateRound, { params: R(roundId), body: { sessionId: otherSessionId } });
    expect(other.status).toBe(404);
    expect(other.body.error?.code).toBe('session_meeting_not_found');

    const tied = await admin.call(C.updateRound, { params: R(roundId), body: { sessionId } });
    expect(tied.status, tied.text).toBe(200);
    expect(tied.body.sessionId).toBe(sessionId);
    expect(tied.body.session).toEqual({ id: sessionId, name: '第三次会议', date: '2027-01-10' });
    // Taken back and set again while still a draft.
    expect((await admin.call(C.updateRound, { params: R(roundId), body: { sessionId: null } })).body.sessionId).toBeNull();
    expect((await admin.call(C.updateRound, { params: R(roundId), body: { sessionId } })).body.sessionId).toBe(sessionId);
  });

  it('is not on the big screen while a draft, and keeps its session once open', async () => {
    expect((await screen()).evaluations).toEqual([]);
    expect((await admin.call(C.openRound, { params: R(roundId) })).status).toBe(200);
    for (const s of [null, otherSessionId, sessionId]) {
      const res = await admin.call(C.updateRound, { params: R(roundId), body: { sessionId: s } });
      expect(res.status).toBe(409);
      expect(res.body.error?.code).toBe('round_started');
    }
    expect((await admin.call(C.getRound, { params: R(roundId) })).body.sessionId).toBe(sessionId);
    const [row] = (await screen()).evaluations;
    expect(row).toMatchObject({ id: roundId, state: 'open', answered: 0, targets: null });
    expect((await admin.call(C.closeRound, { params: R(roundId) })).status).toBe(200);
  });

  it('shows only the count of answers while open, the results once published', async () => {
    const { id, slips } = await hallRound('会场测评（代表）', 6);
    for (const s of slips.slice(0, 3)) await answer(s.url);
    let row = await onScreen(id);
    expect(row).toMatchObject({ state: 'open', answered: 3, targets: null });
    // Nothing else than the count: no rate, grade or target while open.
    expect(JSON.stringify(row)).not.toMatch(/satisfied|overall|grade|道路硬化/);
    for (const s of slips.slice(3)) await answer(s.url);
    expect((await admin.call(C.closeRound, { params: R(id) })).status).toBe(200);
    row = await onScreen(id);
    expect(row).toMatchObject({ state: 'closed', answered: 6, targets: null });
    expect((await admin.call(C.publishRound, { params: R(id) })).status).toBe(200);
    row = await onScreen(id);
    expect(row.state).toBe('published');
    expect(row.k).toBe(5);
    expect(row.targets?.length).toBeGreaterThan(0);
    for (const tg of row.targets ?? []) expect(tg).toMatchObject({ responses: 6, withheld: false, satisfied: 100, overall: 100, grade: 'satisfied' });
  });

  it('withholds a group below k on the screen (人数过少不显示)', async () => {
    const { id, slips } = await hallRound('小组测评', 3);
    for (const s of slips.slice(0, 2)) await answer(s.url);
    await admin.call(C.closeRound, { params: R(id) });
    expect((await admin.call(C.publishRound, { params: R(id) })).status).toBe(200);
    const row = await onScreen(id);
    expect(row).toMatchObject({ state: 'published', answered: 2 });
    expect(row.targets?.length).toBeGreaterThan(0);
    for (const tg of row.targets ?? []) expect(tg).toMatchObject({ responses: 2, withheld: true, satisfied: null, overall: null, grade: null });
  });

  it('is offered to the hall tablets of its session while open', async () => {
    const { id } = await hallRound('平板测评', 1);
    const made = await admin.call(K.createKiosk, { params: { congressId, sessionId }, body: { kind: 'ballot', label: '平板1', hours: 1 } });
    expect(made.status, made.text).toBe(201);
    const enrol = await t.app.request('/api/public/kiosk/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: made.body.enrolUrl.split('#')[1] }) });
    expect(enrol.status).toBe(200);
    expect(((await enrol.json()) as { kiosk: { evaluations: unknown } }).kiosk.evaluations).toEqual([{ id, title: '平板测评' }]);
    const cookie = enrol.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    await admin.call(C.closeRound, { params: R(id) });
    const me = await t.app.request('/api/kiosk/me', { headers: { cookie } });
    expect(((await me.json()) as { kiosk: { evaluations: unknown } }).kiosk.evaluations).toEqual([]);
  });

  describe('with the delegate card on a voting tablet of the session', () => {
    /** A voting tablet of `session`, enrolled: its cookie and CSRF token. */
    async function tablet(session: string) {
      const made = await admin.call(K.createKiosk, { params: { congressId, sessionId: session }, body: { kind: 'ballot', label: uniq('平板'), hours: 1 } });
      expect(made.status, made.text).toBe(201);
      const enrol = await t.app.request('/api/public/kiosk/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: made.body.enrolUrl.split('#')[1] }) });
      expect(enrol.status).toBe(200);
      const csrf = ((await enrol.json()) as { kiosk: { csrfToken: string } }).kiosk.csrfToken;
      return { cookie: enrol.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf };
    }
    const scan = async (k: { cookie: string; csrf: string }, roundId: string, card: string) => {
      const res = await t.app.request('/api/public/evaluation/hall-card', { method: 'POST', headers: { 'content-type': 'application/json', cookie: k.cookie, 'x-csrf-token': k.csrf }, body: JSON.stringify({ roundId, card }) });
      return { status: res.status, body: (await res.json()) as { token?: string; url?: string; error?: { code: string; message: string } } };
    };
    /** The delegate card URL (`…/l#<token>`) of a new representative of the congress. */
    async function card(cid: string, name: string) {
      const rep = (await admin.post(`/api/congresses/${cid}/representatives`, { name })).body;
      const cards = (await admin.get(`/api/congresses/${cid}/roster/cards`)).body.cards as { id: string; url: string }[];
      return { id: rep.id as string, url: cards.find((c) => c.id === rep.id)!.url };
    }

    it('answers once per representative and round; nothing ties them to the answer', async () => {
      const { id } = await hallRound('代表证测评', 1);
      const k = await tablet(sessionId);
      const mine = await card(congressId, uniq('扫证代表'));
      const got = await scan(k, id, mine.url);
      expect(got.status, JSON.stringify(got.body)).toBe(201);
      expect(got.body.url).toMatch(/\/e#/);
      await answer(got.body.url!);
      expect((await onScreen(id)).answered).toBe(1);
      const again = await scan(k, id, mine.url.split('#')[1]); // the bare token too
      expect(again.status).toBe(409);
      expect(again.body.error?.code).toBe('eval_code_given');
      expect(again.body.error?.message).toMatch(/已经领取/);
      const grants = await t.database.query<Record<string, unknown>>('select * from eval_grants where round_id = $1', [id]);
      expect(grants).toEqual([{ round_id: id, representative_id: mine.id }]);
      // The code is nowhere in the database: its spent hash is not its id, and no row names the representative.
      const codeId = JSON.parse(Buffer.from(got.body.token!.split('.')[1], 'base64url').toString()).c as string;
      const dump = JSON.stringify(await t.database.query('select * from eval_codes')) + JSON.stringify(await t.database.query('select * from eval_spent')) + JSON.stringify(await t.database.query('select * from eval_answers'));
      expect(dump).not.toContain(codeId);
      expect(dump).not.toContain(mine.id);
    });

    it('refuses a card of another congress, a caller that is not a tablet of the session, a round of another session', async () => {
      const { id } = await hallRound('代表证测评（拒绝）', 1);
      const k = await tablet(sessionId);
      const foreign = await card(otherCongressId, uniq('外地代表'));
      const refused = await scan(k, id, foreign.url);
      expect(refused.status).toBe(403);
      expect(refused.body.error?.code).toBe('eval_card_other_congress');
      expect((await scan(k, id, 'x'.repeat(30))).body.error?.code).toBe('card_invalid');

      const mine = await card(congressId, uniq('扫证代表'));
      const plain = await anon().call(C.hallCard, { body: { roundId: id, card: mine.url } });
      expect(plain.status).toBe(403);
      expect(plain.body.error?.code).toBe('eval_hall_kiosk_only');
      // Staff signed in is not a tablet either; nor a tablet sending no CSRF token.
      expect((await admin.call(C.hallCard, { body: { roundId: id, card: mine.url } })).body.error?.code).toBe('eval_hall_kiosk_only');
      expect((await scan({ ...k, csrf: 'nope' }, id, mine.url)).status).toBe(403);

      const session2 = (await admin.post(`/api/congresses/${congressId}/sessions`, { name: '第四次会议', date: '2027-02-10' })).body.id as string;
      const elsewhere = await scan(await tablet(session2), id, mine.url);
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.body.error?.code).toBe('eval_hall_other_session');
      expect(await t.database.query('select * from eval_grants where round_id = $1', [id])).toEqual([]);
      // The tablet of the round's own session takes it.
      expect((await scan(k, id, mine.url)).status).toBe(201);
    });
  });
});
