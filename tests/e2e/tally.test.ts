import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, SCREENSHOTS, settled, shoot, startHarness, textMatching, type Harness } from './harness.ts';
import { acceptCandidates, ADMIN, json, SECOND_SCRUTINEER, signIn as signInAs, STAFF, voteWorld } from './setup.ts';
import { shanghaiYear } from '../../shared/time.ts';

/**
 * The tally stage in a real browser (design §5): the set-up and the ballots go through the API (12 seated, 10 present,
 * 10 cards issued, 9 tablet ballots and one over-marked paper ballot keyed in by two counters). The big screen follows
 * the casting live; then, in the pages, a scrutineer prepares the tally, signs as chief after re-checking the invalid
 * ballot, a second scrutineer signs, the presidium publishes; the big screen draws the bars, the report prints, the
 * public page answers receipts and compares the digest; a runoff is created for the tie, and once it is published the
 * candidate left over goes to the reserve pool.
 *
 * Threshold: more than half of the valid ballots (9) → 5. A 7 (elected), B 5 and C 5 (tied for the last seat).
 */
/** A time as the pages print it (2026年12月5日 06:20, or the older 2026/12/05 06:20). */
const TIME = /\d{4}(\/\d\d\/\d\d|年\d{1,2}月\d{1,2}日) \d\d:\d\d/;

describe('tally, sign-off, publication, big screen and public result', () => {
  let h: Harness;
  let congressId = '';
  let sessionId = '';
  let voteId = '';
  let runoffId = '';
  let receipt = '';
  let resultDigest = '';
  let paperSerial = '';
  const people = { ...STAFF, scrutineer2: SECOND_SCRUTINEER('钱监票') };
  const titles = { a: '河东村道路硬化工程', b: '城关镇自来水管网改造', c: '老旧小区加装路灯' };
  const ids = { a: '', b: '', c: '' };
  const year = shanghaiYear();
  type Who = keyof typeof people;
  const api: Partial<Record<Who, { page: Page; headers: Record<string, string> }>> = {};
  let cards: { serial: string; url: string }[] = [];
  /** When the first vote was opened with its 10-minute countdown: after this (ms, this machine's clock, as the server's) and before `openedBy`. */
  let openedFrom = 0;
  let openedBy = 0;

  const signIn = (who: { username: string; password: string }, size: 'tablet' | 'desktop' | 'phone' = 'tablet') => signInAs(h, who, size);
  /** A write as one of the staff (their own signed-in context). */
  const as = <T,>(who: Who, path: string, data: unknown = {}) =>
    api[who]!.page.request.post(`${h.origin}/api${path}`, { data, headers: api[who]!.headers }).then((r) => json<T>(r));
  const votePath = (v: string) => `/congresses/${congressId}/sessions/${sessionId}/votes/${v}`;
  const votePage = (v: string) => `${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${v}`;
  /** A hall tablet: opens the ballot of a scanned card, then casts it. No account, no cookie. */
  const tablet = async <T,>(path: string, body: unknown) => {
    const res = await fetch(`${h.origin}/api/public/ballot/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const cast = async (card: { url: string }, marks: Record<string, string>, v = voteId) => {
    const token = card.url.split('#')[1];
    await tablet('open', { token, voteId: v });
    return (await tablet<{ receipt: string }>('cast', { token, marks, voteId: v })).receipt;
  };
  /** Cards made, `n` issued by serial, and the vote opened. */
  const makeAndOpen = async (v: string, n: number) => {
    await as('scrutineer', `${votePath(v)}/cards`);
    const print = await json<{ cards: { serial: string; url: string }[] }>(await api.scrutineer!.page.request.get(`${h.origin}/api${votePath(v)}/cards`));
    for (const c of print.cards.slice(0, n)) await as('scrutineer', `${votePath(v)}/issue`, { card: c.serial });
    const from = Date.now();
    await as('presidium', `${votePath(v)}/open`, { countdownSeconds: 600 });
    if (v === voteId) [openedFrom, openedBy] = [from, Date.now()];
    return print.cards;
  };
  /** The figures of the totals row as "label value" pairs (polled: `await totals(page).toEqual([...])`). */
  const totals = (page: Page, scope = '.tally') =>
    eventually(() => page.locator(`${scope} .tally-total`).evaluateAll((els) => els.map((e) => `${e.querySelector('dt')!.textContent} ${e.querySelector('dd')!.textContent}`)));
  const rowsOf = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => (c.textContent ?? '').trim()).join(' | ')));

  beforeAll(async () => {
    h = await startHarness();
    // 12 seated, 10 present.
    const w = await voteWorld(h, {
      staff: people,
      delegations: [['城关镇代表团', 6], ['河东乡代表团', 6]],
      titles: Object.values(titles),
      attendance: Array(10).fill('present'),
    });
    ({ congressId, sessionId } = w);
    const { post, listId } = w;
    const c = `/congresses/${congressId}`;
    [ids.a, ids.b, ids.c] = w.candidates.map((x) => x.id);
    voteId = (
      await post<{ id: string }>(`${c}/sessions/${sessionId}/votes`, {
        listId,
        title: '民生实事项目票决',
        seats: 2,
        maxFor: 2,
        threshold: { base: 'valid', numerator: 1, denominator: 2, strict: true },
      })
    ).id;

    for (const who of Object.keys(people) as Who[]) api[who] = await signIn(people[who]);
    cards = await makeAndOpen(voteId, 10);
    const { a, b, c: cc } = ids;
    // Eight tablet ballots now, the ninth while the big screen watches, the tenth on paper after the close.
    const ballots: Record<string, string>[] = [
      { [a]: 'for', [b]: 'for', [cc]: 'against' },
      { [a]: 'for', [b]: 'for', [cc]: 'against' },
      { [a]: 'for', [b]: 'for', [cc]: 'against' },
      { [a]: 'for', [cc]: 'for', [b]: 'against' },
      { [a]: 'for', [cc]: 'for', [b]: 'against' },
      { [a]: 'for', [cc]: 'for', [b]: 'against' },
      { [b]: 'for', [cc]: 'for', [a]: 'against' },
      { [a]: 'for', [b]: 'against' },
    ];
    for (const [i, marks] of ballots.entries()) {
      const got = await cast(cards[i], marks);
      if (i === 0) receipt = got;
    }
    paperSerial = cards[9].serial;
    await h.page.request.post(`${h.origin}/api/auth/login`, { data: { username: ADMIN.username, password: ADMIN.password } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the big screen live: the roll, the open vote, its countdown and the count of ballots cast', async () => {
    const screen = await h.newPage('desktop');
    await screen.goto(`${h.origin}/screen/${sessionId}`);
    await screen.getByRole('heading', { name: '第七届人民代表大会第二次会议' }).waitFor();
    await screen.getByText('示范县人民代表大会').waitFor();
    await screen.locator('.screen-status', { hasText: '表决中' }).waitFor();
    // Nothing about the content of the ballots while the vote is open (once all the screen asked for has come).
    await settled(screen);
    expect(await screen.locator('.screen-chart, .screen-bar-row, .screen-threshold').count()).toBe(0);
    await eventually(() => screen.locator('.screen-cast-n').textContent()).toBe('8');
    await eventually(() => screen.locator('.screen-cast-of').textContent()).toBe('/ 10');
    await eventually(() => screen.locator('.screen-stat-value').allTextContents()).toEqual(['12', '10']);
    await screen.getByText('已达法定人数 8 人').waitFor();
    // The countdown shows what is left of the 10 minutes, whenever this runs: at least what is left at the end of
    // the read counted from the earliest moment the vote can have opened, at most what was left at its start counted
    // from the latest (plus the rounding up, the screen's 250 ms tick and its estimate of the server's clock).
    const leftAt = (at: number, opened: number) => Math.max(0, 600 - (at - opened) / 1000);
    const readFrom = Date.now();
    const mmss = await textMatching(screen.locator('.screen-countdown-value'), /^\d\d:[0-5]\d$/);
    const shown = Number(mmss.slice(0, 2)) * 60 + Number(mmss.slice(3));
    expect(shown, `the countdown ${mmss}`).toBeGreaterThanOrEqual(Math.floor(leftAt(Date.now(), openedFrom)));
    expect(shown, `the countdown ${mmss}`).toBeLessThanOrEqual(Math.ceil(leftAt(readFrom, openedBy)) + 2);
    // The ninth ballot reaches the screen through the event stream, without a reload: the screen asked for its
    // figures once, that answer has come, and they are not asked for again.
    const snapshot = `/api/public/sessions/${sessionId}/screen`;
    const snapshots = () => screen.evaluate((path) => performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === path).length, snapshot);
    await eventually(snapshots).toBe(1);
    await screen.locator('.screen-link.link-live').waitFor();
    await cast(cards[8], { [ids.b]: 'for', [ids.c]: 'for', [ids.a]: 'against' });
    await screen.locator('.screen-cast-n', { hasText: /^9$/ }).waitFor();
    expect(await snapshots()).toBe(1);
    await shoot(screen, 'tally-screen-live', ['desktop']);
    await screen.context().close();
  });

  it('waits for the paper ballot, then a scrutineer prepares the tally and sees every figure and the invalid ballot', async () => {
    await as('presidium', `${votePath(voteId)}/close`);
    const page = api.scrutineer!.page;
    await as('scrutineer', `${votePath(voteId)}/paper`, { card: paperSerial, marks: { [ids.a]: 'for', [ids.b]: 'for', [ids.c]: 'for' } });
    await page.goto(votePage(voteId));
    await page.getByRole('heading', { name: '计票与监票' }).waitFor();
    await page.getByText('还有 1 张纸质选票没有处理完').waitFor();
    await eventually(() => page.getByRole('button', { name: '计票', exact: true }).isDisabled()).toBe(true);
    await page.getByText('纸质选票全部计入后才能计票。').waitFor();

    await as('scrutineer2', `${votePath(voteId)}/paper`, { card: paperSerial, marks: { [ids.a]: 'for', [ids.b]: 'for', [ids.c]: 'for' } });
    await page.getByRole('button', { name: '计票', exact: true }).and(page.locator(':enabled')).waitFor();
    await page.getByRole('button', { name: '计票', exact: true }).click();
    await page.locator('.tally .tag', { hasText: '已计票，待公布' }).waitFor();
    // Nothing can be added once the tally is prepared: the paper ballot desk is gone.
    await page.getByRole('heading', { name: '纸质选票', exact: true }).waitFor({ state: 'detached' });
    await totals(page).toEqual(['应到 12', '实到 10', '发出 10', '收回 10', '有效 9', '无效 1']);
    await page.getByText('当选票数：5 票').waitFor();
    await page.getByText('赞成票须超过有效票 9 张的二分之一，即至少 5 票。').waitFor();
    await eventually(() => rowsOf(page, '.tally-table tbody tr')).toEqual([
      `1 | ${titles.a} | 7 | 2 | 0 | 当选 · 第 1 名`,
      `2 | ${titles.b} | 5 | 4 | 0 | 并列`,
      `3 | ${titles.c} | 5 | 3 | 1 | 并列`,
    ]);
    await page.getByText(`并列：${titles.b}、${titles.c} 均得 5 票`).waitFor();
    // The invalid ballot, for the chief scrutineer to re-check: a paper ballot, its card, each mark by candidate.
    const invalid = page.locator('.invalid-item');
    await eventually(() => invalid.count()).toBe(1);
    await invalid.getByText('纸质').waitFor();
    await invalid.getByText(`表决卡 ${paperSerial}`).waitFor();
    await invalid.getByText('赞成 3 个，超过上限 2 个').waitFor();
    await eventually(() => invalid.locator('.invalid-marks li').allTextContents()).toEqual([`${titles.a}赞成`, `${titles.b}赞成`, `${titles.c}赞成`]);
  });

  it('takes two sign-offs: the chief re-checks the invalid ballot first; the presidium sees no figure before publication', async () => {
    const page = api.scrutineer!.page;
    await page.getByText('还没有监票人签字。').waitFor();
    await page.getByLabel('我是总监票人').check();
    await page.getByRole('button', { name: '确认计票结果并签字' }).click();
    await page.getByText('请先复核无效票，并勾选“我已复核以上无效票”。').waitFor();
    await page.getByLabel('我已复核以上无效票').check();
    await shoot(page, 'tally-signoff', ['tablet', 'phone']);
    await page.getByRole('button', { name: '确认计票结果并签字' }).click();
    const dialog = page.getByRole('dialog', { name: '以总监票人身份签字？' });
    await dialog.getByText('签字后不能撤回').waitFor();
    await dialog.getByRole('button', { name: '签字' }).click();
    await page.getByText('您已签字。').waitFor();
    await eventually(() => page.locator('.signoff-count').textContent()).toBe('1 / 2');
    await page.locator('.signoff-list li', { hasText: '赵监票' }).getByText('总监票人').waitFor();

    // The presidium, before publication: the counts, no per-candidate figure, and publication not yet possible.
    const pres = api.presidium!.page;
    await pres.goto(votePage(voteId));
    await pres.getByRole('heading', { name: '计票与监票' }).waitFor();
    await totals(pres).toEqual(['应到 12', '实到 10', '发出 10', '收回 10', '有效 9', '无效 1']);
    await pres.getByText('公布前，各项目的得票只有监票人能看到。').waitFor();
    await pres.getByText('还需要 1 位监票人签字（共需 2 位）才能公布。').waitFor();
    await eventually(() => pres.getByRole('button', { name: '公布结果' }).isDisabled()).toBe(true);
    await settled(pres);
    expect(await pres.locator('.tally-table').count()).toBe(0);
    expect(await pres.getByText(titles.b).count()).toBe(0);

    const second = api.scrutineer2!.page;
    await second.goto(votePage(voteId));
    await second.getByText('总监票人已签字。').waitFor();
    await settled(second);
    expect(await second.getByLabel('我是总监票人').count()).toBe(0);
    await second.getByRole('button', { name: '确认计票结果并签字' }).click();
    await second.getByRole('dialog', { name: '确认计票结果并签字？' }).getByRole('button', { name: '签字' }).click();
    await second.getByText('您已签字。').waitFor();
    await eventually(() => second.locator('.signoff-count').textContent()).toBe('2 / 2');
    await eventually(() => second.locator('.signoff-list .signoff-name').allTextContents()).toEqual(['赵监票', '钱监票']);

    // The system administrator holds neither role: no sign or publish button, and a line saying who does it.
    const adminPage = h.page;
    await adminPage.goto(votePage(voteId));
    await adminPage.getByText('结果由主席团公布：请主席团成员用自己的账号登录本页后公布。').waitFor();
    await adminPage.getByText('监票人已签字，可以公布。').waitFor();
    await settled(adminPage);
    expect(await adminPage.getByRole('button', { name: '公布结果' }).count()).toBe(0);
    expect(await adminPage.getByRole('button', { name: '确认计票结果并签字' }).count()).toBe(0);
  });

  it('prints the report before publication with a “not published” watermark', async () => {
    const page = api.scrutineer!.page;
    await page.goto(`${votePage(voteId)}/report`);
    await page.getByRole('heading', { name: '计票结果报告单', level: 2 }).waitFor();
    await page.locator('.report-watermark', { hasText: '未公布' }).waitFor();
    await page.getByText('主席团尚未公布。').waitFor();
    await shoot(page, 'tally-report-draft', ['tablet']);
  });

  it('lets the presidium publish after a confirmation; then the result, its files and the links are there', async () => {
    const pres = api.presidium!.page;
    await pres.getByText('监票人已签字，可以公布。').waitFor();
    await pres.getByRole('button', { name: '公布结果' }).click();
    const dialog = pres.getByRole('dialog', { name: '公布计票结果？' });
    await dialog.getByText('公布后结果不能再更改').waitFor();
    await dialog.getByRole('button', { name: '公布结果' }).click();
    await pres.getByText(/^结果已于 .+ 公布（王主席）$/).waitFor();
    await eventually(() => rowsOf(pres, '.tally-table tbody tr')).toEqual([
      `1 | ${titles.a} | 7 | 2 | 0 | 当选 · 第 1 名`,
      `2 | ${titles.b} | 5 | 4 | 0 | 并列`,
      `3 | ${titles.c} | 5 | 3 | 1 | 并列`,
    ]);
    await eventually(() => pres.locator('.elected-list li').allTextContents()).toEqual([`${titles.a}7 票`]);
    for (const name of ['计票结果报告单', '公开结果页', '大屏', '下载 bulletin.json', '下载 result.json']) await pres.getByRole('link', { name, exact: true }).waitFor();
    expect(await pres.getByRole('link', { name: '下载 result.json' }).getAttribute('href')).toBe(`/api/public/votes/${voteId}/result.json`);
    const file = await pres.request.get(`${h.origin}/api/public/votes/${voteId}/result.json`);
    const result = (await file.json()) as { elected: string[]; tied: string[]; invalid: number };
    expect(result).toMatchObject({ elected: [ids.a], tied: [ids.b, ids.c], invalid: 1 });
    resultDigest = await textMatching(pres.locator('.tally-published code'), /^[0-9a-f]{64}$/);
    await pres.getByText(`${titles.b}、${titles.c} 得票相等，并列争 1 个名额`).waitFor();
    await shoot(pres, 'tally-vote', ['tablet', 'phone']);
  });

  it('draws the published result on the big screen: bars, the threshold line, the elected in rank, the tie', async () => {
    const screen = await h.newPage('desktop');
    await screen.goto(`${h.origin}/screen/${sessionId}`);
    await screen.locator('.screen-status', { hasText: '结果已公布' }).waitFor();
    await eventually(() => screen.locator('.screen-bar-row').count()).toBe(3);
    await eventually(() => screen.locator('.screen-threshold-label').textContent()).toBe('当选线 5 票');
    await eventually(() => screen.locator('.screen-bar-row .screen-bar-title').allTextContents()).toEqual([titles.a, titles.b, titles.c]);
    await eventually(() => screen.locator('.screen-bar-value').allTextContents()).toEqual(['7当选', '5并列', '5并列']);
    await eventually(() => screen.locator('.screen-bar-row.elected .screen-rank').allTextContents()).toEqual(['1']);
    await screen.getByText(`当选：${titles.a}`).waitFor();
    await screen.getByText(`并列：${titles.b}、${titles.c}，争 1 个名额，须再次投票`).waitFor();
    await screen.getByText('有效票 9 张 · 无效票 1 张').waitFor();
    await screen.locator('.screen-qr-img svg').waitFor();
    // The bars stand in proportion (7 of 9) and the threshold line sits at 5 of 9 (once laid out: bars may grow in).
    const share = async (of: string, from: 'width' | 'x') => {
      const track = (await screen.locator('.screen-bar-track').first().boundingBox())!;
      const box = (await screen.locator(of).first().boundingBox())!;
      return Math.round((from === 'width' ? box.width : box.x - track.x) / track.width * 100) / 100;
    };
    await eventually(() => share('.screen-bar', 'width')).toBeCloseTo(7 / 9, 1);
    await eventually(() => share('.screen-threshold', 'x')).toBeCloseTo(5 / 9, 1);
    await shoot(screen, 'tally-screen-result', ['desktop']);
    // No language button on a projector: the address says it.
    expect(await screen.getByRole('button').count()).toBe(0);
    await screen.goto(`${h.origin}/screen/${sessionId}?lang=en`);
    // The English words arrive with their own chunk: wait for each word asserted, in English, never for a state that
    // both languages show.
    await eventually(() => screen.locator('.screen-status').textContent()).toBe('Result published');
    await eventually(() => screen.locator('.screen-threshold-label').textContent()).toBe('Threshold 5');
    await screen.getByText(`Elected: ${titles.a}`).waitFor();
    await shoot(screen, 'tally-screen-result-en', ['desktop']);
    await screen.context().close();
  });

  it('prints the published tally report on A4 with every figure, the sign-offs and the digests', async () => {
    const page = api.presidium!.page;
    await page.getByRole('link', { name: '计票结果报告单' }).click();
    await page.getByRole('heading', { name: '计票结果报告单', level: 2 }).waitFor();
    await page.locator('.print-toolbar').waitFor();
    await page.emulateMedia({ media: 'print' });
    await eventually(() => page.locator('.print-toolbar').isVisible()).toBe(false);
    await eventually(() => rowsOf(page, '.report-table.counts tr')).toEqual(['应到 | 实到 | 发出 | 收回 | 有效 | 无效', '12 | 10 | 10 | 10 | 9 | 1']);
    await settled(page);
    expect(await page.locator('.report-watermark').count()).toBe(0);
    await eventually(() => rowsOf(page, '.report-table.figures tbody tr')).toEqual([
      `1 | ${titles.a} | 7 | 2 | 0 | 当选 · 第 1 名`,
      `2 | ${titles.b} | 5 | 4 | 0 | 并列`,
      `3 | ${titles.c} | 5 | 3 | 1 | 并列`,
    ]);
    await page.getByText('收回 10 张，未多于发出的 10 张，本次表决有效。').waitFor();
    await page.getByText('赞成票须超过有效票 9 张的二分之一，即至少 5 票。').waitFor();
    await page.getByText(`${titles.a}（7 票）`).waitFor();
    await page.getByText(`${titles.b}、${titles.c}（均为 5 票），须再次投票`).waitFor();
    // The publisher on the signature table under 主席团 · 公布, named once (no 「主席团 主席团 …」).
    await eventually(async () => (await rowsOf(page, '.report-table.signers tbody tr')).map((s) => s.replace(TIME, 'T'))).toEqual([
      '赵监票 | 总监票人 | T | ',
      '钱监票 | 监票人 | T | ',
      '王主席 | 主席团 · 公布 | T | ',
    ]);
    // It speaks to citizens: how to check, with the addresses; nothing to run.
    await page.getByRole('heading', { name: '怎样核对本结果' }).waitFor();
    await page.getByText(`参加投票的代表可以打开 ${h.origin}/r/${congressId}，输入投票后得到的 10 位回执码`).waitFor();
    expect(await page.getByText('npm run verify').count()).toBe(0);
    await eventually(() => page.locator('.report-digests dd').nth(1).textContent()).toBe(resultDigest);
    await eventually(() => page.locator('.report-digests dd').count()).toBe(5);
    await page.locator('.report-qr-img svg').waitFor();
    await eventually(() => page.locator('.report-url').first().textContent()).toBe(`${h.origin}/v/${voteId}#sha256=${resultDigest}`);
    await shoot(page, 'tally-report', ['tablet']);
    // Printed for real (Chromium's print to PDF): the whole report on one A4 sheet.
    const pdf = await page.pdf({ path: join(SCREENSHOTS, 'tally-report.pdf'), preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the public result on a phone, compares the digest of the report’s QR and checks receipts', async () => {
    const phone = await h.newPage('phone');
    await phone.goto(`${h.origin}/v/${voteId}#sha256=${resultDigest}`);
    await phone.getByRole('heading', { name: '民生实事项目票决', level: 1 }).waitFor();
    await phone.getByText('示范县人民代表大会 · 第七届人民代表大会第二次会议').waitFor();
    await phone.getByText('与报告单二维码中的摘要一致').waitFor();
    await eventually(() => phone.locator('.result-outcome .elected-list li').allTextContents()).toEqual([`${titles.a}7 票`]);
    await eventually(() => phone.locator('.result-cand-figures').allTextContents()).toEqual(['赞成 7反对 2弃权 0', '赞成 5反对 4弃权 0', '赞成 5反对 3弃权 1']);
    await eventually(() => phone.locator('.result-page .tally-total').allTextContents()).toEqual(['应到12', '实到10', '发出10', '收回10', '有效9', '无效1']);
    await phone.getByText('npm run verify -- bulletin.json result.json').waitFor();
    expect(await phone.getByRole('link', { name: '下载 bulletin.json（选票公示）' }).getAttribute('download')).toBe('bulletin.json');

    const box = phone.locator('.receipt-box');
    // Typed in lower case with a dash and spaces: still found.
    await box.getByLabel('回执码', { exact: true }).fill(`${receipt.slice(0, 5).toLowerCase()} - ${receipt.slice(5)}`);
    await box.getByRole('button', { name: '核对' }).click();
    await box.getByText('您的选票已计入', { exact: true }).waitFor();
    await box.getByText(`回执码 ${receipt} 在以下已公布的表决中：`).waitFor();
    await shoot(phone, 'tally-result', ['phone', 'tablet']);
    await box.getByLabel('回执码', { exact: true }).fill('ZZZZZZZZZZ');
    await box.getByRole('button', { name: '核对' }).click();
    await box.getByText('未找到回执码 ZZZZZZZZZZ').waitFor();
    await box.getByText('如果表决结果还没有公布，公布后才能查到').waitFor();
    await box.getByLabel('回执码', { exact: true }).fill('ABC');
    await box.getByRole('button', { name: '核对' }).click();
    await box.getByText('回执码是 10 位，您输入了 3 位，请核对后重新输入。').waitFor();

    await phone.goto(`${h.origin}/v/${voteId}#sha256=${'0'.repeat(64)}`);
    await phone.getByText('与报告单二维码中的摘要不一致').waitFor();
    await phone.getByRole('button', { name: 'Switch to English' }).click();
    await phone.getByText('Does not match the digest in the report’s QR code').waitFor();
    await eventually(() => phone.locator('#figures-title').textContent()).toBe('Figures by candidate');
    await eventually(() => phone.locator('.result-cand-figures').allTextContents()).toEqual(['For 7Against 2Abstain 0', 'For 5Against 4Abstain 0', 'For 5Against 3Abstain 1']);
    await shoot(phone, 'tally-result-en', ['phone']);
    await phone.context().close();

    const other = await h.newPage('phone');
    await other.goto(`${h.origin}/r/${congressId}`);
    await other.getByRole('heading', { name: '核对回执', level: 1 }).waitFor();
    await other.getByRole('link', { name: '民生实事项目票决' }).waitFor();
    await other.getByLabel('回执码', { exact: true }).fill(receipt);
    await other.getByRole('button', { name: '核对' }).click();
    await other.getByText('您的选票已计入', { exact: true }).waitFor();
    await other.locator('.receipt-votes').getByRole('link', { name: '民生实事项目票决' }).waitFor();
    await shoot(other, 'tally-receipts', ['phone']);
    await other.context().close();
  });

  it('creates the runoff for the tie and, once it is published, sends the candidate left over to the reserve pool', async () => {
    const pres = api.presidium!.page;
    await pres.goto(votePage(voteId));
    await pres.getByRole('button', { name: '新建再次投票' }).click();
    const dialog = pres.getByRole('dialog', { name: '新建再次投票？' });
    await dialog.getByText(`候选为 ${titles.b}、${titles.c}，应选 1 个`).waitFor();
    await dialog.getByRole('button', { name: '新建再次投票' }).click();
    await pres.waitForURL((u) => u.pathname.includes('/votes/') && !u.pathname.endsWith(voteId));
    runoffId = pres.url().split('/votes/')[1];
    await pres.getByRole('heading', { name: '民生实事项目票决（再次投票）', level: 1 }).waitFor();
    await pres.getByText('1 个（候选 2 个）').waitFor();

    // The runoff through the API: B wins it.
    const runoffCards = await makeAndOpen(runoffId, 3);
    for (const card of runoffCards.slice(0, 3)) await cast(card, { [ids.b]: 'for' }, runoffId);
    await as('presidium', `${votePath(runoffId)}/close`);
    await as('scrutineer', `${votePath(runoffId)}/tally`);
    await as('scrutineer', `${votePath(runoffId)}/tally/signoff`, { chief: true, invalidChecked: false });
    await as('scrutineer2', `${votePath(runoffId)}/tally/signoff`, { chief: false, invalidChecked: false });
    await as('presidium', `${votePath(runoffId)}/tally/publish`);

    const page = h.page; // the administrator
    await page.goto(votePage(voteId));
    await page.locator('.followup-list').getByRole('link', { name: '民生实事项目票决（再次投票）' }).waitFor();
    const reserve = page.locator('.tally-reserve');
    await reserve.getByRole('heading', { name: '转入储备库' }).waitFor();
    await eventually(() => reserve.locator('.check-field label').allTextContents()).toEqual([titles.c]);
    await eventually(() => reserve.getByRole('button', { name: '转入储备库（0 个）' }).isDisabled()).toBe(true);
    await reserve.getByLabel(titles.c).check();
    await reserve.getByRole('button', { name: '转入储备库（1 个）' }).click();
    const confirm = page.getByRole('dialog', { name: '把 1 个项目转入储备库？' });
    await confirm.getByText(`${titles.c} 将转入储备库`).waitFor();
    await confirm.getByRole('button', { name: '转入储备库' }).click();
    await page.getByText('已转入储备库 1 个项目。').waitFor();
    await reserve.locator('.reserved-row', { hasText: titles.c }).getByText('已在储备库').waitFor();
  });

  it('shows the session’s whole final list on the big screen after the runoff, the congress named once, no button', async () => {
    const screen = await h.newPage('desktop');
    await screen.goto(`${h.origin}/screen/${sessionId}`);
    await screen.getByRole('heading', { name: '本次会议最终当选项目' }).waitFor();
    // A (first vote, rank 1) and B (won the runoff): both seats, each with its votes; B marked as from the runoff.
    await eventually(() => screen.locator('.screen-final-list .screen-final-title').allTextContents()).toEqual([titles.a, titles.b]);
    await eventually(() => screen.locator('.screen-final-list li').allTextContents()).toEqual([`1${titles.a}7 票`, `2${titles.b}3 票再次投票`]);
    await screen.getByText('应选 2 个 · 当选 2 个').waitFor();
    await settled(screen);
    expect(await screen.getByText('示范县人民代表大会', { exact: true }).count()).toBe(1);
    expect(await screen.getByRole('button').count()).toBe(0);
    // All of it on the projector's 1920×1080, nothing cut at the bottom.
    for (const part of ['.screen-final', '.screen-qr', '.screen-chart']) expect((await screen.locator(part).boundingBox())!.y + (await screen.locator(part).boundingBox())!.height, part).toBeLessThanOrEqual(1080);
    await shoot(screen, 'tally-screen-final', ['desktop']);
    await screen.goto(`${h.origin}/screen/${sessionId}?lang=en`);
    await screen.getByRole('heading', { name: 'Elected at this session (final)' }).waitFor();
    await screen.getByText('2 seat(s) · 2 elected').waitFor();
    await shoot(screen, 'tally-screen-final-en', ['desktop']);
    await screen.context().close();
  });

  describe('15 candidates, 11 cards handed out to 10 present, seats left empty', () => {
    const more = ['村道', '路灯', '公厕', '自来水', '卫生室', '文化广场', '桥梁', '垃圾中转站', '学校食堂', '养老服务站', '农贸市场', '停车场'].map((x, i) => `第${i + 4}号 城关镇${x}改造提升工程`);
    let bigId = '';
    let all: string[] = [];

    beforeAll(async () => {
      const login = await json<{ csrfToken: string }>(await h.page.request.get(`${h.origin}/api/auth/me`));
      const headers = { 'X-CSRF-Token': login.csrfToken };
      const c = `/congresses/${congressId}`;
      const post = <T,>(path: string, data: unknown) => h.page.request.post(`${h.origin}/api${path}`, { data, headers }).then((x) => json<T>(x));
      const dept = (await json<{ id: string; name: string }[]>(await h.page.request.get(`${h.origin}/api${c}/departments`)))[0];
      const gov = api.government!;
      await acceptCandidates(h, post, gov, congressId, dept.id, more, '88.00');
      const candidates = await json<{ id: string; title: string }[]>(await h.page.request.get(`${h.origin}/api${c}/candidates`));
      all = [...Object.values(titles), ...more].map((x) => candidates.find((k) => k.title === x)!.id);
      const list = await post<{ id: string }>(`${c}/candidate-lists`, { title: '候选清单（十五个）', year, seats: 10, candidateIds: all });
      await post(`${c}/candidate-lists/${list.id}/freeze`, { acknowledgeSurplusWarning: true });
      // Threshold: more than half of the 12 seated → 7. The first three get 10 each; the others 2 or 3: 7 seats unfilled.
      bigId = (await post<{ id: string }>(`${c}/sessions/${sessionId}/votes`, { listId: list.id, title: '十五个候选项目票决', seats: 10, maxFor: 10 })).id;
      await as('scrutineer', `${votePath(bigId)}/cards`);
      const print = await json<{ cards: { serial: string; url: string }[] }>(await api.scrutineer!.page.request.get(`${h.origin}/api${votePath(bigId)}/cards`));
      await as('scrutineer', `${votePath(bigId)}/issue-count`, { count: 11 });
      await as('presidium', `${votePath(bigId)}/open`, { confirmOverIssue: { issued: 11, present: 10 } });
      for (let i = 0; i < 10; i++) {
        const marks = Object.fromEntries(all.map((id, k) => [id, k < 3 || (k + i) % 4 === 0 ? 'for' : 'abstain']));
        await cast(print.cards[i], marks, bigId);
      }
      await as('presidium', `${votePath(bigId)}/close`);
      await as('scrutineer', `${votePath(bigId)}/tally`);
      await as('scrutineer', `${votePath(bigId)}/tally/signoff`, { chief: true, invalidChecked: false });
      await as('scrutineer2', `${votePath(bigId)}/tally/signoff`, { chief: false, invalidChecked: false });
      await as('presidium', `${votePath(bigId)}/tally/publish`);
    });

    it('says on the vote page that 11 cards went to 10 present, and offers the presidium the next steps for the empty seats', async () => {
      const pres = api.presidium!.page;
      await pres.setViewportSize({ width: 1024, height: 768 });
      await pres.goto(votePage(bigId));
      await totals(pres).toEqual(['应到 12', '实到 10', '发出 11', '收回 10', '有效 10', '无效 0']);
      await pres.getByText('发出表决卡 11 张，多于实到代表 10 人（多 1 张）。').waitFor();
      const vacancy = pres.getByRole('group', { name: '空缺 7 个名额：下一步' });
      await vacancy.getByText('按本人大的规则，空缺名额留空，不另行表决').waitFor();
      // This congress's rule leaves seats empty: no further vote is offered.
      await settled(pres);
      expect(await pres.getByRole('button', { name: '新建另行表决' }).count()).toBe(0);
      await vacancy.getByRole('button', { name: '确认空缺名额留空' }).waitFor();
      await shoot(pres, 'tally-vacancy', ['tablet', 'phone']);
      await pres.evaluate(() => localStorage.setItem('minsheng.lang', 'en'));
      await pres.reload();
      await pres.getByRole('group', { name: '7 seat(s) unfilled: what next' }).getByRole('button', { name: 'Leave the unfilled seats empty' }).waitFor();
      await pres.getByText('11 cards were handed out, more than the 10 representatives present (1 too many).').waitFor();
      await shoot(pres, 'tally-vacancy-en', ['tablet', 'phone']);
      await pres.evaluate(() => localStorage.setItem('minsheng.lang', 'zh-CN'));
      await pres.reload();

      // The reserve pool, from the vacancy: the button takes the presidium to the list.
      await vacancy.getByRole('button', { name: '选择转入储备库的项目' }).click();
      await eventually(() => pres.evaluate(() => document.activeElement?.id)).toBe('tally-reserve-title');
      const reserve = pres.locator('.tally-reserve');
      await reserve.getByLabel(more[11]).check();
      await reserve.getByLabel(more[10]).check();
      await reserve.getByRole('button', { name: '转入储备库（2 个）' }).click();
      await pres.getByRole('dialog', { name: '把 2 个项目转入储备库？' }).getByRole('button', { name: '转入储备库' }).click();
      for (const title of [more[10], more[11]]) await reserve.locator('.reserved-row', { hasText: title }).getByText('已在储备库').waitFor();

      // Leaving them empty: asked once, in words that name the consequence; then said, and the button is gone.
      await vacancy.getByRole('button', { name: '确认空缺名额留空' }).click();
      const dialog = pres.getByRole('dialog', { name: '确认空缺 7 个名额留空？' });
      await dialog.getByText('不能再新建另行表决').waitFor();
      await dialog.getByRole('button', { name: '确认留空' }).click();
      const decided = pres.getByRole('group', { name: '空缺 7 个名额：留空' });
      await decided.getByText(/^主席团已于 .+ 确认空缺 7 个名额留空（王主席）。$/).waitFor();
      await settled(pres);
      expect(await pres.getByRole('button', { name: '确认空缺名额留空' }).count()).toBe(0);
      await shoot(pres, 'tally-vacancy-left', ['tablet', 'phone']);
    });

    it('shows the big screen with the cards over those present and the seats left empty', async () => {
      const screen = await h.newPage('desktop');
      await screen.goto(`${h.origin}/screen/${sessionId}`);
      await screen.getByRole('heading', { name: '十五个候选项目票决' }).waitFor();
      await eventually(() => screen.locator('.screen-bar-row').count()).toBe(15);
      await screen.getByText('发出 11 张 · 实到 10 人：多发 1 张').waitFor();
      await screen.getByText('空缺 7 个名额（主席团确认留空）').waitFor();
      for (const part of ['.screen-qr', '.screen-chart']) expect((await screen.locator(part).boundingBox())!.y + (await screen.locator(part).boundingBox())!.height, part).toBeLessThanOrEqual(1080);
      await shoot(screen, 'tally-screen-15', ['desktop']);
      await screen.context().close();
    });

    it('prints the report of 15 candidates with the figures, the result and the signatures on the first A4 page', async () => {
      const page = api.presidium!.page;
      await page.goto(`${votePage(bigId)}/report`);
      await page.getByRole('heading', { name: '计票结果报告单', level: 2 }).waitFor();
      await eventually(() => page.locator('.report-table.figures tbody tr').count()).toBe(15);
      await page.getByText('发出表决卡 11 张，多于实到代表 10 人（多 1 张）。').waitFor();
      await page.getByText(/^7 个名额，主席团于 .+ 确认留空$/).waitFor();
      await page.locator('.report-qr-img svg').waitFor();
      await settled(page);
      await shoot(page, 'tally-report-15', ['tablet']);
      await page.emulateMedia({ media: 'print' });
      await eventually(() => page.locator('.print-toolbar').isVisible()).toBe(false);
      // Laid out as on paper (the sheet is 182 mm wide in print): the signature table ends within the first page's
      // 277 mm (A4 less the 10 mm margins).
      const mm = await page.evaluate(() => {
        const px = 96 / 25.4;
        const top = document.querySelector('.report-sheet')!.getBoundingClientRect().top;
        const end = document.querySelector('.report-table.signers')!.getBoundingClientRect().bottom;
        return { width: document.querySelector('.report-sheet')!.getBoundingClientRect().width / px, signers: (end - top) / px };
      });
      expect(mm.width).toBeCloseTo(182, 0);
      expect(mm.signers).toBeLessThanOrEqual(277);
      // And printed for real: A4, at most two pages (the addresses and digests may go on to the second).
      const pdf = await page.pdf({ path: join(SCREENSHOTS, 'tally-report-15.pdf'), format: 'A4', preferCSSPageSize: true });
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBeLessThanOrEqual(2);
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => localStorage.setItem('minsheng.lang', 'en'));
      await page.reload();
      await page.getByRole('heading', { name: 'How to check this result' }).waitFor();
      await settled(page);
      await shoot(page, 'tally-report-15-en', ['tablet']);
      await page.evaluate(() => localStorage.setItem('minsheng.lang', 'zh-CN'));
    });
  });

  it('links the big screen from the session page', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}`);
    expect(await page.getByRole('link', { name: '大屏' }).getAttribute('href')).toBe(`/screen/${sessionId}`);
  });

  it('sent nothing off the origin and logged no errors', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
