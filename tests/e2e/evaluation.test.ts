import type { Page } from 'playwright-core';
import { tokenOf } from '../../shared/serial.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settled, shoot, startHarness, type Harness } from './harness.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';

/**
 * Stage E in a real browser against the real server (design §7). Seeded through the API: a congress, two departments
 * (one with an account), two projects, a round over both (residents) opened with 6 printed codes. Then: staff create
 * a second round with the form and edit its questionnaire; a resident answers on a phone from the QR (/e#token),
 * another types the serial at /e?c=…; the other four answer through the API; a used and a forged code are refused in
 * words; staff see only the count while open, then close and publish in the page; the results with their bars, the
 * slips and the report in print emulation, a re-evaluation, a round whose figures are withheld below k, the league
 * table; the department files its rectification report, staff return it with a note and move the deadline.
 *
 * Answers (each the same for every item of a target), residents r0…r5:
 *   road  S S S S B U → 满意 12 / 基本 3 / 不了解 3: 满意率 80.0%, 综合 100.0%, 满意
 *   water S B B B D D → 3 / 9 / 6: 16.7%, 66.7%, 基本满意
 *   trans S S S B B D → 9 / 6 / 3: 50.0%, 83.3%, 满意
 *   wdept D D D D B S → 3 / 3 / 12: 16.7%, 33.3%, 不满意 (rectification and re-evaluation)
 */
type A = 'satisfied' | 'basic' | 'dissatisfied' | 'unknown';
type Key = 'road' | 'water' | 'trans' | 'wdept';
const WORD: Record<A, string> = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意', unknown: '不了解' };
const S = 'satisfied';
const B = 'basic';
const D = 'dissatisfied';
const U = 'unknown';
const PLAN: Record<Key, A[]> = {
  road: [S, S, S, S, B, U],
  water: [S, B, B, B, D, D],
  trans: [S, S, S, B, B, D],
  wdept: [D, D, D, D, B, S],
};
const ORDER: Key[] = ['road', 'water', 'trans', 'wdept'];
const TITLES: Record<Key, string> = { road: '河东村道路硬化工程', water: '城关镇饮水安全提升工程', trans: '县交通运输局', wdept: '县水利局' };

/** The rows of a target's table by group (not the per-question table folded below it). */
const GROUP_ROWS = '.ev-table:not(.ev-items-table) tbody tr';

type Questionnaire = { token: string; round: { items: Record<'project' | 'department', { id: string }[]> }; targets: { kind: 'project' | 'department'; id: string; title: string }[] };

describe('satisfaction evaluation: codes, answering on a phone, results, print and rectification', () => {
  let h: Harness;
  let csrf = '';
  let congressId = '';
  let roundId = '';
  let round2Id = '';
  let reevalId = '';
  let slips: { serial: string; url: string }[] = [];
  let dept: Page;
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const roundTitle = `${year}年度民生实事项目群众满意度测评`;
  const round2Title = '代表与群众联合测评（试行）';
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const water = { displayName: '水利局周科长', username: 'dept.water', password: 'water-2026-dept' };
  const ids = { road: '', water: '', trans: '', wdept: '' } as Record<Key, string>;

  const c = () => `/congresses/${congressId}`;
  const R = (r: string) => `${c()}/evaluation/rounds/${r}`;
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  const get = async <T,>(path: string, page: Page = h.page) => {
    const res = await page.request.get(`${h.origin}/api${path}`);
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  };
  /** The public answering API, as a phone would call it: no cookie. */
  const pub = async <T,>(path: string, body: unknown) => {
    const res = await fetch(`${h.origin}/api/public/evaluation/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  /** Answer every item of every target with `pick(target)`, plus optional comments, through the API. */
  const answerByApi = async (token: string, pick: (kind: string, id: string) => A, comments: { key: Key; text: string }[] = []) => {
    const q = await pub<Questionnaire>('open', { token });
    const answers = q.targets.flatMap((tg) => q.round.items[tg.kind].map((i) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: pick(tg.kind, tg.id) })));
    const kindOf = (k: Key) => (k === 'trans' || k === 'wdept' ? 'department' : 'project');
    await pub('submit', { token: q.token, answers, comments: comments.map((x) => ({ targetKind: kindOf(x.key), targetId: ids[x.key], text: x.text })) });
  };
  const byPlan = (r: number) => (_kind: string, id: string) => PLAN[ORDER.find((k) => ids[k] === id)!][r];
  const rowsOf = (scope: ReturnType<Page['locator']>, selector: string) =>
    scope.locator(selector).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((x) => (x.textContent ?? '').trim()).join(' | ')));

  /** Answer the round on the answering page as respondent `r` of the plan (a comment on the road when given). */
  async function answerOnPage(p: Page, r: number, comment?: string) {
    await p.getByRole('button', { name: '开始', exact: true }).click();
    for (const [i, key] of ORDER.entries()) {
      await p.locator('.ev-progress-n', { hasText: `${i + 1} / 4` }).waitFor();
      await p.getByRole('heading', { level: 1, name: TITLES[key] }).waitFor();
      const items = p.locator('.ev-q-item');
      await eventually(() => items.count()).toBe(3);
      for (let j = 0; j < 3; j++) await items.nth(j).getByRole('button', { name: WORD[PLAN[key][r]], exact: true }).click();
      if (comment && key === 'road') await p.getByLabel('意见建议（选填）').fill(comment);
      await p.getByRole('button', { name: i < 3 ? '下一个' : '检查答卷', exact: true }).click();
    }
    await p.getByRole('heading', { name: '请检查您的答卷' }).waitFor();
    await eventually(() => p.locator('.ev-answer-tag').allTextContents()).toEqual(ORDER.flatMap((k) => Array(3).fill(WORD[PLAN[k][r]])));
  }

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '示范县人民代表大会', level: 'county', term: 7 })).id;
    ids.trans = (await post<{ id: string }>(`${c()}/departments`, { name: TITLES.trans, kind: 'bureau' })).id;
    ids.wdept = (await post<{ id: string }>(`${c()}/departments`, { name: TITLES.wdept, kind: 'bureau' })).id;
    await post(`${c()}/accounts`, { ...water, role: 'department', departmentId: ids.wdept });
    const project = (title: string, lead: string) =>
      post<{ id: string }>(`${c()}/projects`, { year, title, leadDepartmentId: lead, coDepartmentIds: [], plannedInvestment: '120.00', fundingSource: '县级财政', plannedCompletion: `${year}-11-30` });
    ids.road = (await project(TITLES.road, ids.trans)).id;
    ids.water = (await project(TITLES.water, ids.wdept)).id;
    const round = await post<{ id: string; targets: { id: string }[] }>(`${c()}/evaluation/rounds`, { year, title: roundTitle, audiences: ['residents'], projectIds: [ids.road, ids.water] });
    roundId = round.id;
    expect(round.targets.map((x) => x.id)).toEqual(ORDER.map((k) => ids[k]));
    await post(`${R(roundId)}/codes`, { audience: 'residents', count: 6 });
    await post(`${R(roundId)}/issued`, { audience: 'residents', count: 6 });
    await post(`${R(roundId)}/open`);
    slips = await get<{ serial: string; url: string }[]>(`${R(roundId)}/codes?audience=residents`);
    expect(slips).toHaveLength(6);

    dept = await h.newPage('tablet');
    expect((await dept.request.post(`${h.origin}/api/auth/login`, { data: { username: water.username, password: water.password } })).status()).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists the rounds for staff, with the evaluation group in the navigation', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/evaluation`);
    await page.getByRole('heading', { name: '满意度测评', level: 1 }).waitFor();
    const nav = page.locator('#app-nav .nav-group', { has: page.getByRole('heading', { name: '满意度测评' }) });
    await eventually(() => nav.locator('a').allTextContents()).toEqual(['测评轮次', '满意度排名', '整改']);
    const row = page.locator('tbody tr', { hasText: roundTitle });
    await row.getByText('测评中').waitFor();
    await eventually(() => row.locator('td').nth(2).textContent()).toBe('群众');
    await eventually(() => row.locator('td').nth(3).textContent()).toBe('项目 2 个 · 承办单位 2 个');
    await eventually(() => row.locator('td').nth(4).textContent()).toBe('0');
    await shoot(page, 'evaluation-rounds', ['tablet', 'phone']);
  });

  it('creates a round with the form, then edits its questionnaire while it is in preparation', async () => {
    const page = h.page;
    await page.getByRole('button', { name: '新建测评' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建测评' });
    await eventually(() => dialog.getByLabel('测评名称').inputValue()).toBe(`${year}年度民生实事项目满意度测评`);
    // Nothing chosen: the form says what is missing before anything is sent.
    await dialog.getByRole('button', { name: '新建测评' }).click();
    await dialog.getByText('请至少选择一个测评对象（项目或其他对象）。').waitFor();
    await dialog.getByLabel('测评名称').fill(round2Title);
    await dialog.getByLabel('全选（共 2 个）').check();
    await dialog.getByText('已选 2 个').waitFor();
    await eventually(() => dialog.getByText('请至少选择一个测评对象（项目或其他对象）。').count()).toBe(0);
    await dialog.getByText(`将测评：${TITLES.trans}、${TITLES.wdept}`).waitFor();
    await eventually(() => dialog.getByLabel('代表', { exact: true }).isChecked()).toBe(true);
    await eventually(() => dialog.getByLabel('群众', { exact: true }).isChecked()).toBe(true);
    await shoot(page, 'evaluation-create', ['tablet', 'phone']);
    await dialog.getByRole('button', { name: '新建测评' }).click();
    await page.getByRole('heading', { name: round2Title, level: 1 }).waitFor();
    round2Id = /\/evaluation\/([0-9a-f-]{36})$/.exec(page.url())![1];
    await page.locator('.page-head .tag', { hasText: '准备中' }).waitFor();

    // Rename, remove and add questions; an empty question is refused on the form.
    await page.getByLabel('项目问卷第 1 题').fill('完成进度');
    const depGroup = page.getByRole('group', { name: '对承办单位的问题' });
    await depGroup.getByRole('button', { name: '删除第 3 题' }).click();
    const projGroup = page.getByRole('group', { name: '对项目的问题' });
    await projGroup.getByRole('button', { name: '+ 添加一题' }).click();
    await page.getByText('有未保存的修改').waitFor();
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.locator('.ev-item-row.has-error').waitFor();
    await eventually(() => page.locator('.ev-item-row.has-error').count()).toBe(1);
    await page.getByLabel('项目问卷第 4 题').fill('安全文明施工');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('测评设置已保存。').waitFor();
    const saved = await get<{ items: Record<'project' | 'department', { id: string; label: string }[]> }>(R(round2Id));
    expect(saved.items.project.map((i) => `${i.id} ${i.label}`)).toEqual(['p1 完成进度', 'p2 工程质量 Quality', 'p3 群众受益 Benefit to residents', 'p4 安全文明施工']);
    expect(saved.items.department.map((i) => i.id)).toEqual(['d1', 'd2']);
    // Codes for both audiences; none made yet.
    await page.getByRole('heading', { name: '代表测评码' }).waitFor();
    await page.getByRole('heading', { name: '群众测评码' }).waitFor();
    await shoot(page, 'evaluation-draft', ['tablet', 'phone']);
  });

  it('lets a resident answer on a phone from the QR: one target a step, a review, then a thank-you that keeps nothing', async () => {
    const phone = await h.newPage('phone');
    await phone.goto(slips[0].url);
    await phone.getByRole('heading', { name: roundTitle }).waitFor();
    // The code does not stay in the address bar (or in history).
    await eventually(() => phone.url()).toBe(`${h.origin}/e`);
    await phone.getByText('您将以群众身份评价 4 个测评对象。').waitFor();
    await shoot(phone, 'evaluation-answer-intro', ['phone']);

    await phone.getByRole('button', { name: '开始', exact: true }).click();
    await phone.getByRole('heading', { level: 1, name: TITLES.road }).waitFor();
    await phone.getByText(`承办单位：${TITLES.trans}`).waitFor();
    // "Next" without answering: every unanswered question says so.
    await phone.getByRole('button', { name: '下一个', exact: true }).click();
    await eventually(() => phone.getByText('请选择一项').count()).toBe(3);
    await phone.locator('.ev-q-item').nth(0).getByRole('button', { name: '满意', exact: true }).click();
    await eventually(() => phone.locator('.ev-q-item').nth(0).getByRole('button', { name: '满意', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await phone.locator('.ev-q-item').nth(1).getByRole('button', { name: '满意', exact: true }).click();
    await shoot(phone, 'evaluation-answer-step', ['phone', 'tablet']);
    // Back to the start of the round on the same page, then the whole questionnaire.
    await phone.reload();
    await phone.goto(slips[0].url);
    await answerOnPage(phone, 0, '路面平整，出行方便多了');
    await phone.getByText('路面平整，出行方便多了').waitFor();
    await shoot(phone, 'evaluation-answer-review', ['phone']);
    await phone.getByRole('button', { name: '确认提交，提交后不可更改' }).click();
    await phone.getByRole('heading', { name: '提交成功，感谢您的参与！' }).waitFor();
    expect(await phone.getByText(TITLES.road).count()).toBe(0);
    expect(await phone.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await shoot(phone, 'evaluation-answer-thanks', ['phone']);
    await phone.getByRole('button', { name: '完成' }).click();
    await phone.getByRole('heading', { name: '请扫描测评码' }).waitFor();
    await phone.context().close();
  });

  it('lets another resident type the serial at /e?c=…, after a wrong one is refused', async () => {
    const phone = await h.newPage('phone');
    await phone.goto(`${h.origin}/e?c=${congressId}&lang=en`);
    await phone.getByRole('heading', { name: 'Scan your evaluation code' }).waitFor();
    await shoot(phone, 'evaluation-answer-start-en', ['phone']);
    await phone.goto(`${h.origin}/e?c=${congressId}`);
    await phone.getByRole('heading', { name: '请扫描测评码' }).waitFor();
    await phone.getByLabel('或输入测评码编号').fill('EZZZZ');
    await phone.getByRole('button', { name: '开始作答' }).click();
    await phone.getByRole('heading', { name: '测评码编号是 9 位，以 E 开头' }).waitFor();
    await phone.getByRole('button', { name: '返回' }).click();
    await phone.getByLabel('或输入测评码编号').fill('EZZZZZZZZ');
    await phone.getByRole('button', { name: '开始作答' }).click();
    await phone.getByRole('heading', { name: '找不到这个测评码编号，请核对后重新输入。' }).waitFor();
    await phone.getByText('请重新扫描二维码，或仔细核对编号后重新输入。').waitFor();
    await phone.getByRole('button', { name: '返回' }).click();
    await shoot(phone, 'evaluation-answer-start', ['phone']);
    // Lower case and without the leading E is fine.
    await phone.getByLabel('或输入测评码编号').fill(slips[1].serial.slice(1).toLowerCase());
    await phone.getByRole('button', { name: '开始作答' }).click();
    await phone.getByRole('heading', { name: roundTitle }).waitFor();
    await answerOnPage(phone, 1, '希望增加路灯');
    await phone.getByRole('button', { name: '确认提交，提交后不可更改' }).click();
    await phone.getByRole('heading', { name: '提交成功，感谢您的参与！' }).waitFor();
    await phone.context().close();
  });

  it('shows staff only the count of answers while open, updated without a reload; a department sees no round yet', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${roundId}`);
    await page.getByRole('heading', { name: '已收到的答卷' }).waitFor();
    await eventually(() => page.locator('.ev-live-n').allTextContents()).toEqual(['2']);
    await page.getByText('已发出测评码 6 份').waitFor();
    for (const r of [2, 3, 4, 5]) await answerByApi(tokenOf(slips[r].url), byPlan(r), r === 4 ? [{ key: 'wdept', text: '办事拖拉，回复太慢' }] : []);
    // The page asks again every 4 s by itself (no reload): the count follows within a few of its polls.
    await page.locator('.ev-live-n', { hasText: /^6$/ }).waitFor({ timeout: 20_000 });
    // Nothing about what was answered (not on the page, nor on its way to it).
    await settled(page);
    expect(await page.locator('.ev-results, .ev-target, .ev-bar').count()).toBe(0);
    expect(await page.getByText('综合满意率').count()).toBe(0);
    expect(await page.getByText('满意', { exact: true }).count()).toBe(0);
    await shoot(page, 'evaluation-open', ['tablet', 'phone']);
    expect(await get<unknown[]>(`${c()}/evaluation/rounds`, dept)).toEqual([]);
  });

  it('refuses a used code and a forged one in plain words', async () => {
    const phone = await h.newPage('phone');
    await phone.goto(slips[0].url);
    await phone.getByRole('heading', { name: '这个测评码已经使用过，每个码只能提交一次。' }).waitFor();
    await phone.getByText('每个测评码只能提交一次。如果不是您本人提交的，请联系发放测评码的工作人员。').waitFor();
    await shoot(phone, 'evaluation-answer-used', ['phone']);
    const [head, payload, sig] = tokenOf(slips[5].url).split('.');
    const i = Math.floor(sig.length / 2);
    const forged = `${head}.${payload}.${sig.slice(0, i)}${sig[i] === 'A' ? 'B' : 'A'}${sig.slice(i + 1)}`;
    await phone.goto(`${h.origin}/e#${forged}`);
    await phone.getByRole('heading', { name: '测评码无效：请核对二维码或编号是否完整。' }).waitFor();
    await phone.getByRole('button', { name: '返回' }).click();
    await phone.goto(`${h.origin}/e#short`);
    await phone.getByRole('heading', { name: '测评码无效：请核对二维码或编号是否完整。' }).waitFor();
    await phone.context().close();
  });

  it('closes and publishes the round in the page, each after a confirmation', async () => {
    const page = h.page;
    await page.getByRole('button', { name: '结束测评' }).click();
    const close = page.getByRole('dialog', { name: '结束测评？' });
    await close.getByText('已收到 6 份答卷。').waitFor();
    await close.getByRole('button', { name: '结束测评' }).click();
    await page.locator('.page-head .tag', { hasText: '已结束，待公布' }).waitFor();
    await page.getByText('结果尚未公布，目前只有工作人员能看到。').waitFor();
    await page.locator('.ev-target').first().waitFor();
    await page.getByRole('button', { name: '公布结果' }).click();
    const publish = page.getByRole('dialog', { name: '公布测评结果？' });
    await publish.getByText('评为基本满意或不满意的承办单位将进入整改；公布后不能撤回。').waitFor();
    await publish.getByRole('button', { name: '公布结果' }).click();
    await page.locator('.page-head .tag', { hasText: '已公布' }).waitFor();
    // Every step of the round is done, the last one (公布) too: a check, not a number still to do.
    await eventually(() => page.locator('.ev-steps .ev-step-dot').allTextContents()).toEqual(['✓', '✓', '✓', '✓']);
    await settled(page);
    expect(await page.getByText('结果尚未公布，目前只有工作人员能看到。').count()).toBe(0);
  });

  it('shows the results: grades, rates, the bars, per item, and the comments in sorted order', async () => {
    const page = h.page;
    // The results are a request of their own, after the round's: every figure is waited for, never read once.
    const overview = () =>
      page.locator('.ev-overview-row').evaluateAll((rows) =>
        rows.map((r) => [r.querySelector('.ev-overview-title'), r.querySelector('.ev-overview-rate'), r.querySelector('.ev-overview-grade')].map((x) => x?.textContent?.trim()).join(' ')),
      );
    await eventually(overview).toEqual([`${TITLES.road} 100.0% 满意`, `${TITLES.water} 66.7% 基本满意`, `${TITLES.trans} 83.3% 满意`, `${TITLES.wdept} 33.3% 不满意`]);
    const card = (k: Key) => page.locator('.ev-target', { has: page.getByRole('heading', { level: 3, name: TITLES[k], exact: true }) });
    await eventually(() => rowsOf(card('road'), GROUP_ROWS)).toEqual(['群众6 份 | 12 | 3 | 0 | 3 | 80.0% | 100.0% | 95.0 | 满意']);
    await eventually(() => rowsOf(card('water'), GROUP_ROWS)).toEqual(['群众6 份 | 3 | 9 | 6 | 0 | 16.7% | 66.7% | 72.5 | 基本满意']);
    await eventually(() => rowsOf(card('trans'), GROUP_ROWS)).toEqual(['群众6 份 | 9 | 6 | 3 | 0 | 50.0% | 83.3% | 84.2 | 满意']);
    await eventually(() => rowsOf(card('wdept'), GROUP_ROWS)).toEqual(['群众6 份 | 3 | 3 | 12 | 0 | 16.7% | 33.3% | 65.8 | 不满意']);
    await eventually(() => card('wdept').locator('.ev-figure.main dd').textContent()).toBe('33.3%');
    await eventually(() => card('road').locator('.ev-target-grade .tag').textContent()).toBe('满意');
    // The stacked bar: 满意 80 %, 基本满意 20 % of the answers given (不了解 left out).
    const widths = () => card('road').locator('.ev-group-bar .ev-seg').evaluateAll((segs) => segs.map((s) => `${s.className.replace('ev-seg ', '')} ${(s as HTMLElement).style.width}`));
    await eventually(widths).toEqual(['ev-seg-satisfied 80%', 'ev-seg-basic 20%']);
    // Per item (the default labels in the interface language) and the comments, sorted by their text.
    await card('road').getByText('分题结果（3 题）').click();
    await eventually(() => rowsOf(card('road'), '.ev-items-table tbody tr')).toEqual([
      '完成情况 | 4 | 1 | 0 | 1 | 80.0% | 100.0% | 80%',
      '工程质量 | 4 | 1 | 0 | 1 | 80.0% | 100.0% | 80%',
      '群众受益 | 4 | 1 | 0 | 1 | 80.0% | 100.0% | 80%',
    ]);
    await card('road').getByText('意见建议（2 条）').click();
    const expected = ['路面平整，出行方便多了', '希望增加路灯'].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    await eventually(() => card('road').locator('.ev-comment-list li').allTextContents()).toEqual(expected);
    await card('wdept').getByText('意见建议（1 条）').click();
    await page.getByRole('button', { name: '新建再测评' }).waitFor();
    await page.getByText('有 1 个测评对象评为不满意。').waitFor();
    await shoot(page, 'evaluation-results', ['tablet', 'desktop', 'phone']);

    // The same page in English, for a reader who switched language.
    const en = await h.newPage('tablet');
    await en.addInitScript(() => localStorage.setItem('minsheng.lang', 'en'));
    expect((await en.request.post(`${h.origin}/api/auth/login`, { data: { username: admin.username, password: admin.password } })).status()).toBe(200);
    await en.goto(`${h.origin}/c/${congressId}/evaluation/${roundId}`);
    await en.getByRole('heading', { name: 'All targets at a glance' }).waitFor();
    await en.locator('.ev-target .ev-target-grade', { hasText: 'Basically satisfied' }).waitFor();
    await en.getByText('Completion', { exact: true }).first().waitFor({ state: 'attached' });
    await eventually(() => en.evaluate(() => document.documentElement.lang)).toBe('en');
    await shoot(en, 'evaluation-results-en', ['tablet']);
    await en.context().close();

    const csv = await page.request.get(`${h.origin}/api${R(roundId)}/results.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(TITLES.wdept);
    expect(await page.getByRole('link', { name: '下载 CSV' }).getAttribute('href')).toBe(`/api${R(roundId)}/results.csv`);
  });

  it('prints the slips: eight a sheet with cut lines, each with its QR, serial and how to answer', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${roundId}/codes?audience=residents`);
    await page.getByRole('heading', { name: '群众测评码' }).waitFor();
    await page.getByText('共 6 张，1 页').waitFor();
    await eventually(() => page.locator('.sheet').count()).toBe(1);
    await eventually(() => page.locator('.ev-slip-serial').allTextContents()).toEqual(slips.map((s) => s.serial));
    await eventually(() => page.locator('.ev-slip-qr svg').count()).toBe(6);
    // The slip prints the short address a person can type (/e/<the congress's code>), not the long /e?c=<id>.
    const { code } = (await (await page.request.get(`${h.origin}/api/public/congresses/${congressId}/addresses`)).json()) as { code: string };
    await eventually(() => page.locator('.ev-slip-addr').first().textContent()).toBe(`${new URL(h.origin).host}/e/${code}`);
    await page.locator('.ev-slip-round', { hasText: roundTitle }).first().waitFor();
    await page.locator('.print-toolbar').waitFor();
    await page.emulateMedia({ media: 'print' });
    await eventually(() => page.locator('.print-toolbar').isVisible()).toBe(false);
    await shoot(page, 'evaluation-slips-print', ['tablet']);
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints the report on A4 with every target, its rates and grade', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${roundId}/report`);
    await page.getByRole('heading', { name: '满意度测评结果报告', level: 2 }).waitFor();
    await eventually(() => rowsOf(page.locator('.report-sheet'), '.ev-report-table tbody tr')).toEqual([
      `1 | ${TITLES.road}${TITLES.trans} | 6 | 80.0% | 20.0% | 0.0% | 100.0% | 95.0 | 满意`,
      `2 | ${TITLES.water}${TITLES.wdept} | 6 | 16.7% | 50.0% | 33.3% | 66.7% | 72.5 | 基本满意`,
      `1 | ${TITLES.trans}${TITLES.road} | 6 | 50.0% | 33.3% | 16.7% | 83.3% | 84.2 | 满意`,
      `2 | ${TITLES.wdept}${TITLES.water} | 6 | 16.7% | 16.7% | 66.7% | 33.3% | 65.8 | 不满意`,
    ]);
    await page.getByText('满意 2 个，基本满意 1 个，不满意 1 个。').waitFor();
    await page.getByText('某一群体答卷少于 5 份时，不公布其数字和等次（表中标为“不公布”）。').waitFor();
    // Published: no “not published” watermark (the report's figures are on the page, so it would be too).
    await settled(page);
    expect(await page.locator('.report-watermark').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    await shoot(page, 'evaluation-report-print', ['tablet']);
    await page.emulateMedia({ media: 'screen' });
  });

  it('starts a re-evaluation of the dissatisfied department; graded dissatisfied again, it is marked as repeated', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${roundId}`);
    await page.getByRole('button', { name: '新建再测评' }).click();
    const dialog = page.getByRole('dialog', { name: '新建再测评？' });
    await dialog.getByText('测评对象是本轮评为不满意的 1 个').waitFor();
    await dialog.getByRole('button', { name: '新建再测评' }).click();
    await page.getByRole('heading', { name: `${roundTitle}（再测评）`, level: 1 }).waitFor();
    reevalId = /\/evaluation\/([0-9a-f-]{36})$/.exec(page.url())![1];
    await eventually(() => page.locator('.ev-target-list .ev-target-name').allTextContents()).toEqual([TITLES.wdept]);
    await page.getByRole('link', { name: '对上一轮不满意对象的再测评' }).waitFor();

    await post(`${R(reevalId)}/codes`, { audience: 'residents', count: 5 });
    await post(`${R(reevalId)}/open`);
    const codes = await get<{ url: string }[]>(`${R(reevalId)}/codes?audience=residents`);
    for (const [i, code] of codes.entries()) await answerByApi(tokenOf(code.url), () => (i === 0 ? S : D));
    await post(`${R(reevalId)}/close`);
    await post(`${R(reevalId)}/publish`);
    await page.reload();
    const card = page.locator('.ev-target', { has: page.getByRole('heading', { level: 3, name: TITLES.wdept }) });
    await card.getByText('连续不满意').waitFor();
    await eventually(() => card.locator('.ev-figure.main dd').textContent()).toBe('20.0%');
  });

  it('withholds the figures of a group with fewer than k answers, and says so', async () => {
    const page = h.page;
    await post(`${R(round2Id)}/codes`, { audience: 'residents', count: 5 });
    await post(`${R(round2Id)}/open`);
    const codes = await get<{ url: string }[]>(`${R(round2Id)}/codes?audience=residents`);
    for (const code of codes) await answerByApi(tokenOf(code.url), () => S);
    await post(`${R(round2Id)}/close`);
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${round2Id}`);
    const card = page.locator('.ev-target', { has: page.getByRole('heading', { level: 3, name: TITLES.road }) });
    await card.getByText('至少有一类测评人的答卷少于 5 份：为免推断出个人的评价，合计数字和等次不公布。').waitFor();
    // Four project questions in this round (one was added): 5 answers × 4.
    await eventually(() => rowsOf(card, GROUP_ROWS)).toEqual(['代表0 份 | 少于 5 份，不公布', '群众5 份 | 20 | 0 | 0 | 0 | 100.0% | 100.0% | 100.0 | 满意', '合计5 份 | 少于 5 份，不公布']);
    await eventually(() => card.locator('.ev-target-grade .tag').textContent()).toBe('不公布');
    await eventually(() => page.locator('.ev-overview-rate').allTextContents()).toEqual(['—', '—', '—', '—']);
    await shoot(page, 'evaluation-results-withheld', ['tablet']);
  });

  it('gives a representative signed in with their delegate card one code from the round page, then never again', async () => {
    await post(`${c()}/representatives`, { name: '王建华' });
    const cards = await get<{ cards: { url: string }[] }>(`${c()}/roster/cards`);
    const round3 = await post<{ id: string }>(`${c()}/evaluation/rounds`, { year, title: '代表专项测评', audiences: ['representatives'], projectIds: [ids.road], includeDepartments: false });
    await post(`${R(round3.id)}/open`);
    const rep = await h.newPage('tablet');
    await rep.goto(cards.cards[0].url);
    await rep.getByRole('heading', { name: /王建华/ }).waitFor();
    await rep.goto(`${h.origin}/c/${congressId}/evaluation/${round3.id}`);
    await rep.getByRole('heading', { name: '领取我的测评码' }).waitFor();
    // A representative sees no staff controls and no codes panel.
    await settled(rep);
    expect(await rep.getByRole('button', { name: '结束测评' }).count()).toBe(0);
    expect(await rep.getByRole('heading', { name: '测评码', exact: true }).count()).toBe(0);
    await shoot(rep, 'evaluation-mycode', ['tablet']);
    await rep.getByRole('button', { name: '领取测评码并作答' }).click();
    await rep.getByText('您将以代表身份评价 1 个测评对象。').waitFor();
    await rep.getByRole('heading', { name: '代表专项测评' }).waitFor();
    // The token came in the fragment and is already out of the address.
    await eventually(() => rep.url()).toBe(`${h.origin}/e`);
    await rep.goto(`${h.origin}/c/${congressId}/evaluation/${round3.id}`);
    await rep.getByText('您已经领取过本次测评的测评码（每人一个）。').waitFor();
    await settled(rep);
    expect(await rep.getByRole('button', { name: '领取测评码并作答' }).count()).toBe(0);
    await rep.context().close();
  });

  it('works on a slow network too: the card sign-in is not undone by the late start-up check, and the questionnaire opens', async () => {
    // Every API answer 600 ms late (a hall's crowded Wi-Fi): the start-up "who am I" (401) and its setup lookup come
    // back after the card signed in — they used to send the representative to the sign-in page — and the questionnaire
    // is opened before the page has its CSRF token (it used to be refused 403).
    const cards = await get<{ cards: { url: string }[] }>(`${c()}/roster/cards`);
    const round4 = await post<{ id: string }>(`${c()}/evaluation/rounds`, { year, title: '慢网络测评', audiences: ['representatives'], projectIds: [ids.road], includeDepartments: false });
    await post(`${R(round4.id)}/open`);
    const rep = await h.newPage('phone');
    const pageErrors: string[] = [];
    rep.on('pageerror', (e) => pageErrors.push(e.message));
    await rep.route('**/api/**', async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue().catch(() => {}); // the page may have moved on
    });
    await rep.goto(cards.cards[0].url);
    await rep.getByRole('heading', { name: /王建华/ }).waitFor();
    await settled(rep);
    expect(new URL(rep.url()).pathname, 'still signed in once every late answer is in').not.toBe('/login');
    await rep.goto(`${h.origin}/c/${congressId}/evaluation/${round4.id}`);
    await rep.getByRole('button', { name: '领取测评码并作答' }).click();
    await rep.getByRole('heading', { name: '慢网络测评' }).waitFor();
    await rep.getByText('您将以代表身份评价 1 个测评对象。').waitFor();
    await settled(rep);
    expect(await rep.getByText('请求缺少安全校验').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await rep.context().close();
  });

  it('ranks the departments in the league table with each round’s grade', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/evaluation/league`);
    await page.getByRole('heading', { name: '满意度排名', exact: true }).waitFor();
    await page.locator('.ev-league tbody tr').first().waitFor();
    await eventually(() => page.locator('.ev-league-name').allTextContents()).toEqual([TITLES.trans, TITLES.wdept]);
    const first = page.locator('.ev-league tbody tr').first();
    await eventually(() => first.locator('.ev-league-bar .num').textContent()).toBe('83.3%');
    await eventually(() => first.locator('.ev-league-rounds li').allTextContents()).toEqual([`满意83.3% · ${roundTitle}`]);
    const second = page.locator('.ev-league tbody tr').nth(1);
    await eventually(() => second.locator('.ev-league-rounds li').allTextContents()).toEqual([`不满意33.3% · ${roundTitle}`, `不满意20.0% · ${roundTitle}（再测评）`]);
    await shoot(page, 'evaluation-league', ['tablet', 'phone']);
  });

  it('lets the department file its rectification report', async () => {
    await dept.goto(`${h.origin}/c/${congressId}/rectifications`);
    await dept.getByRole('heading', { name: '整改', level: 1 }).waitFor();
    const nav = dept.locator('#app-nav .nav-group', { has: dept.getByRole('heading', { name: '满意度测评' }) });
    await eventually(() => nav.locator('a').allTextContents()).toEqual(['整改']);
    const cards = dept.locator('.ev-rect');
    await cards.first().waitFor();
    // What was graded leads each title, so the department's own card stands apart from its projects'.
    await eventually(async () => (await cards.locator('h2').allTextContents()).sort()).toEqual([`项目 ${TITLES.water}`, `承办单位 ${TITLES.wdept}`, `承办单位 ${TITLES.wdept}`].sort());
    const first = cards.filter({ has: dept.locator('.kicker', { hasText: new RegExp(`^${roundTitle}$`) }) }).filter({ has: dept.locator('.ev-rect-kind', { hasText: '承办单位' }) });
    await eventually(() => first.count()).toBe(1);
    await first.getByText('提交整改报告，并再次测评').waitFor();
    await first.locator('.ev-rect-facts').getByText('不满意').waitFor();
    const repeated = cards.filter({ hasText: '（再测评）' });
    await repeated.getByText('连续不满意').waitFor();
    await first.getByRole('button', { name: '提交整改报告' }).click();
    await first.locator('.field-error').waitFor();
    await first.getByLabel('整改报告').fill('一、问题：群众反映办理进度慢。\n二、措施：建立周调度机制，专人回复来电。\n三、完成情况：已完成管网检修 12 处。');
    await first.getByRole('button', { name: '提交整改报告' }).click();
    await first.getByText('已提交，待验收').waitFor();
    await first.getByText('建立周调度机制').waitFor();
    await shoot(dept, 'evaluation-rectifications-department', ['tablet', 'phone']);
    // The round that is closed but not published stays out of the department's sight.
    expect((await get<{ id: string }[]>(`${c()}/evaluation/rounds`, dept)).map((r) => r.id).sort()).toEqual([roundId, reevalId].sort());
  });

  it('lets staff return the report with a note and move the deadline; overdue shows in red', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/rectifications`);
    const card = page.locator('.ev-rect').filter({ has: page.locator('.kicker', { hasText: new RegExp(`^${roundTitle}$`) }) }).filter({ has: page.locator('.ev-rect-kind', { hasText: '承办单位' }) });
    await card.getByText('已提交，待验收').waitFor();
    await card.getByRole('button', { name: '退回修改' }).click();
    const dialog = page.getByRole('dialog', { name: '退回修改' });
    await dialog.getByRole('button', { name: '退回修改' }).click();
    await dialog.getByText('请写明退回的理由。').waitFor();
    await dialog.getByLabel('退回意见').fill('请补充回复来电的时限和抽查结果。');
    await dialog.getByRole('button', { name: '退回修改' }).click();
    await card.getByText('已退回，待重新提交').waitFor();
    await card.getByRole('button', { name: '调整期限' }).click();
    const yesterday = addDays(today, -1);
    const deadline = page.getByRole('dialog', { name: '调整期限' });
    await deadline.getByLabel('整改期限').fill(yesterday);
    await deadline.getByRole('button', { name: '保存' }).click();
    await card.locator('.tag', { hasText: '已逾期' }).waitFor();
    await eventually(() => card.evaluate((el) => el.classList.contains('overdue'))).toBe(true);
    await page.getByText('逾期 1 项').waitFor();
    await shoot(page, 'evaluation-rectifications-staff', ['tablet']);

    await dept.reload();
    const mine = dept.locator('.ev-rect').filter({ has: dept.locator('.kicker', { hasText: new RegExp(`^${roundTitle}$`) }) }).filter({ has: dept.locator('.ev-rect-kind', { hasText: '承办单位' }) });
    await mine.getByText('请补充回复来电的时限和抽查结果。').waitFor();
    await mine.getByLabel('重新提交整改报告').waitFor();
    await shoot(dept, 'evaluation-rectifications-returned', ['phone']);
  });

  it('evaluates an appointed official and a department without projects, asked five points, yes / no and a comment, on a phone', async () => {
    const page = h.page;
    // Staff register the official in the rounds page's section.
    await page.goto(`${h.origin}/c/${congressId}/evaluation`);
    await page.getByRole('button', { name: '+ 登记任命人员' }).click();
    const reg = page.getByRole('dialog', { name: '登记任命人员' });
    await reg.getByLabel('姓名').fill('陈志明');
    await reg.getByLabel('职务').fill('县交通运输局局长');
    await reg.getByLabel('所在单位').selectOption({ label: TITLES.trans });
    await reg.getByLabel('任命日期').fill(`${year}-01-15`);
    await reg.getByRole('button', { name: '保存' }).click();
    await page.locator('.ev-registry tbody tr', { hasText: '陈志明' }).waitFor();
    await shoot(page, 'evaluation-officials', ['tablet', 'phone']);

    // A round of the official and a department, no project.
    await page.getByRole('button', { name: '新建测评' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建测评' });
    await dialog.getByLabel('测评名称').fill('任命人员和部门履职测评');
    await dialog.getByLabel('代表', { exact: true }).uncheck();
    await dialog.locator('.ev-kind-pick summary', { hasText: '任命人员' }).click();
    await dialog.getByLabel('陈志明').check();
    await dialog.locator('.ev-kind-pick summary', { hasText: '承办单位' }).click();
    await dialog.locator('.ev-kind-pick', { hasText: '政府工作部门' }).getByLabel(TITLES.trans).check();
    await shoot(page, 'evaluation-create-targets', ['tablet', 'phone']);
    await dialog.getByRole('button', { name: '新建测评' }).click();
    await page.getByRole('heading', { name: '任命人员和部门履职测评', level: 1 }).waitFor();
    const id = /\/evaluation\/([0-9a-f-]{36})$/.exec(page.url())![1];

    // Each question given its kind in the editor: a section per kind of target.
    const offGroup = page.getByRole('group', { name: '对任命人员的问题' });
    await offGroup.getByLabel('第 1 题的题型').selectOption('scale5');
    await offGroup.getByLabel('第 2 题的题型').selectOption('yes_no');
    await offGroup.getByLabel('第 3 题的题型').selectOption('comment');
    const depGroup = page.getByRole('group', { name: '对承办单位的问题' });
    await depGroup.getByLabel('第 1 题的题型').selectOption('scale5');
    await depGroup.getByLabel('第 2 题的题型').selectOption('yes_no');
    await depGroup.getByRole('button', { name: '删除第 3 题' }).click();
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('测评设置已保存。').waitFor();
    await shoot(page, 'evaluation-editor-kinds', ['tablet', 'phone']);
    const saved = await get<{ items: Record<string, { id: string; kind: string }[]>; targets: { kind: string; id: string }[] }>(R(id));
    expect(saved.items).toMatchObject({ official: [{ kind: 'scale5' }, { kind: 'yes_no' }, { kind: 'comment' }], department: [{ kind: 'scale5' }, { kind: 'yes_no' }] });
    expect(saved.targets.map((x) => x.kind)).toEqual(['department', 'official']);

    await post(`${R(id)}/codes`, { audience: 'residents', count: 6 });
    await post(`${R(id)}/open`);
    const codes = await get<{ url: string }[]>(`${R(id)}/codes?audience=residents`);

    // One resident on a phone: five worded buttons, 是/否 and a comment box with its counter.
    const phone = await h.newPage('phone');
    await phone.goto(codes[0].url);
    await phone.getByRole('button', { name: '开始', exact: true }).click();
    await phone.getByRole('heading', { level: 1, name: TITLES.trans }).waitFor();
    let items = phone.locator('.ev-q-item');
    await eventually(() => items.nth(0).getByRole('button').allTextContents()).toEqual(['5非常满意', '4满意', '3一般', '2不满意', '1非常不满意', '不了解']);
    await items.nth(0).getByRole('button', { name: '一般', exact: true }).click();
    await items.nth(1).getByRole('button', { name: '否', exact: true }).click();
    await eventually(() => items.nth(0).getByRole('button', { name: '一般', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await phone.getByRole('button', { name: '下一个', exact: true }).click();
    await phone.getByRole('heading', { level: 1, name: '陈志明' }).waitFor();
    await phone.getByText('县交通运输局局长').waitFor();
    items = phone.locator('.ev-q-item');
    // The comment may stay empty; the choices may not.
    await phone.getByRole('button', { name: '检查答卷', exact: true }).click();
    await eventually(() => phone.getByText('请选择一项').count()).toBe(2);
    await items.nth(0).getByRole('button', { name: '满意', exact: true }).click();
    await items.nth(1).getByRole('button', { name: '是', exact: true }).click();
    await items.nth(2).locator('textarea').fill('工作扎实，群众认可');
    await phone.getByText('9 / 500 字').waitFor();
    await shoot(phone, 'evaluation-answer-kinds', ['phone']);
    await phone.getByRole('button', { name: '检查答卷', exact: true }).click();
    await phone.getByRole('heading', { name: '请检查您的答卷' }).waitFor();
    await eventually(() => phone.locator('.ev-answer-tag').allTextContents()).toEqual(['一般', '否', '满意', '是']);
    await phone.getByText('工作扎实，群众认可').waitFor();
    await shoot(phone, 'evaluation-answer-kinds-review', ['phone']);
    await phone.getByRole('button', { name: '确认提交，提交后不可更改' }).click();
    await phone.getByRole('heading', { name: '提交成功，感谢您的参与！' }).waitFor();
    await phone.context().close();

    // In English, the five points and yes / no say their words too (this sixth code is left unanswered).
    const en = await h.newPage('phone');
    await en.goto(codes[5].url.replace('/e#', '/e?lang=en#'));
    await en.getByRole('button', { name: 'Start', exact: true }).click();
    await en.getByRole('heading', { level: 1, name: TITLES.trans }).waitFor();
    await eventually(() => en.locator('.ev-q-item').nth(0).getByRole('button').allTextContents()).toEqual(['5Very satisfied', '4Satisfied', '3Neutral', '2Dissatisfied', '1Very dissatisfied', "Don't know"]);
    await eventually(() => en.locator('.ev-q-item').nth(1).getByRole('button').allTextContents()).toEqual(['Yes', 'No']);
    await shoot(en, 'evaluation-answer-kinds-en', ['phone']);
    await en.context().close();

    // Four more through the API: official 5,5,4,3 and yes,yes,no,yes; department 4,3,2,4 and yes,no,no,yes.
    const off = ['5', '5', '4', '3'];
    const offYes = ['yes', 'yes', 'no', 'yes'];
    const dep = ['4', '3', '2', '4'];
    const depYes = ['yes', 'no', 'no', 'yes'];
    for (const [n, slip] of codes.slice(1, 5).entries()) {
      const q = await pub<{ token: string; targets: { kind: 'official' | 'department'; id: string }[]; round: { items: Record<string, { id: string; kind: string }[]> } }>('open', { token: tokenOf(slip.url) });
      const answers = q.targets.flatMap((tg) =>
        q.round.items[tg.kind].map((i) => ({
          targetKind: tg.kind,
          targetId: tg.id,
          itemId: i.id,
          answer: i.kind === 'comment' ? `意见${n}` : i.kind === 'scale5' ? (tg.kind === 'official' ? off : dep)[n] : (tg.kind === 'official' ? offYes : depYes)[n],
        })),
      );
      await pub('submit', { token: q.token, answers });
    }
    await post(`${R(id)}/close`);
    await post(`${R(id)}/publish`);

    // The results: the official graded on the 5-point average (4.20: 满意), the department 3.20 (基本满意); shares of 是.
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${id}`);
    const offCard = page.locator('.ev-target', { has: page.getByRole('heading', { name: '陈志明' }) });
    await offCard.locator('.ev-figure', { hasText: '五级平均分' }).getByText('4.20').waitFor();
    await eventually(() => offCard.locator('.ev-figure', { hasText: '4–5分' }).locator('dd').textContent()).toBe('80.0%');
    await eventually(() => offCard.locator('.ev-figure', { hasText: '“是”' }).locator('dd').textContent()).toBe('80.0%');
    await eventually(() => offCard.locator('.ev-target-grade .tag').first().textContent()).toBe('满意');
    const depCard = page.locator('.ev-target', { has: page.getByRole('heading', { name: TITLES.trans }) });
    await depCard.locator('.ev-figure', { hasText: '五级平均分' }).getByText('3.20').waitFor();
    await eventually(() => depCard.locator('.ev-target-grade .tag').first().textContent()).toBe('基本满意');
    await eventually(() => depCard.locator('.ev-figure', { hasText: '“是”' }).locator('dd').textContent()).toBe('40.0%');
    // The comment item's texts, sorted, with the comments.
    await offCard.locator('.ev-comments summary').click();
    await eventually(() => offCard.locator('.ev-comment-list li').allTextContents()).toEqual(['工作扎实，群众认可', '意见0', '意见1', '意见2', '意见3'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    await shoot(page, 'evaluation-results-kinds', ['tablet', 'phone']);

    // The league of officials.
    await page.goto(`${h.origin}/c/${congressId}/evaluation/league`);
    await page.getByRole('button', { name: '任命人员', exact: true }).click();
    await eventually(() => page.locator('.ev-league-name').allTextContents()).toEqual(['陈志明']);
    await shoot(page, 'evaluation-league-officials', ['tablet']);
  });

  it('made no request off the origin and no page error', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
