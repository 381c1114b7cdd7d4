import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '../../shared/time.ts';
import { eventually, settled, shoot, startHarness, textMatching, type Harness } from './harness.ts';

/**
 * 代表联络站 in a real browser against the real server (SPEC §13): staff add a station and assign its representatives;
 * its keeper plans a year of reception days on a tablet (every 15th), sets who is on duty and publishes the plan,
 * then records a reception with a photo and an item raised; a resident opens the station's public page on a phone,
 * sees the published days, leaves an item and gets its tracking code; the poster prints the station's QR.
 */
const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const solve = (q: string) => {
  const m = /(\S)加(\S)等于/.exec(q);
  if (!m) throw new Error(`cannot read the question: ${q}`);
  return ZH_DIGITS.indexOf(m[1]) + ZH_DIGITS.indexOf(m[2]);
};
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('liaison stations: plan, duty, publish, a reception record, the public page and its form', () => {
  let h: Harness;
  let congressId = '';
  let stationId = '';
  let csrf = '';
  let keeperPage: Page;
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const keeper = { displayName: '周站长', username: 'keeper.zhou', password: 'keeper-2026-station' };
  const c = () => `/congresses/${congressId}`;
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '城关镇人民代表大会', level: 'township', term: 18 })).id;
    for (const [name, delegation] of [
      ['王建华', '城关代表组'],
      ['李秀英', '城关代表组'],
      ['陈国强', '河东代表组'],
    ])
      await post(`${c()}/representatives`, { name, delegation, phone: '13700009999' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets staff add a station, assign its representatives and make its keeper account', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/stations`);
    await page.getByRole('heading', { name: '代表联络站', level: 1 }).waitFor();
    await page.getByText('还没有联络站').waitFor();
    await page.getByRole('button', { name: '添加联络站' }).first().click();
    const dialog = page.getByRole('dialog', { name: '添加联络站' });
    await dialog.getByLabel('名称').fill('城关镇人大代表中心联络站');
    await dialog.getByLabel('类型').selectOption({ label: '中心联络站' });
    await dialog.getByLabel('地址').fill('城关镇人民政府一楼东侧');
    await dialog.getByLabel('联系电话').fill('0571-6688 1234');
    await dialog.getByLabel('接待时间').fill('每月15日上午 9:00–12:00');
    await dialog.getByLabel('工作职责').fill('听取和反映群众意见建议；组织代表开展接待和走访。');
    await dialog.getByRole('button', { name: '添加联络站' }).click();
    await page.getByText('已添加联络站“城关镇人大代表中心联络站”。').waitFor();
    await page.getByRole('link', { name: '城关镇人大代表中心联络站' }).click();
    await page.getByRole('heading', { name: '城关镇人大代表中心联络站', level: 1 }).waitFor();
    stationId = page.url().split('/stations/')[1];

    await page.getByRole('button', { name: '调整进站代表' }).click();
    const assign = page.getByRole('dialog', { name: '调整进站代表' });
    for (const name of ['王建华 · 城关代表组', '李秀英 · 城关代表组']) await assign.getByLabel(name).check();
    await assign.getByRole('button', { name: '保存（2 名）' }).click();
    await page.getByText('进站代表已更新。').waitFor();
    await page.locator('.rep-chips').getByText('李秀英').waitFor();

    await page.getByRole('button', { name: '+ 添加管理员账号' }).click();
    const acc = page.getByRole('dialog', { name: '添加管理员账号' });
    await acc.getByText('为“城关镇人大代表中心联络站”添加联络站管理员').waitFor();
    await acc.getByLabel('姓名').fill(keeper.displayName);
    await acc.getByLabel('用户名').fill(keeper.username);
    await acc.getByRole('button', { name: /创建/ }).click();
    await acc.getByText('账号已建立').waitFor();
    await acc.getByRole('button', { name: '我已记下，完成' }).click();
    // Set the keeper's own password through the API (the first password must be changed at sign-in).
    const members = (await (await page.request.get(`${h.origin}/api${c()}/members`)).json()) as { accountId: string; username: string; stationName: string | null }[];
    const k = members.find((m) => m.username === keeper.username)!;
    expect(k.stationName).toBe('城关镇人大代表中心联络站');
    await post(`/accounts/${k.accountId}/password`, { newPassword: keeper.password, mustChangePassword: false });
  });

  it('lets the keeper plan every 15th, set who is on duty and publish the plan on a tablet', async () => {
    keeperPage = await h.newPage('tablet');
    expect((await keeperPage.request.post(`${h.origin}/api/auth/login`, { data: { username: keeper.username, password: keeper.password } })).status()).toBe(200);
    const page = keeperPage;
    await page.goto(`${h.origin}/c/${congressId}/stations/${stationId}`);
    await page.getByRole('heading', { name: '城关镇人大代表中心联络站', level: 1 }).waitFor();
    await page.getByText('这一年还没有安排接待日').waitFor();
    // The keeper keeps the plan, not the station itself.
    await settled(page);
    expect(await page.getByRole('button', { name: '调整进站代表' }).count()).toBe(0);

    await page.getByRole('button', { name: '添加接待日' }).click();
    const dialog = page.getByRole('dialog', { name: '添加接待日' });
    await dialog.getByText('每月固定日期').click();
    await dialog.getByLabel('每月几号').fill('15');
    await dialog.getByRole('button', { name: '添加接待日' }).click();
    await page.getByText('已添加 12 个接待日。').waitFor();
    await eventually(() => page.locator('table tbody tr').count()).toBe(12);

    await page.getByRole('button', { name: `安排 ${year}年1月15日 的值班代表` }).click();
    const duty = page.getByRole('dialog', { name: /值班代表$/ });
    await duty.getByLabel('王建华').check();
    await duty.getByRole('button', { name: '保存' }).click();
    await page.getByText('值班代表已保存。').waitFor();
    await page.locator('table tbody tr').first().getByText('王建华').waitFor();

    await page.getByRole('button', { name: /公布计划（12 天未公布）/ }).click();
    await page.getByText(`已公布 ${year} 年的 12 个接待日。`).waitFor();
    await page.getByTestId('shortfall').getByText('未达到每季度至少 1 次接待的代表').waitFor();
    await settled(page);
    await shoot(page, 'station-plan', ['tablet', 'phone', 'desktop']);
  });

  it('lets the keeper record a reception with a photo and an item raised', async () => {
    const page = keeperPage;
    await page.getByRole('button', { name: '登记接待' }).first().click();
    const dialog = page.getByRole('dialog', { name: '登记接待' });
    await dialog.getByLabel('接待群众人数').fill('18');
    await dialog.getByLabel('王建华').check();
    await dialog.getByLabel('李秀英').check();
    await dialog.getByLabel('情况记录').fill('群众集中反映幸福路路灯和停车问题。');
    await dialog.locator('input[type=file]').setInputFiles([{ name: '接待现场.png', mimeType: 'image/png', buffer: PNG }]);
    await dialog.getByRole('button', { name: '+ 添加一条意见建议' }).click();
    await dialog.getByLabel('类别').selectOption({ label: '城乡建设' });
    await dialog.getByLabel('标题').fill('幸福路路灯不亮');
    await dialog.getByLabel('具体内容').fill('幸福路北段 5 盏路灯不亮已一个月，晚上出行不安全。');
    await dialog.getByLabel('收集代表').selectOption({ label: '王建华' });
    await dialog.getByLabel('联系方式').fill('13911112222');
    await shoot(page, 'station-record-form', ['tablet']);
    await dialog.getByRole('button', { name: '保存接待记录' }).click();
    await page.getByText('接待记录已保存，1 条意见建议已生成查询码。').waitFor();
    const record = page.locator('.record-list > li').first();
    await record.getByText('接待 18 人').waitFor();
    await record.getByText('幸福路路灯不亮').waitFor();
    await eventually(() => record.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await settled(page);
    // The submitter's phone is not on the record's card.
    expect(await page.getByText('13911112222').count()).toBe(0);
    await shoot(page, 'station-records', ['tablet', 'phone']);
  });

  it('shows the station’s public page on a phone and takes a resident’s item with a tracking code', async () => {
    const page = await h.newPage('phone');
    await page.goto(`${h.origin}/s/${stationId}`);
    await page.getByRole('heading', { name: '城关镇人大代表中心联络站', level: 1 }).waitFor();
    await page.getByText('每月15日上午 9:00–12:00').waitFor();
    await page.getByRole('heading', { name: '近期接待日' }).waitFor();
    await page.locator('.rep-chips').getByText('王建华').waitFor();
    const question = page.locator('.answer-field label');
    await eventually(() => question.textContent()).toMatch(/^验证题：.+等于几？$/);
    const asked = Date.now();
    await settled(page);
    expect(await page.getByText('13700009999').count()).toBe(0);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('请选择一个类别。').waitFor();
    await page.getByText('生态环境', { exact: true }).click();
    await page.getByLabel('标题').fill('河东村河道垃圾无人清理');
    await page.getByLabel('具体内容').fill('河东村桥下河道垃圾堆积，夏天气味很大。');
    await page.getByLabel('地点').fill('河东村桥下');
    await page.getByLabel('联系电话（可不填）').fill('13955556666');
    await page.waitForTimeout(Math.max(0, 3300 - (Date.now() - asked)));
    await page.getByLabel(/^验证题：/).fill(String(solve((await question.textContent()) ?? '')));
    await shoot(page, 'station-public', ['phone', 'tablet']);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByRole('heading', { name: '已收到您的意见建议' }).waitFor();
    const code = await textMatching(page.getByTestId('tracking-code'), /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await shoot(page, 'station-public-done', ['phone']);
    expect(await page.getByRole('link', { name: '查询办理进度' }).getAttribute('href')).toBe(`/t/${code}`);
    // The item is the station's, waiting for triage; the keeper's station list counts it.
    const list = (await (await keeperPage.request.get(`${h.origin}/api${c()}/stations`)).json()) as { id: string; itemsWaiting: number }[];
    expect(list.find((s) => s.id === stationId)!.itemsWaiting).toBe(2);
  });

  it('prints the station poster with the QR of its public page', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/stations/${stationId}/poster`);
    await page.getByRole('heading', { name: '联络站公示牌', level: 1 }).waitFor();
    await eventually(() => page.locator('.poster-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await eventually(() => page.getByTestId('station-poster-url').textContent()).toMatch(new RegExp(`/s/${stationId}$`));
    await settled(page);
    await shoot(page, 'station-poster', ['tablet']);
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
