import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../shared/i18n/index.ts';
import { eventually, settled, shoot, startHarness, type Harness } from './harness.ts';

/**
 * Each person's home is their work (issue 20, point 1), in a real browser against the real server. Seeded through
 * the API: a congress, a department with an account, its project with a milestone five days late, an inspection a
 * representative joined with two findings for the department (one due in ten days, one answered later), and an
 * evaluation round open to representatives. A representative signs in with their card and finds the round on their
 * home, follows it to 领取测评码并作答, takes the code, and the item is gone; the department sees its late milestone
 * first, 已逾期 in words; staff see the count in the header and the list on the congress overview; English too.
 */
describe('home: the to-do list of a representative, a department and staff', () => {
  let h: Harness;
  let csrf = '';
  let congressId = '';
  let roundId = '';
  let cardUrl = '';
  let rep: Page;
  let dept: Page;
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));
  const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
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
    const projectId = (await post<{ id: string }>(`${c()}/projects`, { year, title: projectTitle, leadDepartmentId: depId, coDepartmentIds: [], plannedInvestment: '120.00', fundingSource: '县级财政', plannedCompletion: `${year + 1}-11-30` })).id;
    await post(`${c()}/projects/${projectId}/milestones`, { name: '路基完工', plannedDate: addDays(today, -5), weight: 50 });
    const inspectionId = (await post<{ id: string }>(`${c()}/inspections`, { projectId, date: addDays(today, -3), title: '道路工程现场视察', attendeeIds: [repId] })).id;
    await post(`${c()}/inspections/${inspectionId}/findings`, { text: '排水沟未按设计施工，雨天路面积水', departmentId: depId, answerDueOn: addDays(today, 10) });
    roundId = (await post<{ id: string }>(`${c()}/evaluation/rounds`, { year, title: roundTitle, audiences: ['representatives'], projectIds: [projectId] })).id;
    await post(`${c()}/evaluation/rounds/${roundId}/open`);
    const cards = (await (await h.page.request.get(`${h.origin}/api${c()}/roster/cards`)).json()) as { cards: { name: string; url: string }[] };
    cardUrl = cards.cards.find((x) => x.name === '李秀英')!.url;

    rep = await h.newPage('tablet');
    dept = await h.newPage('tablet');
    expect((await dept.request.post(`${h.origin}/api/auth/login`, { data: { username: roads.username, password: roads.password } })).status()).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows a representative signed in by card the open round on their home, and it goes once they take their code', async () => {
    await rep.goto(cardUrl);
    await rep.getByRole('heading', { name: '您好，李秀英', level: 1 }).waitFor();
    await rep.getByRole('heading', { name: '我的待办', level: 2 }).waitFor();
    const round = rows(rep).filter({ hasText: roundTitle });
    await eventually(() => round.textContent()).toContain('满意度测评已开始：领取测评码并作答');
    // The inspection they joined, whose finding the department has not answered, is theirs to follow.
    await eventually(() => rows(rep).filter({ hasText: '道路工程现场视察' }).textContent()).toContain('您参加的视察：意见尚未办结');
    await settled(rep);
    await shoot(rep, 'home-representative', ['tablet', 'phone']);
    await toEnglish(rep);
    await eventually(() => round.textContent()).toContain('Satisfaction evaluation open: get your code and answer');
    await settled(rep);
    await shoot(rep, 'home-representative-en', ['tablet', 'phone']);
    await rep.locator('.lang-switch').click();
    await rep.getByRole('heading', { name: '我的待办', level: 2 }).waitFor();

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
    // The finding's link leads where it is answered.
    await rows(dept).nth(1).getByRole('link').click();
    await eventually(() => new URL(dept.url()).pathname).not.toBe('/');
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
    await settled(page);
    await shoot(page, 'home-staff-overview', ['tablet', 'phone']);
    await page.locator('.lang-switch').click();
    const badgeEn = page.getByRole('banner').getByRole('link', { name: n === 1 ? '1 to-do' : `${n} to-dos`, exact: true });
    await eventually(() => badgeEn.textContent()).toBe(n === 1 ? '1 to-do' : `${n} to-dos`);
    await page.getByRole('heading', { name: 'My to-do list', level: 2 }).waitFor();
    await badgeEn.click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/c/${congressId}`); // home for staff is their congress
  });

  it('logged no page errors and asked nothing of another origin', () => {
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
