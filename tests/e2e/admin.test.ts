import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settled, shoot, startHarness, type Harness } from './harness.ts';

/**
 * The office's own forms (issue 20, §3), clicked in a real browser against the real server: the whole roster sheet
 * imported again with people already on it (skip, then update); a new account's first password shown once and the
 * forced change at first sign-in; short addresses typed into the address bar, and the poster that prints one.
 * Screenshots at tablet and phone size in both languages.
 */
describe('admin: roster re-import, first passwords, short addresses', () => {
  let h: Harness;
  let csrf = '';
  let congressId = '';
  let code = '';
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const year = new Date().getFullYear();
  const SHEET = ['姓名,性别,代表团/代表小组,选区,联系电话,状态', '张伟,男,城关代表小组,第一选区,+86 138 0000 0001,在任', '李娜,女,城关代表小组,第一选区,13800000002,在任', '赵强,男,河西代表小组,第三选区,,在任'].join('\r\n');

  const c = () => `/congresses/${congressId}`;
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  const roster = async () => ((await (await h.page.request.get(`${h.origin}/api${c()}/representatives`)).json()) as { name: string; delegation: string; phone: string }[]);
  const toLang = async (page: Page, heading: RegExp | string) => {
    await page.locator('.lang-switch').first().click();
    await page.getByRole('heading', { name: heading }).first().waitFor();
    await settled(page);
  };
  const chooseFile = async (page: Page, name: string, text: string) => {
    await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`, 'utf8') });
  };
  const stat = (page: Page, label: string) => page.locator('.stats > div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '青山镇人民代表大会', level: 'township', term: 18 })).id;
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);
    await post(`${c()}/collection-windows`, { year, opensOn: today, closesOn: later });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('imports the sheet, then the same sheet again: nothing to import, and the button says why', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/roster/import`);
    await chooseFile(page, '名册.csv', SHEET);
    await eventually(() => stat(page, '新增').textContent()).toBe('3');
    const submit = page.locator('.sticky-actions .btn-primary');
    await eventually(() => submit.textContent()).toBe('导入 3 位新代表');
    await submit.click();
    await page.getByText('已导入 3 位代表。').waitFor();
    expect((await roster()).map((r) => r.phone).sort()).toEqual(['', '+86 138 0000 0001', '13800000002']);

    // Export, then import the very file: everyone unchanged (the '+86 … phone included), nothing to do.
    const exported = await (await page.request.get(`${h.origin}/api${c()}/roster/export.csv`)).text();
    expect(exported).toContain("'+86 138 0000 0001");
    await page.getByRole('button', { name: '再导入一个文件' }).click();
    await chooseFile(page, '导出的名册.csv', exported.replace(/^\uFEFF/, ''));
    await eventually(() => stat(page, '无变化').textContent()).toBe('3');
    await eventually(() => submit.textContent()).toBe('没有要导入的代表');
    expect(await submit.isDisabled()).toBe(true);
    await page.locator('#import-blocked', { hasText: '表中 3 位代表都已在名册中，没有需要新增的人。' }).waitFor();
    await settled(page);
    await shoot(page, 'admin-reimport-nothing', ['tablet', 'phone']);
  });

  it('a changed sheet: skip adds only the new person; update shows the change and applies both', async () => {
    const page = h.page;
    const changed = SHEET.replace('李娜,女,城关代表小组', '李娜,女,河西代表小组') + '\r\n陈明,男,东街代表小组,第四选区,13900000009,在任';
    await page.getByRole('button', { name: '重新选择文件' }).click();
    await chooseFile(page, '名册（新）.csv', changed);
    const submit = page.locator('.sticky-actions .btn-primary');
    await eventually(() => stat(page, '新增').textContent()).toBe('1');
    await eventually(() => stat(page, '跳过').textContent()).toBe('1');
    await eventually(() => submit.textContent()).toBe('导入 1 位新代表');
    await page.locator('tr', { hasText: '李娜' }).getByText('已在名册，有不同，跳过').waitFor();

    await page.getByText('按表格更新', { exact: true }).click();
    await eventually(() => stat(page, '将更新').textContent()).toBe('1');
    await eventually(() => submit.textContent()).toBe('导入 1 位新代表，更新 1 位');
    await page.locator('tr', { hasText: '李娜' }).getByText('代表团 / 代表小组：城关代表小组 → 河西代表小组').waitFor();
    await settled(page);
    await shoot(page, 'admin-reimport-update', ['tablet', 'phone']);
    await toLang(page, 'Import roster');
    await eventually(() => submit.textContent()).toBe('Import 1 new, update 1');
    await shoot(page, 'admin-reimport-update-en', ['tablet', 'phone']);
    await toLang(page, '导入代表名册');

    await submit.click();
    await page.getByText('已新增 1 位代表，更新 1 位。').waitFor();
    const after = await roster();
    expect(after.map((r) => r.name).sort()).toEqual(['张伟', '李娜', '赵强', '陈明'].sort());
    expect(after.find((r) => r.name === '李娜')!.delegation).toBe('河西代表小组');
  });

  it('a new account gets a first password shown once (no 人大代表 to choose), and its first sign-in goes straight to choosing its own', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/members`);
    await page.getByRole('button', { name: '新建账号' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名', { exact: true }).fill('政府办王主任');
    await dialog.getByLabel('用户名', { exact: true }).fill('gov.wang');
    const roleSelect = dialog.getByLabel('角色', { exact: true });
    const roles = await roleSelect.locator('option').allTextContents();
    expect(roles).toContain('政府办');
    expect(roles).not.toContain('人大代表');
    await dialog.getByText('人大代表不在这里建账号', { exact: false }).waitFor();
    await roleSelect.selectOption({ label: '政府办' });
    expect(await dialog.locator('input[type=password]').count()).toBe(0);
    await dialog.getByRole('button', { name: '创建账号并授予角色' }).click();
    const shown = dialog.getByTestId('first-password');
    await eventually(async () => ((await shown.textContent()) ?? '').trim()).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const first = ((await shown.textContent()) ?? '').trim();
    await dialog.getByText('这个密码只显示这一次', { exact: false }).waitFor();
    await settled(page);
    await shoot(page, 'admin-first-password', ['tablet', 'phone']);
    await dialog.getByRole('button', { name: '我已记下，完成' }).click();
    await eventually(() => page.getByRole('dialog').count()).toBe(0);

    // The person signs in with it on their own phone: straight to the change form, and nowhere else until then.
    const phone = await h.newPage('phone');
    await phone.goto(`${h.origin}/login?next=${encodeURIComponent(`/c/${congressId}`)}`);
    await phone.getByLabel('用户名', { exact: true }).fill('gov.wang');
    await phone.getByLabel('密码', { exact: true }).fill(first);
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.getByRole('heading', { name: '设置您自己的密码' }).waitFor();
    expect(new URL(phone.url()).pathname).toBe('/password');
    await phone.goto(`${h.origin}/c/${congressId}/gathering`);
    await phone.getByRole('heading', { name: '设置您自己的密码' }).waitFor();
    expect(new URL(phone.url()).pathname).toBe('/password');
    await settled(phone);
    await shoot(phone, 'admin-forced-change', ['tablet', 'phone']);
    await toLang(phone, 'Choose your own password');
    await shoot(phone, 'admin-forced-change-en', ['tablet', 'phone']);
    await toLang(phone, '设置您自己的密码');

    // The first password again is refused; a new one twice goes on to where the person was going.
    await phone.getByLabel('首次密码', { exact: true }).fill(first);
    await phone.getByLabel('新密码', { exact: true }).fill(first);
    await phone.getByLabel('再输入一次新密码', { exact: true }).fill(first);
    await phone.getByRole('button', { name: '保存新密码并继续' }).click();
    await phone.getByText('新密码不能与当前密码相同。').waitFor();
    await phone.getByLabel('新密码', { exact: true }).fill('qingshan river 2026');
    await phone.getByLabel('再输入一次新密码', { exact: true }).fill('qingshan river 2026');
    await phone.getByRole('button', { name: '保存新密码并继续' }).click();
    await eventually(() => new URL(phone.url()).pathname).toBe(`/c/${congressId}/gathering`);
    expect((await phone.request.get(`${h.origin}/api/congresses`)).status()).toBe(200);
  });

  it('an administrator resets a forgotten password: a new first password, shown once', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/accounts`);
    await page.getByRole('button', { name: /政府办王主任/ }).click();
    await page.getByRole('button', { name: '生成新的首次密码' }).click();
    await page.getByRole('button', { name: '生成新密码' }).click();
    await eventually(async () => ((await page.getByTestId('first-password').textContent()) ?? '').trim()).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await page.getByText('密码已重设').waitFor();
  });

  it('a short address typed into the address bar opens the page; the poster prints it', async () => {
    code = ((await (await h.page.request.get(`${h.origin}/api/public/congresses/${congressId}/addresses`)).json()) as { code: string }).code;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}$/);
    const phone = await h.newPage('phone');
    await phone.goto(`${h.origin}/p/${code.toLowerCase()}`);
    await eventually(() => new URL(phone.url()).pathname).toBe(`/p/${congressId}`);
    await phone.getByText('青山镇人民代表大会').first().waitFor();
    await phone.goto(`${h.origin}/e/${code}`);
    await eventually(() => new URL(phone.url()).pathname + new URL(phone.url()).search).toBe(`/e?c=${congressId}`);
    await phone.locator('input').first().waitFor();

    // A code nobody holds says so, and how a code looks.
    const unknown = ['ZZZZZ', 'YYYYY', 'XXXXX'].find((x) => x !== code)!;
    await phone.goto(`${h.origin}/p/${unknown}`);
    await phone.getByRole('heading', { name: '这个地址打不开' }).waitFor();
    await phone.getByText(`找不到编码为“${unknown}”的人大`, { exact: false }).waitFor();
    await settled(phone);
    await shoot(phone, 'admin-short-unknown', ['phone']);

    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/gathering/poster`);
    await eventually(() => page.getByTestId('poster-short-url').textContent()).toBe(`${new URL(h.origin).host}/p/${code}`);
    await settled(page);
    await shoot(page, 'admin-poster-short', ['tablet', 'phone']);
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
