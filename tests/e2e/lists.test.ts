import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv.ts';
import { eventually, settled, startHarness, type Harness } from './harness.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';

/**
 * Long lists as staff use them (issue 20): the audit log in words — filtered by action, searched, a date range, a
 * page at a time, the object's link, the CSV download — and a roster of 130 paged and searched on the server, each
 * keeping its place in the address through a reload and the back button. Screenshots in both languages.
 */
describe('long lists: the audit log and the roster, paged, filtered and searched', () => {
  let h: Harness;
  let congressId = '';
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const today = shanghaiToday();
  const towns = ['城关镇', '河东乡', '石桥镇', '青山乡', '白沙镇', '柳林乡', '东岭镇', '西湖乡', '南山镇', '北岗乡', '龙泉镇', '桃源乡', '新塘镇'];
  let post: <T>(path: string, data: unknown) => Promise<T>;

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    const { csrfToken } = (await setup.json()) as { csrfToken: string };
    const headers = { 'X-CSRF-Token': csrfToken };
    post = async <T,>(path: string, data: unknown) => {
      const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return (await res.json()) as T;
    };
    congressId = (await post<{ id: string }>('/congresses', { name: '青山县人民代表大会', level: 'county', term: 18 })).id;
    const c = `/congresses/${congressId}`;
    await post(`${c}/departments`, { name: '县交通运输局', kind: 'bureau' });
    // 130 representatives across 13 township delegations, added a few at a time: 130 entries in the log too.
    const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
    const given = ['建国', '秀英', '志强', '丽华', '卫东', '海燕', '国庆', '春梅', '德明', '玉兰', '永红', '桂芳', '长生'];
    const names = Array.from({ length: 130 }, (_, i) => ({ name: `${surnames[i % 10]}${given[Math.floor(i / 10)]}`, delegation: `${towns[i % 13]}代表团`, constituency: `第${(i % 20) + 1}选区`, phone: `139${String(10000000 + i * 7919).slice(0, 8)}` }));
    for (let i = 0; i < names.length; i += 10) await Promise.all(names.slice(i, i + 10).map((r) => post(`${c}/representatives`, r)));
    const reps = (await (await h.page.request.get(`${h.origin}/api${c}/representatives`)).json()) as { id: string; name: string }[];
    const wang = reps.find((r) => r.name === '王建国')!;
    const res = await h.page.request.patch(`${h.origin}/api${c}/representatives/${wang.id}`, { data: { delegation: '河东乡代表团' }, headers });
    expect(res.status()).toBe(200);
    await post(`${c}/representatives/${wang.id}/reissue-card`, {});
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the audit log in words, filters it by action and finds the object by its name', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/audit`);
    await page.getByRole('heading', { name: '审计日志', level: 1 }).waitFor();
    await page.getByText('共 134 条记录').waitFor(); // the congress, 1 department, 130 added, 1 changed, 1 card reissued
    await page.getByText('第 1–50 条，共 134 条').waitFor();
    // Words, not codes; names, not ids.
    await page.getByRole('cell', { name: '补发代表证' }).waitFor();
    expect(await page.getByText('roster.reissue_card').count()).toBe(0);
    await h.screenshot('lists-audit');

    await page.getByLabel('操作', { exact: true }).selectOption({ label: '修改代表信息' });
    await page.getByText('符合条件的记录 1 条').waitFor();
    expect(page.url()).toContain('what=roster.update');
    const row = page.getByRole('row', { name: /修改代表信息/ });
    await row.getByText('河东乡代表团').waitFor();
    // The object by its name, linked to its page (the roster, searched for the person).
    await row.getByRole('link', { name: '王建国' }).click();
    await page.getByRole('heading', { name: '代表名册', level: 1 }).waitFor();
    await eventually(() => page.getByRole('row', { name: /王建国/ }).count()).toBe(1);
    expect(decodeURIComponent(page.url())).toContain('q=王建国');
    // Back: the filter is still there.
    await page.goBack();
    await page.getByText('符合条件的记录 1 条').waitFor();
    await eventually(() => page.getByLabel('操作', { exact: true }).inputValue()).toBe('roster.update');
  });

  it('searches and takes a date range, and keeps them through a reload', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/audit`);
    await page.getByText('共 134 条记录').waitFor();
    await page.getByRole('searchbox', { name: '搜索操作人、对象名称或内容' }).fill('王建国');
    // Three entries name him: added, changed, card reissued.
    await page.getByText('符合条件的记录 3 条').waitFor();
    await page.getByLabel('从（日期）').fill(today);
    await page.getByLabel('到（日期）').fill(today);
    await page.getByText('符合条件的记录 3 条').waitFor();
    await page.reload();
    await page.getByText('符合条件的记录 3 条').waitFor();
    await eventually(() => page.getByRole('searchbox').inputValue()).toBe('王建国');
    await h.screenshot('lists-audit-search', ['tablet', 'phone']);
    // A day with nothing: says so, and offers to clear the filters.
    await page.getByLabel('到（日期）').fill('2020-01-01');
    await page.getByLabel('从（日期）').fill('2020-01-01');
    await page.getByText('没有符合条件的记录').waitFor();
    await page.getByRole('button', { name: '清除筛选条件' }).click();
    await page.getByText('共 134 条记录').waitFor();
  });

  it('pages the audit log on the server, and the back button returns to the page before', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/audit`);
    await page.getByText('第 1–50 条，共 134 条').waitFor();
    const pager = page.getByRole('navigation', { name: '分页' });
    await pager.getByRole('button', { name: '下一页' }).click();
    await page.getByText('第 51–100 条，共 134 条').waitFor();
    expect(page.url()).toContain('page=2');
    await pager.getByRole('button', { name: '最后一页' }).click();
    await page.getByText('第 101–134 条，共 134 条').waitFor();
    await settled(page);
    expect(await page.locator('.audit-table tbody tr').count()).toBe(34);
    expect(await pager.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await page.goBack();
    await page.getByText('第 51–100 条，共 134 条').waitFor();
    await pager.getByLabel('第 2 页，共 3 页').selectOption('1');
    await page.getByText('第 1–50 条，共 134 条').waitFor();
  });

  it('downloads the filtered log as CSV, in words, that Excel reads', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/audit?what=area:roster`);
    await page.getByText('符合条件的记录 132 条').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
    const text = (await readFile((await download.path())!)).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text);
    expect(header.slice(0, 6)).toEqual(['序号', '时间（北京时间）', '操作人', '操作', '对象类型', '对象']);
    expect(rows).toHaveLength(132);
    expect(rows.find((r) => r[3] === '补发代表证')?.[5]).toBe('王建国');
    expect(rows.every((r) => r[7].startsWith('roster.'))).toBe(true);
  });

  it('pages and searches a roster of 130 on the server, keeping the place in the address', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/roster`);
    await page.getByText('在任代表共 130 人').waitFor();
    await page.getByText('第 1–50 条，共 130 条').waitFor();
    await settled(page);
    expect(await page.locator('table tbody tr').count()).toBe(50);
    const pager = page.getByRole('navigation', { name: '分页' });
    await pager.getByRole('button', { name: '下一页' }).click();
    await page.getByText('第 51–100 条，共 130 条').waitFor();
    expect(page.url()).toContain('page=2');
    await page.reload();
    await page.getByText('第 51–100 条，共 130 条').waitFor();
    await h.screenshot('lists-roster');
    // A search goes to the server and starts again from its first page.
    await page.getByRole('searchbox', { name: '搜索姓名、代表团或选区' }).fill('石桥镇');
    await page.getByText('找到 10 人').waitFor();
    expect(page.url()).not.toContain('page=');
    await settled(page);
    expect(await page.getByRole('navigation', { name: '分页' }).count()).toBe(0);
    // The search took the place of that page in the history (typing does not stack entries): back is the first page.
    await page.goBack();
    await page.getByText('第 1–50 条，共 130 条').waitFor();
  });

  it('pages the proposals on the server, with counts by status', async () => {
    const { page } = h;
    // 55 proposals entered at the desk, three not adopted.
    const year = Number(today.slice(0, 4));
    const day = (n: number) => addDays(today, n);
    await post(`/congresses/${congressId}/collection-windows`, { year, opensOn: day(-10), closesOn: day(20) });
    const made: string[] = [];
    for (let i = 0; i < 55; i += 5)
      made.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, (_, k) =>
            post<{ id: string }>(`/congresses/${congressId}/proposals`, {
              title: `${towns[(i + k) % 13]}道路硬化第${i + k + 1}段`,
              description: '道路坑洼，雨天难行，建议硬化。',
              category: 'transport',
              location: towns[(i + k) % 13],
              estimatedInvestment: '120.00',
              beneficiaries: '沿线村民',
              channel: 'liaison_station',
              station: `${towns[(i + k) % 13]}代表联络站`,
            }),
          ),
        )).map((p) => p.id),
      );
    for (const id of made.slice(0, 3)) await post(`/congresses/${congressId}/proposals/${id}/reject`, { reason: '不属于民生实事范围', reserve: false });
    await page.goto(`${h.origin}/c/${congressId}/gathering/proposals`);
    await page.getByText('第 1–50 条，共 55 条').waitFor();
    await page.getByRole('radio', { name: /不予采纳\s*3/ }).waitFor();
    await page.getByRole('navigation', { name: '分页' }).getByRole('button', { name: '下一页' }).click();
    await page.getByText('第 51–55 条，共 55 条').waitFor();
    expect(page.url()).toContain('page=2');
    await page.getByRole('radio', { name: /不予采纳/ }).click();
    await page.getByText('第 1–3 条，共 3 条').waitFor();
    expect(page.url()).not.toContain('page=');
    await page.getByRole('searchbox').fill('石桥镇');
    await page.getByText('第 1–1 条，共 1 条').waitFor();
    await page.getByRole('radio', { name: /全部/ }).click();
    await page.getByText('第 1–5 条，共 5 条').waitFor();
    await h.screenshot('lists-proposals', ['tablet', 'phone']);
  });

  it('speaks English', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/audit`);
    await page.getByText('共 193 条记录').waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('193 entries').waitFor();
    await page.getByRole('cell', { name: 'Not adopted' }).first().waitFor();
    await page.getByRole('cell', { name: 'Proposal submitted' }).first().waitFor();
    await page.getByText('1–50 of 193').waitFor();
    await h.screenshot('lists-audit-en');
    await page.goto(`${h.origin}/c/${congressId}/roster?page=3`);
    await page.getByText('101–130 of 130').waitFor();
    await h.screenshot('lists-roster-en', ['tablet', 'phone']);
    await page.getByRole('button', { name: '切换到中文' }).click().catch(() => undefined);
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
