import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settled, shoot, startHarness, type Harness } from './harness.ts';
import { shanghaiYear } from '../../shared/time.ts';

/**
 * The office's own words in a real browser: a township's public footer names its 人大主席团 (a township has no
 * standing committee), the rules form's 评价主体权重 lists only the audiences a round can include, the quorum is said
 * as a fraction in words on the rules form and the session page, and a date with its time reads 2026年12月5日 06:20.
 * Screenshots: office-footer-township-*, office-rules-* (tablet and phone, Chinese and English).
 */
describe('the office’s own words and forms', () => {
  let h: Harness;
  let csrf = '';
  let congressId = '';
  const year = shanghaiYear();
  const admin = { displayName: '林主任', username: 'lin.office', password: 'qingshan-2026-office' };
  const c = () => `/congresses/${congressId}`;
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  const switchLang = async (p: Page, to: 'English' | '中文') => {
    await p.locator('.lang-switch').first().click();
    await eventually(() => p.evaluate(() => document.documentElement.lang)).toBe(to === 'English' ? 'en' : 'zh-CN');
  };

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '青山镇第十八届人民代表大会', level: 'township', term: 18 })).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a township’s public page names its 人大主席团 in the footer, never a 常委会 (Chinese and English)', async () => {
    const phone = await h.newPage('phone');
    await phone.goto(`${h.origin}/p/${congressId}`);
    const foot = phone.locator('footer.public-foot');
    await eventually(() => foot.textContent()).toBe('青山镇人大主席团 · 民生实事项目票决与满意度测评');
    await shoot(phone, 'office-footer-township-zh', ['tablet', 'phone']);
    await switchLang(phone, 'English');
    await eventually(() => foot.textContent()).toBe("Presidium of the 青山镇 People's Congress · Livelihood projects: vote and satisfaction evaluation");
    await shoot(phone, 'office-footer-township-en', ['tablet', 'phone']);
    // A page of no congress (sign-in) names no body at all.
    await phone.goto(`${h.origin}/login`);
    await eventually(() => foot.textContent()).toBe('Livelihood projects: vote and satisfaction evaluation');
    // A public page that knows only the congress's name (the progress page) names the congress itself.
    await phone.goto(`${h.origin}/progress/${congressId}`);
    await eventually(() => foot.textContent()).toBe('青山镇第十八届人民代表大会 · Livelihood projects: vote and satisfaction evaluation');
    await phone.context().close();
  });

  it('the rules form: 评价主体权重 for representatives and residents only; the quorum example says 三分之二', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}`);
    await page.getByRole('heading', { name: '规则设置' }).waitFor();
    await page.getByRole('heading', { name: '评价主体权重' }).waitFor();
    await eventually(() => page.getByText('例如应到 100 人时，至少 67 人出席（应到人数的三分之二）。').count()).toBe(1);
    const weights = page.locator('h3', { hasText: '评价主体权重' }).locator('xpath=following-sibling::div[1]');
    await eventually(() => weights.locator('label').allTextContents()).toEqual(['人大代表', '群众']);
    await settled(page);
    expect(await page.getByText('网络评议').count()).toBe(0);
    expect(await page.getByText('评价对象权重').count()).toBe(0);
    // The example follows the fraction as it is typed.
    const quorum = page.getByRole('group', { name: '出席人数下限（法定人数）' });
    await quorum.getByLabel('分子').fill('3');
    await quorum.getByLabel('分母').fill('4');
    await page.getByText('例如应到 100 人时，至少 75 人出席（应到人数的四分之三）。').waitFor();
    await quorum.getByLabel('分子').fill('2');
    await quorum.getByLabel('分母').fill('3');
    await shoot(page, 'office-rules-zh', ['tablet', 'phone']);
    await switchLang(page, 'English');
    await page.getByRole('heading', { name: 'Evaluator group weights' }).waitFor();
    await page.getByText('With 100 seated, at least 67 must be present (two-thirds of the seated).').waitFor();
    await shoot(page, 'office-rules-en', ['tablet', 'phone']);
    await switchLang(page, '中文');
  });

  it('the session page says the quorum as 应到 6 人的三分之二', async () => {
    for (const name of ['王建国', '李秀英', '张志强', '刘丽华', '陈海燕', '杨国庆']) await post(`${c()}/representatives`, { name });
    const session = await post<{ id: string }>(`${c()}/sessions`, { name: '青山镇第十八届人民代表大会第三次会议', date: `${year}-01-10` });
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/sessions/${session.id}`);
    await eventually(() => page.locator('.quorum-line').textContent()).toContain('实到 0 人，法定人数 4 人（应到 6 人的三分之二）。');
    await switchLang(page, 'English');
    await eventually(() => page.locator('.quorum-line').textContent()).toContain('0 present; the quorum is 4 (two-thirds of the 6 seated).');
    await switchLang(page, '中文');
  });

  it('writes a date with its time one way: 2026年12月5日 06:20 (5 Dec 2026, 06:20 in English)', async () => {
    const dep = await post<{ id: string }>(`${c()}/departments`, { name: '镇建设管理办', kind: 'township' });
    const project = await post<{ id: string }>(`${c()}/projects`, { year, title: '河西村主干道安装太阳能路灯', leadDepartmentId: dep.id, coDepartmentIds: [], plannedInvestment: '48.00', fundingSource: '镇级财政', plannedCompletion: `${year}-12-20` });
    const round = await post<{ id: string }>(`${c()}/evaluation/rounds`, { year, title: `${year}年民生实事项目满意度测评`, audiences: ['residents'], projectIds: [project.id] });
    await post(`${c()}/evaluation/rounds/${round.id}/open`);
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${round.id}`);
    const time = page.locator('.ev-step-time').first();
    await eventually(() => time.textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    await switchLang(page, 'English');
    await eventually(() => time.textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    await switchLang(page, '中文');
    expect(h.pageErrors).toEqual([]);
  });
});
