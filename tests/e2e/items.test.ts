import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settled, shoot, startHarness, type Harness } from './harness.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core');
/**
 * axe's serious and critical findings (rule and where) on the address `page` is at, for the items pages the a11y sweep
 * does not visit: read in a context of its own with the same cookies that lets axe in (the page's policy allows only
 * its own scripts).
 */
async function axeSerious(page: Page): Promise<string[]> {
  const ctx = await page.context().browser()!.newContext({ viewport: page.viewportSize()!, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true, storageState: await page.context().storageState() });
  try {
    const p = await ctx.newPage();
    await p.goto(page.url(), { waitUntil: 'networkidle' });
    await p.locator('h1').first().waitFor();
    await p.addScriptTag({ path: AXE });
    return await p.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
  } finally {
    await ctx.close();
  }
}

/**
 * 意见建议 in a real browser against the real server (SPEC §13): staff triage an item on a tablet (交办 with the
 * deadline computed in working days), the department answers it with a class, staff return the first answer with a
 * reason and accept the second; a representative raises an item on a phone and, once it is done, rates its handling
 * back-to-back.
 */
describe('items: triage, answer, return and accept, the representative’s rating', () => {
  let h: Harness;
  let congressId = '';
  let csrf = '';
  let deptId = '';
  let itemId = '';
  let cardUrl = '';
  let dept: Page;
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const water = { displayName: '水务局刘科长', username: 'dept.water', password: 'water-2026-dept' };
  const CONTACT = '13912345678';
  const c = () => `/congresses/${congressId}`;
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  const signIn = async (who: { username: string; password: string }, size: 'tablet' | 'phone' = 'tablet') => {
    const page = await h.newPage(size);
    expect((await page.request.post(`${h.origin}/api/auth/login`, { data: { username: who.username, password: who.password } })).status()).toBe(200);
    return page;
  };
  const status = (page: Page) => page.locator('.page-head .item-lead .tag').first();

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '示范县人民代表大会', level: 'county', term: 7 })).id;
    deptId = (await post<{ id: string }>(`${c()}/departments`, { name: '县水务局', kind: 'bureau' })).id;
    await post(`${c()}/departments`, { name: '县住房和城乡建设局', kind: 'bureau' });
    await post(`${c()}/accounts`, { ...water, role: 'department', departmentId: deptId });
    await post(`${c()}/representatives`, { name: '王建华', gender: 'male', delegation: '城关代表团', constituency: '第一选区', phone: '' });
    const cards = (await (await h.page.request.get(`${h.origin}/api${c()}/roster/cards`)).json()) as { cards: { name: string; url: string }[] };
    cardUrl = cards.cards.find((x) => x.name === '王建华')!.url;
    itemId = (await post<{ id: string }>(`${c()}/items`, { source: 'reception', category: 'urban', title: '城关镇幸福路自来水水压不足', content: '幸福路 3 号楼以上住户白天几乎没有水，已持续两个月。', place: '城关镇幸福路', submitterName: '赵大妈', submitterContact: CONTACT })).id;
    dept = await signIn(water);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets staff find the item and assign it to a department with the deadline in working days', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/items`);
    await page.getByRole('heading', { name: '意见建议', level: 1 }).waitFor();
    await page.getByRole('radio', { name: /待交办/ }).click();
    await page.getByRole('link', { name: '城关镇幸福路自来水水压不足', exact: true }).waitFor();
    await settled(page);
    expect(await axeSerious(page)).toEqual([]);
    await shoot(page, 'items-list', ['tablet', 'phone']);
    await page.getByRole('link', { name: '城关镇幸福路自来水水压不足', exact: true }).click();
    await page.getByRole('heading', { name: '城关镇幸福路自来水水压不足', level: 1 }).waitFor();
    // The submitter's contact is for staff (private).
    await page.locator('.private').getByText(CONTACT).waitFor();
    const triage = page.locator('.item-triage');
    await triage.getByRole('radio', { name: '交办' }).click();
    await triage.getByLabel('承办单位').selectOption({ label: '县水务局' });
    await triage.getByText('紧急', { exact: true }).click();
    await eventually(() => triage.locator('.item-due-preview').textContent()).toMatch(/答复期限：.*（3 个工作日）/);
    await settled(page);
    expect(await axeSerious(page)).toEqual([]);
    await shoot(page, 'item-triage', ['tablet', 'phone']);
    await triage.getByRole('button', { name: '交办' }).last().click();
    await eventually(() => status(page).textContent()).toBe('办理中');
    await page.locator('.item-history').getByText('交办').first().waitFor();
  });

  it('lets the department answer from its list with one of the four classes', async () => {
    await dept.goto(`${h.origin}/c/${congressId}/items`);
    await dept.getByRole('heading', { name: '交办给本单位的意见建议', level: 1 }).waitFor();
    await settled(dept);
    await shoot(dept, 'items-department', ['tablet', 'phone']);
    await dept.getByRole('link', { name: '答复：城关镇幸福路自来水水压不足' }).click();
    const form = dept.locator('.item-answer-form');
    await form.waitFor();
    // Not the submitter's contact: that is for staff.
    await settled(dept);
    expect(await dept.getByText(CONTACT).count()).toBe(0);
    await form.getByRole('button', { name: '提交答复' }).click();
    await form.locator('.field-error').first().waitFor();
    await form.getByText('正在解决', { exact: true }).click();
    await form.getByLabel('办理情况').fill('已安排加压泵站检修，本月底前完成。');
    expect(await axeSerious(dept)).toEqual([]);
    await shoot(dept, 'item-answer', ['tablet', 'phone']);
    await form.getByRole('button', { name: '提交答复' }).click();
    await eventually(() => status(dept).textContent()).toBe('已答复待审核');
  });

  it('lets staff return the answer with a reason, and accept the second', async () => {
    const page = h.page;
    await page.reload();
    const check = page.locator('section', { has: page.getByRole('heading', { name: '审核答复' }) });
    await check.getByRole('button', { name: '退回' }).click();
    await check.getByRole('button', { name: '退回重新答复' }).click();
    await check.locator('.field-error').waitFor();
    await check.getByLabel('退回理由').fill('请写明完工时间和水压检测结果。');
    await check.getByRole('button', { name: '退回重新答复' }).click();
    await eventually(() => status(page).textContent()).toBe('办理中');
    await page.locator('.item-answer[data-decision="returned"]').getByText('已退回：请写明完工时间和水压检测结果。').waitFor();

    await dept.reload();
    const form = dept.locator('.item-answer-form');
    await form.getByText('上次答复被退回：请写明完工时间和水压检测结果。').waitFor();
    await form.getByText('已解决', { exact: true }).click();
    await form.getByLabel('办理情况').fill('加压泵站已于本周检修完毕，经检测 6 楼水压 0.18 兆帕，恢复正常。');
    await form.getByRole('button', { name: '提交答复' }).click();
    await eventually(() => status(dept).textContent()).toBe('已答复待审核');

    await page.reload();
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
    await eventually(() => status(page).textContent()).toBe('已办结');
    await settled(page);
    await shoot(page, 'item-done', ['tablet', 'phone']);
  });

  it('lets a representative raise an item on a phone and rate its handling back-to-back once it is done', async () => {
    const rep = await h.newPage('phone');
    await rep.goto(cardUrl);
    await rep.getByRole('heading', { name: '您好，王建华', level: 1 }).waitFor();
    await rep.locator('.home-items').waitFor();
    await settled(rep);
    await shoot(rep, 'home-rep-items', ['phone']);
    await rep.getByRole('link', { name: '反映意见建议' }).click();
    await rep.getByRole('heading', { name: '反映意见建议', level: 1 }).waitFor();
    await rep.getByLabel('类别').selectOption({ label: '城乡建设' });
    await rep.getByLabel('标题').fill('青山村村口路灯不亮');
    await rep.getByLabel('具体内容').fill('村口至小学一段 6 盏路灯坏了半个月，学生晚上放学很黑。');
    await rep.getByLabel('地点').fill('青山村');
    await shoot(rep, 'item-new-rep', ['phone']);
    await rep.getByRole('button', { name: '提交' }).click();
    await rep.getByText(/已登记，查询码 [0-9A-Z]{4}-[0-9A-Z]{4}/).waitFor();

    // Staff assign it, the department answers, staff accept (through the API: the pages were shown above).
    const found = await h.page.request.get(`${h.origin}/api${c()}/items?q=${encodeURIComponent('青山村村口路灯不亮')}`);
    const id = ((await found.json()) as { items: { id: string }[] }).items[0].id;
    await post(`${c()}/items/${id}/assign`, { departmentId: deptId, urgency: 'normal' });
    const dcsrf = ((await (await dept.request.get(`${h.origin}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    expect((await dept.request.post(`${h.origin}/api${c()}/items/${id}/answer`, { data: { answerClass: 'resolved', text: '已更换 6 盏路灯。' }, headers: { 'X-CSRF-Token': dcsrf } })).status()).toBe(200);
    await post(`${c()}/items/${id}/accept`);

    await rep.goto(`${h.origin}/`);
    await rep.getByRole('link', { name: '我反映的意见建议' }).click();
    await rep.getByRole('heading', { name: '我反映的意见建议', level: 1 }).waitFor();
    await rep.getByRole('link', { name: '评价办理情况：青山村村口路灯不亮' }).click();
    const rating = rep.locator('.item-rating');
    await rating.getByText('背靠背评价：承办单位看不到是谁评的，评价只按单位汇总统计。').waitFor();
    await rating.getByRole('button', { name: '提交评价' }).click();
    await rating.getByText('请对三项都作出选择。').waitFor();
    await rating.getByRole('group', { name: '办理态度' }).getByText('满意', { exact: true }).click();
    await rating.getByRole('group', { name: '办理情况' }).getByText('满意', { exact: true }).click();
    await rating.getByRole('group', { name: '办理效果' }).getByText('基本满意', { exact: true }).click();
    await settled(rep);
    expect(await axeSerious(rep)).toEqual([]);
    await shoot(rep, 'item-rating-rep', ['phone', 'tablet']);
    await rating.getByRole('button', { name: '提交评价' }).click();
    await rep.getByText('本轮办理已评价。').waitFor();
    expect(await rep.locator('.item-rating').count()).toBe(0);
    // Rated once: a second rating is refused by the server.
    const rcsrf = ((await (await rep.request.get(`${h.origin}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    const again = await rep.request.post(`${h.origin}/api${c()}/items/${id}/handling-rating`, { data: { attitude: 'satisfied', handling: 'satisfied', effect: 'satisfied' }, headers: { 'X-CSRF-Token': rcsrf } });
    expect(again.status()).toBe(409);
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
  it('lets staff make an item a key item, record an on-site supervision with a new deadline, and find it by the key filter', async () => {
    const page = h.page;
    const id = (await post<{ id: string }>(`${c()}/items`, { source: 'inspection', category: 'ecology', title: '青山河排污口污水直排', content: '视察发现青山河两处排污口仍在直排。' })).id;
    await post(`${c()}/items/${id}/assign`, { departmentId: deptId, urgency: 'complex' });
    await page.goto(`${h.origin}/c/${congressId}/items/${id}`);
    await page.getByRole('heading', { name: '青山河排污口污水直排', level: 1 }).waitFor();
    const key = page.locator('section', { has: page.getByRole('heading', { name: '重点督办', level: 2 }) });
    await key.getByRole('button', { name: '列为重点督办' }).click();
    await key.locator('.field-error').waitFor();
    await key.getByLabel('领衔领导').fill('常委会副主任张明');
    await key.getByRole('button', { name: '列为重点督办' }).click();
    await page.locator('.page-head').getByText('重点督办 · 常委会副主任张明').waitFor();
    await key.getByRole('button', { name: '记录现场督办' }).click();
    await key.getByLabel('发现的问题和要求').fill('两处排污口已封堵一处，另一处需在两周内完成截污。');
    const newDue = await page.evaluate(() => {
      const d = new Date(Date.now() + 20 * 86_400_000);
      return d.toISOString().slice(0, 10);
    });
    await key.getByLabel('新的答复期限（可不填）').fill(newDue);
    await key.getByRole('button', { name: '保存' }).click();
    const sup = page.locator('.item-sups li').first();
    await sup.getByText('常委会副主任张明').waitFor();
    await sup.getByText('两处排污口已封堵一处，另一处需在两周内完成截污。').waitFor();
    await page.locator('.item-history').getByText('现场督办').waitFor();
    await settled(page);
    await shoot(page, 'item-key', ['tablet']);

    await page.goto(`${h.origin}/c/${congressId}/items?key=1`);
    await page.getByRole('link', { name: '青山河排污口污水直排', exact: true }).waitFor();
    await settled(page);
    expect(await page.getByRole('link', { name: '城关镇幸福路自来水水压不足', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('只看重点督办').isChecked()).toBe(true);
  });

  it('lets staff merge an item into another by its tracking code, and refer one up', async () => {
    const page = h.page;
    const a = await post<{ id: string; trackingCode: string }>(`${c()}/items`, { source: 'staff', category: 'urban', title: '幸福路停水（重复反映）', content: '同一小区又一户反映停水。' });
    const b = await post<{ id: string; trackingCode: string }>(`${c()}/items`, { source: 'staff', category: 'urban', title: '幸福路 5 号楼停水', content: '5 号楼停水三天。' });
    await page.goto(`${h.origin}/c/${congressId}/items/${a.id}`);
    const triage = page.locator('.item-triage');
    await triage.getByRole('radio', { name: '合并' }).click();
    await triage.getByLabel('合并到').fill(b.trackingCode.replace('-', '').toLowerCase());
    await triage.getByRole('button', { name: '合并' }).last().click();
    await eventually(() => status(page).textContent()).toBe('已合并');
    await page.getByRole('link', { name: '幸福路 5 号楼停水' }).waitFor();

    const r = await post<{ id: string }>(`${c()}/items`, { source: 'staff', category: 'other', title: '省道改线问题', content: '省道改线涉及省级规划。' });
    await page.goto(`${h.origin}/c/${congressId}/items/${r.id}`);
    await triage.getByRole('radio', { name: '转上级' }).click();
    await triage.getByRole('button', { name: '转上级' }).last().click();
    await triage.locator('.field-error').waitFor();
    await triage.getByLabel('转往何处').fill('市人大常委会交通工委');
    await triage.getByRole('button', { name: '转上级' }).last().click();
    await eventually(() => status(page).textContent()).toBe('已转上级');
    await page.locator('.item-note').getByText('市人大常委会交通工委').waitFor();

    // In English every word is there: no key of the dictionary shows through (the merged item's history included).
    await page.goto(`${h.origin}/c/${congressId}/items/${b.id}`);
    await page.locator('.item-history').getByText('并入相同的意见建议').waitFor();
    await page.locator('.lang-switch').click();
    await page.getByRole('link', { name: '← Items' }).waitFor();
    await settled(page);
    expect(await page.locator('main').innerText()).not.toMatch(/\bitems?\.[a-z_]+\.|itemTrack\./);
    await shoot(page, 'item-en', ['tablet']);
    await page.goto(`${h.origin}/c/${congressId}/items`);
    await page.getByRole('heading', { name: 'Items', level: 1 }).waitFor();
    await settled(page);
    expect(await page.locator('main').innerText()).not.toMatch(/\bitems?\.[a-z_]+\.|itemTrack\./);
    await page.locator('.lang-switch').click();
    await page.getByRole('heading', { name: '意见建议', level: 1 }).waitFor();
  });
});
