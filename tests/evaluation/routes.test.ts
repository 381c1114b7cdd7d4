/**
 * A round from codes to published grades and a rectification (design §7): code lifecycle and every refusal, nothing seen
 * before its time, k-suppression in the API and the CSV, rectification and re-evaluation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../shared/evaluation/contract.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let depB: Client;
let base: string;
let congressId: string;
let depA: string;
let depBId: string;
let p1: string;
let p2: string;
let roundId: string;
let slips: { serial: string; url: string }[];
let repClients: Client[] = [];
const year = shanghaiYear();
const anon = () => new Client(t);
const tok = (url: string) => url.split('#')[1];
/** A round's path parameters. */
const R = (roundId: string) => ({ congressId, roundId });

type A = 'satisfied' | 'basic' | 'dissatisfied' | 'unknown';
/** Answer every item of every target: `pick(kind, targetId, itemId)` chooses. */
async function answersFor(token: string, pick: (kind: string, id: string, item: string) => A) {
  const q = (await anon().call(C.openQuestionnaire, { body: { token } })).body;
  const answers = q.targets.flatMap((tg) => q.round.items[tg.kind]!.map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: pick(tg.kind, tg.id, i.id) })));
  return { q, answers };
}

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  roles = made.clients;
  congressId = made.congress.id;
  base = `/api/congresses/${congressId}`;
  depA = made.department.id;
  depBId = (await admin.post(`${base}/departments`, { name: uniq('水利局'), kind: 'bureau' })).body.id;
  const u = uniq('depb');
  await admin.post(`${base}/accounts`, { username: u, displayName: '水利局', password: PASSWORD, role: 'department', departmentId: depBId });
  depB = new Client(t);
  await depB.login(u, PASSWORD);
  const f = (title: string, lead: string, co: string[] = []) => ({ year, title, leadDepartmentId: lead, coDepartmentIds: co, plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` });
  p1 = (await admin.post(`${base}/projects`, f('道路硬化', depA))).body.id;
  p2 = (await admin.post(`${base}/projects`, f('饮水工程', depBId, [depA]))).body.id;
  // Three representatives who sign in with their delegate cards.
  for (const name of ['甲代表', '乙代表', '丙代表']) await admin.post(`${base}/representatives`, { name });
  const cards = (await admin.get(`${base}/roster/cards`)).body.cards as { url: string }[];
  for (const card of cards) {
    const cl = new Client(t);
    await cl.post('/api/auth/card-login', { token: tok(card.url) });
    repClients.push(cl);
  }
});

describe('a round', () => {
  it('is created by staff over projects and their departments, with the default questionnaire', async () => {
    expect((await roles.government.call(C.createRound, { params: { congressId }, body: { year, title: 'x', audiences: ['residents'], projectIds: [p1] } })).status).toBe(403);
    const res = await admin.call(C.createRound, { params: { congressId }, body: { year, title: `${year}年民生实事项目满意度测评`, audiences: ['representatives', 'residents'], projectIds: [p1, p2] } });
    expect(res.status, res.text).toBe(201);
    roundId = res.body.id;
    expect(res.body.targets.map((x: { kind: string; id: string }) => `${x.kind}:${x.id}`)).toEqual([`project:${p1}`, `project:${p2}`, `department:${depA}`, `department:${depBId}`]);
    expect(res.body.items.department!.map((i: { label: string }) => i.label)).toEqual(['办理态度 Attitude', '办理过程 Handling', '办理效果 Result']);
    expect(res.body.state).toBe('draft');
  });

  it('lets staff edit the questionnaire until it opens; departments do not see it at all', async () => {
    const edited = await admin.call(C.updateRound, { params: R(roundId), body: { items: { project: [{ id: 'p1', label: '完成情况' }, { id: 'p2', label: '工程质量' }], department: [{ id: 'd1', label: '办理态度' }, { id: 'd2', label: '办理效果' }] } } });
    expect(edited.body.items.project).toHaveLength(2);
    expect((await roles.department.call(C.listRounds, { params: { congressId } })).body).toEqual([]);
    expect((await roles.department.call(C.getRound, { params: R(roundId) })).status).toBe(404);
    expect((await admin.call(C.openRound, { params: R(roundId) })).body.state).toBe('open');
    expect((await admin.call(C.updateRound, { params: R(roundId), body: { title: 'x' } })).body.error?.code).toBe('round_started');
  });
});

describe('codes', () => {
  it('prints slips for residents; records how many were handed out, never to whom', async () => {
    expect((await admin.call(C.generateCodes, { params: R(roundId), body: { audience: 'residents', count: 8 } })).body).toEqual({ generated: 8 });
    slips = (await admin.call(C.listSlips, { params: R(roundId), query: { audience: 'residents' } })).body;
    expect(slips).toHaveLength(8);
    expect(slips[0].url).toMatch(/^http:\/\/localhost\/e#[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(slips[0].serial).toMatch(/^E[2-9A-HJKMNP-Z]{8}$/);
    expect((await roles.government.call(C.listSlips, { params: R(roundId), query: { audience: 'residents' } })).status).toBe(403);
    expect((await admin.call(C.recordIssued, { params: R(roundId), body: { audience: 'residents', count: 8 } })).body.codes.residents).toEqual({ printed: 8, issued: 8, granted: 0 });
  });

  it('gives each representative signed in with their card one code, storing only that they got one', async () => {
    const mine = await repClients[0].call(C.takeMyCode, { params: R(roundId) });
    expect(mine.status, mine.text).toBe(201);
    expect(mine.body.url).toMatch(/\/e#/);
    expect((await repClients[0].call(C.takeMyCode, { params: R(roundId) })).body.error?.code).toBe('eval_code_given');
    expect((await repClients[0].call(C.getRound, { params: R(roundId) })).body.myCodeReceived).toBe(true);
    expect((await roles.government.call(C.takeMyCode, { params: R(roundId) })).body.error?.code).toBe('eval_not_representative');
    const grants = await t.database.query<Record<string, unknown>>('select * from eval_grants where round_id = $1', [roundId]);
    expect(grants).toHaveLength(1);
    expect(Object.keys(grants[0]).sort()).toEqual(['representative_id', 'round_id']);
    // The code itself is nowhere in the database.
    const codeId = JSON.parse(Buffer.from(tok(mine.body.url).split('.')[1], 'base64url').toString()).c;
    const dump = JSON.stringify(await t.database.query('select * from eval_codes')) + JSON.stringify(await t.database.query('select * from eval_spent'));
    expect(dump).not.toContain(codeId);
  });

  it('refuses a forged, typed-wrong, other-round or incomplete submission with a clear message', async () => {
    const good = tok(slips[0].url);
    const [h, p] = good.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), a: 'representatives' })).toString('base64url')}.${good.split('.')[2]}`;
    expect((await anon().call(C.openQuestionnaire, { body: { token: forged } })).body.error?.code).toBe('eval_code_invalid');
    expect((await anon().call(C.openQuestionnaire, { body: { token: `${good}x` } })).body.error?.code).toBe('eval_code_invalid');
    expect((await anon().call(C.openQuestionnaire, { body: { congressId, serial: 'EZZZZZZZZ' } })).body.error?.code).toBe('eval_serial_unknown');
    const typed = await anon().call(C.openQuestionnaire, { body: { congressId, serial: slips[1].serial.toLowerCase() } });
    expect(typed.status).toBe(200);
    expect(typed.body.targets).toHaveLength(4);
    const { answers } = await answersFor(good, () => 'satisfied');
    const missing = await anon().call(C.submitAnswers, { body: { token: good, answers: answers.slice(1) } });
    expect(missing.status).toBe(422);
    expect(missing.body.error?.message).toContain('还有 1 项未作答');
    const bad = await anon().call(C.submitAnswers, { body: { token: good, answers: [...answers.slice(1), { ...answers[0], targetId: crypto.randomUUID() }] } });
    expect(bad.body.error?.code).toBe('eval_answer_unknown');
    // Nothing was spent or stored by the refusals.
    expect((await admin.call(C.getRound, { params: R(roundId) })).body.responses).toEqual({ representatives: 0, residents: 0 });
  });
});

describe('answering', () => {
  it('takes each code once; the same code again is refused', async () => {
    // Residents: 6 answers — P1 mostly satisfied, department A mostly dissatisfied.
    for (const [i, slip] of slips.slice(0, 6).entries()) {
      const { answers } = await answersFor(tok(slip.url), (kind, id) => (kind === 'project' && id === p1 ? (i < 4 ? 'satisfied' : 'basic') : kind === 'department' && id === depA ? (i < 4 ? 'dissatisfied' : 'satisfied') : i % 2 ? 'basic' : 'unknown'));
      const res = await anon().call(C.submitAnswers, { body: { token: tok(slip.url), answers, comments: [{ targetKind: 'project', targetId: p1, text: `评论${6 - i}` }] } });
      expect(res.status, res.text).toBe(200);
    }
    const { answers } = await answersFor(tok(slips[6].url), () => 'satisfied');
    expect((await anon().call(C.submitAnswers, { body: { token: tok(slips[0].url), answers } })).body.error?.code).toBe('eval_code_used');
    expect((await anon().call(C.openQuestionnaire, { body: { token: tok(slips[0].url) } })).body.error?.code).toBe('eval_code_used');
  });

  it('representatives answer with their codes (2 of them: fewer than k = 5)', async () => {
    for (const cl of repClients.slice(1, 3)) {
      const code = (await cl.call(C.takeMyCode, { params: R(roundId) })).body;
      const { answers } = await answersFor(code.token, () => 'basic');
      expect((await anon().call(C.submitAnswers, { body: { token: code.token, answers } })).status).toBe(200);
    }
  });

  it('shows nobody a figure while open — only the count of answers — and departments nothing at all', async () => {
    expect((await admin.call(C.getRound, { params: R(roundId) })).body.responses).toEqual({ representatives: 2, residents: 6 });
    for (const who of [admin, roles.government, roles.presidium, roles.department]) {
      const res = await who.call(C.getResults, { params: R(roundId) });
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    expect((await admin.call(C.getResults, { params: R(roundId) })).body.error?.code).toBe('round_figures_hidden');
    expect((await admin.call(C.listComments, { params: R(roundId) })).status).toBe(409);
  });

  it('stores answers with nothing that could identify a person, a code or a time', async () => {
    const cols = (await t.database.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_name in ('eval_answers','eval_comments','eval_spent') order by table_name, column_name",
    )).map((r) => `${r.table_name}.${r.column_name}`);
    expect(cols).toEqual([
      'eval_answers.answer',
      'eval_answers.audience',
      'eval_answers.id',
      'eval_answers.item_id',
      'eval_answers.round_id',
      'eval_answers.target_id',
      'eval_answers.target_kind',
      'eval_comments.audience',
      'eval_comments.id',
      'eval_comments.item_id',
      'eval_comments.round_id',
      'eval_comments.target_id',
      'eval_comments.target_kind',
      'eval_comments.text',
      'eval_spent.audience',
      'eval_spent.code_hash',
      'eval_spent.round_id',
    ]);
  });

  it('refuses answers after the close', async () => {
    expect((await admin.call(C.closeRound, { params: R(roundId) })).body.state).toBe('closed');
    const { answers } = await answersFor(tok(slips[6].url), () => 'satisfied').catch(() => ({ answers: [] as never[] }));
    const res = await anon().call(C.submitAnswers, { body: { token: tok(slips[6].url), answers } });
    expect(res.body.error?.code).toBe('eval_round_closed');
  });
});

describe('results', () => {
  it('after the close, staff see the figures; groups under k are withheld, and so is the total then', async () => {
    expect((await roles.department.call(C.getResults, { params: R(roundId) })).status).toBe(404);
    expect((await roles.government.call(C.getResults, { params: R(roundId) })).body.error?.code).toBe('round_not_published');
    const r = (await admin.call(C.getResults, { params: R(roundId) })).body;
    expect(r).toMatchObject({ k: 5, responses: { representatives: 2, residents: 6, all: 8 } });
    const tp1 = r.targets.find((x) => x.id === p1)!;
    expect(tp1.groups.representatives).toMatchObject({ responses: 2, withheld: true, counts: null, grade: null });
    expect(tp1.groups.residents).toMatchObject({ responses: 6, withheld: false, counts: { satisfied: 8, basic: 4, dissatisfied: 0, unknown: 0 }, grade: 'satisfied' });
    expect(tp1.groups.residents?.rates).toEqual({ satisfied: 66.7, basic: 33.3, dissatisfied: 0, overall: 100 });
    // Combined figures would give the representatives' away by subtraction: withheld too.
    expect(tp1.groups.all).toMatchObject({ withheld: true, counts: null });
    const csv = (await admin.call(C.getResultsCsv, { params: R(roundId) })).text;
    expect(csv).toContain('少于k份，不公布 withheld (<k)');
    expect(csv.split('\r\n').filter((l) => l.includes('代表 representatives')).every((l) => l.includes('withheld'))).toBe(true);
    const comments = (await admin.call(C.listComments, { params: R(roundId) })).body.find((x) => x.id === p1)!.comments;
    expect(comments).toEqual([...comments].sort((a: string, b: string) => a.localeCompare(b, 'zh-CN')));
    expect(comments).toHaveLength(6);
  });
});

describe('publication, rectification and re-evaluation (residents only, so that grades stand)', () => {
  let r2: string;
  it('grades each target; 不满意 opens a rectification that requires a re-evaluation, 基本满意 one that does not', async () => {
    const res = await admin.call(C.createRound, { params: { congressId }, body: { year, title: '群众测评', audiences: ['residents'], projectIds: [p1, p2], allowUnknown: false } });
    r2 = res.body.id;
    await admin.call(C.openRound, { params: R(r2) });
    await admin.call(C.generateCodes, { params: R(r2), body: { audience: 'residents', count: 5 } });
    const codes = (await admin.call(C.listSlips, { params: R(r2), query: { audience: 'residents' } })).body as { url: string }[];
    for (const [i, code] of codes.entries()) {
      const { answers } = await answersFor(tok(code.url), (kind, id) => (kind === 'department' && id === depA ? 'dissatisfied' : kind === 'project' && id === p2 ? (i < 2 ? 'satisfied' : 'basic') : 'satisfied'));
      if (i === 0) expect((await anon().call(C.submitAnswers, { body: { token: tok(code.url), answers: answers.map((a) => ({ ...a, answer: 'unknown' as const })) } })).body.error?.code).toBe('eval_unknown_not_allowed');
      expect((await anon().call(C.submitAnswers, { body: { token: tok(code.url), answers } })).status).toBe(200);
    }
    await admin.call(C.closeRound, { params: R(r2) });
    expect((await roles.government.call(C.publishRound, { params: R(r2) })).status).toBe(403);
    expect((await admin.call(C.publishRound, { params: R(r2) })).body.state).toBe('published');
    expect((await admin.call(C.publishRound, { params: R(r2) })).body.error?.code).toBe('round_published');
    const results = (await roles.department.call(C.getResults, { params: R(r2) })).body;
    const g = Object.fromEntries(results.targets.map((x) => [x.id, x.grade]));
    expect(g).toEqual({ [p1]: 'satisfied', [p2]: 'basic', [depA]: 'dissatisfied', [depBId]: 'satisfied' });
    const rect = (await admin.call(C.listRectifications, { params: { congressId } })).body as { targetId: string; grade: string; requiresReevaluation: boolean; department: { id: string } }[];
    expect(rect.map((x) => [x.targetId, x.grade, x.requiresReevaluation, x.department.id]).sort()).toEqual(
      [
        [p2, 'basic', false, depBId],
        [depA, 'dissatisfied', true, depA],
      ].sort(),
    );
    expect((await roles.department.call(C.listRectifications, { params: { congressId } })).body).toHaveLength(1);
    expect((await depB.call(C.listRectifications, { params: { congressId } })).body).toHaveLength(1);
    expect((await roles.department.call(C.listRounds, { params: { congressId } })).body.map((x: { id: string }) => x.id)).toEqual([r2]);
    // The public progress page shows the published grade of each project.
    expect((await anon().get(`/api/public/projects/${p2}`)).body.evaluation).toEqual({ roundTitle: '群众测评', year, grade: 'basic', overall: 100 });
  });

  it('the department files its report; staff return and accept it', async () => {
    const mine = (await roles.department.call(C.listRectifications, { params: { congressId } })).body[0];
    expect((await depB.call(C.fileRectification, { params: { congressId, rectificationId: mine.id }, body: { report: 'x' } })).status).toBe(404);
    expect((await admin.call(C.reviewRectification, { params: { congressId, rectificationId: mine.id }, body: { accept: true } })).body.error?.code).toBe('rectification_not_reported');
    expect((await roles.department.call(C.fileRectification, { params: { congressId, rectificationId: mine.id }, body: { report: '已增派人员，建立周报制度。' } })).body.state).toBe('reported');
    expect((await admin.call(C.reviewRectification, { params: { congressId, rectificationId: mine.id }, body: { accept: false, note: '请补充时间表' } })).body).toMatchObject({ state: 'returned', reviewNote: '请补充时间表' });
    await roles.department.call(C.fileRectification, { params: { congressId, rectificationId: mine.id }, body: { report: '已增派人员，建立周报制度，6月底前完成。' } });
    expect((await admin.call(C.reviewRectification, { params: { congressId, rectificationId: mine.id }, body: { accept: true } })).body.state).toBe('accepted');
    expect((await admin.call(C.setRectificationDeadline, { params: { congressId, rectificationId: mine.id }, body: { deadline: '2030-01-01' } })).body.error?.code).toBe('rectification_closed');
  });

  it('a re-evaluation round over the 不满意 targets, linked; a second 不满意 is marked repeated', async () => {
    expect((await admin.call(C.reevaluate, { params: R(roundId) })).body.error?.code).toBe('round_not_published');
    const re = await admin.call(C.reevaluate, { params: R(r2) });
    expect(re.status, re.text).toBe(201);
    expect(re.body).toMatchObject({ kind: 'reevaluation', previousRoundId: r2, audiences: ['residents'] });
    expect(re.body.targets.map((x: { id: string }) => x.id)).toEqual([depA]);
    expect((await admin.call(C.reevaluate, { params: R(r2) })).body.error?.code).toBe('reevaluation_exists');
    const rp = R(re.body.id);
    await admin.call(C.openRound, { params: rp });
    await admin.call(C.generateCodes, { params: rp, body: { audience: 'residents', count: 5 } });
    for (const code of (await admin.call(C.listSlips, { params: rp, query: { audience: 'residents' } })).body as { url: string }[]) {
      const { answers } = await answersFor(tok(code.url), () => 'dissatisfied');
      await anon().call(C.submitAnswers, { body: { token: tok(code.url), answers } });
    }
    await admin.call(C.closeRound, { params: rp });
    await admin.call(C.publishRound, { params: rp });
    const res = (await admin.call(C.getResults, { params: rp })).body;
    expect(res.targets[0]).toMatchObject({ id: depA, grade: 'dissatisfied', repeatedDissatisfied: true });
    const rect = (await admin.call(C.listRectifications, { params: { congressId } })).body as { roundId: string; repeated: boolean; reevaluation: { grade: string } | null; targetId: string }[];
    expect(rect.find((x) => x.roundId === re.body.id)).toMatchObject({ targetId: depA, repeated: true });
    expect(rect.find((x) => x.roundId === r2 && x.targetId === depA)?.reevaluation).toEqual({ roundId: re.body.id, grade: 'dissatisfied' });
  });

  it('league table across published rounds', async () => {
    const l = (await roles.government.call(C.getLeague, { params: { congressId }, query: {} })).body;
    expect(l.map((x) => x.target.id)).toEqual([depBId, depA]);
    expect(l.find((x) => x.target.id === depA)?.rounds).toHaveLength(2);
    expect(l.find((x) => x.target.id === depA)?.averageOverall).toBe(0);
  });
});
