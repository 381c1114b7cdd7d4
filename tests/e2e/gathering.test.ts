import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settled, shoot, startHarness, textMatching, type Harness } from './harness.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';

/**
 * Stage A in a real browser against the real server (design §3): the admin opens a collection window and prints the
 * poster; a resident proposes on a phone with a photo, answers the check question and gets a tracking code; the
 * government office screens on a tablet (the seven checks, acceptance with formal fields, a one-click merge of a
 * duplicate, a refusal with a reason for a proposal on the negative list); the admin builds a list with its 差额,
 * freezes it; the public list and the tracking pages follow. Assertions read what a person sees.
 */

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const EN_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "七加五等于几？" or "What is seven plus five?" → 12 */
export function solve(question: string): number {
  const zh = /(\S)加(\S)等于/.exec(question);
  if (zh) return ZH_DIGITS.indexOf(zh[1]) + ZH_DIGITS.indexOf(zh[2]);
  const en = /What is (\w+) plus (\w+)/i.exec(question);
  if (en) return EN_DIGITS.indexOf(en[1].toLowerCase()) + EN_DIGITS.indexOf(en[2].toLowerCase());
  throw new Error(`cannot read the question: ${question}`);
}

/** A small real PNG (a road-grey picture with a red band), so that the server's type check and the preview see a photo. */
function png(width = 96, height = 64): Buffer {
  const row = (y: number) => {
    const px = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = y > height * 0.45 && y < height * 0.6;
      px.set(band ? [0xb0, 0x30, 0x2a] : [0x8a + (x % 16), 0x86, 0x80], 1 + x * 3);
    }
    return px;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.concat(Array.from({ length: height }, (_, y) => row(y)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}


describe('gathering and screening: from a resident’s proposal to the frozen candidate list', () => {
  let h: Harness;
  let congressId = '';
  let csrf = '';
  let resident: Page;
  let gov: Page;
  let residentCode = '';
  let rejectedCode = '';
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4)) + 1;
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const government = { displayName: '陈主任', username: 'gov.chen', password: 'government-2026' };

  /** Enter a proposal through the API as the admin (as staff enter hotline and office proposals). */
  const enter = async (data: Record<string, unknown>) => {
    const res = await h.page.request.post(`${h.origin}/api/congresses/${congressId}/proposals`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect(res.status()).toBe(201);
    return (await res.json()) as { id: string; trackingCode: string };
  };

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    const headers = { 'X-CSRF-Token': csrf };
    const congress = await h.page.request.post(`${h.origin}/api/congresses`, { data: { name: '示范县人民代表大会', level: 'county', term: 7 }, headers });
    congressId = ((await congress.json()) as { id: string }).id;
    for (const name of ['县交通运输局', '县住房和城乡建设局', '县教育局', '县卫生健康局'])
      expect((await h.page.request.post(`${h.origin}/api/congresses/${congressId}/departments`, { data: { name, kind: 'bureau' }, headers })).status()).toBe(201);
    const acc = await h.page.request.post(`${h.origin}/api/congresses/${congressId}/accounts`, { data: { ...government, role: 'government' }, headers });
    expect(acc.status()).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets the admin keep the negative list and open a collection window covering today', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}`);
    const negative = page.locator('.negative-list');
    await negative.getByText('办公楼', { exact: true }).waitFor();
    await negative.getByRole('textbox', { name: '负面清单' }).fill('豪华装修');
    await negative.getByRole('button', { name: '添加' }).click();
    await negative.getByText('豪华装修', { exact: true }).waitFor();
    await page.getByRole('button', { name: '保存规则设置' }).click();
    await page.getByText('规则设置已保存。').waitFor();

    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByText('征集与初定', { exact: true }).waitFor();
    for (const entry of ['项目建议', '候选项目', '候选项目清单']) await nav.getByRole('link', { name: entry, exact: true }).waitFor();
    await nav.getByRole('link', { name: '征集安排' }).click();
    await page.getByRole('heading', { name: '征集安排', level: 1 }).waitFor();
    await page.getByText('还没有安排征集期').waitFor();

    await page.getByRole('button', { name: '安排征集期' }).first().click();
    const dialog = page.getByRole('dialog', { name: '安排征集期' });
    await eventually(() => dialog.getByLabel('年度').inputValue()).toBe(String(year));
    await dialog.getByLabel('开始日期').fill(addDays(today, -3));
    await dialog.getByLabel('截止日期').fill(addDays(today, -5));
    await dialog.getByRole('button', { name: '安排', exact: true }).click();
    await dialog.getByText('结束日期不能早于开始日期').waitFor();
    await dialog.getByLabel('截止日期').fill(addDays(today, 40));
    await dialog.getByRole('button', { name: '安排', exact: true }).click();
    await page.getByText(`已安排 ${year} 年度的征集期。`).waitFor();
    await page.getByRole('row', { name: new RegExp(`${year} 年度`) }).getByText('征集中').waitFor();
    await page.getByText(`${year} 年度建议正在征集中`).waitFor();
    await h.screenshot('gathering-windows', ['tablet', 'phone']);
  });

  it('prints a poster with the QR of the public submission page', async () => {
    const { page } = h;
    await page.getByRole('link', { name: '打印征集海报' }).click();
    await page.getByRole('heading', { name: '征集海报', level: 1 }).waitFor();
    const poster = page.locator('.poster');
    await poster.getByText('示范县人民代表大会').waitFor();
    await poster.getByText(`${year} 年度民生实事项目建议征集`).waitFor();
    // The poster prints the short address a person can type (the QR holds the long one).
    const { code } = (await (await page.request.get(`${h.origin}/api/public/congresses/${congressId}/addresses`)).json()) as { code: string };
    await eventually(() => page.getByTestId('poster-short-url').textContent()).toBe(`${new URL(h.origin).host}/p/${code}`);
    const qr = page.getByRole('img', { name: '提交建议的二维码' });
    await eventually(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await h.screenshot('poster');
    await page.locator('.print-toolbar').waitFor();
    await page.emulateMedia({ media: 'print' });
    await eventually(() => page.locator('.print-toolbar').isVisible()).toBe(false);
    await eventually(() => poster.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('takes a resident’s proposal on a phone, with a photo, and gives a tracking code', async () => {
    resident = await h.newPage('phone');
    const page = resident;
    await page.goto(`${h.origin}/p/${congressId}`);
    await page.getByRole('heading', { name: `${year} 年度民生实事项目建议征集`, level: 1 }).waitFor();
    const question = page.locator('.answer-field label');
    await eventually(() => question.textContent()).toMatch(/^验证题：.+等于几？$/);
    const asked = Date.now();

    // Nothing is sent before the form is complete; each problem is said beside its field.
    await page.getByRole('button', { name: '提交建议' }).click();
    await page.getByText('请选择一个类别').waitFor();
    await page.getByText('还有内容需要补充或修改，请按提示填写。').waitFor();

    await page.getByText('交通出行', { exact: true }).click();
    await page.getByLabel('建议标题').fill('河东村至镇区道路拓宽');
    await page.getByLabel('地点').fill('河东村');
    await page.getByLabel('具体内容').fill('河东村到镇区的村道只有 3.5 米宽，会车困难，雨天积水，学生上学不安全。希望拓宽到 6 米并修好排水沟。');
    await page.getByLabel('受益人群（选填）').fill('河东村 800 多户居民和上学的孩子');
    await page.getByLabel('估算投资（选填）').fill('１２０');
    await eventually(() => page.getByLabel('估算投资（选填）').inputValue()).toBe('120');
    const files = page.locator('input[type=file]');
    await files.setInputFiles([
      { name: '路口照片.png', mimeType: 'image/png', buffer: png() },
      { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
    ]);
    await page.getByText('“说明.txt”不是支持的类型（JPG、PNG、WebP 照片或 PDF）。').waitFor();
    await page.locator('.file-item').getByText('路口照片.png').waitFor();
    await eventually(() => page.locator('.file-item img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
    await page.getByLabel('称呼（选填）').fill('王先生');
    await page.getByLabel('手机或电话').fill('13800001111');
    await page.getByText('不会公开，也不会出现在任何公开页面上').waitFor();
    // The honeypot stays empty, out of sight and out of the tab order.
    const honeypot = page.locator('input[name=website]');
    const box = await honeypot.boundingBox();
    expect(box === null || box.x + box.width <= 0).toBe(true);
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await page.locator('.hp').getAttribute('aria-hidden')).toBe('true');

    // The server refuses answers faster than 3 s after the question.
    await page.waitForTimeout(Math.max(0, 3300 - (Date.now() - asked)));
    const answer = solve((await question.textContent()) ?? '');
    await page.getByLabel(/^验证题：/).fill(String(answer));
    await shoot(page, 'submit-form');

    await page.getByRole('button', { name: '提交建议' }).click();
    await page.getByRole('heading', { name: '建议已提交' }).waitFor();
    residentCode = await textMatching(page.locator('.tracking-code'), /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await page.getByRole('button', { name: '复制查询码' }).waitFor();
    await page.getByRole('button', { name: '打印' }).waitFor();
    await shoot(page, 'submit-done');

    await page.getByRole('link', { name: '查询办理进度' }).click();
    await page.waitForURL(`**/t/${residentCode}`);
    await page.getByRole('heading', { name: '河东村至镇区道路拓宽' }).waitFor();
    await step(page, '已提交').waitFor();
    await page.getByText('来源：群众网上提交').waitFor();
    await step(page, '初审中').waitFor();
    await settled(page);
    expect(await page.content()).not.toContain('13800001111');
    expect(await page.content()).not.toContain('王先生');
    await shoot(page, 'track-pending');
  });

  it('lets staff enter what a liaison station gathered, and more proposals arrive', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/gathering/proposals`);
    await page.getByRole('heading', { name: '项目建议', level: 1 }).waitFor();
    await page.getByRole('row', { name: /河东村至镇区道路拓宽/ }).getByText('待初定').waitFor();
    await page.getByRole('button', { name: '录入建议' }).first().click();
    const dialog = page.getByRole('dialog', { name: '录入建议' });
    await dialog.getByLabel('来源渠道').selectOption('liaison_station');
    await dialog.getByRole('button', { name: `提交（计入 ${year} 年度）` }).click();
    await dialog.getByText('请填写代表联络站名称').waitFor();
    await dialog.getByLabel('代表联络站').fill('河东村代表联络站');
    await dialog.getByLabel('建议标题').fill('河东村道路拓宽改造');
    await dialog.getByLabel('类别').selectOption('transport');
    await dialog.getByLabel('地点').fill('河东村');
    await dialog.getByLabel('具体内容').fill('村民在联络站反映：进村道路太窄，大车进不来，建议拓宽。');
    await dialog.getByLabel('姓名').fill('李大爷');
    await dialog.getByLabel('联系方式').fill('0571-88800001');
    await dialog.getByRole('button', { name: `提交（计入 ${year} 年度）` }).click();
    await page.getByRole('heading', { name: '河东村道路拓宽改造', level: 1 }).waitFor();
    await page.getByText('仅供工作人员核实情况').waitFor();
    await page.getByText('0571-88800001').waitFor();

    await enter({ channel: 'hotline_12345', title: '青山小学门口增设人行天桥', category: 'transport', location: '青山小学', description: '学校门口是省道，车速快，每天上下学有 600 多名学生过马路。', estimatedInvestment: '85.5', submitterName: '张女士', submitterContact: '13900002222' });
    await enter({ channel: 'government', title: '镇卫生院发热门诊改造', category: 'health', location: '青山镇卫生院', description: '发热门诊面积不足，需要扩建并增加隔离观察室。', estimatedInvestment: '260' });
    rejectedCode = (await enter({ channel: 'government', title: '新建镇政府办公楼', category: 'other', location: '青山镇', description: '现有办公楼年久失修，建议新建镇政府办公楼。', estimatedInvestment: '3000' })).trackingCode;
  });

  it('lets the government office screen on a tablet: seven checks, then accept with formal fields', async () => {
    gov = await h.newPage('tablet');
    const page = gov;
    await page.goto(`${h.origin}/login`);
    await page.getByLabel('用户名').fill(government.username);
    await page.getByLabel('密码').fill(government.password);
    await page.getByRole('button', { name: '登录' }).click();
    // 政府办 land on their to-do list: the proposals waiting for screening are the first thing there.
    await page.getByRole('heading', { name: `您好，${government.displayName}`, level: 1 }).waitFor();
    await page.locator('.work-item[data-kind="proposals_to_screen"]').waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '项目建议' }).click();
    await page.getByRole('heading', { name: '项目建议', level: 1 }).waitFor();
    await page.getByText('共 5 条建议').waitFor();
    await page.getByRole('radio', { name: /待初定\s*5/ }).waitFor();
    await page.getByRole('row', { name: /新建镇政府办公楼/ }).getByText('负面清单：办公楼').waitFor();
    await shoot(page, 'proposals-list');

    // Filters live in the address: a reload keeps them.
    await page.getByLabel('类别').selectOption('health');
    await page.getByText('找到 1 条建议').waitFor();
    await eventually(() => page.url()).toContain('category=health');
    await page.reload();
    await page.getByText('找到 1 条建议').waitFor();
    await page.goto(`${h.origin}/c/${congressId}/gathering/proposals`);
    await page.getByRole('searchbox').fill(residentCode.toLowerCase().replace('-', ''));
    await page.getByText('找到 1 条建议').waitFor();

    await page.getByRole('link', { name: '河东村至镇区道路拓宽' }).first().click();
    await page.getByRole('heading', { name: '河东村至镇区道路拓宽', level: 1 }).waitFor();
    await page.getByText('13800001111').waitFor();
    await page.getByRole('link', { name: '在新窗口打开附件 路口照片.png' }).waitFor();
    await page.locator('.similar-list').getByRole('link', { name: '河东村道路拓宽改造' }).waitFor();
    const accept = page.getByRole('button', { name: '列为候选项目' });
    await eventually(() => accept.isDisabled()).toBe(true);
    await page.getByText(/还有审查项未完成：论证、评估/).waitFor();

    await recordChecks(page);
    await page.getByText('已审查 7/7 项').waitFor();
    await page.getByText('审查记录有修改，请先保存。').waitFor();
    await page.getByRole('button', { name: '保存审查记录' }).click();
    await page.getByText('审查记录已保存。').waitFor();
    await eventually(() => accept.isDisabled()).toBe(false);
    await shoot(page, 'proposal-detail');

    await acceptWith(page, { lead: '县交通运输局', co: ['县住房和城乡建设局'], funding: '县级财政 80%，镇级配套 20%', outcome: '村道拓宽到 6 米，会车顺畅，雨天不再积水。', shot: 'accept-dialog' });
  });

  it('merges a likely duplicate with one click', async () => {
    const page = gov;
    await page.goto(`${h.origin}/c/${congressId}/gathering/proposals?q=${encodeURIComponent('拓宽改造')}`);
    await page.getByRole('link', { name: '河东村道路拓宽改造' }).first().click();
    await page.getByRole('heading', { name: '河东村道路拓宽改造', level: 1 }).waitFor();
    const similar = page.locator('.similar-list li').filter({ hasText: '河东村至镇区道路拓宽' });
    await similar.getByText('列为候选项目').waitFor();
    await similar.getByRole('button', { name: '把本建议合并到“河东村至镇区道路拓宽”' }).click();
    const confirm = page.getByRole('dialog', { name: '合并这两条建议？' });
    await confirm.getByText('此决定不能撤销').waitFor();
    await confirm.getByRole('button', { name: '合并' }).click();
    await page.getByText('已合并到另一条建议').waitFor();
    await page.getByText('理由：与“河东村至镇区道路拓宽”内容相近，合并办理。').waitFor();
  });

  it('accepts two more and refuses a proposal on the negative list, with a reason', async () => {
    const page = gov;
    for (const [title, lead, outcome] of [
      ['青山小学门口增设人行天桥', '县交通运输局', '600 多名学生安全过马路。'],
      ['镇卫生院发热门诊改造', '县卫生健康局', '发热病人单独就诊，避免交叉感染。'],
    ]) {
      await page.goto(`${h.origin}/c/${congressId}/gathering/proposals?status=submitted`);
      await page.getByRole('link', { name: title }).first().click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await recordChecks(page);
      await page.getByRole('button', { name: '保存审查记录' }).click();
      await page.getByText('审查记录已保存。').first().waitFor();
      await acceptWith(page, { lead, co: [], funding: '县级财政', outcome });
    }

    await page.goto(`${h.origin}/c/${congressId}/gathering/proposals?status=submitted`);
    await page.getByText('找到 1 条建议').waitFor();
    await page.getByRole('link', { name: '新建镇政府办公楼' }).first().click();
    await page.getByRole('alert').filter({ hasText: '触及负面清单：办公楼' }).waitFor();
    await page.getByText('触及负面清单（办公楼、政府办公），不能列为候选项目。').waitFor();
    await eventually(() => page.getByRole('button', { name: '列为候选项目' }).isDisabled()).toBe(true);
    await shoot(page, 'proposal-negative', ['tablet']);
    await page.getByRole('button', { name: '合并到其他建议' }).click();
    const merge = page.getByRole('dialog', { name: '合并到其他建议' });
    await merge.getByLabel('合并到').waitFor();
    await eventually(() => merge.locator('option').allTextContents()).toContain(`河东村至镇区道路拓宽（河东村 · 列为候选项目 · ${residentCode}）`);
    await shoot(page, 'merge-dialog', ['tablet']);
    await merge.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '不予采纳' }).click();
    const dialog = page.getByRole('dialog', { name: '不予采纳' });
    await dialog.getByText('提出人凭查询码可以看到“不予采纳”和理由').waitFor();
    await dialog.getByLabel('理由').fill('新建政府办公楼属于负面清单所列的楼堂馆所项目，不列入民生实事项目。');
    await shoot(page, 'reject-dialog', ['tablet', 'phone']);
    await dialog.getByRole('button', { name: '不予采纳' }).click();
    await page.getByText('已作不予采纳处理。').waitFor();
    await page.locator('.alert').filter({ hasText: '理由：新建政府办公楼属于负面清单' }).waitFor();

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '候选项目', exact: true }).click();
    await page.getByText('共 3 个候选项目，计划总投资 465.50 万元').waitFor();
    await shoot(page, 'candidates', ['tablet', 'phone']);
  });

  it('builds a candidate list as admin, shows the 差额, and freezes it after naming the consequence', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/gathering/lists`);
    await page.getByText('还没有候选项目清单').waitFor();
    // The form takes its year from the collection windows the page loads: open it once they are in.
    await settled(page);
    await page.getByRole('button', { name: '新建清单' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建清单' });
    await eventually(() => dialog.getByLabel('清单名称').inputValue()).toBe(`${year} 年度民生实事候选项目清单`);
    await dialog.getByLabel('应选项目数').fill('2');
    await dialog.getByRole('button', { name: '新建并选入候选项目' }).click();
    await page.getByRole('heading', { name: `${year} 年度民生实事候选项目清单`, level: 1 }).waitFor();
    const surplus = page.locator('.surplus');
    await surplus.getByText('尚无候选项目').waitFor();

    await page.getByRole('button', { name: '把“河东村至镇区道路拓宽”加入清单' }).click();
    await surplus.getByText('少于应选数').waitFor();
    await page.getByRole('button', { name: '把“青山小学门口增设人行天桥”加入清单' }).click();
    await surplus.getByText('差额不足').waitFor();
    await surplus.getByText('候选 2 个、应选 2 个，只多 0 个，少于本人大至少多 1 个的规定。').waitFor();
    await page.getByRole('button', { name: '把“镇卫生院发热门诊改造”加入清单' }).click();
    await surplus.getByText('差额符合要求').waitFor();
    await page.getByRole('button', { name: '上移“镇卫生院发热门诊改造”' }).click();
    await eventually(() => page.locator('.order-list .order-text strong').allTextContents()).toEqual(['河东村至镇区道路拓宽', '镇卫生院发热门诊改造', '青山小学门口增设人行天桥']);
    await page.getByRole('button', { name: '保存清单' }).click();
    await page.getByText('清单已保存。').waitFor();
    await shoot(page, 'list-builder');

    await page.getByRole('button', { name: '冻结清单' }).click();
    const confirm = page.getByRole('dialog', { name: '冻结候选项目清单？' });
    await confirm.getByText('冻结后不可修改，只能另建新版本。').waitFor();
    await h.screenshot('freeze-confirm', ['tablet', 'phone']);
    await confirm.getByRole('button', { name: '冻结清单' }).click();
    await page.getByText('清单已冻结。').waitFor();
    await page.getByText(/^已于 .+ 冻结（林主任）$/).waitFor();
    await settled(page);
    expect(await page.getByRole('button', { name: '保存清单' }).count()).toBe(0);
    await page.getByRole('link', { name: '公开页面' }).waitFor();
    await page.getByRole('button', { name: '生成新版本' }).waitFor();
    await h.screenshot('list-frozen', ['tablet']);

    // A change after freezing is a new version; the frozen one stays on record and links to it.
    await page.getByRole('button', { name: '生成新版本' }).click();
    const again = page.getByRole('dialog', { name: '生成新版本？' });
    await again.getByText('第 1 版保留备查').waitFor();
    await again.getByRole('button', { name: '生成第 2 版' }).click();
    await page.getByText('已生成第 2 版草稿。').waitFor();
    const versions = page.getByRole('navigation', { name: '版本：' });
    await versions.getByText('第 2 版 · 草稿').waitFor();
    await versions.getByRole('link', { name: '第 1 版 · 已冻结' }).click();
    await page.getByText('已生成第 2 版草稿。在它冻结之前，本版本仍然有效。').waitFor();
    await page.getByRole('link', { name: '← 候选项目清单' }).click();
    await page.getByRole('row', { name: /第 1 版/ }).getByText('差额符合要求').waitFor();
    await h.screenshot('lists', ['tablet', 'phone']);
  });

  it('publishes the frozen list, and the tracking pages follow the proposals to it', async () => {
    const page = resident;
    await page.goto(`${h.origin}/p/${congressId}/candidates`);
    await page.getByRole('heading', { name: '民生实事候选项目清单', level: 1 }).waitFor();
    await page.getByText(`${year} 年度 · 应选 2 项 · 候选 3 项 · 计划总投资 465.50 万元`).waitFor();
    await eventually(() => page.locator('.cand-item h3').allTextContents()).toEqual(['第 1 项 河东村至镇区道路拓宽', '第 2 项 镇卫生院发热门诊改造', '第 3 项 青山小学门口增设人行天桥']);
    const first = page.locator('.cand-item').first();
    await first.getByText('120.00 万元').waitFor();
    await first.getByText('县交通运输局').waitFor();
    await first.getByText('县住房和城乡建设局').waitFor();
    await first.getByText('县级财政 80%，镇级配套 20%').waitFor();
    expect(await page.getByRole('link', { name: '下载 CSV' }).getAttribute('href')).toMatch(/\/api\/public\/congresses\/.+\/candidate-lists\/.+\/export\.csv$/);
    await settled(page);
    expect(await page.content()).not.toContain('13800001111');
    await shoot(page, 'public-list');

    // The code as a person might type it: lower case, no dash.
    await page.goto(`${h.origin}/t`);
    await page.getByLabel('查询码').fill(residentCode.toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForURL(`**/t/${residentCode}`);
    await step(page, '初审：列为候选项目').waitFor();
    await step(page, '已列入候选项目清单').waitFor();
    await page.getByText('“河东村至镇区道路拓宽”已列入候选项目清单，将提交人民代表大会票决。').waitFor();
    await page.getByText('另有 1 条内容相近的建议合并到您的建议中，一并办理。').waitFor();
    await shoot(page, 'track-done');

    await page.getByLabel('查询码').fill(rejectedCode);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await step(page, '初审：不予采纳').waitFor();
    await page.getByText('理由：新建政府办公楼属于负面清单所列的楼堂馆所项目，不列入民生实事项目。').waitFor();

    await page.getByLabel('查询码').fill('ABCD-0000');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByText('查询码应为 8 位字母和数字').waitFor();
  });

  it('keeps a refused proposal in the reserve pool and brings it back in a later year', async () => {
    const { page } = h;
    const later = await h.page.request.post(`${h.origin}/api/congresses/${congressId}/collection-windows`, {
      data: { year: year + 1, opensOn: addDays(today, 300), closesOn: addDays(today, 340) },
      headers: { 'X-CSRF-Token': csrf },
    });
    expect(later.status()).toBe(201);
    await page.goto(`${h.origin}/c/${congressId}/gathering/proposals?status=not_adopted`);
    await page.getByRole('link', { name: '新建镇政府办公楼' }).first().click();
    await page.getByRole('button', { name: '转入储备库' }).click();
    const confirm = page.getByRole('dialog', { name: '转入储备库' });
    await confirm.getByText('以后年度可以重新启用').waitFor();
    await confirm.getByRole('button', { name: '转入储备库' }).click();
    await page.getByText('已转入储备库。').waitFor();
    await page.getByRole('button', { name: `重新启用到 ${year + 1} 年度` }).click();
    const revive = page.getByRole('dialog', { name: `重新启用到 ${year + 1} 年度？` });
    await revive.getByText('原提出人凭原查询码可以看到已重新启用').waitFor();
    await revive.getByRole('button', { name: '重新启用' }).click();
    await page.getByText(`${year + 1} 年度`, { exact: true }).waitFor();
    await page.getByText(`由 ${year} 年度储备库中的建议重新启用：`).waitFor();

    await resident.goto(`${h.origin}/t/${rejectedCode}`);
    await step(resident, '初审：列入储备库').waitFor();
    await resident.getByText(`已在 ${year + 1} 年度重新启用，进入新一轮初审。`).waitFor();
  });

  it('lets a department propose from its own home page and see only its own proposals', async () => {
    const deps = (await (await h.page.request.get(`${h.origin}/api/congresses/${congressId}/departments`)).json()) as { id: string; name: string }[];
    const education = deps.find((d) => d.name === '县教育局')!;
    const dept = { displayName: '刘老师', username: 'edu.liu', password: 'education-2026' };
    const made = await h.page.request.post(`${h.origin}/api/congresses/${congressId}/accounts`, {
      data: { ...dept, role: 'department', departmentId: education.id },
      headers: { 'X-CSRF-Token': csrf },
    });
    expect(made.status()).toBe(201);

    const page = await h.newPage('phone');
    await page.goto(`${h.origin}/login`);
    await page.getByLabel('用户名').fill(dept.username);
    await page.getByLabel('密码').fill(dept.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '您好，刘老师', level: 1 }).waitFor();
    await page.getByRole('link', { name: '提出项目建议 / 查看我的建议' }).click();
    await page.getByRole('heading', { name: '项目建议', level: 1 }).waitFor();
    await page.getByText('还没有项目建议').waitFor();
    await settled(page);
    expect(await page.getByRole('link', { name: '导出 CSV' }).count()).toBe(0);
    await page.getByRole('button', { name: '录入建议' }).first().click();
    const dialog = page.getByRole('dialog', { name: '录入建议' });
    await dialog.getByText('承办单位', { exact: true }).waitFor();
    await dialog.getByLabel('建议标题').fill('青山中学食堂改造');
    await dialog.getByLabel('类别').selectOption('education');
    await dialog.getByLabel('地点').fill('青山中学');
    await dialog.getByLabel('具体内容').fill('食堂只能容纳一半学生同时就餐，需扩建。');
    await dialog.getByRole('button', { name: `提交（计入 ${year} 年度）` }).click();
    await page.getByRole('heading', { name: '青山中学食堂改造', level: 1 }).waitFor();
    await page.getByText('审查由政府办进行。').waitFor();
    await settled(page);
    expect(await page.getByRole('button', { name: '列为候选项目' }).count()).toBe(0);
    await page.getByRole('link', { name: '← 项目建议' }).click();
    await page.getByText('共 1 条建议').waitFor();
    await settled(page);
    expect(await page.getByRole('link', { name: '河东村至镇区道路拓宽' }).count()).toBe(0);
    await page.context().close();
  });

  it('speaks English when asked', async () => {
    const page = resident;
    await page.goto(`${h.origin}/t/${residentCode}`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Follow a proposal', level: 1 }).waitFor();
    await step(page, 'Screening: accepted as a candidate').waitFor();
    await step(page, 'On the candidate list').waitFor();
    await page.goto(`${h.origin}/p/${congressId}`);
    await page.getByText('What is it about?').waitFor();
    await page.getByText('Transport', { exact: true }).waitFor();
    await eventually(() => page.locator('.answer-field label').textContent()).toMatch(/^Check question: What is \w+ plus \w+\?$/);
    await shoot(page, 'submit-form-en', ['phone']);

    const staff = h.page;
    await staff.goto(`${h.origin}/c/${congressId}/gathering/proposals`);
    await staff.getByRole('button', { name: 'Switch to English' }).click();
    await staff.getByRole('heading', { name: 'Proposals', level: 1 }).waitFor();
    await staff.getByRole('navigation', { name: 'Main navigation' }).getByText('Gathering & screening').waitFor();
    await staff.getByRole('radio', { name: /Accepted as candidate\s*3/ }).waitFor();
    await staff.getByRole('columnheader', { name: 'Channel' }).waitFor();
    await staff.getByRole('row', { name: /河东村道路拓宽改造/ }).getByText('Merged').waitFor();
    await shoot(staff, 'proposals-list-en', ['tablet']);
    await staff.getByRole('button', { name: '切换到中文' }).click();
    await staff.getByRole('heading', { name: '项目建议', level: 1 }).waitFor();
    await eventually(() => staff.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('sent no request outside its own origin and raised no page error', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});

/** A step of the tracking timeline, by its title. */
const step = (page: Page, title: string) => page.locator('.tl-title').filter({ hasText: title });

/** The seven checks: all pass, except environmental impact, which does not apply. */
async function recordChecks(page: Page) {
  for (const check of ['论证', '评估', '合法性审查', '财政承受能力', '环境影响', '用地', '公共安全']) {
    const group = page.getByRole('group', { name: check, exact: true });
    await group.getByText(check === '环境影响' ? '不适用' : '通过', { exact: true }).click();
  }
  await page.getByRole('group', { name: '论证', exact: true }).getByPlaceholder('说明或依据（选填）').fill('经实地踏勘，可行。');
}

async function acceptWith(page: Page, f: { lead: string; co: string[]; funding: string; outcome: string; shot?: string }) {
  await page.getByRole('button', { name: '列为候选项目' }).click();
  const dialog = page.getByRole('dialog', { name: '列为候选项目' });
  await dialog.getByText('列为候选项目后不能撤销').waitFor();
  await dialog.getByLabel('牵头单位').selectOption({ label: f.lead });
  for (const co of f.co) await dialog.getByLabel(co).check();
  await dialog.getByLabel('资金来源').fill(f.funding);
  await dialog.getByLabel('预期效果').fill(f.outcome);
  if (f.shot) await shoot(page, f.shot, ['tablet', 'phone']);
  await dialog.getByRole('button', { name: '列为候选项目' }).click();
  await page.locator('.alert').filter({ hasText: '已列为候选项目' }).waitFor();
}
