import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, SCREENSHOTS, settled, shoot, startHarness, type Harness } from './harness.ts';
import { acceptCandidates, json, SECOND_SCRUTINEER, signIn as signInAs, STAFF, voteWorld } from './setup.ts';
import { shanghaiYear } from '../../shared/time.ts';

/**
 * The results of a sitting (表决事项单, issue 23) on every page that shows a vote's result: four questions on one card —
 * the agenda, a name list, the project vote and a resolution — set up, cast, closed, tallied, signed and published
 * through the API (12 seated, 10 present, 10 cards). Then, in the browser: the vote page's figures per question with
 * the invalid ballot named by its question, the big screen with every question on 1920×1080, the report on A4 and the
 * public result page, each motion saying 通过 / 未通过 in words.
 *
 * Motions: more than half of all 12 seated → 7. Agenda 9 for (通过), name list 8 for (通过), resolution 5 for (未通过).
 * Projects: 2 seats, at most 2 赞成, more than half of the 12 seated → 7; one ballot over-marks them (invalid for the
 * projects only): A 8 and B 7 elected, C 3.
 */
describe('a sitting’s results: vote page, big screen, report and public page', () => {
  let h: Harness;
  let congressId = '';
  let sessionId = '';
  let voteId = '';
  const people = { ...STAFF, scrutineer2: SECOND_SCRUTINEER('钱监票') };
  type Who = keyof typeof people;
  const api: Partial<Record<Who, { page: Page; headers: Record<string, string> }>> = {};
  const titles = { a: '河东村道路硬化工程', b: '城关镇自来水管网改造', c: '老旧小区加装路灯' };
  const motionTitles = { ag: '关于本次会议议程（草案）的表决', nl: '关于主席团和秘书长名单（草案）的表决', res: '关于政府工作报告的决议（草案）的表决' };
  /** The questions' titles in card order (the project question's as the server names it). */
  let questionTitles: string[] = [];
  const ids = { a: '', b: '', c: '', ag: '', nl: '', res: '' };

  const as = <T,>(who: Who, path: string, data: unknown = {}) =>
    api[who]!.page.request.post(`${h.origin}/api${path}`, { data, headers: api[who]!.headers }).then((r) => json<T>(r));
  const votePath = () => `/congresses/${congressId}/sessions/${sessionId}/votes/${voteId}`;
  const votePage = () => `${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${voteId}`;
  const tablet = async <T,>(path: string, body: unknown) => {
    const res = await fetch(`${h.origin}/api/public/ballot/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const cast = async (card: { url: string }, marks: Record<string, string>) => {
    const token = card.url.split('#')[1];
    await tablet('open', { token, voteId });
    return (await tablet<{ receipt: string }>('cast', { token, marks, voteId })).receipt;
  };
  const rowsOf = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => (c.textContent ?? '').trim()).join(' | ')));
  const bottom = async (page: Page, selector: string) => {
    const box = (await page.locator(selector).first().boundingBox())!;
    return box.y + box.height;
  };

  beforeAll(async () => {
    h = await startHarness();
    // 12 seated, 10 present.
    const w = await voteWorld(h, { staff: people, delegations: [['城关镇代表团', 6], ['河东乡代表团', 6]], titles: Object.values(titles), attendance: Array(10).fill('present') });
    ({ congressId, sessionId } = w);
    [ids.a, ids.b, ids.c] = w.candidates.map((x) => x.id);
    const M = `/congresses/${congressId}/sessions/${sessionId}/motions`;
    ids.ag = (await w.post<{ id: string }>(M, { kind: 'agenda', title: motionTitles.ag })).id;
    ids.nl = (await w.post<{ id: string }>(M, { kind: 'name_list', title: motionTitles.nl })).id;
    ids.res = (await w.post<{ id: string }>(M, { kind: 'resolution', title: motionTitles.res, body: '会议批准政府工作报告。\n（全文见会议文件之三）' })).id;
    const vote = await w.post<{ id: string; questions: { id: string; title: string }[] }>(`/congresses/${congressId}/sessions/${sessionId}/votes`, {
      listId: w.listId,
      title: '第二次会议表决事项单',
      motionIds: [ids.ag, ids.nl, ids.res],
      listPosition: 2,
      seats: 2,
      maxFor: 2,
    });
    voteId = vote.id;
    expect(vote.questions.map((q) => q.id)).toEqual([ids.ag, ids.nl, voteId, ids.res]);
    questionTitles = vote.questions.map((q) => q.title);

    for (const who of Object.keys(people) as Who[]) api[who] = await signInAs(h, people[who]);
    await as('scrutineer', `${votePath()}/cards`);
    const print = await json<{ cards: { serial: string; url: string }[] }>(await api.scrutineer!.page.request.get(`${h.origin}/api${votePath()}/cards`));
    for (const c of print.cards.slice(0, 10)) await as('scrutineer', `${votePath()}/issue`, { card: c.serial });
    await as('presidium', `${votePath()}/open`, { countdownSeconds: 600 });

    const { a, b, c, ag, nl, res } = ids;
    const F = 'for';
    const X = 'against';
    const ballots: Record<string, string>[] = [
      ...Array.from({ length: 5 }, () => ({ [ag]: F, [nl]: F, [res]: F, [a]: F, [b]: F })),
      { [ag]: F, [nl]: F, [res]: X, [a]: F, [b]: F },
      { [ag]: F, [nl]: F, [res]: X, [a]: F, [c]: F },
      { [ag]: F, [nl]: F, [res]: X, [a]: F, [c]: F },
      { [ag]: F, [nl]: X, [b]: F, [c]: F },
      // Three 赞成 for two seats: invalid for the projects alone; its 反对 still counts against the agenda.
      { [ag]: X, [a]: F, [b]: F, [c]: F },
    ];
    for (const [i, marks] of ballots.entries()) await cast(print.cards[i], marks);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows on the big screen only the count while the sitting is open', async () => {
    const screen = await h.newPage('desktop');
    await screen.goto(`${h.origin}/screen/${sessionId}`);
    await screen.getByRole('heading', { name: '第二次会议表决事项单' }).waitFor();
    await eventually(() => screen.locator('.screen-cast-n').textContent()).toBe('10');
    await settled(screen);
    expect(await screen.locator('.screen-sitting, .screen-motion, .screen-verdict, .screen-chart').count()).toBe(0);
    // What the card asks, titles only, in card order.
    await eventually(() => screen.locator('.screen-asks-list li').allTextContents()).toEqual(questionTitles.map((q, i) => `${i + 1}${q}`));
    await shoot(screen, 'tally-sitting-screen-open', ['desktop']);
    await screen.context().close();
  });

  it('gives the scrutineers each question’s figures and names the question the invalid ballot is invalid for', async () => {
    await as('presidium', `${votePath()}/close`);
    await as('scrutineer', `${votePath()}/tally`);
    const page = api.scrutineer!.page;
    await page.goto(votePage());
    await page.locator('.tally .tag', { hasText: '已计票，待公布' }).waitFor();
    // 应到 / 实到 / 发出 / 收回 for the card; 有效 / 无效 under each question.
    await eventually(() => page.locator('.tally .tally-total').allTextContents()).toEqual(['应到12', '实到10', '发出10', '收回10']);
    await eventually(() => page.locator('.tally .question-heading').allTextContents()).toEqual(questionTitles.map((title, i) => `第 ${i + 1} 项${title}`));
    await eventually(() => page.locator('.tally .motion-result .verdict').allTextContents()).toEqual(['✓通过', '✓通过', '✗未通过']);
    await page.getByText('应到 12 人，过半数 7 票').first().waitFor();
    await eventually(() => page.locator('.tally .motion-figures').first().locator('dd').allTextContents()).toEqual(['9', '1', '0']);
    await eventually(() => rowsOf(page, '.tally-table tbody tr')).toEqual([`1 | ${titles.a} | 8 | 0 | 1 | 当选 · 第 1 名`, `2 | ${titles.b} | 7 | 0 | 2 | 当选 · 第 2 名`, `3 | ${titles.c} | 3 | 0 | 6 | 未当选`]);
    const invalid = page.locator('.invalid-item');
    await eventually(() => invalid.count()).toBe(1);
    await invalid.getByText(`在「${questionTitles[2]}」一项无效`).waitFor();
    await invalid.getByText('赞成 3 个，超过上限 2 个').waitFor();
    await shoot(page, 'tally-sitting-signoff', ['tablet', 'phone']);

    await as('scrutineer', `${votePath()}/tally/signoff`, { chief: true, invalidChecked: true });
    await as('scrutineer2', `${votePath()}/tally/signoff`, { chief: false, invalidChecked: false });
    await as('presidium', `${votePath()}/tally/publish`);
    const pres = api.presidium!.page;
    await pres.goto(votePage());
    await pres.getByText(/^结果已于 .+ 公布（王主席）$/).waitFor();
    await eventually(() => pres.locator('.tally .motion-result .verdict').allTextContents()).toEqual(['✓通过', '✓通过', '✗未通过']);
    await shoot(pres, 'tally-sitting-vote', ['tablet', 'phone']);
  });

  it('draws every question on the big screen after publication, all within 1920×1080', async () => {
    const screen = await h.newPage('desktop');
    await screen.goto(`${h.origin}/screen/${sessionId}`);
    await screen.locator('.screen-status', { hasText: '结果已公布' }).waitFor();
    // The project question's bars on the left, the motions beside them in card order.
    await eventually(() => screen.locator('.screen-question-title').allTextContents()).toEqual([2, 0, 1, 3].map((i) => `${i + 1}${questionTitles[i]}`));
    await eventually(() => screen.locator('.screen-motion .screen-verdict').allTextContents()).toEqual(['✓通过', '✓通过', '✗未通过']);
    await eventually(() => screen.locator('.screen-motion').first().locator('.screen-motion-figures dd').allTextContents()).toEqual(['9', '1', '0']);
    await eventually(() => screen.locator('.screen-motion-rule').first().textContent()).toBe('应到 12 人，过半数 7 票');
    await eventually(() => screen.locator('.screen-question-projects .screen-bar-value').allTextContents()).toEqual(['8当选', '7当选', '3']);
    await screen.getByText(`当选：${titles.a}、${titles.b}`).waitFor();
    await screen.locator('.screen-qr-img svg').waitFor();
    for (const part of ['.screen-sitting-grid', '.screen-qr', '.screen-motion:last-child']) expect(await bottom(screen, part), part).toBeLessThanOrEqual(1080);
    await shoot(screen, 'tally-sitting-screen', ['desktop']);
    await screen.goto(`${h.origin}/screen/${sessionId}?lang=en`);
    await eventually(() => screen.locator('.screen-motion .screen-verdict').allTextContents()).toEqual(['✓Passed', '✓Passed', '✗Not passed']);
    await eventually(() => screen.locator('.screen-motion-rule').first().textContent()).toBe('12 seated; more than half is 7 votes');
    await shoot(screen, 'tally-sitting-screen-en', ['desktop']);
    await screen.context().close();
  });

  it('prints every question on the A4 report with the signatures', async () => {
    const page = api.presidium!.page;
    await page.goto(`${votePage()}/report`);
    await page.getByRole('heading', { name: '计票结果报告单', level: 2 }).waitFor();
    await eventually(() => page.locator('.report-question-title').allTextContents()).toEqual(questionTitles.map((title, i) => `第 ${i + 1} 项${title}`));
    await eventually(() => rowsOf(page, '.report-table.counts tr')).toEqual(['应到 | 实到 | 发出 | 收回', '12 | 10 | 10 | 10']);
    await eventually(() => rowsOf(page, '.report-table.motion tbody tr')).toEqual(['赞成 | 9 | 反对 | 1 | 弃权 | 0 | 通过所需 | 7 | ✓ 通过', '赞成 | 8 | 反对 | 1 | 弃权 | 1 | 通过所需 | 7 | ✓ 通过', '赞成 | 5 | 反对 | 3 | 弃权 | 2 | 通过所需 | 7 | ✗ 未通过']);
    await eventually(() => rowsOf(page, '.report-question .report-table.figures:not(.motion) tbody tr')).toEqual([
      `1 | ${titles.a} | 8 | 0 | 1 | 当选 · 第 1 名`,
      `2 | ${titles.b} | 7 | 0 | 2 | 当选 · 第 2 名`,
      `3 | ${titles.c} | 3 | 0 | 6 | 未当选`,
    ]);
    await page.getByText('本项有效票 9 张，无效票 1 张').waitFor();
    await page.getByRole('heading', { name: '三、监票与公布' }).waitFor();
    await page.locator('.report-qr-img svg').waitFor();
    await settled(page);
    await shoot(page, 'tally-sitting-report', ['tablet']);
    await page.emulateMedia({ media: 'print' });
    await eventually(() => page.locator('.print-toolbar').isVisible()).toBe(false);
    // On paper (182 mm wide): the questions, the result and the signature table on the first page's 277 mm.
    const mm = await page.evaluate(() => {
      const px = 96 / 25.4;
      const top = document.querySelector('.report-sheet')!.getBoundingClientRect().top;
      return (document.querySelector('.report-table.signers')!.getBoundingClientRect().bottom - top) / px;
    });
    expect(mm).toBeLessThanOrEqual(277);
    const pdf = await page.pdf({ path: join(SCREENSHOTS, 'tally-sitting-report.pdf'), format: 'A4', preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBeLessThanOrEqual(2);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows each question on the public result page with passed / not passed and the verification files', async () => {
    const phone = await h.newPage('phone');
    await phone.goto(`${h.origin}/v/${voteId}`);
    await phone.getByRole('heading', { name: '第二次会议表决事项单', level: 1 }).waitFor();
    await eventually(() => phone.locator('.question-heading').allTextContents()).toEqual(questionTitles.map((title, i) => `第 ${i + 1} 项${title}`));
    await eventually(() => phone.locator('.motion-result .verdict').allTextContents()).toEqual(['✓通过', '✓通过', '✗未通过']);
    await phone.getByText('赞成 5 票，不足通过所需的 7 票：未通过。').waitFor();
    await eventually(() => phone.locator('.result-outcome .elected-list li').allTextContents()).toEqual([`${titles.a}8 票`, `${titles.b}7 票`]);
    await eventually(() => phone.locator('.result-page .tally-total').allTextContents()).toEqual(['应到12', '实到10', '发出10', '收回10']);
    // The resolution's text, folded.
    await phone.getByText('议题全文').click();
    await phone.getByText('（全文见会议文件之三）').waitFor();
    await phone.getByText('npm run verify -- bulletin.json result.json').waitFor();
    expect(await phone.getByRole('link', { name: '下载 result.json（计票结果）' }).getAttribute('href')).toBe(`/api/public/votes/${voteId}/result.json`);
    const file = (await (await phone.request.get(`${h.origin}/api/public/votes/${voteId}/result.json`)).json()) as { format: string; questions: { passed: boolean | null }[] };
    expect(file.format).toBe('minsheng-result/2');
    expect(file.questions.map((q) => q.passed)).toEqual([true, true, null, false]);
    await shoot(phone, 'tally-sitting-result', ['phone', 'tablet']);
    await phone.getByRole('button', { name: 'Switch to English' }).click();
    await eventually(() => phone.locator('.motion-result .verdict').allTextContents()).toEqual(['✓Passed', '✓Passed', '✗Not passed']);
    await shoot(phone, 'tally-sitting-result-en', ['phone']);
    await phone.goto(`${h.origin}/r/${congressId}`);
    await phone.getByRole('link', { name: '第二次会议表决事项单' }).waitFor();
    await phone.context().close();
  });

  it('fills the big screen with a sitting of four motions, two by two', async () => {
    const M = `/congresses/${congressId}/sessions/${sessionId}/motions`;
    const names = ['关于县人民政府工作报告的决议（草案）', '关于县人民法院工作报告的决议（草案）', '关于县人民检察院工作报告的决议（草案）', '关于县本级预算执行情况的决议（草案）'];
    const motionIds: string[] = [];
    for (const title of names) motionIds.push((await as<{ id: string }>('presidium', M, { kind: 'resolution', title })).id);
    const second = await as<{ id: string }>('presidium', `/congresses/${congressId}/sessions/${sessionId}/votes`, { title: '第二次会议决议表决事项单', motionIds });
    voteId = second.id;
    await as('scrutineer', `${votePath()}/cards`);
    const print = await json<{ cards: { serial: string; url: string }[] }>(await api.scrutineer!.page.request.get(`${h.origin}/api${votePath()}/cards`));
    for (const c of print.cards.slice(0, 10)) await as('scrutineer', `${votePath()}/issue`, { card: c.serial });
    await as('presidium', `${votePath()}/open`, {});
    // 赞成 10, 9, 8 and 6 of 12 seated (7 needed): the last fails.
    for (let i = 0; i < 10; i++) await cast(print.cards[i], Object.fromEntries(motionIds.map((id, k) => [id, i < [10, 9, 8, 6][k] ? 'for' : 'against'])));
    await as('presidium', `${votePath()}/close`);
    await as('scrutineer', `${votePath()}/tally`);
    await as('scrutineer', `${votePath()}/tally/signoff`, { chief: true, invalidChecked: false });
    await as('scrutineer2', `${votePath()}/tally/signoff`, { chief: false, invalidChecked: false });
    await as('presidium', `${votePath()}/tally/publish`);

    const screen = await h.newPage('desktop');
    await screen.goto(`${h.origin}/screen/${sessionId}`);
    await screen.getByRole('heading', { name: '第二次会议决议表决事项单' }).waitFor();
    await eventually(() => screen.locator('.screen-motion .screen-verdict').allTextContents()).toEqual(['✓通过', '✓通过', '✓通过', '✗未通过']);
    await eventually(() => screen.locator('.screen-question-title').allTextContents()).toEqual(names.map((n, i) => `${i + 1}${n}`));
    // Two by two: the first two side by side, the next two under them; all of it above the bottom edge.
    const boxes = await screen.locator('.screen-motion').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: Math.round(r.x), y: Math.round(r.y), bottom: r.bottom })));
    expect(boxes[0].y).toBe(boxes[1].y);
    expect(boxes[2].x).toBe(boxes[0].x);
    expect(boxes[2].y).toBeGreaterThan(boxes[0].bottom - 1);
    for (const b of boxes) expect(b.bottom).toBeLessThanOrEqual(1080);
    expect(await bottom(screen, '.screen-qr')).toBeLessThanOrEqual(1080);
    await shoot(screen, 'tally-sitting-screen-motions', ['desktop']);
    await screen.context().close();
  });

  it('keeps fifteen projects and two motions of one sitting within 1920×1080', async () => {
    const c = `/congresses/${congressId}`;
    const admin = await json<{ csrfToken: string }>(await h.page.request.get(`${h.origin}/api/auth/me`));
    const post = <T,>(path: string, data: unknown) => h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': admin.csrfToken } }).then((x) => json<T>(x));
    const more = ['村道', '路灯', '公厕', '自来水', '卫生室', '文化广场', '桥梁', '垃圾中转站', '学校食堂', '养老服务站', '农贸市场', '停车场'].map((x, i) => `第${i + 4}号 城关镇${x}改造提升工程`);
    const dept = (await json<{ id: string }[]>(await h.page.request.get(`${h.origin}/api${c}/departments`)))[0];
    await acceptCandidates(h, post, api.government!, congressId, dept.id, more, '88.00');
    const candidates = await json<{ id: string; title: string }[]>(await h.page.request.get(`${h.origin}/api${c}/candidates`));
    const all = [...Object.values(titles), ...more].map((x) => candidates.find((k) => k.title === x)!.id);
    const list = await post<{ id: string }>(`${c}/candidate-lists`, { title: '候选清单（十五个）', year: shanghaiYear(), seats: 10, candidateIds: all });
    await post(`${c}/candidate-lists/${list.id}/freeze`, { acknowledgeSurplusWarning: true });
    const M = `${c}/sessions/${sessionId}/motions`;
    const motionIds = [(await post<{ id: string }>(M, { kind: 'name_list', title: '关于总监票人和监票人名单（草案）的表决' })).id, (await post<{ id: string }>(M, { kind: 'other', title: '关于代表资格审查委员会报告的表决' })).id];
    voteId = (await post<{ id: string }>(`${c}/sessions/${sessionId}/votes`, { listId: list.id, title: '十五个项目与两项议题表决事项单', motionIds, listPosition: 2, seats: 10, maxFor: 10 })).id;
    await as('scrutineer', `${votePath()}/cards`);
    const print = await json<{ cards: { serial: string; url: string }[] }>(await api.scrutineer!.page.request.get(`${h.origin}/api${votePath()}/cards`));
    for (const card of print.cards.slice(0, 10)) await as('scrutineer', `${votePath()}/issue`, { card: card.serial });
    await as('presidium', `${votePath()}/open`, {});
    for (let i = 0; i < 10; i++) {
      const marks = Object.fromEntries(all.map((id, k) => [id, k < 3 || (k + i) % 4 === 0 ? 'for' : 'abstain']));
      await cast(print.cards[i], { ...marks, [motionIds[0]]: 'for', [motionIds[1]]: i < 4 ? 'for' : 'against' });
    }
    await as('presidium', `${votePath()}/close`);
    await as('scrutineer', `${votePath()}/tally`);
    await as('scrutineer', `${votePath()}/tally/signoff`, { chief: true, invalidChecked: false });
    await as('scrutineer2', `${votePath()}/tally/signoff`, { chief: false, invalidChecked: false });
    await as('presidium', `${votePath()}/tally/publish`);

    const screen = await h.newPage('desktop');
    await screen.goto(`${h.origin}/screen/${sessionId}`);
    await screen.getByRole('heading', { name: '十五个项目与两项议题表决事项单' }).waitFor();
    await eventually(() => screen.locator('.screen-question-projects .screen-bar-row').count()).toBe(15);
    await eventually(() => screen.locator('.screen-motion .screen-verdict').allTextContents()).toEqual(['✓通过', '✗未通过']);
    await screen.locator('.screen-qr-img svg').waitFor();
    for (const part of ['.screen-question-projects', '.screen-qr', '.screen-motion:last-child', '.screen-question-projects .screen-elected']) expect(await bottom(screen, part), part).toBeLessThanOrEqual(1080);
    await shoot(screen, 'tally-sitting-screen-15', ['desktop']);
    await screen.context().close();
  });

  it('sent nothing off the origin and logged no errors', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
