/**
 * Evaluation of every target kind with every question kind (SPEC §15, issue 23 point 4): appointed officials and
 * 专题询问 kept by the office; a round over a department without projects, an official, a department's suggestion
 * handling, an inquiry and a representative, each asked the 3-grade scale, five points, yes / no and a comment; answered
 * with codes, closed, published, its results per kind, k-suppression for a small group, the refusals, the league per
 * kind, rectification only from graded kinds, and an old round whose items name no kind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../shared/evaluation/contract.ts';
import type { Items, Questionnaire, TargetKind } from '../../shared/evaluation/schema.ts';
import { Client, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let congressId: string;
let otherCongress: { id: string; department: string };
let depA: string;
let depB: string;
let official: string;
let inquiry: string;
let rep: string;
const year = shanghaiYear();
const anon = () => new Client(t);
const tok = (url: string) => url.split('#')[1];
const R = (roundId: string) => ({ congressId, roundId });

/** Four items of every kind of question, for a kind of target with this id prefix. */
const every = (p: string, label: string) => [
  { id: `${p}1`, label: `${label}总体评价`, kind: 'satisfaction3' as const },
  { id: `${p}2`, label: `${label}工作实绩`, kind: 'scale5' as const },
  { id: `${p}3`, label: `${label}按时办结`, kind: 'yes_no' as const },
  { id: `${p}4`, label: `${label}意见建议`, kind: 'comment' as const },
];
const ITEMS: Items = {
  department: every('d', '单位'),
  suggestion_handling: [
    { id: 's1', label: '办理态度', kind: 'satisfaction3' },
    { id: 's2', label: '办理情况', kind: 'scale5' },
    { id: 's3', label: '办理效果', kind: 'yes_no' },
    { id: 's4', label: '对办理的意见', kind: 'comment' },
  ],
  // The official is asked no 3-grade question: graded by the 5-point scale.
  official: [
    { id: 'o1', label: '依法履职', kind: 'scale5' },
    { id: 'o2', label: '廉洁自律', kind: 'yes_no' },
    { id: 'o3', label: '对该同志的意见', kind: 'comment' },
  ],
  inquiry: every('i', '应询'),
  // The representative: yes/no and a comment only — no grade, so no rectification.
  representative: [
    { id: 'r1', label: '经常联系选民', kind: 'yes_no' },
    { id: 'r2', label: '对代表的意见', kind: 'comment' },
  ],
};

type Pick = (kind: TargetKind, itemId: string, itemKind: string) => string | null;
/** Open a code's questionnaire and answer each item by `pick` (null: leave it out). */
async function answer(token: string, pick: Pick) {
  const q = (await anon().call(C.openQuestionnaire, { body: { token } })).body as Questionnaire;
  const answers = q.targets.flatMap((tg) =>
    (q.round.items[tg.kind] ?? []).flatMap((i) => {
      const a = pick(tg.kind, i.id, i.kind);
      return a === null ? [] : [{ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: a }];
    }),
  );
  return anon().call(C.submitAnswers, { body: { token, answers } });
}

async function codes(roundId: string, n: number) {
  await admin.call(C.generateCodes, { params: R(roundId), body: { audience: 'residents', count: n } });
  return ((await admin.call(C.listSlips, { params: R(roundId), query: { audience: 'residents' } })).body as { url: string }[]).map((s) => tok(s.url));
}

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  roles = made.clients;
  congressId = made.congress.id;
  depA = made.department.id;
  depB = (await admin.post(`/api/congresses/${congressId}/departments`, { name: uniq('水利局'), kind: 'bureau' })).body.id;
  rep = (await admin.post(`/api/congresses/${congressId}/representatives`, { name: '张代表', delegation: '城关代表团' })).body.id;
  const other = await congressWithRoles(t, admin);
  otherCongress = { id: other.congress.id, department: other.department.id };
});

describe('appointed officials and 专题询问, kept by the office', () => {
  it('adds, changes, lists and archives an official; refuses a department of another congress; staff only', async () => {
    const body = { name: '李局长', post: '县水利局局长', departmentId: depB, appointedOn: `${year}-03-01` };
    expect((await roles.government.call(C.createOfficial, { params: { congressId }, body })).status).toBe(403);
    expect((await admin.call(C.createOfficial, { params: { congressId }, body: { ...body, departmentId: otherCongress.department } })).body.error?.code).toBe('department_not_found');
    const made = await admin.call(C.createOfficial, { params: { congressId }, body });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ name: '李局长', post: '县水利局局长', department: { id: depB }, appointedOn: `${year}-03-01`, archived: false });
    official = made.body.id;
    const changed = await admin.call(C.updateOfficial, { params: { congressId, officialId: official }, body: { post: '县水利局党组书记、局长' } });
    expect(changed.body).toMatchObject({ post: '县水利局党组书记、局长', department: { id: depB }, appointedOn: `${year}-03-01` });
    const gone = (await admin.call(C.createOfficial, { params: { congressId }, body: { name: '王副县长', post: '副县长' } })).body;
    expect(gone.department).toBeNull();
    expect((await admin.call(C.archiveOfficial, { params: { congressId, officialId: gone.id } })).body.archived).toBe(true);
    expect((await roles.presidium.call(C.listOfficials, { params: { congressId }, query: {} })).body.map((o) => o.id)).toEqual([official]);
    expect((await admin.call(C.listOfficials, { params: { congressId }, query: { archived: 'include' } })).body).toHaveLength(2);
    // Another congress's staff path does not reach it.
    expect((await admin.call(C.updateOfficial, { params: { congressId: otherCongress.id, officialId: official }, body: { name: 'x' } })).body.error?.code).toBe('official_not_found');
    // An archived official is not offered for a new round.
    const r = await admin.call(C.createRound, { params: { congressId }, body: { year, title: 'x', audiences: ['residents'], targets: [{ kind: 'official', id: gone.id }] } });
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBe('eval_target_not_found');
  });

  it('adds and changes an inquiry with the departments that answered', async () => {
    const body = { title: '农村饮水安全专题询问', heldOn: `${year}-06-18`, departmentIds: [depB, depA] };
    expect((await admin.call(C.createInquiry, { params: { congressId }, body: { ...body, departmentIds: [] } })).status).toBe(400);
    const made = await admin.call(C.createInquiry, { params: { congressId }, body });
    expect(made.status, made.text).toBe(201);
    expect(made.body.departments.map((d) => d.id)).toEqual([depB, depA]);
    inquiry = made.body.id;
    expect((await admin.call(C.updateInquiry, { params: { congressId, inquiryId: inquiry }, body: { title: '农村饮水安全工作专题询问' } })).body.title).toBe('农村饮水安全工作专题询问');
    expect((await roles.department.call(C.listInquiries, { params: { congressId }, query: {} })).body).toHaveLength(1);
    expect((await roles.government.call(C.archiveInquiry, { params: { congressId, inquiryId: inquiry } })).status).toBe(403);
  });
});

describe('a round over targets of every kind, with every kind of question', () => {
  let roundId: string;
  let tokens: string[];

  it('refuses a round without targets, an unknown target and a target of another congress', async () => {
    const base = { year, title: '测评', audiences: ['residents' as const] };
    const none = await admin.call(C.createRound, { params: { congressId }, body: base });
    expect(none.status).toBe(422);
    expect(none.body.error?.code).toBe('round_no_targets');
    for (const target of [
      { kind: 'department' as const, id: crypto.randomUUID() },
      { kind: 'official' as const, id: crypto.randomUUID() },
      { kind: 'inquiry' as const, id: crypto.randomUUID() },
      { kind: 'representative' as const, id: crypto.randomUUID() },
      { kind: 'suggestion_handling' as const, id: otherCongress.department },
      { kind: 'department' as const, id: otherCongress.department },
    ]) {
      const res = await admin.call(C.createRound, { params: { congressId }, body: { ...base, targets: [target] } });
      expect(res.status, target.kind).toBe(404);
      expect(res.body.error?.code).toBe('eval_target_not_found');
      expect(res.body.error?.message).toContain(target.kind);
    }
  });

  it('is created over a department without projects, an official, suggestion handling, an inquiry and a representative', async () => {
    const res = await admin.call(C.createRound, {
      params: { congressId },
      body: {
        year,
        title: `${year}年度测评`,
        audiences: ['residents'],
        items: ITEMS,
        targets: [
          { kind: 'department', id: depA },
          { kind: 'official', id: official },
          { kind: 'suggestion_handling', id: depB },
          { kind: 'inquiry', id: inquiry },
          { kind: 'representative', id: rep },
        ],
      },
    });
    expect(res.status, res.text).toBe(201);
    roundId = res.body.id;
    const targets = res.body.targets.map((x) => [x.kind, x.id]);
    expect(targets).toEqual([
      ['department', depA],
      ['official', official],
      ['suggestion_handling', depB],
      ['inquiry', inquiry],
      ['representative', rep],
    ]);
    const o = res.body.targets.find((x) => x.kind === 'official')!;
    expect(o).toMatchObject({ title: '李局长', subtitle: expect.stringContaining('县水利局党组书记、局长') });
    expect(res.body.targets.find((x) => x.kind === 'inquiry')!.subtitle).toContain(`${year}-06-18`);
    expect(res.body.targets.find((x) => x.kind === 'representative')!).toMatchObject({ title: '张代表', subtitle: '城关代表团' });
    // Only the kinds the round evaluates are asked.
    expect(Object.keys(res.body.items).sort()).toEqual(['department', 'inquiry', 'official', 'representative', 'suggestion_handling']);
    expect(res.body.items.official!.map((i) => i.kind)).toEqual(['scale5', 'yes_no', 'comment']);
  });

  it('takes the default items of a kind given none (suggestion handling: 办理态度 / 办理情况 / 办理效果)', async () => {
    const res = await admin.call(C.createRound, { params: { congressId }, body: { year, title: '建议办理满意度测评', audiences: ['representatives'], targets: [{ kind: 'suggestion_handling', id: depA }] } });
    expect(res.body.items).toEqual({
      suggestion_handling: [
        { id: 's1', label: '办理态度 Attitude', kind: 'satisfaction3' },
        { id: 's2', label: '办理情况 Handling', kind: 'satisfaction3' },
        { id: 's3', label: '办理效果 Result', kind: 'satisfaction3' },
      ],
    });
  });

  it('refuses an answer not of its item’s kind with 400 naming the item; a comment item may stay empty', async () => {
    await admin.call(C.openRound, { params: R(roundId) });
    tokens = await codes(roundId, 6);
    const ok: Pick = (_k, _i, kind) => ({ satisfaction3: 'satisfied', scale5: '4', yes_no: 'yes', comment: null })[kind] ?? null;
    const wrong = [
      { item: 'o1', value: 'satisfied', label: '依法履职' },
      { item: 'd3', value: '5', label: '单位按时办结' },
      { item: 'd1', value: 'yes', label: '单位总体评价' },
      { item: 'r1', value: 'unknown', label: '经常联系选民' },
    ];
    for (const w of wrong) {
      const res = await answer(tokens[0], (k, i, kind) => (i === w.item ? w.value : ok(k, i, kind)));
      expect(res.status, w.item).toBe(400);
      expect(res.body.error?.code).toBe('eval_answer_invalid');
      expect(res.body.error?.message).toContain(w.label);
    }
    const long = await answer(tokens[0], (k, i, kind) => (i === 'd4' ? 'x'.repeat(501) : ok(k, i, kind)));
    expect(long.status).toBe(400);
    const missing = await answer(tokens[0], (k, i, kind) => (i === 'o1' ? null : ok(k, i, kind)));
    expect(missing.body.error?.code).toBe('eval_answers_missing');
    // Nothing spent by the refusals.
    expect((await admin.call(C.getRound, { params: R(roundId) })).body.responses.residents).toBe(0);
  });

  it('is answered with five codes: 3-grade, five points, yes / no and comments', async () => {
    // Answer n (0–4): the 5-point scale 5,4,3,3,2 for the official (average 3.4: 基本满意); 1,2,… elsewhere varied.
    const scale = ['5', '4', '3', '3', '2'];
    for (const [n, token] of tokens.slice(0, 5).entries()) {
      const res = await answer(token, (kind, item, qk) => {
        if (qk === 'satisfaction3') return kind === 'department' ? (n < 3 ? 'satisfied' : 'basic') : n < 1 ? 'satisfied' : n < 2 ? 'basic' : 'dissatisfied';
        if (qk === 'scale5') return kind === 'official' ? scale[n] : n < 4 ? '5' : 'unknown';
        if (qk === 'yes_no') return n < 4 ? 'yes' : 'no';
        // Three of five write a comment (the others leave it empty).
        return n < 3 ? `${kind}意见${3 - n}` : n === 3 ? '   ' : null;
      });
      expect(res.status, res.text).toBe(200);
    }
    // Stored: a comment item's text with its item, with the comments; no choice row for it.
    const rows = await t.database.query<{ item_id: string | null; text: string }>('select item_id, text from eval_comments where round_id = $1 order by text', [roundId]);
    expect(rows.filter((r) => r.item_id === 'o3').map((r) => r.text)).toEqual(['official意见1', 'official意见2', 'official意见3']);
    expect(await t.database.query('select 1 from eval_answers where round_id = $1 and item_id in ($2, $3)', [roundId, 'o3', 'd4'])).toHaveLength(0);
    expect((await t.database.query<{ answer: string }>("select distinct answer from eval_answers where round_id = $1 and item_id = 'o1' order by answer", [roundId])).map((r) => r.answer)).toEqual(['2', '3', '4', '5']);
    // Nothing shows while open.
    expect((await admin.call(C.getResults, { params: R(roundId) })).body.error?.code).toBe('round_figures_hidden');
  });

  it('gives results per kind once closed and published; rectification only from graded kinds', async () => {
    await admin.call(C.closeRound, { params: R(roundId) });
    await admin.call(C.publishRound, { params: R(roundId) });
    const res = (await roles.government.call(C.getResults, { params: R(roundId) })).body;
    const of = (kind: TargetKind) => res.targets.find((x) => x.kind === kind)!;
    const dep = of('department');
    // The 3-grade item: 3 满意 + 2 基本满意 → 满意 (share rule), 综合满意率 100.
    expect(dep.groups.all).toMatchObject({ withheld: false, responses: 5, counts: { satisfied: 3, basic: 2, dissatisfied: 0, unknown: 0 }, grade: 'satisfied', overall: 100 });
    // Five points: four 5s and a 不了解 → average 5, 100% of 4–5; yes/no: 4 of 5.
    expect(dep.groups.all.scale5).toMatchObject({ average: 5, favourable: 100 });
    expect(dep.groups.all.yesNo).toEqual({ yes: 4, no: 1, yesPercent: 80 });
    expect(dep.groups.all.items!.map((i) => [i.id, i.kind, i.favourable, i.grade])).toEqual([
      ['d1', 'satisfaction3', 100, 'satisfied'],
      ['d2', 'scale5', 100, 'satisfied'],
      ['d3', 'yes_no', 80, null],
      ['d4', 'comment', null, null],
    ]);
    expect(dep.groups.all.items!.find((i) => i.id === 'd4')!.counts).toEqual({ written: 3 });
    // The official: no 3-grade item, graded on the 5-point average 3.4 → 基本满意, its score 68.
    const off = of('official');
    expect(off.groups.all.scale5).toMatchObject({ average: 3.4, favourable: 40 });
    expect(off).toMatchObject({ grade: 'basic', weightedScore: 68 });
    expect(off.groups.all.overall).toBe(40);
    // The inquiry's 3-grade item: 1 满意, 1 基本满意, 3 不满意 → 不满意.
    expect(of('inquiry').grade).toBe('dissatisfied');
    expect(of('suggestion_handling').grade).toBe('dissatisfied');
    // The representative: yes / no and a comment only — figures, no grade.
    const r = of('representative');
    expect(r).toMatchObject({ grade: null, groups: { all: { yesNo: { yesPercent: 80 }, overall: 80, grade: null, score: null } } });

    const rect = (await admin.call(C.listRectifications, { params: { congressId } })).body.filter((x) => x.roundId === roundId);
    expect(rect.map((x) => [x.targetKind, x.grade, x.department.id, x.requiresReevaluation]).sort()).toEqual(
      [
        ['inquiry', 'dissatisfied', depB, true],
        ['official', 'basic', depB, false],
        ['suggestion_handling', 'dissatisfied', depB, true],
      ].sort(),
    );
    expect(rect.find((x) => x.targetKind === 'official')!.targetTitle).toBe('李局长');

    const csv = (await admin.call(C.getResultsCsv, { params: R(roundId) })).text;
    for (const word of ['任命人员', '建议办理', '专题询问', '代表', '五级平均分']) expect(csv).toContain(word);
  });

  it('shows a comment item’s texts sorted, with the comments; a department its own targets only', async () => {
    const all = (await admin.call(C.listComments, { params: R(roundId) })).body;
    const off = all.find((x) => x.kind === 'official')!;
    expect(off.items).toEqual([{ id: 'o3', label: '对该同志的意见', comments: ['official意见1', 'official意见2', 'official意见3'] }]);
    expect(off.comments).toEqual([]);
    // depA's department account reads its own department's comments only.
    const mine = (await roles.department.call(C.listComments, { params: R(roundId) })).body;
    expect(mine.map((x) => [x.kind, x.id])).toEqual([['department', depA]]);
  });

  it('ranks each kind of target in its own league', async () => {
    const deps = (await roles.government.call(C.getLeague, { params: { congressId }, query: {} })).body;
    expect(deps.map((x) => x.target)).toEqual([{ kind: 'department', id: depA, name: expect.any(String) }]);
    const offs = (await roles.government.call(C.getLeague, { params: { congressId }, query: { kind: 'official' } })).body;
    expect(offs).toEqual([{ target: { kind: 'official', id: official, name: '李局长' }, rounds: [expect.objectContaining({ roundId, grade: 'basic', overall: 40, score: 68 })], averageOverall: 40, averageScore: 68 }]);
    const reps = (await roles.government.call(C.getLeague, { params: { congressId }, query: { kind: 'representative' } })).body;
    expect(reps[0]).toMatchObject({ target: { id: rep }, averageOverall: 80, averageScore: null });
    expect((await roles.government.call(C.getLeague, { params: { congressId }, query: { kind: 'nobody' as never } })).status).toBe(400);
  });
});

describe('k-suppression for a small group, whatever the kind of question', () => {
  it('withholds every figure and every comment when fewer than k answered', async () => {
    const r = (await admin.call(C.createRound, { params: { congressId }, body: { year, title: '小范围测评', audiences: ['residents'], items: ITEMS, targets: [{ kind: 'official', id: official }, { kind: 'representative', id: rep }] } })).body;
    await admin.call(C.openRound, { params: R(r.id) });
    for (const token of (await codes(r.id, 2)).slice(0, 2)) {
      const res = await answer(token, (_k, _i, qk) => ({ satisfaction3: 'satisfied', scale5: '1', yes_no: 'no', comment: '只有两个人写的意见' })[qk] ?? null);
      expect(res.status, res.text).toBe(200);
    }
    await admin.call(C.closeRound, { params: R(r.id) });
    const res = (await admin.call(C.getResults, { params: R(r.id) })).body;
    for (const x of res.targets) {
      expect(x.groups.all).toMatchObject({ responses: 2, withheld: true, counts: null, rates: null, scale5: null, yesNo: null, overall: null, items: null, grade: null, score: null });
      expect(x.groups.residents).toMatchObject({ withheld: true, items: null });
    }
    const comments = (await admin.call(C.listComments, { params: R(r.id) })).body;
    expect(comments.every((c) => c.withheld && c.comments.length === 0 && c.items.every((i) => i.comments.length === 0))).toBe(true);
    expect(JSON.stringify(comments)).not.toContain('只有两个人');
    const csv = (await admin.call(C.getResultsCsv, { params: R(r.id) })).text;
    expect(csv).not.toMatch(/,1\.00?,|,0,/);
    expect(csv).toContain('少于k份，不公布');
    // Published, the small round opens no rectification.
    await admin.call(C.publishRound, { params: R(r.id) });
    expect((await admin.call(C.listRectifications, { params: { congressId } })).body.filter((x) => x.roundId === r.id)).toEqual([]);
  });
});

describe('an old round whose questionnaire names no kind of question', () => {
  it('reads its items as the 3-grade scale and takes its answers as before', async () => {
    const r = (await admin.call(C.createRound, { params: { congressId }, body: { year, title: '旧测评', audiences: ['residents'], targets: [{ kind: 'department', id: depA }] } })).body;
    // As stored before kinds existed.
    await t.database.query(`update eval_rounds set items = '{"project":[{"id":"p1","label":"完成情况"}],"department":[{"id":"d1","label":"办理态度"},{"id":"d2","label":"办理效果"}]}'::jsonb where id = $1`, [r.id]);
    const got = (await admin.call(C.getRound, { params: R(r.id) })).body;
    expect(got.items.department).toEqual([
      { id: 'd1', label: '办理态度', kind: 'satisfaction3' },
      { id: 'd2', label: '办理效果', kind: 'satisfaction3' },
    ]);
    await admin.call(C.openRound, { params: R(r.id) });
    const tks = await codes(r.id, 5);
    expect((await answer(tks[0], () => '5')).body.error?.code).toBe('eval_answer_invalid');
    for (const token of tks) expect((await answer(token, () => 'satisfied')).status).toBe(200);
    await admin.call(C.closeRound, { params: R(r.id) });
    const res = (await admin.call(C.getResults, { params: R(r.id) })).body;
    expect(res.targets[0]).toMatchObject({ grade: 'satisfied', groups: { all: { counts: { satisfied: 10 }, rates: { overall: 100 }, scale5: null, yesNo: null, overall: 100 } } });
  });
});
