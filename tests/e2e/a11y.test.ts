import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, shoot, startHarness, startServer, VIEWPORTS, watch, type Harness, type RunningServer } from './harness.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

/**
 * Accessibility (issue 20): axe-core, the standard rules engine, run inside Chromium over every page state a person can
 * reach — the public pages, sign-in and first-run setup, the staff pages of every stage, a representative's and a
 * department's home, the tablet ballot page from card to receipt, the big screen, the answering page from code to
 * thanks, the public progress pages — in Chinese and in English. No violation of serious or critical impact may
 * remain; each is printed with its rule, the element and the page. WCAG 2.5.3 (label in name) is checked too: axe
 * keeps that rule among its experimental ones, so it is switched on here.
 *
 * The data is the demo year (`npm start -- --demo`), plus what only exists while it happens: a collection window open
 * today with a proposal waiting for screening, a vote open in the hall with a card for the tablet, and an evaluation
 * round open with a resident's code. The first-run setup page is read on a second server with an empty database.
 */
const AXE = createRequire(import.meta.url).resolve('axe-core');
const PASSWORD = 'minsheng-demo';
type Who = 'public' | 'admin' | 'staff' | 'gov' | 'chair' | 'scrutineer1' | 'department' | 'representative' | 'overseer' | 'county-staff';
type Lang = 'zh-CN' | 'en';
type Finding = { rule: string; impact: string; help: string; nodes: { target: string; html: string; summary: string }[] };
/** `shot`: a file name for screenshots of the state at tablet and phone size (pages this work changed). */
type State = { name: string; who: Who; url: (lang: Lang) => string; then?: (page: Page, lang: Lang) => Promise<void>; size?: keyof typeof VIEWPORTS; shot?: string };

describe('accessibility: axe-core over every page state, in Chinese and English', () => {
  let h: Harness;
  let empty: RunningServer | undefined;
  const ids = {
    congress: '',
    session: '',
    vote: '',
    list: '',
    proposal: '',
    trackingCode: '',
    candidateList: '',
    project: '',
    inspection: '',
    round: '',
    openRound: '',
    openVote: '',
    ballotTokens: [] as string[],
    answerTokens: [] as string[],
    cardUrl: '',
    station: '',
    item: '',
    itemCode: '',
    representative: '',
    county: '',
    package: '',
  };
  const year = shanghaiYear();
  const c = () => `/c/${ids.congress}`;

  /** A browser context for one person in one language: signed in as they would be, the language chosen beforehand. */
  const contexts = new Map<string, BrowserContext>();
  const offOrigin: string[] = [];
  const pageErrors: string[] = [];
  async function contextFor(browser: Browser, who: Who, lang: Lang): Promise<BrowserContext> {
    const key = `${who}/${lang}`;
    const known = contexts.get(key);
    if (known) return known;
    // bypassCSP: the page's policy allows only its own scripts, and axe is injected from outside.
    const ctx = await browser.newContext({ viewport: VIEWPORTS.tablet, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    ctx.setDefaultTimeout(15_000);
    await ctx.addInitScript((l) => localStorage.setItem('minsheng.lang', l), lang);
    if (who === 'representative') {
      const p = await ctx.newPage();
      await p.goto(ids.cardUrl);
      await p.waitForURL((u) => u.hash === '');
      await p.getByRole('heading', { level: 1 }).waitFor();
      await p.close();
    } else if (who !== 'public') {
      const username = who === 'department' ? 'dept-transport' : who;
      const res = await ctx.request.post(`${h.origin}/api/auth/login`, { data: { username, password: PASSWORD } });
      expect(res.status(), `sign in as ${username}`).toBe(200);
    }
    contexts.set(key, ctx);
    return ctx;
  }

  /** Run axe on the page as it is now; the findings of serious or critical impact, and the rest for the log. */
  async function audit(page: Page): Promise<{ serious: Finding[]; other: Finding[] }> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[] }> } }).axe;
      const r = await axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: (n.failureSummary ?? '').slice(0, 300) })) }));
    });
    return { serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), other: violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical') };
  }
  const describeFinding = (where: string, f: Finding) => `${where}: ${f.rule} (${f.impact}) — ${f.help}\n${f.nodes.map((n) => `    ${n.target}\n      ${n.html}\n      ${n.summary.replace(/\n/g, ' ')}`).join('\n')}`;

  const json = async <T,>(res: { status: () => number; text: () => Promise<string>; url: () => string }): Promise<T> => {
    if (res.status() >= 300) throw new Error(`${res.url()}: ${res.status()} ${await res.text()}`);
    return JSON.parse(await res.text()) as T;
  };

  beforeAll(async () => {
    h = await startHarness({ args: ['--demo'] });
    const api = async (who: string) => {
      const ctx = await h.browser.newContext();
      const me = await json<{ csrfToken: string }>(await ctx.request.post(`${h.origin}/api/auth/login`, { data: { username: who, password: PASSWORD } }));
      const headers = { 'X-CSRF-Token': me.csrfToken };
      return {
        get: <T,>(p: string) => ctx.request.get(`${h.origin}/api${p}`).then((r) => json<T>(r)),
        post: <T,>(p: string, data: unknown = {}) => ctx.request.post(`${h.origin}/api${p}`, { data, headers }).then((r) => json<T>(r)),
        put: <T,>(p: string, data: unknown = {}) => ctx.request.put(`${h.origin}/api${p}`, { data, headers }).then((r) => json<T>(r)),
        patch: <T,>(p: string, data: unknown = {}) => ctx.request.patch(`${h.origin}/api${p}`, { data, headers }).then((r) => json<T>(r)),
        close: () => ctx.close(),
      };
    };
    const staff = await api('staff');
    const gov = await api('gov');
    const chair = await api('chair');
    const s1 = await api('scrutineer1');
    ids.congress = (await staff.get<{ id: string }[]>('/congresses'))[0].id;
    const base = `/congresses/${ids.congress}`;
    const session = (await staff.get<{ id: string }[]>(`${base}/sessions`))[0];
    ids.session = session.id;
    // The first vote of the session: its result published (the runoff followed it).
    ids.vote = (await staff.get<{ id: string; title: string }[]>(`${base}/sessions/${ids.session}/votes`)).find((v) => !/另行|runoff/i.test(v.title))!.id;
    ids.list = (await staff.get<{ id: string }[]>(`${base}/candidate-lists`))[0].id;
    const projects = await staff.get<{ id: string; title: string }[]>(`${base}/projects`);
    ids.project = projects.find((p) => p.title.includes('道路硬化'))!.id;
    ids.inspection = (await staff.get<{ id: string }[]>(`${base}/inspections`))[0].id;
    ids.round = (await staff.get<{ id: string; kind: string }[]>(`${base}/evaluation/rounds`)).find((r) => r.kind !== 'reevaluation')!.id;
    const cards = await staff.get<{ cards: { name: string; url: string }[] }>(`${base}/roster/cards`);
    // One of the representatives who joined the inspection of the road (their home has it).
    ids.cardUrl = cards.cards[0].url;

    // What exists only while it happens: a window open today with a proposal waiting for screening…
    // (The demo scheduled next year's window a week from today: it opens today here.)
    const win = (await staff.get<{ id: string; year: number }[]>(`${base}/collection-windows`)).find((w) => w.year === year + 1)!;
    await staff.patch(`${base}/collection-windows/${win.id}`, { opensOn: shanghaiToday(), closesOn: `${year + 1}-12-31` });
    const titles = ['青山社区停车场扩建', '河东村文化广场照明', '石桥村便民服务点'];
    const depId = (await staff.get<{ id: string; name: string }[]>(`${base}/departments`)).find((d) => d.name.includes('建设'))!.id;
    const made: string[] = [];
    for (const title of titles) {
      const p = await staff.post<{ id: string; trackingCode?: string }>(`${base}/proposals`, { title, description: `${title}，群众反映强烈。`, category: 'transport', location: '青山镇', channel: 'liaison_station', station: '青山镇代表联络站' });
      made.push(p.id);
    }
    ids.proposal = made[2];
    const checks = Object.fromEntries(['feasibility', 'assessment', 'legality', 'fiscal', 'environment', 'landUse', 'publicSafety'].map((k) => [k, { result: 'pass', note: '' }]));
    for (const [i, id] of made.slice(0, 2).entries()) {
      await gov.put(`${base}/proposals/${id}/checks`, checks);
      await gov.post(`${base}/proposals/${id}/accept`, { candidate: { title: titles[i], content: `${titles[i]}的具体内容。`, leadDepartmentId: depId, coDepartmentIds: [], plannedInvestment: ['58.00', '36.50'][i], fundingSource: '镇级财政', plannedCompletion: `${year + 1}-11-30`, expectedOutcome: '群众满意' } });
    }
    const fresh = (await staff.get<{ id: string; title: string }[]>(`${base}/candidates`)).filter((x) => titles.includes(x.title)).map((x) => x.id);
    const list = await gov.post<{ id: string }>(`${base}/candidate-lists`, { title: `${year + 1}年度补充候选项目`, year: year + 1, seats: 1, candidateIds: fresh });
    ids.candidateList = list.id;
    await staff.post(`${base}/candidate-lists/${list.id}/freeze`, { acknowledgeSurplusWarning: true });
    // …a vote open in the hall with one card issued for the tablet…
    const vote = await chair.post<{ id: string }>(`${base}/sessions/${ids.session}/votes`, { listId: list.id, title: `${year + 1}年度补充项目票决` });
    ids.openVote = vote.id;
    const vp = `${base}/sessions/${ids.session}/votes/${vote.id}`;
    await s1.post(`${vp}/cards`);
    const ballotCards = (await s1.get<{ cards: { serial: string; url: string }[] }>(`${vp}/cards`)).cards;
    for (const card of ballotCards.slice(0, 3)) await s1.post(`${vp}/issue`, { card: card.serial });
    await chair.post(`${vp}/open`, { countdownSeconds: 900 });
    // One card is cast in each language; the third is only opened.
    ids.ballotTokens = ballotCards.slice(0, 3).map((x) => x.url.split('#')[1]);
    // …and an evaluation round open to residents, with a printed code.
    const round = await staff.post<{ id: string }>(`${base}/evaluation/rounds`, { year, title: `${year}年民生实事项目群众满意度抽样测评`, audiences: ['residents'], projectIds: [ids.project] });
    ids.openRound = round.id;
    const rp = `${base}/evaluation/rounds/${round.id}`;
    await staff.post(`${rp}/open`);
    await staff.post(`${rp}/codes`, { audience: 'residents', count: 4 });
    await staff.post(`${rp}/issued`, { audience: 'residents', count: 4 });
    ids.answerTokens = (await staff.get<{ url: string }[]>(`${rp}/codes?audience=residents`)).map((x) => x.url.split('#')[1]);
    // The year-round loop: a station, an overdue item, a representative to open the archive of.
    ids.station = (await staff.get<{ id: string; kind: string }[]>(`${base}/stations`)).find((s) => s.kind === 'central')!.id;
    const overdue = await staff.get<{ items: { id: string; trackingCode: string }[] }>(`${base}/items?due=overdue`);
    ids.item = overdue.items[0].id;
    ids.itemCode = overdue.items[0].trackingCode;
    ids.representative = (await staff.get<{ rows: { id: string }[] }>(`${base}/archive?year=${year}`)).rows[0].id;
    const tracked = await staff.get<{ trackingCode?: string }[]>(`${base}/proposals`);
    ids.trackingCode = tracked.find((p) => p.trackingCode)?.trackingCode ?? '';
    // County and city: the demo county over the township, its filed hall package.
    const county = await api('county-staff');
    ids.county = (await county.get<{ id: string; level: string }[]>('/congresses')).find((x) => x.level === 'county')!.id;
    ids.package = (await county.get<{ items: { id: string }[] }>(`/congresses/${ids.county}/county/packages`)).items[0].id;
    for (const x of [staff, gov, chair, s1, county]) await x.close();
  });
  afterAll(async () => {
    for (const ctx of contexts.values()) await ctx.close().catch(() => {});
    await h?.close();
    await empty?.stop();
  });

  const click = (selector: string) => async (page: Page) => {
    await page.locator(selector).first().click();
    await settled(page);
  };

  const STATES: State[] = [
    // No account: sign-in, the residents' pages, the hall's screen and tablets, answering.
    { name: 'sign-in', who: 'public', url: () => '/login' },
    { name: 'card sign-in without a card', who: 'public', url: () => '/l' },
    { name: 'propose (window open)', who: 'public', url: () => `/p/${ids.congress}` },
    { name: 'the frozen candidate list', who: 'public', url: () => `/p/${ids.congress}/candidates` },
    { name: 'follow a proposal (form)', who: 'public', url: () => '/t' },
    { name: 'follow a proposal (found)', who: 'public', url: () => `/t/${ids.trackingCode}` },
    { name: 'a published result', who: 'public', url: () => `/v/${ids.vote}` },
    { name: 'receipts', who: 'public', url: () => `/r/${ids.congress}` },
    { name: 'progress of the year', who: 'public', url: () => `/progress/${ids.congress}`, size: 'phone', shot: 'a11y-progress' },
    { name: 'progress of a project', who: 'public', url: () => `/progress/${ids.congress}/${ids.project}`, size: 'phone', shot: 'a11y-progress-project' },
    { name: 'big screen', who: 'public', url: () => `/screen/${ids.session}`, size: 'desktop' },
    // The tablets take their language from the address (?lang=en), as the hall sets them up.
    { name: 'tablet: type a serial', who: 'public', url: (lang) => `/b?c=${ids.congress}${lang === 'en' ? '&lang=en' : ''}` },
    { name: 'tablet: ballot', who: 'public', url: (lang) => `/b${lang === 'en' ? '?lang=en' : ''}#${ids.ballotTokens[2]}` },
    {
      name: 'tablet: review, then the receipt',
      who: 'public',
      url: (lang) => `/b${lang === 'en' ? '?lang=en' : ''}#${ids.ballotTokens[lang === 'en' ? 1 : 0]}`,
      then: async (page, lang) => {
        await page.locator('.ballot-marks .seg-for').first().click();
        await click('.kiosk-big.btn-primary')(page); // 检查选票: the review
        await page.locator('.kiosk-big.btn-primary').first().waitFor();
        const review = await audit(page);
        extra.push(...review.serious.map((f) => describeFinding(`[${lang}] tablet: review`, f)));
        await click('.kiosk-big.btn-primary')(page); // 确认投票: cast; the receipt
      },
    },
    { name: 'answer: enter a code', who: 'public', url: () => `/e?c=${ids.congress}`, size: 'phone' },
    { name: 'answer: the questionnaire', who: 'public', url: (lang) => `/e#${ids.answerTokens[lang === 'en' ? 1 : 0]}`, size: 'phone', then: click('.ev-wide.btn-primary') },
    // Staff of every stage.
    { name: 'congresses', who: 'admin', url: () => '/congresses' },
    { name: 'all accounts', who: 'admin', url: () => '/accounts' },
    { name: 'my account', who: 'staff', url: () => '/account' },
    { name: 'congress overview', who: 'staff', url: () => c() },
    { name: 'members', who: 'staff', url: () => `${c()}/members` },
    { name: 'roster', who: 'staff', url: () => `${c()}/roster` },
    { name: 'roster import', who: 'staff', url: () => `${c()}/roster/import` },
    { name: 'departments', who: 'staff', url: () => `${c()}/departments` },
    { name: 'audit log', who: 'staff', url: () => `${c()}/audit` },
    { name: 'collection windows', who: 'staff', url: () => `${c()}/gathering`, shot: 'a11y-windows' },
    { name: 'proposals (government)', who: 'gov', url: () => `${c()}/gathering/proposals` },
    { name: 'a proposal to screen', who: 'gov', url: () => `${c()}/gathering/proposals/${ids.proposal}` },
    { name: 'candidates', who: 'gov', url: () => `${c()}/gathering/candidates` },
    { name: 'candidate lists', who: 'gov', url: () => `${c()}/gathering/lists` },
    { name: 'a candidate list', who: 'gov', url: () => `${c()}/gathering/lists/${ids.list}`, shot: 'a11y-list' },
    { name: 'sessions', who: 'staff', url: () => `${c()}/sessions` },
    { name: 'a session', who: 'chair', url: () => `${c()}/sessions/${ids.session}` },
    // The hall in a box: the office asks for the session's package while a vote is still open — the server's refusal, said.
    {
      name: 'a session: its package asked for while a vote is open',
      who: 'staff',
      url: () => `${c()}/sessions/${ids.session}`,
      then: async (page, lang) => {
        await page.getByRole('button', { name: lang === 'en' ? 'Export the session package' : '导出会场数据包' }).click();
        await page.getByRole('dialog').getByRole('alert').waitFor();
        expect(await page.getByRole('dialog').getByRole('alert').textContent()).toMatch(lang === 'en' ? /still open|not published yet/ : /尚未结束|尚未公布/);
      },
    },
    { name: 'check-in', who: 'staff', url: () => `${c()}/sessions/${ids.session}/check-in` },
    { name: 'a vote open (presidium)', who: 'chair', url: () => `${c()}/sessions/${ids.session}/votes/${ids.openVote}` },
    { name: 'a vote open (scrutineer)', who: 'scrutineer1', url: () => `${c()}/sessions/${ids.session}/votes/${ids.openVote}` },
    { name: 'a published vote', who: 'chair', url: () => `${c()}/sessions/${ids.session}/votes/${ids.vote}` },
    { name: 'projects', who: 'staff', url: () => `${c()}/projects` },
    { name: 'implementation overview', who: 'staff', url: () => `${c()}/projects/dashboard` },
    { name: 'a project', who: 'staff', url: () => `${c()}/projects/${ids.project}` },
    { name: 'inspections', who: 'staff', url: () => `${c()}/inspections` },
    { name: 'an inspection', who: 'staff', url: () => `${c()}/inspections/${ids.inspection}` },
    { name: 'evaluation rounds', who: 'staff', url: () => `${c()}/evaluation` },
    { name: 'league table', who: 'staff', url: () => `${c()}/evaluation/league` },
    { name: 'a published round', who: 'staff', url: () => `${c()}/evaluation/${ids.round}` },
    { name: 'an open round', who: 'staff', url: () => `${c()}/evaluation/${ids.openRound}` },
    { name: 'rectifications', who: 'staff', url: () => `${c()}/rectifications` },
    // The year-round loop.
    { name: 'liaison stations', who: 'staff', url: () => `${c()}/stations` },
    { name: 'a station', who: 'staff', url: () => `${c()}/stations/${ids.station}` },
    { name: 'a station’s public page', who: 'public', url: () => `/s/${ids.station}`, size: 'phone' },
    { name: 'items', who: 'staff', url: () => `${c()}/items` },
    { name: 'an overdue item', who: 'staff', url: () => `${c()}/items/${ids.item}` },
    { name: 'follow an item (found)', who: 'public', url: () => `/t/${ids.itemCode}`, size: 'phone' },
    { name: '12345 hotline', who: 'staff', url: () => `${c()}/hotline` },
    { name: 'review and figures', who: 'staff', url: () => `${c()}/review` },
    { name: 'holiday calendar', who: 'staff', url: () => `${c()}/review/calendar` },
    { name: 'duty archive', who: 'staff', url: () => `${c()}/archive` },
    { name: 'one duty archive', who: 'staff', url: () => `${c()}/archive/${ids.representative}` },
    // Printed pages.
    { name: 'print: delegate cards', who: 'staff', url: () => `${c()}/roster/cards` },
    { name: 'print: tally report', who: 'chair', url: () => `${c()}/sessions/${ids.session}/votes/${ids.vote}/report` },
    { name: 'print: proposal poster', who: 'staff', url: () => `${c()}/gathering/poster` },
    { name: 'print: progress report', who: 'staff', url: () => `${c()}/projects/report` },
    { name: 'print: evaluation report', who: 'staff', url: () => `${c()}/evaluation/${ids.round}/report` },
    { name: 'print: station poster', who: 'staff', url: () => `${c()}/stations/${ids.station}/poster` },
    { name: 'print: monthly review sheet', who: 'staff', url: () => `${c()}/review/sheet?month=${shanghaiToday().slice(0, 7)}` },
    // Each person's home.
    { name: 'home: staff', who: 'staff', url: () => '/' },
    { name: 'home: department', who: 'department', url: () => '/' },
    { name: 'home: representative', who: 'representative', url: () => '/' },
    { name: 'home: representative on a phone', who: 'representative', url: () => '/', size: 'phone' },
    // County and city (SPEC §16): the overseer's and the county office's pages, the township's templates from above.
    { name: 'county: townships dashboard', who: 'overseer', url: () => `/c/${ids.county}/county` },
    { name: 'county: townships dashboard on a phone', who: 'overseer', url: () => `/c/${ids.county}/county`, size: 'phone' },
    { name: 'county: a township’s year', who: 'overseer', url: () => `/c/${ids.county}/county/townships/${ids.congress}` },
    { name: 'county: roll-up report', who: 'overseer', url: () => `/c/${ids.county}/county/rollup` },
    { name: 'print: county roll-up report', who: 'overseer', url: () => `/c/${ids.county}/county/rollup/print` },
    { name: 'county: templates', who: 'county-staff', url: () => `/c/${ids.county}/templates` },
    { name: 'county: hall packages', who: 'county-staff', url: () => `/c/${ids.county}/county/packages` },
    { name: 'county: a hall package', who: 'county-staff', url: () => `/c/${ids.county}/county/packages/${ids.package}` },
    { name: 'templates from the county', who: 'staff', url: () => `${c()}/templates-above` },
    // Notifications (SPEC §17): the office's messages, channels and words; a resident's 退订 page (a link made up: the
    // page asks before anything is done); 我的通知 is on "my account", the invitation form on "an open round".
    { name: 'notify: messages', who: 'staff', url: () => `${c()}/notify`, shot: 'a11y-notify-messages' },
    { name: 'notify: messages on a phone', who: 'staff', url: () => `${c()}/notify`, size: 'phone' },
    { name: 'notify: channels', who: 'staff', url: () => `${c()}/notify/channels` },
    { name: 'notify: templates, one opened', who: 'staff', url: () => `${c()}/notify/templates`, then: click('details.nt-template summary') },
    { name: 'opt out of messages', who: 'public', url: () => '/n/o#a-link-as-a-resident-would-open-it', size: 'phone' },
  ];
  /** Findings of a state passed on the way (the ballot's review). */
  const extra: string[] = [];
  const lesser = new Map<string, string>();

  for (const lang of ['zh-CN', 'en'] as const) {
    for (const state of STATES) {
      it(`${state.name} (${lang})`, async () => {
        const ctx = await contextFor(h.browser, state.who, lang);
        const page = await ctx.newPage();
        await page.setViewportSize(VIEWPORTS[state.size ?? 'tablet']);
        watch(page, h.origin, offOrigin, pageErrors);
        // A public page asks nobody who is signed in (no 401 from /api/auth/me), and logs no error at all — not even the
        // failed loads the harness otherwise forgives.
        const consoleErrors: string[] = [];
        const asked: string[] = [];
        const scripts: { url: string; encoding: string | undefined; length: number }[] = [];
        page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
        page.on('request', (r) => void (new URL(r.url()).pathname.startsWith('/api/auth/') && asked.push(r.url())));
        page.on('response', (r) => void (/\/assets\/.*\.js$/.test(r.url()) && scripts.push({ url: r.url(), encoding: r.headers()['content-encoding'], length: Number(r.headers()['content-length'] ?? NaN) })));
        try {
          await page.goto(`${h.origin}${state.url(lang)}`);
          await page.locator('#root > *').first().waitFor();
          await settled(page);
          // The hall's tablets start each person in Chinese (the kiosk pages ignore a remembered choice): switch as they would.
          if ((await page.evaluate(() => document.documentElement.lang)) !== lang && (await page.locator('.lang-switch').count()) > 0) {
            await page.locator('.lang-switch').first().click();
            await settled(page);
          }
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
          if (state.then) await state.then(page, lang);
          await settled(page);
          const { serious, other } = await audit(page);
          for (const f of other) lesser.set(`${f.rule} @ ${state.name}`, describeFinding(`[${lang}] ${state.name}`, f));
          const here = [...extra.splice(0), ...serious.map((f) => describeFinding(`[${lang}] ${state.name}`, f))];
          if (state.shot) await shoot(page, `${state.shot}${lang === 'en' ? '-en' : ''}`, ['tablet', 'phone']);
          expect(here, here.join('\n')).toEqual([]);
          if (state.who === 'public' && state.name !== 'sign-in' && state.name !== 'card sign-in without a card') {
            expect(asked, 'a public page asked who is signed in').toEqual([]);
            expect(consoleErrors).toEqual([]);
          }
          // The tablet's scripts come over the wire compressed (Chromium takes brotli); only files under 1 KB come as they are.
          if (state.name === 'tablet: ballot') {
            expect(scripts.filter((x) => x.encoding === 'br').length).toBeGreaterThan(3);
            expect(scripts.filter((x) => x.encoding !== 'br' && !(x.length < 1024))).toEqual([]);
          }
        } finally {
          await page.close();
        }
      });
    }
  }

  it('first-run setup, on an empty instance (both languages)', async () => {
    empty = await startServer();
    for (const lang of ['zh-CN', 'en'] as const) {
      const ctx = await h.browser.newContext({ viewport: VIEWPORTS.tablet, locale: 'zh-CN', bypassCSP: true });
      await ctx.addInitScript((l) => localStorage.setItem('minsheng.lang', l), lang);
      const page = await ctx.newPage();
      try {
        await page.goto(`${empty.origin}/setup`);
        await page.locator('form input').first().waitFor();
        const { serious } = await audit(page);
        const here = serious.map((f) => describeFinding(`[${lang}] setup`, f));
        expect(here, here.join('\n')).toEqual([]);
      } finally {
        await ctx.close();
      }
    }
  });

  it('raised no page error and asked nothing of another origin', () => {
    if (lesser.size) console.log(`axe: findings of moderate or minor impact (not failing):\n${[...lesser.values()].join('\n')}`);
    expect(pageErrors).toEqual([]);
    expect(offOrigin).toEqual([]);
  });
});
