import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settled, shoot, startHarness, textMatching, type Harness } from './harness.ts';
import { json, signIn as signInAs, STAFF, voteWorld } from './setup.ts';

/**
 * The hall as its people use it (issue 20, part 2): the presidium creates a vote and lands on it; the scrutineer reads
 * which issuance mode the vote uses and why, enters a count of cards larger than the people present and is warned at
 * the desk with both numbers; the presidium opens only through a dialog that states them (and again when they moved
 * meanwhile), and the audit entry keeps the confirmation; a representative on a 390-wide phone reviews a ballot whose
 * long title wraps while 赞成 / 反对 stay on one line (measured in the browser); the receipt is held on screen, printed
 * as a slip (print media), cleared by a next card or a long time untouched. Chinese and English, tablet and phone.
 */
describe('the hall: new vote, issuance, opening with more cards than people, receipt, phone review', () => {
  let h: Harness;
  let congressId = '';
  let sessionId = '';
  let voteId = '';
  let cards: { serial: string; url: string }[] = [];
  let adminHeaders: Record<string, string> = {};
  let scrutineer: { page: Page; headers: Record<string, string> };
  let presidium: { page: Page; headers: Record<string, string> };
  const people = STAFF;
  const LONG = '河东村至城关镇沿河道路硬化及排水沟、路灯配套改造工程（含三座便民桥）';
  const votePath = () => `/c/${congressId}/sessions/${sessionId}/votes/${voteId}`;
  const apiVote = () => `${h.origin}/api/congresses/${congressId}/sessions/${sessionId}/votes/${voteId}`;

  const signIn = (who: { username: string; password: string }, size: 'tablet' | 'phone' = 'tablet') => signInAs(h, who, size);
  /** Staff pages switch language with the header's one button (中文 / English). */
  const switchLang = async (page: Page, to: 'en' | 'zh-CN') => {
    await page.locator('button.lang-switch').first().click();
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe(to);
  };
  /**
   * Lines an element's text is laid out on, counted in the browser: one rectangle per character, their tops grouped
   * (a character on a new line starts lower than half a line down).
   */
  const lineCounts = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((els) =>
      els.map((el) => {
        const tops: number[] = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < (node.textContent ?? '').length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const r = range.getBoundingClientRect();
            if (r.width > 0 && r.height > 0) tops.push(r.top);
          }
        }
        const lineHeight = parseFloat(getComputedStyle(el).fontSize);
        const lines: number[] = [];
        for (const top of tops) if (!lines.some((l) => Math.abs(l - top) < lineHeight / 2)) lines.push(top);
        return { text: el.textContent, lines: lines.length, right: el.getBoundingClientRect().right, viewport: window.innerWidth };
      }),
    );

  beforeAll(async () => {
    h = await startHarness();
    // Seven of nine present (the quorum is six).
    const w = await voteWorld(h, { staff: people, delegations: [['城关镇代表团', 9]], titles: [LONG, '城关镇自来水管网改造', '老旧小区加装路灯'], attendance: Array(7).fill('present') });
    ({ congressId, sessionId, headers: adminHeaders } = w);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('新建票决 lands on the new vote, where the next step is', async () => {
    presidium = await signIn(people.presidium);
    const page = presidium.page;
    await page.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}`);
    await page.getByRole('button', { name: '新建票决' }).click();
    const dialog = page.getByRole('dialog', { name: '新建票决' });
    await dialog.getByLabel('候选项目清单（已冻结）').locator('option', { hasText: '候选清单' }).waitFor({ state: 'attached' });
    await dialog.getByRole('button', { name: '新建', exact: true }).click();
    await page.waitForURL(/\/votes\/[0-9a-f-]{36}$/);
    voteId = page.url().split('/votes/')[1];
    await page.getByRole('heading', { name: '民生实事项目票决', level: 1 }).waitFor();
    await page.getByText('监票人还没有制作表决卡。').waitFor();
    expect((await json<{ id: string }>(await page.request.get(apiVote()))).id).toBe(voteId);
    await shoot(page, 'hall-new-vote', ['tablet', 'phone']);
  });

  it('the scrutineer reads the issuance mode and why, and is warned at the desk when the count passes the people present', async () => {
    scrutineer = await signIn(people.scrutineer);
    const page = scrutineer.page;
    await page.goto(`${h.origin}${votePath()}`);
    await page.getByRole('button', { name: '制作表决卡' }).click();
    await page.getByText('已制作 12 张，已发出 0 张，已作废 0 张。').waitFor();
    const mode = page.locator('.issuance-mode');
    await mode.getByText('逐张扫码发票').waitFor();
    await mode.getByText('这是默认方式，还没有发出任何表决卡。').waitFor();
    await mode.getByText('只有扫描过的卡才能投票').waitFor();
    await mode.getByText('本次的卡只能投“民生实事项目票决”').waitFor();
    await shoot(page, 'hall-issuance-mode', ['tablet', 'phone']);
    cards = (await json<{ cards: { serial: string; url: string }[] }>(await page.request.get(`${apiVote()}/cards`))).cards;

    // One card scanned at the desk: still the scan mode, now with the count so far as its reason.
    await page.getByLabel('表决卡编号或二维码内容').fill(cards[0].serial);
    await page.getByRole('button', { name: '记为已发出' }).click();
    await mode.getByText('发卡台正在逐张扫描，已发出 1 张。').waitFor();
    await expect(page.locator('.over-issue').count()).resolves.toBe(0);

    // Eight entered for seven present: the count desk says so with both numbers; the mode and its reason follow.
    await page.getByLabel('已发出表决卡张数').fill('8');
    await page.getByRole('button', { name: '登记张数' }).click();
    const desk = page.locator('.section', { has: page.locator('#issue-count') });
    await desk.getByText('已发出表决卡 8 张，多于出席代表 7 人。').waitFor();
    await desk.getByText('主席团开始表决时须确认这两个数字').waitFor();
    await mode.getByText('按张数登记发票').waitFor();
    await mode.getByText('监票人已登记发出 8 张，没有逐张扫描。').waitFor();
    await mode.getByText('没发出的备用卡必须由监票人收好').waitFor();
    await page.locator('.vote-live .stat-warn').getByText('多于出席人数').waitFor();
    await desk.scrollIntoViewIfNeeded();
    await shoot(page, 'hall-desk-over', ['tablet', 'phone']);

    await switchLang(page, 'en');
    await desk.getByText('8 ballot cards issued, more than the 7 representatives present.').waitFor();
    await mode.getByText('A scrutineer entered 8 cards handed out, without scanning them.').waitFor();
    await shoot(page, 'hall-desk-over-en', ['tablet', 'phone']);
    await switchLang(page, 'zh-CN');

    // Back to seven: the warning goes.
    await page.getByLabel('已发出表决卡张数').fill('7');
    await page.getByRole('button', { name: '登记张数' }).click();
    await mode.getByText('监票人已登记发出 7 张，没有逐张扫描。').waitFor();
    await settled(page);
    expect(await page.locator('.over-issue').count()).toBe(0);
    await page.getByLabel('已发出表决卡张数').fill('8');
    await page.getByRole('button', { name: '登记张数' }).click();
    await desk.getByText('已发出表决卡 8 张，多于出席代表 7 人。').waitFor();
  });

  it('the presidium opens only through a confirmation that states the numbers, asked again when they moved; the audit keeps it', async () => {
    const page = presidium.page;
    await page.reload();
    await page.locator('.presidium').getByText('已发出表决卡 8 张，多于出席代表 7 人。开始表决时须确认这两个数字。').waitFor();

    // English first (then cancelled): the same dialog in the other language.
    await switchLang(page, 'en');
    await page.getByRole('button', { name: 'Open the vote' }).click();
    const en = page.getByRole('dialog', { name: 'More cards issued than representatives present' });
    await en.getByText('8 ballot cards issued, 7 representatives present: 1 too many.').waitFor();
    await en.getByRole('button', { name: 'Confirm 8 cards / 7 present and open' }).waitFor();
    await shoot(page, 'hall-open-confirm-en', ['tablet', 'phone']);
    await en.getByRole('button', { name: 'Cancel' }).click();
    await switchLang(page, 'zh-CN');

    await page.getByRole('button', { name: '开始表决' }).click();
    const dialog = page.getByRole('dialog', { name: '发出的表决卡多于出席代表' });
    await dialog.getByText('已发出表决卡 8 张，出席代表 7 人，多出 1 张。').waitFor();
    await dialog.getByText('您的确认（8 张 / 7 人）将记入操作日志').waitFor();
    await shoot(page, 'hall-open-confirm', ['tablet', 'phone']);
    // Meanwhile the desk enters nine: the confirmation of 8 / 7 does not open it; the dialog asks again with 9 / 7.
    await json(await scrutineer.page.request.post(`${apiVote()}/issue-count`, { data: { count: 9 }, headers: scrutineer.headers }));
    await dialog.getByRole('button', { name: '确认 8 张 / 7 人，开始表决' }).click();
    await dialog.getByText('数字已有变化，请按新的数字重新确认。').waitFor();
    await dialog.getByText('已发出表决卡 9 张，出席代表 7 人，多出 2 张。').waitFor();
    expect((await json<{ state: string }>(await page.request.get(apiVote()))).state).toBe('draft');
    await dialog.getByRole('button', { name: '确认 9 张 / 7 人，开始表决' }).click();
    await page.getByText('表决中').first().waitFor();

    const log = await json<{ action: string; targetId: string; details: Record<string, unknown> }[]>(await h.page.request.get(`${h.origin}/api/congresses/${congressId}/audit?limit=500`));
    const opened = log.filter((e) => e.action === 'ballot.open_vote' && e.targetId === voteId);
    expect(opened).toHaveLength(1);
    expect(opened[0].details).toMatchObject({ present: 7, issued: 9, overIssueConfirmed: { issued: 9, present: 7 } });
  });

  it('on a 390-wide phone the review keeps 赞成 and 反对 on one line and wraps the long title instead', async () => {
    for (const [lang, card, words] of [
      ['zh-CN', cards[1], ['赞成', '反对']],
      ['en', cards[2], ['For', 'Against']],
    ] as const) {
      const phone = await h.newPage('phone');
      await phone.goto(`${h.origin}/b?c=${congressId}${lang === 'en' ? '&lang=en' : ''}`);
      await phone.locator('#ballot-serial').fill(card.serial);
      await phone.locator('.kiosk-serial button[type=submit]').click();
      const row = (title: string) => phone.locator('.ballot-row', { hasText: title });
      await row(LONG).getByRole('button', { name: words[0] }).click();
      await row('城关镇自来水管网改造').getByRole('button', { name: words[1] }).click();
      await phone.locator('.ballot-foot .btn-primary').click();
      await eventually(() => phone.locator('.review-mark').count()).toBe(3);
      await eventually(() => phone.locator('.review-mark').allTextContents()).toEqual(lang === 'en' ? ['For', 'Against', 'Not marked (abstain)'] : ['赞成', '反对', '未选（按弃权计）']);
      const marks = await lineCounts(phone, '.review-mark');
      expect(marks.slice(0, 2).map((m) => [m.text, m.lines])).toEqual([
        [words[0], 1],
        [words[1], 1],
      ]);
      for (const m of marks) expect(m.right).toBeLessThanOrEqual(m.viewport);
      // The long title is what wraps (several lines), beside its one-line mark.
      const names = await lineCounts(phone, '.review-name');
      expect(names[0].lines).toBeGreaterThan(1);
      await shoot(phone, `hall-review-phone${lang === 'en' ? '-en' : ''}`, ['phone', 'tablet']);
      await phone.context().close();
    }
  });

  it('the receipt is held on screen, printed as a slip, and cleared by 完成, a next card or a long time untouched', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const tablet = await h.newPage('tablet');
      await tablet.clock.install();
      await tablet.goto(`${h.origin}/b?c=${congressId}${lang === 'en' ? '&lang=en' : ''}`);
      const card = lang === 'en' ? cards[4] : cards[3];
      await tablet.locator('#ballot-serial').fill(card.serial);
      await tablet.locator('.kiosk-serial button[type=submit]').click();
      await tablet.locator('.ballot-row').first().locator('.seg-for').click();
      await tablet.locator('.ballot-foot .btn-primary').click();
      await tablet.locator('.ballot-review .kiosk-actions .btn-primary').click();
      const receipt = (await textMatching(tablet.locator('.kiosk-receipt .receipt-code'), /^\S{5} ?\S{5}$/)).replace(/\s/g, '');
      await eventually(() => tablet.locator('.kiosk-receipt .receipt-code .receipt-group').allTextContents()).toEqual([receipt.slice(0, 5), receipt.slice(5)]);
      const words = lang === 'en' ? { keep: 'Keep it on screen', kept: 'The receipt stays until you tap Done', print: 'Print the receipt', done: 'Done (clear the receipt)', start: 'Please scan your ballot card' } : { keep: '保持显示', kept: '回执会一直显示，直到您点「完成」', print: '打印回执', done: '完成（清除回执）', start: '请扫描您的表决卡' };

      await tablet.getByRole('button', { name: words.keep }).click();
      await tablet.getByText(words.kept).waitFor();
      // Held: a minute later (the countdown was 20 s) it is still there.
      await tablet.clock.fastForward(60_000);
      await eventually(() => tablet.locator('.kiosk-receipt .receipt-code').textContent()).toContain(receipt.slice(0, 5));
      await shoot(tablet, `hall-receipt-held${lang === 'en' ? '-en' : ''}`, ['tablet', 'phone']);

      // Printed at the desk: window.print() with a slip that alone reaches the paper.
      await tablet.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => void (window as unknown as { printed: number }).printed++;
      });
      await tablet.getByRole('button', { name: words.print }).click();
      await eventually(() => tablet.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      await tablet.locator('.receipt-slip .slip-qr svg').waitFor({ state: 'attached' });
      await tablet.emulateMedia({ media: 'print' });
      await eventually(() => tablet.locator('.receipt-slip').isVisible()).toBe(true);
      await eventually(() => tablet.locator('.kiosk-receipt .kiosk-actions').isVisible()).toBe(false);
      await eventually(() => tablet.locator('.kiosk-head').isVisible()).toBe(false);
      const slip = (await tablet.locator('.receipt-slip').textContent()) ?? '';
      expect(slip.replace(/\s/g, '')).toContain(receipt);
      expect(slip).toContain(`/v/${voteId}`);
      expect(slip).toContain('民生实事项目票决');
      await shoot(tablet, `hall-receipt-print${lang === 'en' ? '-en' : ''}`, ['tablet']);
      await tablet.emulateMedia({ media: 'screen' });

      if (lang === 'zh-CN') {
        // Left alone on the tablet: three minutes after the last touch it clears all the same.
        await tablet.clock.fastForward(3 * 60_000 + 1000);
        await tablet.getByRole('heading', { name: words.start }).waitFor();
        await settled(tablet);
        expect(await tablet.content()).not.toContain(receipt.slice(0, 5));
      } else {
        // The next representative's card (its /b#<token>) while a receipt is held: the receipt goes, their ballot opens.
        // (The tablet's page stays open; the next card's address changes only its fragment.)
        await tablet.evaluate((token) => void (location.hash = token), cards[5].url.split('#')[1]);
        await tablet.locator('.ballot-row').first().waitFor();
        await settled(tablet);
        expect(await tablet.content()).not.toContain(receipt.slice(0, 5));
        // …and 完成 after a cast clears at once.
        await tablet.locator('.ballot-foot .btn-primary').click();
        await tablet.locator('.ballot-review .kiosk-actions .btn-primary').click();
        await tablet.getByRole('button', { name: words.keep }).click();
        await tablet.getByRole('button', { name: words.done }).click();
        await tablet.getByRole('heading', { name: words.start }).waitFor();
      }
      await tablet.context().close();
    }
  });

  it('sent nothing off the origin and logged no errors', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
