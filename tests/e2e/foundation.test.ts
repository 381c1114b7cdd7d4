import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, FIXTURES, startHarness, type Harness } from './harness.ts';

/**
 * The first day with Minsheng, in a real browser against the real server: set up the system, sign out and in,
 * create a congress, import a roster exported as GBK (after a file with bad rows is refused), read the roster,
 * switch to English, and open the printable delegate cards. Assertions read what a person sees.
 */
describe('foundation: from first run to printed delegate cards', () => {
  let h: Harness;
  const admin = { name: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sends a first visitor to setup, which creates the administrator and signs them in', async () => {
    const { page } = h;
    await page.goto(h.origin + '/');
    await page.waitForURL('**/setup');
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('初始化系统');
    await h.screenshot('setup');

    // A short password is refused before anything is sent, next to its field.
    await page.getByLabel('姓名').fill(admin.name);
    await page.getByLabel('用户名').fill(admin.username);
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByLabel('再次输入密码').fill('short');
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await page.getByText('至少 10 个字符', { exact: true }).waitFor();

    await page.getByLabel('密码', { exact: true }).fill(admin.password);
    await page.getByLabel('再次输入密码').fill(admin.password);
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await page.waitForURL('**/congresses');
    await page.getByRole('heading', { name: '全部人大', level: 1 }).waitFor();
    await page.getByText('还没有人大').waitFor();
  });

  it('signs out, refuses a wrong password, and signs in again', async () => {
    const { page } = h;
    await page.getByRole('button', { name: admin.name }).click();
    await page.locator('#account-menu').getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: '登录', level: 1 }).waitFor();
    await h.screenshot('login');

    await page.getByLabel('用户名').fill(admin.username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await eventually(() => page.getByRole('alert').first().textContent()).toContain('用户名或密码不正确');

    await page.getByLabel('密码').fill(admin.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/congresses');
    await page.getByRole('button', { name: '新建人大' }).first().waitFor();
  });

  it('creates a congress and shows its overview with the rules', async () => {
    const { page } = h;
    await page.getByRole('button', { name: '新建人大' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建人大' });
    await dialog.getByLabel('名称').fill('示范县人民代表大会');
    await dialog.getByLabel('层级').selectOption('county');
    await dialog.getByLabel('届次').fill('7');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '示范县人民代表大会', level: 1 }).waitFor();
    await page.getByText('县级人大 · 第七届').waitFor();
    await page.getByRole('heading', { name: '规则设置' }).waitFor();
    await eventually(() => page.getByText('例如应到 100 人时，至少 67 人出席（应到人数的三分之二）。').count()).toBe(1);
    // The navigation shows the setup stage only, and only what this account may use.
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const entry of ['概况与规则设置', '代表名册', '承办单位', '账号与角色', '审计日志']) await nav.getByRole('link', { name: entry }).waitFor();
    await h.screenshot('settings');

    // A rule that cannot hold is refused beside its field; a valid change is saved.
    const quorum = page.getByRole('group', { name: '出席人数下限（法定人数）' });
    await quorum.getByLabel('分子').fill('4');
    await page.getByRole('button', { name: '保存规则设置' }).click();
    await page.getByText('分子不能大于分母').waitFor();
    await quorum.getByLabel('分子').fill('3');
    await quorum.getByLabel('分母').fill('4');
    await page.getByText('例如应到 100 人时，至少 75 人出席（应到人数的四分之三）。').waitFor();
    await page.getByRole('button', { name: '保存规则设置' }).click();
    await page.getByText('规则设置已保存。').waitFor();
  });

  it('refuses a roster file with bad rows, then imports a GBK roster', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '代表名册' }).click();
    await page.getByRole('heading', { name: '代表名册', level: 1 }).waitFor();
    await page.getByText('名册中还没有代表').waitFor();

    await page.getByRole('link', { name: '导入名册' }).first().click();
    await page.getByRole('heading', { name: '导入代表名册', level: 1 }).waitFor();
    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, 'roster-bad.csv'));
    await page.getByText('有 3 行有误，暂不能导入').waitFor();
    await page.getByText('性别：性别应为“男”或“女”').waitFor();
    await page.getByText('姓名：必填').waitFor();
    await page.getByText('联系电话：电话号码格式不正确').waitFor();
    // Nothing can be imported: the button says why, with no count of people it would not import.
    await eventually(() => page.getByRole('button', { name: '有 3 行有误，无法导入' }).isDisabled()).toBe(true);
    await h.screenshot('import-preview-bad');

    await page.getByRole('button', { name: '重新选择文件' }).click();
    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, 'roster-gbk.csv'));
    await page.getByText('将新增 6 位、更新 0 位代表。').waitFor();
    await page.getByText('文件编码：GBK').waitFor();
    await page.getByRole('cell', { name: '欧阳国庆' }).waitFor();
    await page.getByRole('button', { name: '导入 6 位新代表' }).click();
    await page.getByText('已导入 6 位代表。').waitFor();
    await page.getByRole('link', { name: '查看名册' }).click();

    await page.getByText('在任代表共 6 人').waitFor();
    for (const name of ['王建国', '李秀英', '欧阳国庆']) await page.getByRole('row', { name: new RegExp(name) }).waitFor();
    await page.getByRole('cell', { name: '石桥镇代表团' }).first().waitFor();
    await h.screenshot('roster');

    await page.getByRole('searchbox').fill('河东');
    await page.getByText('找到 2 人').waitFor();
    await page.getByRole('searchbox').fill('');
    await page.getByText('在任代表共 6 人').waitFor();
  });

  it('switches to English, remembers it, and labels everything in English', async () => {
    const { page } = h;
    // The English words are their own chunk, fetched when English is chosen (a Chinese page never downloads them).
    const english = page.waitForRequest((r) => /\/assets\/en-[\w-]+\.js$/.test(r.url()));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await english;
    await page.getByRole('heading', { name: 'Roster', level: 1 }).waitFor();
    await eventually(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('6 seated representatives').waitFor();
    await page.getByRole('columnheader', { name: 'Delegation / group' }).waitFor();
    await page.getByRole('button', { name: 'Add representative' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByText('Setup', { exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Departments' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Roster', level: 1 }).waitFor();
    await eventually(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('6 seated representatives').waitFor();
    await h.screenshot('roster-en', ['tablet']);
  });

  it('opens the printable delegate cards with one QR per seated representative', async () => {
    const { page } = h;
    await page.getByRole('link', { name: 'Print delegate cards' }).first().click();
    await page.getByRole('heading', { name: 'Delegate cards', level: 1 }).waitFor();
    await page.getByText('6 cards · A4 sheets: 1').waitFor();
    await eventually(() => page.locator('.delegate-card').count()).toBe(6);
    await eventually(() => page.locator('.delegate-card svg').count()).toBe(6);
    await page.getByRole('img', { name: 'Sign-in QR of 欧阳国庆' }).waitFor();
    await page.getByRole('button', { name: 'Print' }).waitFor();

    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByRole('heading', { name: '代表证', level: 1 }).waitFor();
    await eventually(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const card = page.locator('.delegate-card').filter({ hasText: '王建国' });
    await card.getByText('示范县人民代表大会').waitFor();
    await card.getByText('第七届').waitFor();
    await card.getByText('城关镇代表团').waitFor();
    await card.getByText('扫码登录 · 请妥善保管').waitFor();
    await h.screenshot('cards');

    // In print, only the sheets remain.
    await page.locator('.print-toolbar').waitFor();
    await page.emulateMedia({ media: 'print' });
    await eventually(() => page.locator('.print-toolbar').isVisible()).toBe(false);
    await eventually(() => page.locator('.sheet').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('sent no request outside its own origin and raised no page error', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
