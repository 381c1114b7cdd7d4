import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '../../shared/time.ts';
import { eventually, settled, startHarness, type Harness } from './harness.ts';

/**
 * 研判与统计 in a real browser against the real server (SPEC §13): staff upload the year's official calendar and see
 * its days; read the figures by department and by month, with the downloads; open the monthly review sheet, record the
 * meeting's decisions and see them on the A4 sheet; open the printed figures.
 */
describe('the review pages', () => {
  let h: Harness;
  let congressId = '';
  let csrf = '';
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '城关镇人民代表大会', level: 'township', term: 18 })).id;
    const deps = [];
    for (const name of ['城关镇住建办', '县交通运输局', '县水利局']) deps.push((await post<{ id: string }>(`/congresses/${congressId}/departments`, { name, kind: 'bureau' })).id);
    const titles = ['幸福路路灯不亮', '村道破损需要修补', '农贸市场噪音扰民', '河道垃圾清理', '公交站台缺少遮雨棚'];
    for (const [i, title] of titles.entries()) {
      const item = await post<{ id: string }>(`/congresses/${congressId}/items`, { source: 'staff', category: i % 2 ? 'urban' : 'ecology', title, content: `${title}，群众反映较多。` });
      if (i < 4) await post(`/congresses/${congressId}/items/${item.id}/assign`, { departmentId: deps[i % 3], urgency: i === 1 ? 'urgent' : 'normal' });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('uploads the calendar, shows the figures, records the meeting on the sheet', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/review/calendar?year=${year}`);
    await page.getByRole('heading', { name: '法定节假日日历', level: 1 }).waitFor();
    await page.getByText(`${year} 年还没有上传日历`).waitFor();
    // A bad file first: the page says which line is wrong, and nothing is imported.
    await page.getByLabel('选择文件').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`日期,类型,名称\n${year}-10-01,放假了吗,国庆节\n`) });
    await page.getByRole('button', { name: `上传 ${year} 年日历（CSV）` }).click();
    await page.getByText('第2行').first().waitFor();
    const csv = `日期,类型,名称\n${year}-01-01,休,元旦\n${year}-10-01,休,国庆节\n${year}-10-02,休,国庆节\n${year}-10-10,班,国庆节调休\n`;
    await page.getByLabel('选择文件').setInputFiles({ name: `${year}节假日.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: `上传 ${year} 年日历（CSV）` }).click();
    await page.getByText('3 天假日，1 天调休上班').waitFor();
    await settled(page);
    await h.screenshot('review-calendar', ['tablet', 'phone']);

    await page.goto(`${h.origin}/c/${congressId}/review`);
    await page.getByRole('heading', { name: '研判与统计', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: '城关镇住建办' }).waitFor();
    await eventually(() => page.locator('.rv-tiles div').first().locator('dd').textContent()).toBe('5');
    await expect(page.getByRole('link', { name: '下载 Excel' }).getAttribute('href')).resolves.toContain('/review/figures.xlsx');
    await settled(page);
    await h.screenshot('review-figures', ['tablet', 'phone']);
    await page.getByRole('radio', { name: '按月份' }).click();
    await page.getByRole('rowheader', { name: month }).waitFor();

    await page.getByRole('link', { name: '打开研判表' }).click();
    await page.getByRole('heading', { name: `${month} 意见建议集中研判表` }).waitFor();
    await page.getByText('本月研判会尚未记录。').waitFor();
    await page.getByLabel('参加人员').fill('常委会主任、副主任，各承办单位分管负责人');
    await page.getByLabel('研判意见与决定').fill('1. 县交通运输局村道修补列入重点督办。\n2. 下月研判会听取办理情况。');
    await page.getByRole('button', { name: '保存会议记录' }).click();
    await page.locator('.rv-meeting-record').getByText('县交通运输局村道修补列入重点督办').waitFor();
    await settled(page);
    await h.screenshot('review-sheet', ['tablet', 'phone']);

    await page.goto(`${h.origin}/c/${congressId}/review/figures/print?year=${year}`);
    await page.getByRole('heading', { name: `${year} 年意见建议办理情况统计表` }).first().waitFor();
    await settled(page);
    await h.screenshot('review-figures-print', ['tablet']);
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
