import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, SCREENSHOTS, settled, shoot, startHarness, textMatching, type Harness } from './harness.ts';
import { json, SECOND_SCRUTINEER, signIn as signInAs, STAFF, voteWorld } from './setup.ts';

/**
 * One card, several questions (表决事项单, SPEC §15) in a real browser: the presidium writes the agenda and the
 * name-list motions on the session page (each kind's usual title filled in), creates a sitting with both and the frozen
 * project list, and sees its three questions in card order; the scrutineer makes and prints the cards (they list the
 * questions) and issues them; on a 1024×768 tablet one representative walks the three questions one a screen, reviews
 * them together and casts once; a second over-marks the project question (warned as invalid for that question alone)
 * and casts; three more ballots come through the API. After the close the tally shows both motions passed (5 赞成 of 9
 * seated: more than half) beside the project question with its one invalid ballot; once signed and published the
 * session page says 通过.
 */
describe('a sitting: motions and the projects on one card', () => {
  let h: Harness;
  let congressId = '';
  let sessionId = '';
  let voteId = '';
  let presidium: Page;
  let scrutineer: Page;
  const people = { ...STAFF, scrutineer2: SECOND_SCRUTINEER('钱监票') };
  const titles = ['河东村道路硬化工程', '城关镇自来水管网改造', '老旧小区加装路灯'];
  const session = '第七届人民代表大会第二次会议';
  const agenda = `关于${session}议程（草案）的表决`;
  const nameList = `关于${session}主席团和秘书长名单（草案）的表决`;
  const agendaBody = '一、审议政府工作报告\n二、审查和批准财政预算\n三、票决产生年度民生实事项目';
  let cards: { serial: string; url: string }[] = [];
  let motionIds: string[] = [];
  let projectIds: string[] = [];
  let csrf: Record<string, { page: Page; headers: Record<string, string> }> = {};

  const signIn = (who: { username: string; password: string }, size: 'tablet' | 'desktop' = 'tablet') => signInAs(h, who, size);
  const votePath = () => `/congresses/${congressId}/sessions/${sessionId}/votes/${voteId}`;
  const as = <T,>(who: string, path: string, data: unknown = {}) =>
    csrf[who].page.request.post(`${h.origin}/api${path}`, { data, headers: csrf[who].headers }).then((r) => json<T>(r));
  /** A ballot straight through the tablet's routes (no page): open the card, cast the marks. */
  const castByApi = async (card: { url: string }, marks: Record<string, string>) => {
    const token = card.url.split('#')[1];
    const post = (path: string, body: unknown) => fetch(`${h.origin}/api/public/ballot/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('open', { token, voteId })).status).toBe(200);
    expect((await post('cast', { token, marks, voteId })).status).toBe(200);
  };

  beforeAll(async () => {
    h = await startHarness();
    // Nine seated, eight present (the quorum is six); a motion needs more than half of the nine: 5 赞成.
    const w = await voteWorld(h, { staff: people, delegations: [['城关镇代表团', 5], ['河东乡代表团', 4]], titles, attendance: Array(8).fill('present') });
    ({ congressId, sessionId } = w);
    projectIds = w.candidates.map((c) => c.id);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets the presidium write the agenda and name-list motions and put them on one card with the projects', async () => {
    presidium = (await signIn(people.presidium)).page;
    await presidium.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}`);
    await presidium.getByRole('heading', { name: '议题', exact: true }).waitFor();
    await presidium.getByText('这次会议还没有议题').waitFor();

    await presidium.getByRole('button', { name: '新建议题' }).click();
    let dialog = presidium.getByRole('dialog', { name: '新建议题' });
    // The agenda is the first kind: its usual title is filled in with the session's name.
    await eventually(() => dialog.getByLabel('议题名称').inputValue()).toBe(agenda);
    await dialog.getByLabel('议题内容（选填）').fill(agendaBody);
    await dialog.getByText('当前：赞成票超过全体代表（应到）的 1/2。').waitFor();
    await shoot(presidium, 'sitting-motion-new', ['tablet', 'phone']);
    await dialog.getByRole('button', { name: '新建议题' }).click();
    await presidium.getByText(`已新建议题“${agenda}”。`).waitFor();

    await presidium.getByRole('button', { name: '新建议题' }).click();
    dialog = presidium.getByRole('dialog', { name: '新建议题' });
    await dialog.getByLabel('类别').selectOption({ label: '名单' });
    await eventually(() => dialog.getByLabel('议题名称').inputValue()).toBe(nameList);
    await dialog.getByLabel('议题内容（选填）').fill('主席团成员：张伟、王芳、李娜、刘洋、陈静\n秘书长：杨帆');
    // A fraction over one is refused on the form, in words.
    await dialog.getByLabel('分子').fill('3');
    await dialog.getByRole('button', { name: '新建议题' }).click();
    await dialog.getByText('当选比例的分子不能大于分母。').waitFor();
    await dialog.getByLabel('分子').fill('1');
    await dialog.getByRole('button', { name: '新建议题' }).click();
    await presidium.getByText(`已新建议题“${nameList}”。`).waitFor();
    const rows = presidium.locator('.motions tbody tr');
    await eventually(() => rows.count()).toBe(2);
    await rows.filter({ hasText: nameList }).getByText('未列入表决').waitFor();
    await shoot(presidium, 'sitting-motions', ['tablet', 'phone', 'desktop']);

    // A sitting of both motions and the frozen list: the motions first, the projects last.
    await presidium.getByRole('button', { name: '新建票决' }).click();
    dialog = presidium.getByRole('dialog', { name: '新建票决' });
    await dialog.getByLabel('候选项目清单（已冻结）').locator('option', { hasText: '候选清单' }).waitFor({ state: 'attached' });
    await dialog.getByLabel(agenda).check();
    await dialog.getByLabel(nameList).check();
    await dialog.getByLabel('票决名称').fill(`${session}表决事项单`);
    await shoot(presidium, 'sitting-new-vote', ['tablet']);
    await dialog.getByRole('button', { name: '新建', exact: true }).click();
    await presidium.waitForURL(/\/votes\//);
    voteId = presidium.url().split('/votes/')[1];
    const items = presidium.locator('.sitting-item');
    await eventually(() => items.count()).toBe(3);
    expect(await presidium.locator('.sitting-name').allTextContents()).toEqual([agenda, nameList, expect.any(String)]);
    // The project question moves up before the name list, and back.
    const projectsItem = items.filter({ hasText: '项目票决' });
    await projectsItem.getByRole('button', { name: /^上移/ }).click();
    await eventually(() => presidium.locator('.sitting-name').allTextContents()).toEqual([agenda, expect.any(String), nameList]);
    await projectsItem.getByRole('button', { name: /^下移/ }).click();
    await eventually(() => presidium.locator('.sitting-name').allTextContents()).toEqual([agenda, nameList, expect.any(String)]);
    await shoot(presidium, 'sitting-vote', ['tablet', 'phone', 'desktop']);

    const vote = await json<{ questions: { id: string; kind: string }[] }>(await presidium.request.get(`${h.origin}/api${votePath()}`));
    expect(vote.questions.map((q) => q.kind)).toEqual(['motion', 'motion', 'projects']);
    motionIds = vote.questions.filter((q) => q.kind === 'motion').map((q) => q.id);

    // The session page now names the sitting beside each motion.
    await presidium.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}`);
    await presidium.locator('.motions tbody tr').filter({ hasText: agenda }).getByText('已列入表决').waitFor();
  });

  it('makes and prints the cards with the questions on them, issues them, and opens the sitting', async () => {
    for (const who of Object.keys(people)) csrf[who] = await signIn(people[who as keyof typeof people]);
    scrutineer = (await signIn(people.scrutineer)).page;
    await scrutineer.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${voteId}`);
    await scrutineer.getByRole('button', { name: '制作表决卡' }).click();
    await scrutineer.getByText(/^已制作 \d+ 张，已发出 0 张/).waitFor();
    await scrutineer.getByRole('link', { name: '打印表决卡' }).click();
    await scrutineer.locator('.ballot-card').first().waitFor();
    await eventually(() => scrutineer.locator('.ballot-card').first().locator('.bc-questions li').allTextContents()).toEqual([agenda, nameList, expect.any(String)]);
    await shoot(scrutineer, 'sitting-cards', ['desktop']);
    await scrutineer.locator('.ballot-card').first().screenshot({ path: join(SCREENSHOTS, 'sitting-card-one.png') });
    cards = (await json<{ cards: { serial: string; url: string }[] }>(await scrutineer.request.get(`${h.origin}/api${votePath()}/cards`))).cards;
    for (const c of cards.slice(0, 6)) await as('scrutineer', `${votePath()}/issue`, { card: c.serial });

    await presidium.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${voteId}`);
    // Opened: the items stay as they are, without the buttons to move them.
    await presidium.getByRole('button', { name: '开始表决' }).click();
    await presidium.getByRole('dialog', { name: '开始表决？' }).getByRole('button', { name: '开始表决' }).click();
    await presidium.getByText('表决中').first().waitFor();
    expect(await presidium.locator('.sitting-item').getByRole('button').count()).toBe(0);
  });

  it('walks a tablet through the three questions one a screen, reviews them together and casts once', async () => {
    const tablet = await h.newPage('tablet');
    await tablet.goto(`${h.origin}/b?c=${congressId}`);
    await tablet.getByLabel('或输入表决卡编号').fill(cards[0].serial);
    await tablet.getByRole('button', { name: '打开选票' }).click();

    // 1: the agenda — its text readable, three big buttons, no 上一项 to press.
    const question = tablet.locator('#question-title');
    await eventually(() => question.textContent()).toBe(`第 1 项 / 共 3 项${agenda}`);
    await eventually(() => tablet.evaluate(() => document.activeElement?.id)).toBe('question-title');
    await tablet.getByRole('region', { name: '议题内容' }).getByText('三、票决产生年度民生实事项目').waitFor();
    const forButton = tablet.getByRole('group', { name: `对“${agenda}”的表决` }).getByRole('button', { name: '赞成' });
    const box = await forButton.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    expect(box!.width).toBeGreaterThanOrEqual(48);
    // The first question has no 上一项 (kept in its place, out of sight and out of the tab order).
    expect(await tablet.getByRole('button', { name: '上一项' }).count()).toBe(0);
    await shoot(tablet, 'sitting-tablet-1', ['tablet', 'phone']);
    await forButton.click();
    await eventually(() => forButton.getAttribute('aria-pressed')).toBe('true');
    await tablet.getByRole('button', { name: '下一项' }).click();

    // 2: the name list, marked with the keyboard (Tab to 反对, Enter), then changed to 赞成.
    await eventually(() => question.textContent()).toBe(`第 2 项 / 共 3 项${nameList}`);
    await eventually(() => tablet.evaluate(() => document.activeElement?.id)).toBe('question-title');
    const group = tablet.getByRole('group', { name: `对“${nameList}”的表决` });
    await group.getByRole('button', { name: '反对' }).focus();
    await tablet.keyboard.press('Enter');
    await eventually(() => group.getByRole('button', { name: '反对' }).getAttribute('aria-pressed')).toBe('true');
    await group.getByRole('button', { name: '赞成' }).click();
    await shoot(tablet, 'sitting-tablet-2', ['tablet']);
    // Back to the first: its mark is still there.
    await tablet.getByRole('button', { name: '上一项' }).click();
    await eventually(() => forButton.getAttribute('aria-pressed')).toBe('true');
    await tablet.getByRole('button', { name: '下一项' }).click();
    await tablet.getByRole('button', { name: '下一项' }).click();

    // 3: the projects, as a plain vote shows them.
    await eventually(() => question.textContent()).toMatch(/^第 3 项 \/ 共 3 项/);
    await tablet.getByText('已赞成 0 / 最多 2').waitFor();
    const row = (title: string) => tablet.locator('.ballot-row', { hasText: title });
    await row(titles[0]).getByRole('button', { name: '赞成' }).click();
    await row(titles[1]).getByRole('button', { name: '赞成' }).click();
    await row(titles[2]).getByRole('button', { name: '反对' }).click();
    await tablet.getByText('已赞成 2 / 最多 2').waitFor();
    expect(await tablet.getByRole('button', { name: '下一项' }).count()).toBe(0);
    await shoot(tablet, 'sitting-tablet-3', ['tablet', 'phone']);
    await tablet.getByRole('button', { name: '检查选票' }).click();

    // The review: every question with its marks; nothing invalid.
    await tablet.getByRole('heading', { name: '请核对您的选票' }).waitFor();
    await eventually(() => tablet.locator('.review-mark').allTextContents()).toEqual(['赞成', '赞成', '赞成', '赞成', '反对']);
    expect(await tablet.locator('.ballot-invalid').count()).toBe(0);
    await shoot(tablet, 'sitting-tablet-review', ['tablet', 'phone']);
    // 修改本项 goes back to that question; 检查选票 comes back to the review.
    await tablet.getByRole('button', { name: `修改第 1 项：${agenda}` }).click();
    await eventually(() => question.textContent()).toBe(`第 1 项 / 共 3 项${agenda}`);
    await tablet.getByRole('button', { name: '下一项' }).click();
    await tablet.getByRole('button', { name: '下一项' }).click();
    await tablet.getByRole('button', { name: '检查选票' }).click();
    await tablet.getByRole('button', { name: '确认投票，提交后不可更改' }).click();
    await tablet.getByRole('heading', { name: '投票成功' }).waitFor();
    const receipt = await textMatching(tablet.locator('.receipt-code'), /^\S{7,}$/);
    await shoot(tablet, 'sitting-tablet-receipt', ['tablet']);
    await tablet.getByRole('button', { name: '完成' }).click();
    await tablet.getByRole('heading', { name: '请扫描您的表决卡' }).waitFor();
    await settled(tablet);
    const html = await tablet.content();
    for (const trace of [receipt, cards[0].serial, agenda, titles[0]]) expect(html).not.toContain(trace);
  });

  it('warns an over-marked project question as invalid for that question alone, and still casts the motions', async () => {
    const tablet = await h.newPage('tablet');
    await tablet.goto(cards[1].url.replace(/^https?:\/\/[^/]+/, h.origin));
    await tablet.locator('#question-title').getByText(agenda).waitFor();
    await tablet.getByRole('button', { name: '赞成' }).click();
    await tablet.getByRole('button', { name: '下一项' }).click();
    await tablet.locator('#question-title').getByText(nameList).waitFor();
    await tablet.getByRole('button', { name: '赞成' }).click();
    await tablet.getByRole('button', { name: '下一项' }).click();
    for (const title of titles) await tablet.locator('.ballot-row', { hasText: title }).getByRole('button', { name: '赞成' }).click();
    await tablet.getByText('赞成超过 2 个，本项将成为废票').waitFor();
    await shoot(tablet, 'sitting-tablet-over', ['tablet']);
    await tablet.getByRole('button', { name: '检查选票' }).click();
    const invalid = tablet.locator('.review-question.invalid');
    await eventually(() => invalid.count()).toBe(1);
    await invalid.getByText('本项赞成了 3 个，超过最多 2 个').waitFor();
    await invalid.getByText('其他各项照常计票').waitFor();
    expect(await tablet.locator('.review-question').nth(0).locator('.ballot-invalid').count()).toBe(0);
    await shoot(tablet, 'sitting-tablet-review-over', ['tablet', 'phone']);
    await tablet.getByRole('button', { name: '确认投票，提交后不可更改' }).click();
    await tablet.getByRole('heading', { name: '投票成功' }).waitFor();
    await tablet.context().close();

    // Three more: both motions 赞成 (5 in all), the projects left to abstain or marked.
    await castByApi(cards[2], { [motionIds[0]]: 'for', [motionIds[1]]: 'for', [projectIds[0]]: 'for' });
    await castByApi(cards[3], { [motionIds[0]]: 'for', [motionIds[1]]: 'for', [projectIds[1]]: 'against' });
    await castByApi(cards[4], { [motionIds[0]]: 'for', [motionIds[1]]: 'for' });
  });

  it('walks the same card in English with the core words only', async () => {
    const tablet = await h.newPage('tablet');
    await tablet.goto(`${h.origin}/b?lang=en#${cards[5].url.split('#')[1]}`);
    const question = tablet.locator('#question-title');
    await eventually(() => question.textContent()).toBe(`Item 1 of 3${agenda}`);
    await tablet.getByRole('region', { name: 'Text of the motion' }).waitFor();
    await tablet.getByRole('button', { name: 'For' }).click();
    await shoot(tablet, 'sitting-tablet-en', ['tablet', 'phone']);
    await tablet.getByRole('button', { name: 'Next' }).click();
    await tablet.getByRole('button', { name: 'Next' }).click();
    await tablet.getByText('more makes this item invalid (the other items still count)', { exact: false }).waitFor();
    await tablet.getByRole('button', { name: 'Review ballot' }).click();
    await tablet.getByRole('button', { name: 'Change item 2: ' + nameList }).waitFor();
    const shown = await tablet.evaluate(() => document.body.innerText);
    expect(shown).not.toMatch(/\bballot\.sitting\.|\bballot\.rule\./);
    await shoot(tablet, 'sitting-tablet-review-en', ['tablet']);
    // Not cast: an issued card left unused (cast 5 of 6 issued).
    await tablet.context().close();
  });

  it('closes, and the tally shows both motions passed; published, the session page says 通过', async () => {
    await presidium.reload();
    await presidium.getByRole('button', { name: '结束表决' }).click();
    await presidium.getByRole('dialog', { name: '结束表决？' }).getByRole('button', { name: '结束表决' }).click();
    await presidium.getByText('表决已结束。').first().waitFor();

    await scrutineer.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${voteId}`);
    await scrutineer.getByRole('button', { name: '计票', exact: true }).click();
    const passed = scrutineer.getByText('赞成 5 票，达到通过所需的 5 票：通过。');
    await eventually(() => passed.count()).toBe(2);
    await scrutineer.getByText('本项有效票 4 张，无效票 1 张').waitFor();
    await shoot(scrutineer, 'sitting-tally', ['tablet', 'desktop']);

    await as('scrutineer', `${votePath()}/tally/signoff`, { chief: true, invalidChecked: true });
    await as('scrutineer2', `${votePath()}/tally/signoff`, {});
    await as('presidium', `${votePath()}/tally/publish`);
    await presidium.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}`);
    for (const title of [agenda, nameList]) {
      const r = presidium.locator('.motions tbody tr').filter({ hasText: title });
      await r.getByText('通过', { exact: true }).waitFor();
      await r.getByText('赞成 5 · 反对 0 · 弃权 0（通过需 5 票）').waitFor();
    }
    await shoot(presidium, 'sitting-motions-passed', ['tablet', 'desktop']);
  });

  it('sent nothing off the origin and logged no errors', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
