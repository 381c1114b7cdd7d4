import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionYear } from '../../shared/home/rules.ts';
import { eventually, settled, shoot, startHarness, type Harness } from './harness.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';

/**
 * Each person's home is their work (issue 20, point 1), in a real browser against the real server. Seeded through
 * the API: a congress, a department with an account, its project with a milestone five days late, an inspection a
 * representative joined with a finding for the department, an evaluation round open to representatives, accounts of
 * 政府办, 主席团 and a scrutineer, a proposal waiting for screening, a session today over a frozen list with three
 * votes (one open, one with cards waiting to be opened, one without cards), and the representative's own proposals.
 * Each person signs in and lands on their to-do list, follows an item to the page where they act; every home is shot
 * at tablet and phone size in Chinese and English.
 */
describe('home: each person lands on their work', () => {
  let h: Harness;
  let csrf = '';
  let congressId = '';
  let roundId = '';
  let cardUrl = '';
  let rep: Page;
  let dept: Page;
  let sessionId = '';
  let listId = '';
  const votes: Record<'open' | 'ready' | 'blank', string> = { open: '', ready: '', blank: '' };
  const office = {
    government: { displayName: '政府办王主任', username: 'gov.wang', password: 'gov-2026-office' },
    presidium: { displayName: '周执行主席', username: 'pres.zhou', password: 'pres-2026-chair' },
    scrutineer: { displayName: '陈监票人', username: 'scrut.chen', password: 'scrut-2026-watch' },
  } as const;
  /** A page of its own, signed in with a password, opened at "/" as the sign-in page leaves one. */
  const signIn = async (who: { username: string; password: string }, size: 'tablet' | 'phone' = 'tablet') => {
    const page = await h.newPage(size);
    expect((await page.request.post(`${h.origin}/api/auth/login`, { data: { username: who.username, password: who.password } })).status()).toBe(200);
    await page.goto(`${h.origin}/`);
    return page;
  };
  /** Shoot a home at tablet and phone size, in Chinese and then in English, and come back to Chinese. */
  const shootBoth = async (page: Page, name: string) => {
    await settled(page);
    await shoot(page, name, ['tablet', 'phone']);
    await toEnglish(page);
    await settled(page);
    await shoot(page, `${name}-en`, ['tablet', 'phone']);
    await page.locator('.lang-switch').click();
    await page.getByRole('heading', { name: '我的待办', level: 2 }).waitFor();
  };
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const roads = { displayName: '交通局周科长', username: 'dept.roads', password: 'roads-2026-dept' };
  const roundTitle = `${year}年度民生实事项目代表满意度测评`;
  const projectTitle = '河东村至青山村道路硬化及排水沟改造工程';

  const c = () => `/congresses/${congressId}`;
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  const workCount = async (page: Page) => {
    const res = await page.request.get(`${h.origin}/api/me/work`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { count: number }).count;
  };
  /** The list's rows as their text, in order, once the list has come. */
  const rows = (page: Page) => page.locator('.work-list .work-item');
  const toEnglish = async (page: Page) => {
    await page.locator('.lang-switch').click();
    await page.getByRole('heading', { name: 'My to-do list', level: 2 }).waitFor();
  };

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '示范县人民代表大会', level: 'county', term: 7 })).id;
    const depId = (await post<{ id: string }>(`${c()}/departments`, { name: '县交通运输局', kind: 'bureau' })).id;
    await post(`${c()}/accounts`, { ...roads, role: 'department', departmentId: depId });
    const repId = (await post<{ id: string }>(`${c()}/representatives`, { name: '李秀英', gender: 'female', delegation: '河东村代表小组', constituency: '第一选区', phone: '' })).id;
    for (const [role, who] of Object.entries(office)) await post(`${c()}/accounts`, { ...who, role });
    const projectId = (await post<{ id: string }>(`${c()}/projects`, { year, title: projectTitle, leadDepartmentId: depId, coDepartmentIds: [], plannedInvestment: '120.00', fundingSource: '县级财政', plannedCompletion: `${year + 1}-11-30` })).id;
    await post(`${c()}/projects/${projectId}/milestones`, { name: '路基完工', plannedDate: addDays(today, -5), weight: 50 });
    const inspectionId = (await post<{ id: string }>(`${c()}/inspections`, { projectId, date: addDays(today, -3), title: '道路工程现场视察', attendeeIds: [repId] })).id;
    await post(`${c()}/inspections/${inspectionId}/findings`, { text: '排水沟未按设计施工，雨天路面积水', departmentId: depId, answerDueOn: addDays(today, 10) });
    roundId = (await post<{ id: string }>(`${c()}/evaluation/rounds`, { year, title: roundTitle, audiences: ['representatives'], projectIds: [projectId] })).id;
    await post(`${c()}/evaluation/rounds/${roundId}/open`);
    const cards = (await (await h.page.request.get(`${h.origin}/api${c()}/roster/cards`)).json()) as { cards: { name: string; url: string }[] };
    cardUrl = cards.cards.find((x) => x.name === '李秀英')!.url;

    // Gathering: a window, two proposals the 政府办 screened into candidates and a frozen list, one still waiting.
    await post(`${c()}/collection-windows`, { year, opensOn: addDays(today, -20), closesOn: addDays(today, 10) });
    const proposal = (title: string, location: string) => ({ title, description: `${title}，群众反映强烈。`, category: 'transport', location, estimatedInvestment: '80.00', beneficiaries: `${location}群众`, channel: 'liaison_station', station: `${location}代表联络站`, submitterName: '联络站' });
    const candidateIds: string[] = [];
    for (const [title, location] of [['河东村桥梁加固', '河东村'], ['青山村文化广场', '青山村']]) {
      const p = await post<{ id: string }>(`${c()}/proposals`, proposal(title, location));
      await h.page.request.put(`${h.origin}/api${c()}/proposals/${p.id}/checks`, { data: Object.fromEntries(['feasibility', 'assessment', 'legality', 'fiscal', 'environment', 'landUse', 'publicSafety'].map((k) => [k, { result: 'pass', note: '' }])), headers: { 'X-CSRF-Token': csrf } });
      await post(`${c()}/proposals/${p.id}/accept`, { candidate: { title: `${title}工程`, content: title, leadDepartmentId: depId, coDepartmentIds: [], plannedInvestment: '80.00', fundingSource: '县级财政', plannedCompletion: `${year + 1}-10-31`, expectedOutcome: '群众受益' } });
    }
    for (const x of (await (await h.page.request.get(`${h.origin}/api${c()}/candidates`)).json()) as { id: string }[]) candidateIds.push(x.id);
    await post(`${c()}/proposals`, proposal('石桥村路灯安装', '石桥村'));
    listId = (await post<{ id: string }>(`${c()}/candidate-lists`, { title: `${year}年民生实事候选项目`, year, seats: 1, candidateIds })).id;
    await post(`${c()}/candidate-lists/${listId}/freeze`);
    // The session, today; the representative checked in.
    sessionId = (await post<{ id: string }>(`${c()}/sessions`, { name: '第七届人民代表大会第三次会议', date: today })).id;
    await h.page.request.put(`${h.origin}/api${c()}/sessions/${sessionId}/attendance/${repId}`, { data: { status: 'present' }, headers: { 'X-CSRF-Token': csrf } });

    rep = await h.newPage('tablet');
    dept = await h.newPage('tablet');
    expect((await dept.request.post(`${h.origin}/api/auth/login`, { data: { username: roads.username, password: roads.password } })).status()).toBe(200);

    // Three votes, as the presidium and a scrutineer make them: one open, one with cards to open, one without cards.
    const as = async (who: { username: string; password: string }) => {
      const ctx = (await h.newPage('tablet')).request;
      const me = (await (await ctx.post(`${h.origin}/api/auth/login`, { data: { username: who.username, password: who.password } })).json()) as { csrfToken: string };
      return async <T,>(path: string, data: unknown = {}) => {
        const res = await ctx.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': me.csrfToken } });
        expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
        return (await res.json()) as T;
      };
    };
    const chair = await as(office.presidium);
    const scrut = await as(office.scrutineer);
    const v = (id: string) => `${c()}/sessions/${sessionId}/votes/${id}`;
    votes.open = (await chair<{ id: string }>(`${c()}/sessions/${sessionId}/votes`, { listId, title: '民生实事项目票决' })).id;
    votes.ready = (await chair<{ id: string }>(`${c()}/sessions/${sessionId}/votes`, { listId, title: '民生实事项目另行表决' })).id;
    votes.blank = (await chair<{ id: string }>(`${c()}/sessions/${sessionId}/votes`, { listId, title: '储备项目表决' })).id;
    await scrut(`${v(votes.open)}/cards`);
    await scrut(`${v(votes.open)}/issue-count`, { count: 1 });
    await chair(`${v(votes.open)}/open`);
    await scrut(`${v(votes.ready)}/cards`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows a representative signed in by card their to-do list, the session, the projects and their proposals', async () => {
    await rep.goto(cardUrl);
    await rep.getByRole('heading', { name: '您好，李秀英', level: 1 }).waitFor();
    // A proposal of their own, made while the window is open.
    const me = (await (await rep.request.get(`${h.origin}/api/auth/me`)).json()) as { csrfToken: string };
    const made = await rep.request.post(`${h.origin}/api${c()}/proposals`, { data: { title: '河东村卫生室改造', description: '卫生室房屋破旧，建议改造。', category: 'health', location: '河东村', estimatedInvestment: '30.00', beneficiaries: '河东村群众', channel: 'representative' }, headers: { 'X-CSRF-Token': me.csrfToken } });
    expect(made.status(), await made.text()).toBe(201);
    await rep.goto(`${h.origin}/`);
    await rep.getByRole('heading', { name: '我的待办', level: 2 }).waitFor();
    const round = rows(rep).filter({ hasText: roundTitle });
    await eventually(() => round.textContent()).toContain('满意度测评已开始：领取测评码并作答');
    await eventually(() => rows(rep).filter({ hasText: '道路工程现场视察' }).textContent()).toContain('您参加的视察：意见尚未办结');
    const voting = rep.locator('.work-item[data-kind="vote_open"]');
    await eventually(() => voting.textContent()).toContain('正在表决：请凭选票到会场平板上投票');
    // The session that is on: checked in, how to vote in words, each vote's state.
    const session = rep.locator('.home-session');
    await eventually(() => session.textContent()).toContain('第七届人民代表大会第三次会议');
    expect(await session.textContent()).toContain('您已签到');
    expect(await session.textContent()).toContain('请向监票人领取选票，在会场的投票平板上扫描选票二维码投票');
    expect(await session.locator('.home-vote[data-state="open"]').textContent()).toContain('正在表决');
    expect(await session.locator('.home-vote[data-state="draft"]').count()).toBe(2);
    // The project with its progress in words, marked as theirs (they joined its inspection).
    const project = rep.locator('.home-project', { hasText: projectTitle });
    await eventually(() => project.textContent()).toContain('您参加过视察');
    expect(await project.textContent()).toMatch(/按已完成的节点计|尚无/);
    // Their proposal and what became of it.
    await eventually(() => rep.locator('.home-proposal', { hasText: '河东村卫生室改造' }).textContent()).toContain('等待初定');
    await shootBoth(rep, 'home-representative');

    // The vote item leads to what they vote on (they vote on a hall tablet, not here).
    await voting.getByRole('link').click();
    await eventually(() => new URL(rep.url()).pathname).toBe(`/p/${congressId}/candidates`);
    await rep.getByRole('heading', { name: '候选项目清单', level: 1 }).waitFor();
    await eventually(() => rep.locator('main').textContent()).toContain('河东村桥梁加固工程');
    await rep.goto(`${h.origin}/`);

    await round.getByRole('link').click();
    await eventually(() => new URL(rep.url()).pathname).toBe(`/c/${congressId}/evaluation/${roundId}`);
    await rep.getByRole('button', { name: '领取测评码并作答' }).click();
    await eventually(() => new URL(rep.url()).pathname).toBe('/e');

    await rep.goto(`${h.origin}/`);
    await eventually(() => rows(rep).filter({ hasText: '道路工程现场视察' }).count()).toBe(1); // the list has come
    await settled(rep);
    expect(await rows(rep).filter({ hasText: roundTitle }).count()).toBe(0);
    expect(await rep.locator('.work-item[data-kind="round_code"]').count()).toBe(0);
  });

  it('lets a representative on a phone follow a project from their home to its page', async () => {
    const phone = await h.newPage('phone');
    await phone.goto(cardUrl);
    await phone.getByRole('heading', { name: '您好，李秀英', level: 1 }).waitFor();
    const link = phone.locator('.home-project').filter({ hasText: projectTitle }).getByRole('link', { name: projectTitle });
    await link.click();
    await eventually(() => new URL(phone.url()).pathname).toMatch(new RegExp(`^/c/${congressId}/projects/[0-9a-f-]{36}$`));
    await phone.getByRole('heading', { name: projectTitle, level: 1 }).waitFor();
  });

  it('lands 政府办 on their to-do list (not the setup checklist) and follows the proposals waiting to their screening', async () => {
    const page = await signIn(office.government);
    await page.getByRole('heading', { name: '您好，政府办王主任', level: 1 }).waitFor();
    const item = page.locator('.work-item[data-kind="proposals_to_screen"]');
    await eventually(() => item.textContent()).toContain('建议待初定');
    expect(await item.textContent()).toContain('2 项'); // the liaison station's and the representative's
    expect(await page.getByRole('heading', { name: '设置步骤' }).count()).toBe(0);
    await eventually(() => page.locator('.office-home').textContent()).toContain('政府办');
    await shootBoth(page, 'home-government');
    await item.getByRole('link').click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/c/${congressId}/gathering/proposals`);
    await eventually(() => page.locator('main').textContent()).toContain('石桥村路灯安装');
  });

  it('lands 主席团 on the votes to open and close, and follows one to the vote', async () => {
    const page = await signIn(office.presidium);
    await page.getByRole('heading', { name: '您好，周执行主席', level: 1 }).waitFor();
    await eventually(() => rows(page).evaluateAll((li) => li.map((x) => x.getAttribute('data-kind')))).toEqual(['vote_to_open', 'vote_to_close']);
    await eventually(() => page.locator('.office-home').textContent()).toContain('第七届人民代表大会第三次会议');
    await shootBoth(page, 'home-presidium');
    await page.locator('.work-item[data-kind="vote_to_close"]').getByRole('link').click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/c/${congressId}/sessions/${sessionId}/votes/${votes.open}`);
    await eventually(() => page.locator('main').textContent()).toContain('民生实事项目票决');
  });

  it('lands a scrutineer on the cards to make and the cards to record, and follows one to the vote', async () => {
    const page = await signIn(office.scrutineer, 'phone');
    await page.getByRole('heading', { name: '您好，陈监票人', level: 1 }).waitFor();
    await eventually(() => rows(page).evaluateAll((li) => li.map((x) => x.getAttribute('data-kind')))).toEqual(['vote_cards', 'issued_count']);
    expect(await page.locator('.work-item[data-kind="vote_cards"]').textContent()).toContain('储备项目表决');
    expect(await page.locator('.work-item[data-kind="issued_count"]').textContent()).toContain('民生实事项目另行表决');
    await shootBoth(page, 'home-scrutineer');
    await page.locator('.work-item[data-kind="vote_cards"]').getByRole('link').click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/c/${congressId}/sessions/${sessionId}/votes/${votes.blank}`);
    await eventually(() => page.locator('main').textContent()).toContain('储备项目表决');
  });

  it('shows a department what it owes, the late milestone first with 已逾期 in words', async () => {
    await dept.goto(`${h.origin}/`);
    await dept.getByRole('heading', { name: '您好，交通局周科长', level: 1 }).waitFor();
    await eventually(() => rows(dept).evaluateAll((li) => li.map((x) => x.getAttribute('data-kind')))).toEqual(['milestone_late', 'finding_answer']);
    const first = rows(dept).first();
    await eventually(() => first.textContent()).toContain('节点滞后，请报告进展');
    expect(await first.textContent()).toContain('路基完工');
    expect(await first.locator('.tag', { hasText: '已逾期' }).count()).toBe(1);
    expect(await first.textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 前/);
    const second = rows(dept).nth(1);
    expect(await second.textContent()).toContain('排水沟未按设计施工');
    expect(await second.textContent()).not.toContain('已逾期');
    await settled(dept);
    await shoot(dept, 'home-department', ['tablet', 'phone']);
    await toEnglish(dept);
    await eventually(() => first.textContent()).toContain('Milestone late: report progress');
    expect(await first.locator('.tag', { hasText: 'Overdue' }).count()).toBe(1);
    await eventually(() => first.textContent()).toMatch(/by \d{1,2} [A-Z][a-z]{2} \d{4}/);
    await settled(dept);
    await shoot(dept, 'home-department-en', ['tablet', 'phone']);
    await dept.locator('.lang-switch').click();
    await dept.getByRole('heading', { name: '我的待办', level: 2 }).waitFor();
    // The finding's link leads to the inspection, where the department answers it.
    await rows(dept).nth(1).getByRole('link').click();
    await eventually(() => new URL(dept.url()).pathname).toMatch(new RegExp(`^/c/${congressId}/inspections/[0-9a-f-]{36}$`));
    await eventually(() => dept.locator('main').textContent()).toContain('排水沟未按设计施工');
  });

  it('shows staff the count in the header, labelled in words, and the list on the congress overview', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}`);
    await page.getByRole('heading', { name: '我的待办', level: 2 }).waitFor();
    const n = await workCount(page);
    expect(n).toBeGreaterThan(0);
    const badge = page.getByRole('banner').getByRole('link', { name: `${n} 件待办`, exact: true });
    await eventually(() => badge.textContent()).toBe(`${n} 件待办`);
    await eventually(() => page.locator('.work-list .work-item').count()).toBe(n);
    // The year's next step, its year in words: 「2027年度尚未开放项目征集」 (next year's from July).
    const windowItem = page.locator('.work-item[data-kind="no_window"]');
    await eventually(() => windowItem.textContent()).toContain(`${collectionYear(today)}年度尚未开放项目征集`);
    await settled(page);
    await shoot(page, 'home-staff-overview', ['tablet', 'phone']);
    await page.locator('.lang-switch').click();
    await eventually(() => windowItem.textContent()).toContain(`Proposal collection for ${collectionYear(today)} not opened yet`);
    await settled(page);
    await shoot(page, 'home-staff-overview-en', ['tablet', 'phone']);
    const badgeEn = page.getByRole('banner').getByRole('link', { name: n === 1 ? '1 to-do' : `${n} to-dos`, exact: true });
    await eventually(() => badgeEn.textContent()).toBe(n === 1 ? '1 to-do' : `${n} to-dos`);
    await page.getByRole('heading', { name: 'My to-do list', level: 2 }).waitFor();
    await badgeEn.click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/c/${congressId}`); // home for staff is their congress
    await windowItem.getByRole('link').click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/c/${congressId}/gathering`);
    await page.locator('.lang-switch').click();
  });

  it('logged no page errors and asked nothing of another origin', () => {
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
