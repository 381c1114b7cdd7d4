import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, qrVideo, removeVideo, settled, shoot, startHarness, VIEWPORTS, watch, type Harness } from './harness.ts';
import { ADMIN } from './setup.ts';
import { shanghaiToday } from '../../shared/time.ts';

/**
 * 会场测评 in a real browser (SPEC §15, issue 23 point 5). Seeded through the API: a congress, a department and its
 * project, a session, a round held at that session (representatives) with printed slips, opened, and a voting tablet
 * of the session. The tablet (1024×768, a browser whose camera plays the first slip's QR) opens its 测评 mode from its
 * bar, scans the slip, answers, sees 已提交, and is back at its scanner by itself with nothing of the answers left; the
 * next representative types their slip's number; on a second tablet a representative scans their delegate card instead
 * (once: the same card again is refused in words). The big screen (1920×1080) shows only the count while the round is
 * open and, once published, the results — and 人数过少不显示 for a round answered by fewer than k.
 */
describe('evaluation in the hall (会场测评)', () => {
  let h: Harness;
  let csrf = '';
  let congressId = '';
  let sessionId = '';
  let roundId = '';
  let slips: { serial: string; url: string }[] = [];
  let tabletLink = '';
  let video = '';
  let camera: Browser;
  let cardVideo = '';
  let cardCamera: Browser | undefined;
  let tablet: Page;
  let screen: Page;
  const year = Number(shanghaiToday().slice(0, 4));
  const roundTitle = '政府工作部门和民生实事单位满意度测评';
  const project = '河东村道路硬化工程';
  const department = '县交通运输局';

  const c = () => `/congresses/${congressId}`;
  const R = (r: string) => `${c()}/evaluation/rounds/${r}`;
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  const get = async <T,>(path: string) => {
    const res = await h.page.request.get(`${h.origin}/api${path}`);
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  };
  /** A representative answering through the API (the tablet's own calls): every item 满意. */
  const answerByApi = async (url: string) => {
    const pub = async <T,>(path: string, body: unknown) => {
      const res = await fetch(`${h.origin}/api/public/evaluation/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const q = await pub<{ token: string; round: { items: Record<string, { id: string }[]> }; targets: { kind: string; id: string }[] }>('open', { token: url.split('#')[1] });
    const answers = q.targets.flatMap((tg) => q.round.items[tg.kind].map((i) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'satisfied' })));
    await pub('submit', { token: q.token, answers });
  };
  /** A hall round at the session over the project (and its department), with `n` slips, opened. */
  const hallRound = async (title: string, n: number) => {
    const round = await post<{ id: string }>(`${c()}/evaluation/rounds`, { year, title, audiences: ['representatives'], projectIds: [projectId], sessionId });
    await post(`${R(round.id)}/codes`, { audience: 'representatives', count: n });
    await post(`${R(round.id)}/issued`, { audience: 'representatives', count: n });
    await post(`${R(round.id)}/open`);
    return { id: round.id, slips: await get<{ serial: string; url: string }[]>(`${R(round.id)}/codes?audience=representatives`) };
  };
  let projectId = '';

  /** On the tablet: answer the questionnaire shown (2 targets × 3 items, all 满意) and submit. */
  async function answerOnTablet(p: Page) {
    await p.getByRole('heading', { level: 1, name: roundTitle }).waitFor();
    await p.getByRole('button', { name: '开始', exact: true }).click();
    for (const [i, title] of [project, department].entries()) {
      await p.getByRole('heading', { level: 1, name: title }).waitFor();
      const items = p.locator('.ev-q-item');
      await eventually(() => items.count()).toBe(3);
      for (let j = 0; j < 3; j++) await items.nth(j).getByRole('button', { name: '满意', exact: true }).click();
      await p.getByRole('button', { name: i === 0 ? '下一个' : '检查答卷', exact: true }).click();
    }
    await p.getByRole('heading', { name: '请检查您的答卷' }).waitFor();
    await p.getByRole('button', { name: /确认提交/ }).click();
    await p.getByRole('heading', { name: /提交成功/ }).waitFor();
  }

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '示范县人民代表大会', level: 'county', term: 7 })).id;
    const dep = (await post<{ id: string }>(`${c()}/departments`, { name: department, kind: 'bureau' })).id;
    projectId = (await post<{ id: string }>(`${c()}/projects`, { year, title: project, leadDepartmentId: dep, coDepartmentIds: [], plannedInvestment: '120.00', fundingSource: '县级财政', plannedCompletion: `${year}-11-30` })).id;
    sessionId = (await post<{ id: string }>(`${c()}/sessions`, { name: '示范县第七届人民代表大会第三次会议', date: shanghaiToday() })).id;
    const round = await hallRound(roundTitle, 6);
    roundId = round.id;
    slips = round.slips;
    expect(slips).toHaveLength(6);
    const kiosk = await post<{ enrolUrl: string }>(`${c()}/sessions/${sessionId}/kiosks`, { kind: 'ballot', label: '会场平板 1', hours: 4 });
    tabletLink = `${h.origin}/k#${kiosk.enrolUrl.split('#')[1]}`;
    // The tablet's camera plays the first slip's QR (as printed: <origin>/e#<token>).
    video = qrVideo(slips[0].url);
    camera = await launchBrowser(video);
    const ctx = await camera.newContext({ viewport: VIEWPORTS.tablet, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(15_000);
    await ctx.grantPermissions(['camera'], { origin: h.origin });
    tablet = await ctx.newPage();
    watch(tablet, h.origin, h.offOrigin, h.pageErrors);
    screen = await h.newPage('desktop');
  });
  afterAll(async () => {
    await camera?.close();
    await cardCamera?.close();
    if (video) removeVideo(video);
    if (cardVideo) removeVideo(cardVideo);
    await h?.close();
  });

  it('staff set the session on the round page while a draft, and print the hall slips', async () => {
    const page = h.page;
    const draft = await post<{ id: string }>(`${c()}/evaluation/rounds`, { year, title: '代表对承办单位的满意度测评', audiences: ['representatives'], projectIds: [projectId] });
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${draft.id}`);
    const panel = page.locator('section.ev-hall');
    await panel.getByRole('heading', { name: '会场测评' }).waitFor();
    await eventually(() => panel.getByLabel('举行测评的会议').locator('option').count()).toBe(2);
    await panel.getByLabel('举行测评的会议').selectOption(sessionId);
    await panel.getByRole('button', { name: '保存' }).click();
    await eventually(async () => (await get<{ sessionId: string | null }>(R(draft.id))).sessionId).toBe(sessionId);
    await shoot(page, 'hall-evaluation-round-page', ['tablet', 'phone']);
    // Once open the session is said, fixed, with the way to the big screen.
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${roundId}`);
    await page.locator('section.ev-hall').getByText('示范县第七届人民代表大会第三次会议').waitFor();
    await page.locator('section.ev-hall').getByRole('link', { name: '打开大屏幕' }).waitFor();
    // The slips of a hall round print in the hall format: the round and the session on each.
    await page.goto(`${h.origin}/c/${congressId}/evaluation/${roundId}/codes?audience=representatives`);
    await eventually(() => page.locator('.ev-slip-hall').count()).toBe(6);
    expect(await page.locator('.ev-slip-hall').first().textContent()).toContain('示范县第七届人民代表大会第三次会议');
    await page.emulateMedia({ media: 'print' });
    await shoot(page, 'hall-evaluation-slips', ['tablet']);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the big screen shows only the count while the hall round is open', async () => {
    await screen.goto(`${h.origin}/screen/${sessionId}`);
    await screen.getByText('会场满意度测评').waitFor();
    await screen.getByRole('heading', { name: roundTitle }).waitFor();
    await eventually(() => screen.getByTestId('eval-answered').textContent()).toBe('0');
    await screen.getByText('测评中', { exact: true }).waitFor();
  });

  it('a voting tablet scans a slip in its 测评 mode, answers, says 已提交 and is back at its scanner for the next', async () => {
    await tablet.goto(tabletLink);
    await tablet.waitForURL(/\/b\?c=/);
    // The tablet's bar offers the 测评 mode while the hall round is open.
    await tablet.getByRole('link', { name: '满意度测评' }).click();
    await tablet.waitForURL(/\/k\?m=eval$/);
    await tablet.getByRole('heading', { name: '请扫描测评码' }).waitFor();
    await eventually(() => tablet.locator('.kiosk-bar').textContent()).toContain(roundTitle);
    await shoot(tablet, 'hall-evaluation-tablet-start', ['tablet']);
    // In English too, then back.
    await tablet.getByRole('button', { name: 'English' }).click();
    await tablet.getByRole('link', { name: 'Back to voting' }).waitFor();
    await tablet.getByRole('button', { name: 'Scan with the camera' }).waitFor();
    await shoot(tablet, 'hall-evaluation-tablet-start-en', ['tablet']);
    await tablet.getByRole('button', { name: '中文' }).click();
    await tablet.getByRole('heading', { name: '请扫描测评码' }).waitFor();

    await tablet.getByRole('button', { name: '打开摄像头扫码' }).click();
    await answerOnTablet(tablet);
    await shoot(tablet, 'hall-evaluation-tablet-submitted', ['tablet']);
    // Back at the scanner by itself, with nothing of the answers left on the page.
    await tablet.getByRole('heading', { name: '请扫描测评码' }).waitFor({ timeout: 15_000 });
    await settled(tablet);
    expect(await tablet.locator('.ev-answer-tag, .ev-q-item, [aria-pressed="true"]').count()).toBe(0);
    expect(await tablet.locator('body').textContent()).not.toContain(project);
    await eventually(() => screen.getByTestId('eval-answered').textContent()).toBe('1');

    // The next representative types their slip's number.
    await tablet.getByLabel('或输入测评码编号').fill(slips[1].serial);
    await tablet.getByRole('button', { name: '开始作答' }).click();
    await answerOnTablet(tablet);
    await tablet.getByRole('button', { name: '完成' }).click();
    await tablet.getByRole('heading', { name: '请扫描测评码' }).waitFor();
    await eventually(() => screen.getByTestId('eval-answered').textContent()).toBe('2');

    // A slip already used is refused in words.
    await tablet.getByLabel('或输入测评码编号').fill(slips[1].serial);
    await tablet.getByRole('button', { name: '开始作答' }).click();
    await tablet.getByRole('alert').waitFor();
    await shoot(screen, 'hall-evaluation-screen-open', ['desktop']);
  });

  it('a representative scans their delegate card on a tablet of the session instead of a slip, once', async () => {
    const rep = await post<{ id: string }>(`${c()}/representatives`, { name: '李代表' });
    const card = (await get<{ cards: { id: string; url: string }[] }>(`${c()}/roster/cards`)).cards.find((x) => x.id === rep.id);
    expect(card?.url).toMatch(/\/l#/);
    // A second tablet of the session, whose camera plays the delegate card's QR (as printed: <origin>/l#<token>).
    const kiosk = await post<{ enrolUrl: string }>(`${c()}/sessions/${sessionId}/kiosks`, { kind: 'ballot', label: '会场平板 2', hours: 4 });
    cardVideo = qrVideo(card!.url);
    cardCamera = await launchBrowser(cardVideo);
    const ctx = await cardCamera.newContext({ viewport: VIEWPORTS.tablet, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(15_000);
    await ctx.grantPermissions(['camera'], { origin: h.origin });
    const p = await ctx.newPage();
    watch(p, h.origin, h.offOrigin, h.pageErrors);
    await p.goto(`${h.origin}/k#${kiosk.enrolUrl.split('#')[1]}`);
    await p.waitForURL(/\/b\?c=/);
    await p.getByRole('link', { name: '满意度测评' }).click();
    await p.getByRole('heading', { name: '请扫描测评码' }).waitFor();
    await p.getByRole('button', { name: '打开摄像头扫码' }).click();
    await answerOnTablet(p);
    await eventually(() => screen.getByTestId('eval-answered').textContent()).toBe('3');
    await p.getByRole('heading', { name: '请扫描测评码' }).waitFor({ timeout: 15_000 });
    // The same card again: refused in words (one code per representative and round).
    await p.getByRole('button', { name: '打开摄像头扫码' }).click();
    await eventually(() => p.getByRole('alert').textContent()).toContain('已经领取');
    await shoot(p, 'hall-evaluation-tablet-card-given', ['tablet']);
  });

  it('the big screen shows the results once published, and 人数过少不显示 for a small group', async () => {
    for (const s of slips.slice(3)) await answerByApi(s.url);
    await eventually(() => screen.getByTestId('eval-answered').textContent()).toBe('6');
    // Nothing but the count while open.
    expect(await screen.locator('.screen-eval-table').count()).toBe(0);
    await post(`${R(roundId)}/close`);
    await screen.getByText('已截止 · 待公布').waitFor();
    expect(await screen.locator('.screen-eval-table').count()).toBe(0);
    await post(`${R(roundId)}/publish`);
    const table = screen.locator('.screen-eval-table');
    await table.waitFor();
    await eventually(() => table.locator('tbody tr').count()).toBe(2);
    await eventually(() => table.locator('tbody tr').first().textContent()).toContain('100.0%');
    await screen.getByText('结果已公布').waitFor();
    await shoot(screen, 'hall-evaluation-screen-published', ['desktop']);

    // A round answered by two: published, its figures are withheld on the screen.
    const small = await hallRound('任命人员履职测评（试行）', 3);
    for (const s of small.slips.slice(0, 2)) await answerByApi(s.url);
    await post(`${R(small.id)}/close`);
    await post(`${R(small.id)}/publish`);
    await screen.getByRole('heading', { name: '任命人员履职测评（试行）' }).waitFor();
    await eventually(() => screen.locator('.screen-eval-withheld').count()).toBe(2);
    expect(await screen.locator('.screen-eval-withheld').first().textContent()).toBe('人数过少不显示');
    expect(await screen.locator('.screen-eval-table').textContent()).not.toMatch(/%/);
    await shoot(screen, 'hall-evaluation-screen-withheld', ['desktop']);
    expect(h.offOrigin).toEqual([]);
  });
});
