import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, shoot, startHarness, type Harness } from './harness.ts';

/**
 * Templates in a real browser (SPEC §16): the county's office makes a template and publishes a version from its own
 * settings; the township's page shows it as new, compares it with the township's settings and adopts the parts chosen.
 */
describe('templates: publish and adopt', () => {
  let h: Harness;
  let csrf = '';
  let countyId = '';
  let townId = '';
  const admin = { displayName: '县人大办公室', username: 'county.office', password: 'qingshan-2026-admin' };
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
    townId = (await post<{ id: string }>('/congresses', { name: '白沙镇第十八届人民代表大会', level: 'township', term: 18 })).id;
    await post(`/congresses/${townId}/parent`, { parentId: countyId }, 'put');
    // The county's own settings: three signatures on a tally, a longer negative list.
    const county = await (await h.page.request.get(`${h.origin}/api/congresses/${countyId}`)).json();
    const settings = { ...county.settings, tally: { signoffs: 3 }, gathering: { negativeList: [...county.settings.gathering.negativeList, '豪华装修'] } };
    await post(`/congresses/${countyId}/settings`, settings, 'put');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the county publishes, the township compares and adopts', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${countyId}/templates`);
    await page.getByRole('heading', { name: '下发模板', level: 1 }).waitFor();
    await page.getByLabel('模板名称').fill('2027年度乡镇人大工作模板');
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByRole('heading', { name: '2027年度乡镇人大工作模板', level: 2 }).waitFor();
    await page.getByLabel(/^表决、法定人数/).check();
    await page.getByLabel('版本说明').fill('首版');
    await page.getByRole('button', { name: '发布新版本' }).click();
    await page.getByText(/最新版本：第 1 版/).waitFor();
    await settled(page);
    await shoot(page, 'templates-county', ['tablet', 'phone']);

    await page.goto(`${h.origin}/c/${townId}/templates-above`);
    await page.getByRole('heading', { name: '上级模板', level: 1 }).waitFor();
    await page.getByText('有新版本：第 1 版').waitFor();
    await page.getByRole('button', { name: '比对并采用' }).click();
    await page.getByRole('cell', { name: 'tally.signoffs' }).waitFor();
    await page.getByText(/豪华装修/).first().waitFor();
    await settled(page);
    await shoot(page, 'templates-compare', ['tablet', 'phone', 'desktop']);
    await page.getByLabel('负面清单').uncheck();
    await page.getByRole('button', { name: '采用所选部分' }).click();
    await page.getByText(/已采用第 1 版/).waitFor();
    const town = await (await page.request.get(`${h.origin}/api/congresses/${townId}`)).json();
    expect(town.settings.tally.signoffs).toBe(3);
    expect(town.settings.gathering.negativeList).not.toContain('豪华装修');
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
