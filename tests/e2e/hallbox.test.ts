import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, settled, shoot, startHarness, type Harness } from './harness.ts';

/**
 * The hall in a box in a real browser (SPEC §16): the county's office uploads a township's session package (a real
 * one, exported from a laptop by tests/hallbox/package.test.ts with HALLBOX_WRITE_FIXTURE=1) with the fingerprint
 * typed from the receipt; a tampered copy is refused with its reason; the good one is filed and opens.
 */
describe('the session packages page', () => {
  let h: Harness;
  let csrf = '';
  let countyId = '';
  const fixture = JSON.parse(readFileSync(join(FIXTURES, 'hallbox-package.json'), 'utf8')) as { fingerprint: string; township: string; package: { content: { votes: { title: string }[] } } };
  const good = JSON.stringify(fixture.package);
  const tampered = JSON.stringify({ ...fixture.package, content: { ...fixture.package.content, votes: fixture.package.content.votes.map((v) => ({ ...v, title: `${v.title}（改）` })) } });
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
    for (const name of [fixture.township, '白沙镇人民代表大会']) {
      const id = (await post<{ id: string }>('/congresses', { name, level: 'township', term: 18 })).id;
      await post(`/congresses/${id}/parent`, { parentId: countyId }, 'put');
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a tampered package with its reason, files the real one and opens it', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${countyId}/county/packages`);
    await page.getByRole('heading', { name: '会场数据包', level: 1 }).waitFor();
    await page.getByText('还没有归档的会场数据包。').waitFor();
    const upload = async (body: string, typed: string) => {
      await page.getByLabel('归档到乡镇').selectOption({ label: fixture.township });
      await page.locator('input[type=file]').setInputFiles({ name: 'session.json', mimeType: 'application/json', buffer: Buffer.from(body) });
      await page.getByLabel(/密钥指纹/).fill(typed);
      await page.getByRole('button', { name: '核验并归档' }).click();
    };
    const grouped = fixture.fingerprint.match(/.{4}/g)!.join(' ');
    await upload(tampered, grouped);
    await page.getByRole('alert').getByText(/文件在签名后被改动过/).waitFor();
    await settled(page);
    await shoot(page, 'hallbox-refused', ['tablet']);
    // The right file with a fingerprint typed wrong: the key is not the township's.
    await upload(good, grouped.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')));
    await page.getByRole('alert').getByText(/签名密钥的指纹与输入的指纹不符/).waitFor();
    await upload(good, grouped);
    await page.getByText(/已核验并归档/).waitFor();
    await page.getByRole('cell', { name: fixture.township }).waitFor();
    await settled(page);
    await shoot(page, 'hallbox-packages', ['tablet', 'phone', 'desktop']);
    await page.getByRole('link', { name: '查看' }).click();
    await page.getByRole('heading', { name: new RegExp(`^${fixture.township} · `), level: 1 }).waitFor();
    await page.getByRole('heading', { name: fixture.package.content.votes[0].title, level: 2 }).waitFor();
    await page.getByText(/（总监票人）/).waitFor();
    expect(await page.getByRole('link', { name: '下载数据包' }).getAttribute('href')).toContain('/file');
    await settled(page);
    await shoot(page, 'hallbox-package', ['tablet', 'phone']);
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
