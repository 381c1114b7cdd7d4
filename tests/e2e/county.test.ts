import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiYear } from '../../shared/time.ts';
import { eventually, settled, startHarness, type Harness } from './harness.ts';

/**
 * 县乡联动 in a real browser against the real server (SPEC §16): the county's overseer signs in and lands on the
 * townships dashboard, sorts it by the suggestions received, opens a township's year, then the annual roll-up and its
 * A4 print; the dashboard on a phone.
 */
describe('the county pages', () => {
  let h: Harness;
  let csrf = '';
  let countyId = '';
  const ids: Record<string, string> = {};
  const year = shanghaiYear();
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const overseer = { displayName: '县人大督导', username: 'county.overseer', password: 'county-2026-oversee' };
  const post = async <T,>(path: string, data: unknown = {}, method: 'post' | 'put' = 'post') => {
    const res = await h.page.request[method](`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    countyId = (await post<{ id: string }>('/congresses', { name: '青山县第十八届人民代表大会', level: 'county', term: 18 })).id;
    for (const [name, level, items] of [['城关镇人民代表大会', 'township', 1], ['白沙镇人民代表大会', 'township', 4], ['东街街道议政会', 'street', 0]] as const) {
      const id = (await post<{ id: string }>('/congresses', { name, level, term: 18 })).id;
      ids[name] = id;
      await post(`/congresses/${id}/parent`, { parentId: countyId }, 'put');
      for (let i = 0; i < items; i++) await post(`/congresses/${id}/items`, { source: 'staff', category: 'urban', title: `路灯不亮 ${i + 1}`, content: '群众反映较多。', submitterName: '张三', submitterContact: '13912345678' });
    }
    const account = await post<{ id: string }>('/accounts', overseer);
    await post(`/congresses/${countyId}/members`, { accountId: account.id, role: 'overseer' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the overseer lands on the dashboard, sorts, drills down and prints the roll-up', async () => {
    const page = await h.newPage('desktop');
    expect((await page.request.post(`${h.origin}/api/auth/login`, { data: { username: overseer.username, password: overseer.password } })).status()).toBe(200);
    await page.goto(`${h.origin}/`);
    await page.waitForURL(`**/c/${countyId}/county`);
    await page.getByRole('heading', { name: '乡镇看板', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: /白沙镇人民代表大会/ }).waitFor();
    const names = () => page.locator('.ct-table tbody th .ct-name').allTextContents();
    await eventually(names).toEqual(['白沙镇人民代表大会', '城关镇人民代表大会', '东街街道议政会'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    await page.getByRole('button', { name: '意见建议' }).click();
    await eventually(names).toEqual(['白沙镇人民代表大会', '城关镇人民代表大会', '东街街道议政会']);
    await expect(page.getByRole('columnheader', { name: /意见建议/ }).getAttribute('aria-sort')).resolves.toBe('descending');
    expect(await page.content()).not.toContain('13912345678');
    await settled(page);
    await page.screenshot({ path: 'tests/e2e/screenshots/county-dashboard-desktop.png', fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await settled(page);
    await page.screenshot({ path: 'tests/e2e/screenshots/county-dashboard-tablet.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await page.screenshot({ path: 'tests/e2e/screenshots/county-dashboard-phone.png', fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });

    await page.getByRole('link', { name: '白沙镇人民代表大会' }).click();
    await page.getByRole('heading', { name: `白沙镇人民代表大会 ${year} 年度情况`, level: 1 }).waitFor();
    await page.getByRole('heading', { name: '意见建议办理' }).waitFor();
    await page.getByText('本年度还没有项目票决。').waitFor();
    expect(await page.content()).not.toContain('13912345678');
    await settled(page);
    await page.screenshot({ path: 'tests/e2e/screenshots/county-township-tablet.png', fullPage: true });
    await page.getByRole('link', { name: /返回乡镇看板/ }).click();
    await page.getByRole('heading', { name: '乡镇看板', level: 1 }).waitFor();

    await page.getByRole('link', { name: '年度汇总' }).first().click();
    await page.getByRole('heading', { name: '年度汇总', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: '合计' }).first().waitFor();
    await expect(page.getByRole('link', { name: '下载 Excel' }).getAttribute('href')).resolves.toContain('/county/rollup.xlsx');
    await settled(page);
    await page.screenshot({ path: 'tests/e2e/screenshots/county-rollup-tablet.png', fullPage: true });
    await page.getByRole('link', { name: '打印（A4）' }).click();
    await page.getByRole('heading', { name: `青山县第十八届人民代表大会 ${year} 年度民生实事工作汇总` }).waitFor();
    await settled(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await settled(page);
    await page.screenshot({ path: 'tests/e2e/screenshots/county-rollup-print-desktop.png', fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.pdf?.({ path: '/tmp/web-county-rollup.pdf', format: 'A4', landscape: true, preferCSSPageSize: true }).catch(() => undefined);
    await page.emulateMedia({ media: 'screen' });
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
