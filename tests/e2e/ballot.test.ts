import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../shared/i18n/zh-CN.ts';
import { eventually, settled, shoot, startHarness, textMatching, type Harness } from './harness.ts';
import { ADMIN, json, SECOND_SCRUTINEER, signIn as signInAs, STAFF, voteWorld } from './setup.ts';

/**
 * Session and vote in a real browser (design §4): the slow set-up goes through the API (congress, roster, accounts,
 * candidates, a frozen list, a session, a vote); then the admin checks a representative in at the entrance tablet,
 * the scrutineer makes and prints the ballot cards and issues two by their serials, the presidium opens the vote,
 * and two representatives vote on a 1024×768 tablet — one by typing the serial, one from the card's /b#<token>.
 * After 完成 nothing of the ballot stays in the page or in browser storage, and no request leaves the origin.
 */
/** The whole dictionaries' chunks in the build under test (the tablet has only the core words built in, design §9). */
const dictionaryChunks = () => {
  const webDir = process.env.WEB_DIR ? resolve(process.env.WEB_DIR) : resolve(import.meta.dirname, '../../dist/web');
  const manifest = JSON.parse(readFileSync(join(webDir, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>;
  return ['../shared/i18n/zh-CN.ts', '../shared/i18n/en.ts'].map((k) => `/${manifest[k].file}`);
};
/** Dictionary keys shown as they are (a word missing from the core): in the text, the labels and the title. */
const rawKeys = async (page: Page) => {
  const shown = await page.evaluate(() => [document.title, document.body.innerText, ...[...document.querySelectorAll('[aria-label],[title],[placeholder]')].map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''} ${e.getAttribute('placeholder') ?? ''}`)].join('\n'));
  return (shown.match(/[\w-]+(?:\.[\w-]+)+/g) ?? []).filter((w) => w in zhCN);
};

describe('session and ballot', () => {
  let h: Harness;
  let congressId = '';
  let sessionId = '';
  let voteId = '';
  let scrutineer: Page;
  let presidium: Page;
  let tablet: Page;
  const people = { ...STAFF, scrutineer2: SECOND_SCRUTINEER('钱计票') };
  let delegateUrls: string[] = [];
  let serials: { serial: string; url: string }[] = [];

  const signIn = (who: { username: string; password: string }, size: 'tablet' | 'desktop' = 'tablet') => signInAs(h, who, size);

  beforeAll(async () => {
    h = await startHarness();
    // Seven present (quorum is six); the first checks in through the page below, the eighth is on leave.
    const w = await voteWorld(h, {
      staff: people,
      delegations: [['城关镇代表团', 5], ['河东乡代表团', 4]],
      titles: ['河东村道路硬化工程', '城关镇自来水管网改造', '老旧小区加装路灯'],
      attendance: [undefined, ...Array(6).fill('present'), 'leave'],
    });
    ({ congressId, sessionId } = w);
    const cards = await json<{ cards: { id: string; url: string }[] }>(await h.page.request.get(`${h.origin}/api/congresses/${congressId}/roster/cards`));
    delegateUrls = cards.cards.map((x) => x.url);
    await h.page.request.post(`${h.origin}/api/auth/login`, { data: { username: ADMIN.username, password: ADMIN.password } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('checks a representative in at the entrance and shows the quorum', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/sessions`);
    await page.getByRole('navigation', { name: '主导航' }).getByText('会议与票决', { exact: true }).waitFor();
    await page.getByRole('link', { name: '第七届人民代表大会第二次会议' }).click();
    await page.getByText('已达法定人数 6 人').first().waitFor();
    await h.screenshot('session', ['tablet', 'phone', 'desktop']);
    await page.getByRole('link', { name: '入口签到' }).click();
    await page.getByText('请出示代表证').waitFor();
    await page.getByLabel('代表证二维码内容').fill(delegateUrls[0]);
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.getByText('欢迎您，签到成功').waitFor();
    await page.getByText('已签到 7 / 应到 9').waitFor();
    await h.screenshot('check-in', ['tablet', 'phone', 'desktop']);
  });

  it('lets the presidium create the vote, the scrutineer make, print and issue cards, then opens it', async () => {
    presidium = (await signIn(people.presidium)).page;
    await presidium.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}`);
    await presidium.getByRole('button', { name: '新建票决' }).click();
    const dialog = presidium.getByRole('dialog', { name: '新建票决' });
    await dialog.getByLabel('候选项目清单（已冻结）').locator('option', { hasText: '候选清单' }).waitFor({ state: 'attached' });
    await dialog.getByRole('button', { name: '新建', exact: true }).click();
    // 新建票决 goes straight to the new vote.
    await presidium.waitForURL(/\/votes\//);
    voteId = presidium.url().split('/votes/')[1];

    scrutineer = (await signIn(people.scrutineer)).page;
    await scrutineer.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${voteId}`);
    await scrutineer.getByRole('button', { name: '制作表决卡' }).click();
    await scrutineer.getByText('已制作 12 张，已发出 0 张，已作废 0 张。').waitFor();
    await scrutineer.getByRole('link', { name: '打印表决卡' }).click();
    await scrutineer.getByRole('heading', { name: '表决卡', level: 1 }).waitFor();
    await scrutineer.locator('.ballot-card').first().waitFor();
    await eventually(() => scrutineer.locator('.ballot-card').count()).toBe(12);
    await eventually(() => scrutineer.locator('.sheet').count()).toBe(2);
    await shoot(scrutineer, 'ballot-cards', ['tablet', 'phone', 'desktop']);
    await scrutineer.locator('.print-toolbar').waitFor();
    await scrutineer.emulateMedia({ media: 'print' });
    await eventually(() => scrutineer.locator('.print-toolbar').isVisible()).toBe(false);
    await scrutineer.emulateMedia({ media: 'screen' });
    const print = await json<{ cards: { serial: string; url: string }[] }>(await scrutineer.request.get(`${h.origin}/api/congresses/${congressId}/sessions/${sessionId}/votes/${voteId}/cards`));
    serials = print.cards;
    // The sheet shows the cards made, serial for serial.
    await eventually(() => scrutineer.locator('.bc-serial').allTextContents()).toEqual(serials.map((c) => c.serial));

    await scrutineer.getByRole('link', { name: '返回票决' }).click();
    for (const [i, s] of serials.slice(0, 2).entries()) {
      await scrutineer.getByLabel('表决卡编号或二维码内容').fill(s.serial.toLowerCase());
      await scrutineer.getByRole('button', { name: '记为已发出' }).click();
      await scrutineer.getByText(`表决卡 ${s.serial} 已发出，共发出 ${i + 1} 张。`).waitFor();
    }
    await shoot(scrutineer, 'vote-control-scrutineer', ['tablet', 'phone', 'desktop']);

    await presidium.reload();
    await presidium.getByLabel('倒计时（分钟，选填）').fill('10');
    await presidium.getByRole('button', { name: '开始表决' }).click();
    const confirm = presidium.getByRole('dialog', { name: '开始表决？' });
    await confirm.getByText('开始后票决规则不能再修改').waitFor();
    await confirm.getByRole('button', { name: '开始表决' }).click();
    await presidium.getByText('表决中').first().waitFor();
    await shoot(presidium, 'vote-control', ['tablet', 'phone', 'desktop']);
  });

  it('takes a ballot on a tablet by typed serial: mark, review, confirm, receipt, then forgets it', async () => {
    tablet = await h.newPage('tablet');
    await tablet.goto(`${h.origin}/b?c=${congressId}`);
    await tablet.getByRole('heading', { name: '请扫描您的表决卡' }).waitFor();
    await shoot(tablet, 'ballot-start', ['tablet', 'phone', 'desktop']);
    await tablet.getByLabel('或输入表决卡编号').fill('ABC');
    await tablet.getByRole('button', { name: '打开选票' }).click();
    await tablet.getByRole('heading', { name: '表决卡编号是 8 位' }).waitFor();
    await tablet.getByRole('button', { name: '返回' }).click();

    await tablet.getByLabel('或输入表决卡编号').fill(serials[0].serial.toLowerCase());
    await tablet.getByRole('button', { name: '打开选票' }).click();
    await tablet.getByRole('heading', { name: '民生实事项目票决' }).waitFor();
    await tablet.getByText('已赞成 0 / 最多 2').waitFor();
    await tablet.getByText('投资 356.50 万元').waitFor();
    const row = (title: string) => tablet.locator('.ballot-row', { hasText: title });
    const box = await row('河东村道路硬化工程').getByRole('button', { name: '赞成' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(56);
    for (const title of ['河东村道路硬化工程', '城关镇自来水管网改造', '老旧小区加装路灯']) await row(title).getByRole('button', { name: '赞成' }).click();
    await tablet.getByText('赞成超过 2 个，这张选票将成为废票').waitFor();
    await shoot(tablet, 'ballot-over', ['tablet', 'phone']);
    await tablet.getByRole('button', { name: '检查选票' }).click();
    await tablet.getByText('这样提交，整张选票将成为废票').waitFor();
    await tablet.getByRole('button', { name: '返回修改' }).click();
    await row('老旧小区加装路灯').getByRole('button', { name: '反对' }).click();
    await tablet.getByText('已赞成 2 / 最多 2').waitFor();
    await shoot(tablet, 'ballot', ['tablet', 'phone', 'desktop']);
    await tablet.getByRole('button', { name: '检查选票' }).click();
    await tablet.getByRole('heading', { name: '请核对您的选票' }).waitFor();
    await eventually(() => tablet.locator('.review-mark').allTextContents()).toEqual(['赞成', '赞成', '反对']);
    await shoot(tablet, 'ballot-review', ['tablet', 'phone', 'desktop']);
    await tablet.getByRole('button', { name: '确认投票，提交后不可更改' }).click();
    await tablet.getByRole('heading', { name: '投票成功' }).waitFor();
    const receipt = await textMatching(tablet.locator('.receipt-code'), /^\S{7,}$/);
    await shoot(tablet, 'ballot-receipt', ['tablet', 'phone', 'desktop']);

    await tablet.getByRole('button', { name: '完成' }).click();
    await tablet.getByRole('heading', { name: '请扫描您的表决卡' }).waitFor();
    await settled(tablet);
    const html = await tablet.content();
    for (const trace of [receipt, serials[0].serial, '河东村道路硬化工程', '民生实事项目票决']) expect(html).not.toContain(trace);
    const stored = await tablet.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
    expect(stored).toEqual({ local: 0, session: 0, cookie: '' });
    expect((await tablet.context().cookies()).length).toBe(0);
  });

  it('opens a ballot straight from the card’s /b#<token> and takes the token out of the address', async () => {
    const page = await h.newPage('tablet');
    const scripts: string[] = [];
    page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(r.url())));
    await page.goto(serials[1].url.replace(/^https?:\/\/[^/]+/, h.origin));
    await page.getByRole('heading', { name: '民生实事项目票决' }).waitFor();
    await eventually(() => page.url()).toBe(`${h.origin}/b`);
    // A tablet in Chinese does not download the English words, nor the whole Chinese dictionary: only the core words
    // are built in (design §9: the tablet page's JavaScript), and they are all it shows.
    expect(scripts.filter((u) => /\/assets\/en-[\w-]+\.js$/.test(u))).toEqual([]);
    expect(scripts.filter((u) => dictionaryChunks().some((c) => u.endsWith(c)))).toEqual([]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(await rawKeys(page)).toEqual([]);
    await page.locator('.ballot-row').first().getByRole('button', { name: '弃权' }).click();
    await page.getByRole('button', { name: '检查选票' }).click();
    await eventually(() => page.locator('.review-mark').allTextContents()).toEqual(['弃权', '未选（按弃权计）', '未选（按弃权计）']);
    await page.getByRole('button', { name: '确认投票，提交后不可更改' }).click();
    await page.getByRole('heading', { name: '投票成功' }).waitFor();
    // The same card again: opening it says nothing (a card in other hands must not show whether it was cast); the
    // cast is refused, in large type, with what to do.
    await page.getByRole('button', { name: '完成' }).click();
    await page.goto(serials[1].url.replace(/^https?:\/\/[^/]+/, h.origin));
    await page.getByRole('button', { name: '检查选票' }).click();
    await page.getByRole('button', { name: '确认投票，提交后不可更改' }).click();
    await page.locator('.kiosk-refused h1').waitFor();
    await page.getByText('请举手示意工作人员').waitFor();
    await shoot(page, 'ballot-refused', ['tablet', 'phone']);

    await presidium.reload();
    await presidium.locator('.vote-live').getByText('2', { exact: true }).first().waitFor();
  });

  it('shows the tablet in English from ?lang=en with the core words only: no raw key, no whole dictionary', async () => {
    const page = await h.newPage('tablet');
    const scripts: string[] = [];
    page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(r.url())));
    await page.goto(`${h.origin}/b?c=${congressId}&lang=en`);
    await page.getByRole('heading', { name: 'Please scan your ballot card' }).waitFor();
    expect(await rawKeys(page)).toEqual([]);
    await page.getByLabel('Or type the card’s serial').fill('ABC');
    await page.getByRole('button', { name: 'Open ballot' }).click();
    await page.getByRole('heading', { name: 'A ballot card serial has 8 characters' }).waitFor();
    expect(await rawKeys(page)).toEqual([]);
    // Switched to Chinese on the page, still the core words only.
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '请扫描您的表决卡' }).waitFor();
    expect(await rawKeys(page)).toEqual([]);
    expect(scripts.filter((u) => /\/assets\/ballot\.en-[\w-]+\.js$/.test(u))).toHaveLength(1);
    expect(scripts.filter((u) => dictionaryChunks().some((c) => u.endsWith(c)))).toEqual([]);
    await page.context().close();
  });

  it('after the close, two counters enter the same paper ballot and it is counted', async () => {
    const paper = serials[2].serial;
    await scrutineer.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${voteId}`);
    await scrutineer.getByRole('heading', { name: '按张数登记发票' }).waitFor();
    await scrutineer.getByLabel('表决卡编号或二维码内容').fill(paper);
    await scrutineer.getByRole('button', { name: '记为已发出' }).click();
    await scrutineer.getByText(`表决卡 ${paper} 已发出，共发出 3 张。`).waitFor();

    await presidium.reload();
    await presidium.getByRole('button', { name: '结束表决' }).click();
    await presidium.getByRole('dialog', { name: '结束表决？' }).getByRole('button', { name: '结束表决' }).click();
    await presidium.getByText('表决已结束。').first().waitFor();

    const enter = async (page: Page) => {
      await page.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${voteId}`);
      await page.getByRole('heading', { name: '录入纸质选票' }).waitFor();
      await page.getByLabel('表决卡编号（或扫描二维码）').fill(paper.toLowerCase());
      const row = (title: string) => page.locator('.paper-form .paper-mark-row', { hasText: title });
      await row('河东村道路硬化工程').getByRole('button', { name: '赞成' }).click();
      await row('城关镇自来水管网改造').getByRole('button', { name: '反对' }).click();
    };
    await enter(scrutineer);
    await shoot(scrutineer, 'paper-entry', ['tablet', 'phone']);
    await scrutineer.getByRole('button', { name: '提交录入' }).click();
    await scrutineer.getByText(`选票 ${paper}：等待第二名计票人录入。`).waitFor();
    await eventually(() => scrutineer.getByLabel('表决卡编号（或扫描二维码）').inputValue()).toBe('');
    await scrutineer.locator('.paper-item', { hasText: paper }).getByText('等待第二名计票人录入').waitFor();
    // The same counter again: refused with the server's reason.
    await scrutineer.getByLabel('表决卡编号（或扫描二维码）').fill(paper);
    await scrutineer.getByRole('button', { name: '提交录入' }).click();
    await scrutineer.locator('.paper-form .alert-error').waitFor();

    const second = (await signIn(people.scrutineer2)).page;
    await enter(second);
    await second.getByRole('button', { name: '提交录入' }).click();
    await second.getByText(`选票 ${paper}：两次录入一致，已计入。`).waitFor();
    await second.getByText('没有等待第二次录入或待核对的纸质选票。').waitFor();
  });

  it('sent nothing off the origin and logged no errors', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
