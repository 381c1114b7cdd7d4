import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settled, shoot, startHarness, textMatching, type Harness } from './harness.ts';

/**
 * The year-round loop in the browser (SPEC §13: 问题收集 → 分类交办 → 答复 → 反馈 → 再办理): a resident at a liaison
 * station's page on a phone leaves an item and gets a tracking code; staff assign it to a department; the department
 * answers; staff accept; the resident reads the answer on /t and rates it 不满意; the item is assigned again (round 2)
 * and the department finds it waiting once more.
 */
const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** The check question's answer ("三加四等于几？"). */
function solve(question: string): number {
  const m = /(\S)加(\S)等于/.exec(question);
  if (!m) throw new Error(`cannot read the question: ${question}`);
  return ZH_DIGITS.indexOf(m[1]) + ZH_DIGITS.indexOf(m[2]);
}

describe('the loop: station page → triage → answer → accept → 不满意 → reopened', () => {
  let h: Harness;
  let congressId = '';
  let csrf = '';
  let stationId = '';
  let code = '';
  let resident: Page;
  let dept: Page;
  const TITLE = '青山村小学门口没有斑马线';
  const CONTACT = '13700002222';
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const traffic = { displayName: '交警大队黄队长', username: 'dept.traffic', password: 'traffic-2026-dept' };
  const c = () => `/congresses/${congressId}`;
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  const headStatus = (page: Page) => page.locator('.page-head .item-lead .tag').first();

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '青山镇人民代表大会', level: 'township', term: 20 })).id;
    const deptId = (await post<{ id: string }>(`${c()}/departments`, { name: '县公安局交警大队', kind: 'bureau' })).id;
    await post(`${c()}/accounts`, { ...traffic, role: 'department', departmentId: deptId });
    stationId = (await post<{ id: string }>(`${c()}/stations`, { name: '青山村代表联络站', kind: 'village', address: '青山村村委会一楼', contact: '0730-1234567', receptionTimes: '每周二上午' })).id;
    dept = await h.newPage('tablet');
    expect((await dept.request.post(`${h.origin}/api/auth/login`, { data: { username: traffic.username, password: traffic.password } })).status()).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('takes a resident’s item at the station’s page on a phone and gives a tracking code', async () => {
    resident = await h.newPage('phone');
    const page = resident;
    await page.goto(`${h.origin}/s/${stationId}`);
    await page.getByRole('heading', { name: '青山村代表联络站', level: 1 }).waitFor();
    const question = page.getByLabel(/^验证题：/);
    const label = page.locator('label', { hasText: /^验证题：/ });
    await eventually(() => label.textContent()).toMatch(/^验证题：.+等于几？$/);
    const asked = Date.now();
    await page.getByText('城乡建设', { exact: true }).click();
    await page.getByLabel('标题').fill(TITLE);
    await page.getByLabel('具体内容').fill('小学门口的村道车多车快，孩子上学过马路很危险，希望画斑马线、装减速带。');
    await page.getByLabel('地点').fill('青山村小学门口');
    await page.getByLabel('您的称呼（可不填）').fill('李女士');
    await page.getByLabel('联系电话（可不填）').fill(CONTACT);
    await page.waitForTimeout(Math.max(0, 3300 - (Date.now() - asked)));
    await question.fill(String(solve((await label.textContent()) ?? '')));
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByRole('heading', { name: '已收到您的意见建议' }).waitFor();
    code = await textMatching(page.locator('.tracking-code'), /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await shoot(page, 'loop-station-done', ['phone']);

    await page.getByRole('link', { name: '查询办理进度' }).click();
    await page.waitForURL(`**/t/${code}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByText('等待分类交办').waitFor();
    // The tracking page never shows the submitter's contact.
    await settled(page);
    expect(await page.getByText(CONTACT).count()).toBe(0);
  });

  it('lets staff assign it, the department answer and staff accept', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/items?station=${stationId}`);
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.locator('.private').getByText(CONTACT).waitFor();
    await page.getByText('青山村代表联络站').first().waitFor();
    const triage = page.locator('.item-triage');
    await triage.getByRole('radio', { name: '交办' }).click();
    await triage.getByLabel('承办单位').selectOption({ label: '县公安局交警大队' });
    await eventually(() => triage.locator('.item-due-preview').textContent()).toMatch(/（15 个工作日）/);
    await triage.getByRole('button', { name: '交办' }).last().click();
    await eventually(() => headStatus(page).textContent()).toBe('办理中');

    await dept.goto(`${h.origin}/c/${congressId}/items`);
    await dept.getByRole('link', { name: `答复：${TITLE}` }).click();
    const form = dept.locator('.item-answer-form');
    await form.getByText('列入计划', { exact: true }).click();
    await form.getByLabel('办理情况').fill('已列入下月道路安全整治计划，先安排交警上下学时段值守。');
    await form.getByRole('button', { name: '提交答复' }).click();
    await eventually(() => headStatus(dept).textContent()).toBe('已答复待审核');

    await page.reload();
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
    await eventually(() => headStatus(page).textContent()).toBe('已办结');
  });

  it('lets the resident read the answer on /t and rate it 不满意, which assigns it again', async () => {
    const page = resident;
    await page.reload();
    await page.getByText('答复（列入计划）').waitFor();
    await page.getByText('已列入下月道路安全整治计划，先安排交警上下学时段值守。').waitFor();
    const rate = page.locator('.item-rate');
    await rate.getByRole('button', { name: '提交评价' }).click();
    await rate.getByText('请选择满意、基本满意或不满意。').waitFor();
    await rate.getByText('不满意', { exact: true }).click();
    await rate.getByText('选择“不满意”提交后，这件意见建议将重新交办一次。').waitFor();
    await rate.getByLabel('还想说的（可不填）').fill('光值守不够，希望尽快画线。');
    await settled(page);
    await shoot(page, 'loop-track-rate', ['phone', 'tablet']);
    await rate.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('已重新交办。单位重新答复后，您可以再评价一次。').waitFor();
    await page.locator('.tl-title', { hasText: '已重新交办' }).waitFor();
    await page.getByText('您的评价：不满意').waitFor();
    await settled(page);
    expect(await page.locator('.item-rate').count()).toBe(0);
    await shoot(page, 'loop-track-reopened', ['phone', 'tablet']);
  });

  it('shows the department the item waiting again, in its second round', async () => {
    await dept.goto(`${h.origin}/c/${congressId}/items`);
    const row = dept.getByRole('row', { name: new RegExp(TITLE) });
    await row.getByText('再办理').waitFor();
    await row.getByText('办理中').waitFor();
    await settled(dept);
    await shoot(dept, 'loop-department-again', ['tablet', 'phone']);
    await row.getByRole('link', { name: `答复：${TITLE}` }).click();
    await dept.locator('.item-answer-form').waitFor();
    await dept.locator('.item-history').getByText('重新交办（不满意）').waitFor();
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
