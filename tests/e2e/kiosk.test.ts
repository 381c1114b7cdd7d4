import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settled, shoot, startHarness, VIEWPORTS, type Harness } from './harness.ts';
import { shanghaiToday } from '../../shared/time.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core');

/**
 * Kiosks in a real browser, as the staff would set them up: the administrator opens 设置签到/投票平板 from the session,
 * makes a check-in desk and a voting tablet, and each tablet (a browser of its own, the desk one first signed in as staff)
 * opens its one-time link. The desk checks a representative in and offers no way to the menu — no link, no navigation,
 * a typed staff address leads back to the desk and the API refuses it — until a staff sign-in leaves it: the presidium's
 * account cannot, the administrator's can, and the device lands on the ordinary sign-in page. The voting tablet shows
 * the ballot page of its congress only, and says so when staff revoke it. Screenshots at 1024×768 and 390×844 (the
 * staff page also at 1920×1080), in Chinese and English.
 */
describe('kiosks (签到平板 / 投票平板)', () => {
  let h: Harness;
  let congressId = '';
  let sessionId = '';
  let csrf = '';
  let delegateUrls: string[] = [];
  let staff: Page;
  let deskLink = '';
  let tabletLink = '';
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const presidium = { displayName: '王主席', username: 'pres.wang', password: 'presidium-2026' };
  const sessionName = '第七届人民代表大会第二次会议';

  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  /** A browser page signed in as `who` (its own cookies). */
  const signedIn = async (who: { username: string; password: string }, size: 'tablet' | 'desktop' | 'phone' = 'tablet') => {
    const page = await h.newPage(size);
    const res = await page.request.post(`${h.origin}/api/auth/login`, { data: { username: who.username, password: who.password } });
    expect(res.status()).toBe(200);
    return page;
  };
  /** Make a kiosk on the staff page and read its one-time link from the QR dialog. */
  const makeKiosk = async (kind: '签到平板' | '投票平板', label: string) => {
    await staff.getByRole('radio', { name: new RegExp(kind) }).check();
    await staff.getByLabel('平板名称').fill(label);
    await staff.getByRole('button', { name: '生成设置二维码' }).click();
    const dialog = staff.getByRole('dialog', { name: `用「${label}」扫描这个二维码` });
    await dialog.getByRole('img', { name: `「${label}」的设置二维码` }).waitFor();
    const link = await dialog.getByLabel('设置链接').inputValue();
    expect(link).toMatch(/\/k#[\w-]+\.[\w-]+\.[\w-]+$/);
    return { dialog, link: `${h.origin}/k#${link.split('#')[1]}` };
  };
  const apiStatus = (page: Page, path: string) => page.evaluate((p) => fetch(p).then(async (r) => (await r.text(), r.status)), path);

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '示范县人民代表大会', level: 'county', term: 7 })).id;
    const c = `/congresses/${congressId}`;
    await post(`${c}/accounts`, { ...presidium, role: 'presidium' });
    for (const [i, name] of ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆'].entries()) await post(`${c}/representatives`, { name, delegation: i < 3 ? '城关镇代表团' : '河东乡代表团' });
    const cards = (await (await h.page.request.get(`${h.origin}/api${c}/roster/cards`)).json()) as { cards: { url: string }[] };
    delegateUrls = cards.cards.map((x) => x.url);
    sessionId = (await post<{ id: string }>(`${c}/sessions`, { name: sessionName, date: shanghaiToday() })).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets the administrator set up a check-in desk from the session page', async () => {
    staff = await signedIn(admin, 'desktop');
    await staff.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}`);
    await staff.getByRole('link', { name: '设置签到/投票平板' }).click();
    await staff.getByRole('heading', { name: '签到与投票平板', level: 1 }).waitFor();
    await staff.getByText('还没有设置平板').waitFor();
    await settled(staff);
    await shoot(staff, 'kiosk-setup', ['desktop', 'tablet', 'phone']);
    const { dialog, link } = await makeKiosk('签到平板', '东门签到台');
    deskLink = link;
    await settled(staff);
    await shoot(staff, 'kiosk-setup-qr', ['desktop', 'tablet']);
    await dialog.getByRole('button', { name: '完成' }).click();
    await staff.getByText('东门签到台', { exact: true }).waitFor();
    await staff.getByText('等待平板扫码').waitFor();
    // English, then back.
    await staff.locator('.lang-switch').click();
    await staff.getByRole('heading', { name: 'Check-in and voting tablets', level: 1 }).waitFor();
    await staff.getByText('Waiting for the tablet to scan').waitFor();
    await settled(staff);
    await shoot(staff, 'kiosk-setup-en', ['desktop', 'tablet', 'phone']);
    await staff.locator('.lang-switch').click();
    await staff.getByRole('heading', { name: '签到与投票平板', level: 1 }).waitFor();
  });

  it('the desk opens its link, checks a representative in, and has no way to the menu', async () => {
    // The desk tablet was signed in as staff, as desks are today: opening the link signs that out.
    const desk = await signedIn(admin, 'tablet');
    await desk.goto(`${h.origin}/c/${congressId}/accounts`);
    await desk.getByRole('navigation', { name: '主导航' }).waitFor();
    await desk.goto(deskLink);
    await desk.getByRole('heading', { name: '请在此扫描代表证', level: 1 }).waitFor();
    await eventually(() => new URL(desk.url()).pathname + new URL(desk.url()).hash).toBe('/k');
    await desk.getByText(`签到平板 · 东门签到台`).waitFor();
    await desk.getByText('已签到 0 / 应到 6').waitFor();
    // The staff's list sees it turn 使用中.
    await staff.getByText('使用中').waitFor();

    await desk.getByLabel('代表证二维码内容').fill(delegateUrls[0]);
    await desk.getByRole('button', { name: '签到', exact: true }).click();
    await desk.getByText('欢迎您，签到成功').waitFor();
    await desk.getByText('张伟 代表').waitFor();
    await desk.locator('.checkin-count').getByText('已签到 1 / 应到 6').waitFor();
    await settled(desk);
    await shoot(desk, 'kiosk-checkin', ['tablet', 'phone']);

    // No menu, no link out: nothing to click but the desk, the language and the staff's way out.
    await settled(desk);
    expect(await desk.getByRole('navigation').count()).toBe(0);
    expect(await desk.locator('a[href]').count()).toBe(0);
    // A typed staff address leads back to the desk; the API refuses the kiosk everything else, in words.
    for (const path of [`/c/${congressId}/accounts`, `/c/${congressId}/roster`, `/c/${congressId}/audit`, '/accounts', '/login', `/b?c=${congressId}`]) {
      await desk.goto(`${h.origin}${path}`);
      await desk.getByRole('heading', { name: '请在此扫描代表证', level: 1 }).waitFor();
      expect(new URL(desk.url()).pathname, path).toBe('/k');
    }
    for (const path of [`/api/congresses/${congressId}/accounts`, `/api/congresses/${congressId}/representatives`, `/api/congresses/${congressId}/audit`, '/api/auth/me'])
      expect(await apiStatus(desk, path), path).toBe(403);
    const refusal = await desk.evaluate((p) => fetch(p).then((r) => r.json()), `/api/congresses/${congressId}/accounts`);
    expect(refusal.error.message).toContain('只能办理这一件事');

    // English on this page only.
    await desk.getByRole('button', { name: 'English' }).click();
    await desk.getByRole('heading', { name: 'Scan your delegate card here', level: 1 }).waitFor();
    await desk.getByLabel('Delegate card QR content').fill(delegateUrls[1]);
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await desk.getByText('2 checked in / 6 seated').first().waitFor();
    await settled(desk);
    await shoot(desk, 'kiosk-checkin-en', ['tablet', 'phone']);
    await desk.getByRole('button', { name: '中文' }).click();
    await desk.getByRole('heading', { name: '请在此扫描代表证', level: 1 }).waitFor();

    // Leaving: the presidium's account cannot; the administrator's can, and the desk goes to the sign-in page.
    await desk.getByRole('button', { name: '工作人员退出' }).click();
    const leave = desk.getByRole('dialog', { name: '退出平板模式' });
    await leave.getByLabel('工作人员用户名').fill(presidium.username);
    await leave.getByLabel('密码').fill(presidium.password);
    await shoot(desk, 'kiosk-leave', ['tablet', 'phone']);
    await leave.getByRole('button', { name: '登录并退出平板模式' }).click();
    await leave.getByText('只有本人大的工作人员（管理员）账号可以退出平板模式').waitFor();
    expect(await apiStatus(desk, '/api/kiosk/me')).toBe(200);
    await leave.getByLabel('工作人员用户名').fill(admin.username);
    await leave.getByLabel('密码').fill(admin.password);
    await leave.getByRole('button', { name: '登录并退出平板模式' }).click();
    await desk.waitForURL(/\/login$/);
    await desk.getByRole('button', { name: '登录' }).waitFor();
    // Nobody is signed in, and the kiosk is gone for good.
    expect(await apiStatus(desk, '/api/auth/me')).toBe(401);
    expect(await desk.evaluate(() => fetch('/api/kiosk/me').then((r) => r.json()))).toEqual({ kiosk: null, ended: null });
    await staff.reload();
    await staff.getByText('工作人员已退出').waitFor();
  });

  it('the voting tablet shows only its ballot page, and says so when staff revoke it', async () => {
    const { dialog, link } = await makeKiosk('投票平板', '会场平板 1');
    tabletLink = link;
    await dialog.getByRole('button', { name: '完成' }).click();
    const tablet = await h.newPage('tablet');
    await tablet.goto(tabletLink);
    await tablet.getByRole('heading', { name: '请扫描您的表决卡', level: 1 }).waitFor();
    await eventually(() => new URL(tablet.url()).pathname + new URL(tablet.url()).search).toBe(`/b?c=${congressId}`);
    await tablet.getByText('投票平板 · 会场平板 1').waitFor();
    await settled(tablet);
    expect(await tablet.getByRole('navigation').count()).toBe(0);
    expect(await tablet.locator('a[href]').count()).toBe(0);
    await shoot(tablet, 'kiosk-ballot', ['tablet', 'phone']);
    for (const path of [`/c/${congressId}/sessions/${sessionId}`, '/', `/b?c=00000000-0000-4000-8000-000000000000`]) {
      await tablet.goto(`${h.origin}${path}`);
      await tablet.getByRole('heading', { name: '请扫描您的表决卡', level: 1 }).waitFor();
      expect(new URL(tablet.url()).search, path).toBe(`?c=${congressId}`);
    }
    expect(await apiStatus(tablet, `/api/congresses/${congressId}/sessions/${sessionId}`)).toBe(403);
    await tablet.getByRole('button', { name: 'English' }).click();
    await tablet.getByRole('heading', { name: 'Please scan your ballot card', level: 1 }).waitFor();
    await tablet.getByText('Voting tablet · 会场平板 1').waitFor();
    await settled(tablet);
    await shoot(tablet, 'kiosk-ballot-en', ['tablet', 'phone']);

    // Staff revoke it: the tablet says so (at its next check, here a reload) and can do nothing more.
    await staff.getByRole('button', { name: '停用「会场平板 1」' }).click();
    await staff.getByRole('dialog', { name: '停用「会场平板 1」？' }).getByRole('button', { name: '停用', exact: true }).click();
    await staff.getByText('已停用「会场平板 1」').waitFor();
    await tablet.reload();
    await tablet.getByRole('heading', { name: /This tablet|这台平板已被工作人员停用|Staff have revoked this tablet/ }).waitFor();
    await settled(tablet);
    await shoot(tablet, 'kiosk-revoked', ['tablet']);
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
  it('the kiosk screens and the set-up page pass axe-core (no serious or critical finding), in both languages', async () => {
    /** Serious or critical axe findings on the page as it is now, as readable lines. */
    const audit = async (page: Page, where: string) => {
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
      const found = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (d: Document, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
        const r = await axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      return found.map((f) => `${where}: ${f}`);
    };
    const findings: string[] = [];
    // bypassCSP: the pages allow only their own scripts, and axe is injected from outside.
    const ctx = async () => {
      const c = await h.browser.newContext({ viewport: VIEWPORTS.tablet, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
      c.setDefaultTimeout(10_000);
      return c;
    };
    const staffCtx = await ctx();
    const me = (await (await staffCtx.request.post(`${h.origin}/api/auth/login`, { data: { username: admin.username, password: admin.password } })).json()) as { csrfToken: string };
    const page = await staffCtx.newPage();
    await page.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}/kiosks`);
    await page.getByRole('heading', { name: '签到与投票平板', level: 1 }).waitFor();
    await page.getByText('东门签到台', { exact: true }).waitFor();
    findings.push(...(await audit(page, 'set-up page')));
    await makeKioskOn(page, '西门签到台');
    findings.push(...(await audit(page, 'set-up QR dialog')));
    await page.getByRole('button', { name: '完成' }).click();
    const made = (await (await staffCtx.request.post(`${h.origin}/api/congresses/${congressId}/sessions/${sessionId}/kiosks`, { data: { kind: 'check_in', label: '北门签到台', hours: 2 }, headers: { 'X-CSRF-Token': me.csrfToken } })).json()) as { enrolUrl: string };
    const deskCtx = await ctx();
    const desk = await deskCtx.newPage();
    await desk.goto(`${h.origin}/k#${made.enrolUrl.split('#')[1]}`);
    await desk.getByRole('heading', { name: '请在此扫描代表证', level: 1 }).waitFor();
    findings.push(...(await audit(desk, 'check-in kiosk, idle')));
    await desk.getByLabel('代表证二维码内容').fill(delegateUrls[2]);
    await desk.getByRole('button', { name: '签到', exact: true }).click();
    await desk.getByText('欢迎您，签到成功').waitFor();
    findings.push(...(await audit(desk, 'check-in kiosk, welcomed')));
    await desk.getByRole('button', { name: '工作人员退出' }).click();
    await desk.getByRole('dialog', { name: '退出平板模式' }).waitFor();
    findings.push(...(await audit(desk, 'leave dialog')));
    await desk.keyboard.press('Escape');
    await desk.getByRole('button', { name: 'English' }).click();
    await desk.getByRole('heading', { name: 'Scan your delegate card here', level: 1 }).waitFor();
    findings.push(...(await audit(desk, 'check-in kiosk, English')));
    await page.locator('.lang-switch').click();
    await page.getByRole('heading', { name: 'Check-in and voting tablets', level: 1 }).waitFor();
    findings.push(...(await audit(page, 'set-up page, English')));
    await staffCtx.close();
    await deskCtx.close();
    expect(findings).toEqual([]);
  });

  /** The same as makeKiosk, on another staff page. */
  async function makeKioskOn(page: Page, label: string) {
    await page.getByLabel('平板名称').fill(label);
    await page.getByRole('button', { name: '生成设置二维码' }).click();
    await page.getByRole('dialog', { name: `用「${label}」扫描这个二维码` }).getByRole('img').waitFor();
  }
});
