import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import { settled, startHarness, type Harness } from './harness.ts';

/**
 * 12345 热线 in a real browser against the real server (SPEC §13): staff choose a GBK-free UTF-8 export with wrong
 * headers and are told which columns are missing; they fix the mapping to the file's headers, check the file again
 * (counts, the rows, the department matched, the representative's call), import it, and see the import in the record.
 */
describe('the 12345 hotline import page', () => {
  let h: Harness;
  let congressId = '';
  let csrf = '';
  const today = shanghaiToday();
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const post = async <T,>(path: string, data: unknown = {}) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  const file = (header: string) => ({
    name: '12345工单导出.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      [
        header,
        `GD20260001,${addDays(today, -12)} 09:12,幸福路路灯连续一周不亮，夜间出行不便。,城关镇,城关镇住建办,办理中,,13800000001`,
        `GD20260002,${addDays(today, -9)} 14:05,小区门口垃圾堆积,河西村,省电力公司,已受理,,13800000002`,
        `GD20260003,${addDays(today, -6)} 10:00,农贸市场噪音扰民,城关镇,城关镇住建办,已办结,不满意,`,
        `GD20260004,${addDays(today, -3)} 08:30,村道破损需要修补,东山村,城关镇住建办,已办结,满意,13700009999`,
      ].join('\r\n'),
    ),
  });

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '城关镇人民代表大会', level: 'township', term: 18 })).id;
    await post(`/congresses/${congressId}/departments`, { name: '城关镇住建办', kind: 'bureau' });
    await post(`/congresses/${congressId}/representatives`, { name: '王建华', delegation: '城关代表组', phone: '13700009999' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('names the missing columns, takes the mapping from the file, previews and imports', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/hotline`);
    await page.getByRole('heading', { name: '12345热线工单导入', level: 1 }).waitFor();
    await page.getByText('还没有导入过工单').waitFor();
    await settled(page);
    await h.screenshot('hotline-empty', ['tablet', 'phone']);

    // The export names its columns its own way: the page says which are missing and what the file has.
    await page.getByLabel('选择导出文件').setInputFiles(file('工单号,受理时间,诉求内容,所属区域,承办单位,办理状态,满意度评价,来电号码'));
    await page.getByText('文件缺少这些列：“工单编号”、“来电时间”').waitFor();
    await page.getByText('文件中的表头：工单号、受理时间').waitFor();
    await page.getByRole('combobox', { name: '工单编号' }).fill('工单号');
    await page.getByRole('combobox', { name: '来电时间' }).fill('受理时间');
    await page.getByRole('button', { name: '保存列对应' }).click();
    await page.getByText(/本级设置，.*保存/).waitFor();

    await page.getByLabel('选择导出文件').setInputFiles(file('工单号,受理时间,诉求内容,所属区域,承办单位,办理状态,满意度评价,来电号码'));
    const importButton = page.getByRole('button', { name: '导入 4 条新工单、更新 0 条' });
    await importButton.waitFor();
    await page.getByRole('cell', { name: '幸福路路灯连续一周不亮，夜间出行不便' }).waitFor();
    await page.getByText('未匹配，待分类交办').waitFor();
    await page.getByRole('cell', { name: '王建华' }).waitFor();
    // No phone number is ever shown.
    expect(await page.content()).not.toContain('13800000001');
    await settled(page);
    await h.screenshot('hotline-preview', ['tablet', 'phone']);

    await importButton.click();
    await page.getByText('已导入：新增 4 条，更新 0 条，无变化 0 条，重复行 0 条。').waitFor();
    await page.getByText('其中 1 条来电人不满意，已列入重点督办。').waitFor();
    await page.getByText('1 条为代表本人来电，已标记给代表评价。').waitFor();
    await page.getByRole('cell', { name: /12345工单导出\.csv/ }).waitFor();
    await settled(page);
    await h.screenshot('hotline-done', ['tablet', 'phone']);

    // The same file again: nothing new, and the page says it was imported before.
    await page.getByRole('button', { name: '重新选择文件' }).click();
    await page.getByLabel('选择导出文件').setInputFiles(file('工单号,受理时间,诉求内容,所属区域,承办单位,办理状态,满意度评价,来电号码'));
    await page.getByText(/这个文件已于 .* 导入过/).waitFor();
    await page.getByRole('button', { name: '导入（无新内容，只记录本次导入）' }).waitFor();
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
