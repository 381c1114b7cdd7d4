import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../shared/i18n/index.ts';
import { eventually, settled, shoot, startHarness, type Harness } from './harness.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';

/**
 * Stage D in a real browser against the real server (design §6): a department on a tablet marks a milestone done with
 * a photo and files a progress report; staff read the dashboard; an inspection's finding asks the department for an
 * answer, the department answers, staff accept; the printable progress report; residents read the public progress
 * page on a phone — with the photo, and without any private detail.
 */

/** A small real PNG (a site-grey picture with a red band). */
function png(width = 120, height = 80): Buffer {
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

const loaded = (img: ReturnType<Page['locator']>) => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0);

describe('projects: milestones with evidence, progress, inspections and the public progress page', () => {
  let h: Harness;
  let congressId = '';
  let csrf = '';
  let dept: Page;
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const housing = { displayName: '住建局王科长', username: 'dept.housing', password: 'housing-2026-dept' };
  // Private details that must never reach the public page.
  const CONTACT_NAME = '张建国';
  const CONTACT_PHONE = '13900001234';
  const PRIVATE_NOTE = '内部备注：施工方联系人李四 13800009999';
  const ids = { housing: '', education: '', transport: '', lift: '', canteen: '', road: '', tender: '' };

  const post = async <T,>(path: string, data: unknown, status = 201) => {
    const res = await h.page.request.post(`${h.origin}/api${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(status);
    return (await res.json()) as T;
  };
  type Detail = { id: string; milestoneList: { id: string; name: string }[] };
  const project = (data: Record<string, unknown>) => post<Detail>(`/congresses/${congressId}/projects`, { year, fundingSource: '县级财政', ...data });
  const milestone = (pid: string, name: string, plannedDate: string, weight: number) => post<Detail>(`/congresses/${congressId}/projects/${pid}/milestones`, { name, plannedDate, weight });

  beforeAll(async () => {
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await post<{ id: string }>('/congresses', { name: '示范县人民代表大会', level: 'county', term: 7 })).id;
    const c = `/congresses/${congressId}`;
    ids.housing = (await post<{ id: string }>(`${c}/departments`, { name: '县住房和城乡建设局', kind: 'bureau', contactName: CONTACT_NAME, contactPhone: CONTACT_PHONE })).id;
    ids.education = (await post<{ id: string }>(`${c}/departments`, { name: '县教育局', kind: 'bureau' })).id;
    ids.transport = (await post<{ id: string }>(`${c}/departments`, { name: '县交通运输局', kind: 'bureau' })).id;
    await post(`${c}/accounts`, { ...housing, role: 'department', departmentId: ids.housing });
    for (const [name, delegation] of [
      ['王建华', '城关代表团'],
      ['李秀英', '城关代表团'],
      ['陈志强', '青山代表团'],
    ])
      await post(`${c}/representatives`, { name, delegation });

    // 老旧小区加装电梯 (housing): approval done, the tender 5 days late, the main works ahead — at risk.
    const lift = await project({ title: '老旧小区加装电梯', content: '为城关镇 12 个老旧小区加装电梯 40 部。', leadDepartmentId: ids.housing, coDepartmentIds: [ids.transport], plannedInvestment: '300', plannedCompletion: `${year}-12-31`, expectedOutcome: '惠及 1,200 户居民。' });
    ids.lift = lift.id;
    const approval = (await milestone(ids.lift, '立项批复', addDays(today, -60), 20)).milestoneList[0];
    await h.page.request.patch(`${h.origin}/api${c}/projects/${ids.lift}/milestones/${approval.id}`, { data: { status: 'done', actualDate: addDays(today, -58), note: PRIVATE_NOTE }, headers: { 'X-CSRF-Token': csrf } });
    ids.tender = (await milestone(ids.lift, '完成招标', addDays(today, -5), 30)).milestoneList.find((m) => m.name === '完成招标')!.id;
    await milestone(ids.lift, '主体完工', addDays(today, 30), 50);

    // 城区学校食堂改造 (education): its design 45 days late — late. 农村公路安防工程 (transport): on track.
    ids.canteen = (await project({ title: '城区学校食堂改造', leadDepartmentId: ids.education, plannedInvestment: '180.5', plannedCompletion: `${year}-12-31` })).id;
    await milestone(ids.canteen, '方案设计', addDays(today, -45), 40);
    await milestone(ids.canteen, '竣工验收', addDays(today, 35), 60);
    ids.road = (await project({ title: '农村公路安防工程', leadDepartmentId: ids.transport, plannedInvestment: '95', plannedCompletion: `${year}-12-31` })).id;
    await milestone(ids.road, '开工建设', addDays(today, 10), 100);

    // An earlier inspection of the canteen asked the education bureau for an answer 3 days ago: overdue.
    const old = await post<{ id: string }>(`${c}/inspections`, { projectId: ids.canteen, date: addDays(today, -20), title: '代表视察城区学校食堂改造', attendeeIds: [] });
    await post(`${c}/inspections/${old.id}/findings`, { text: '食堂后厨排烟不畅，请明确整改时间。', departmentId: ids.education, answerDueOn: addDays(today, -3) });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows a department only its own projects, on a tablet', async () => {
    dept = await h.newPage('tablet');
    const res = await dept.request.post(`${h.origin}/api/auth/login`, { data: { username: housing.username, password: housing.password } });
    expect(res.status()).toBe(200);
    await dept.goto(`${h.origin}/c/${congressId}/projects`);
    await dept.getByRole('heading', { name: '我的项目', level: 1 }).waitFor();
    await dept.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '实施项目' }).waitFor();
    await dept.getByRole('link', { name: '老旧小区加装电梯', exact: true }).waitFor();
    await dept.getByText('共 1 个项目').waitFor();
    await settled(dept);
    expect(await dept.getByText('城区学校食堂改造').count()).toBe(0);
    expect(await dept.getByText('农村公路安防工程').count()).toBe(0);
    await dept.getByRole('row', { name: /老旧小区加装电梯/ }).getByText('有风险').waitFor();
    await dept.getByRole('row', { name: /老旧小区加装电梯/ }).getByText('1 个节点滞后').waitFor();
    await shoot(dept, 'projects-mine', ['tablet']);
  });

  it('lets the department mark a late milestone done with a photo taken on site', async () => {
    const page = dept;
    await page.getByRole('link', { name: '更新进展：老旧小区加装电梯' }).click();
    await page.getByRole('heading', { name: '老旧小区加装电梯', level: 1 }).waitFor();
    const tender = page.locator('.pj-ms', { hasText: '完成招标' });
    await tender.getByText('滞后 5 天').waitFor();
    await eventually(() => page.locator('.pj-figure', { hasText: '按节点计算' }).locator('.pj-figure-n').textContent()).toBe('20%');
    await page.getByRole('button', { name: '更新节点“完成招标”' }).click();
    const dialog = page.getByRole('dialog', { name: '更新节点：完成招标' });
    await dialog.getByRole('radio', { name: '已完成' }).click();
    await eventually(() => dialog.getByLabel('实际完成日期').inputValue()).toBe(today);
    await dialog.getByLabel('情况说明').fill('已完成公开招标，中标单位已签订合同。');
    await dialog.locator('input[type=file][multiple]').setInputFiles([
      { name: '招标现场.png', mimeType: 'image/png', buffer: png() },
      { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
    ]);
    await dialog.getByText('“说明.txt”不是支持的类型').waitFor();
    await dialog.locator('.pj-chosen-item').getByText('招标现场.png').waitFor();
    await dialog.getByLabel('照片说明').fill('招标现场');
    await shoot(page, 'projects-milestone-dialog', ['tablet']);
    await dialog.getByRole('button', { name: '保存并上传 1 个文件' }).click();
    await page.getByText('节点已更新。').waitFor();
    await tender.getByText('已完成', { exact: true }).waitFor();
    await eventually(() => tender.getByText('滞后 5 天').count()).toBe(0);
    const thumb = tender.getByRole('link', { name: '打开 招标现场' }).locator('img'); // the link names the photo
    await eventually(() => loaded(thumb)).toBe(true);
    await eventually(() => page.locator('.pj-figure', { hasText: '按节点计算' }).locator('.pj-figure-n').textContent()).toBe('50%');
    await page.locator('.page-head').getByText('正常', { exact: true }).waitFor();
  });

  it('takes the department’s progress report, shown beside the derived figure', async () => {
    const page = dept;
    const percent = page.getByRole('spinbutton', { name: '本单位评估的完成进度' });
    await percent.fill('60');
    await page.getByLabel('累计完成投资').fill('８５.５');
    await page.getByRole('button', { name: '报送进展' }).click();
    await page.locator('.pj-progress-form .field-error').getByText('必填').waitFor();
    await page.getByLabel('进展情况').fill('招标完成，施工队伍已进场，首批 8 部电梯开始井道施工。');
    await page.getByRole('button', { name: '报送进展' }).click();
    await page.getByText('进展已报送。').waitFor();
    await page.locator('.pj-updates').getByText('首批 8 部电梯开始井道施工').waitFor();
    await page.locator('.pj-updates').getByText('自报 60%').waitFor();
    await eventually(() => page.locator('.pj-figure', { hasText: '单位自报' }).locator('.pj-figure-n').textContent()).toBe('60%');
    await page.locator('.pj-summary').getByText('85.50').waitFor();
    await shoot(page, 'projects-project', ['tablet', 'phone']);
  });

  it('gives staff the dashboard: tiles by health, progress per project, late milestones and overdue answers', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/projects/dashboard`);
    await page.getByRole('heading', { name: '实施总览', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByText('项目实施', { exact: true }).waitFor();
    const tile = (label: string) => page.locator('.pj-tile', { hasText: label }).locator('.pj-tile-n');
    await eventually(() => tile('项目总数').textContent()).toBe('3');
    await eventually(() => tile('正常').textContent()).toBe('2');
    await eventually(() => tile('滞后').textContent()).toBe('1');
    await eventually(() => tile('有风险').textContent()).toBe('0');
    const lift = page.locator('.pj-chart-row', { hasText: '老旧小区加装电梯' });
    await lift.getByText('50%').waitFor();
    await lift.getByText('自报 60%').waitFor();
    const late = page.locator('section[aria-labelledby=dash-late]');
    await late.getByRole('heading', { name: '滞后节点' }).waitFor();
    await late.getByText('方案设计').waitFor();
    await late.getByText('滞后 45 天').waitFor();
    await settled(page);
    expect(await late.getByText('完成招标').count()).toBe(0);
    const overdue = page.locator('section[aria-labelledby=dash-overdue]');
    await overdue.getByRole('heading', { name: '逾期未答复的视察意见' }).waitFor();
    await overdue.getByText('食堂后厨排烟不畅').waitFor();
    await overdue.getByText('逾期 3 天').waitFor();
    await page.locator('.pj-money-totals').getByText('575.50').waitFor();
    await shoot(page, 'projects-dashboard', ['tablet', 'desktop']);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Projects overview', level: 1 }).waitFor();
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await lift.getByText('reported 60%').waitFor();
    await late.getByText('45 days late').waitFor();
    await shoot(page, 'projects-dashboard-en', ['tablet']);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '实施总览', level: 1 }).waitFor();
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await page.locator('.pj-tile', { hasText: '滞后' }).getByRole('link').click();
    await page.getByRole('heading', { name: '实施项目', level: 1 }).waitFor();
    await page.getByText('共 1 个项目').waitFor();
    await page.getByRole('link', { name: '城区学校食堂改造', exact: true }).waitFor();
    await page.getByRole('radio', { name: /全部/ }).click();
    await page.getByText('共 3 个项目').waitFor();
    await shoot(page, 'projects-list', ['tablet', 'desktop']);
  });

  it('records an inspection whose finding asks the department for an answer by a date', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/inspections`);
    await page.getByRole('heading', { name: '视察', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新建视察' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建视察' });
    await dialog.getByLabel('视察项目').selectOption({ label: `老旧小区加装电梯（${year}）` });
    await dialog.getByLabel('视察名称').fill('县人大代表视察老旧小区加装电梯项目');
    // The search narrows the list: 陈志强 (青山代表团) is there before it and gone after it.
    await dialog.getByRole('checkbox', { name: /陈志强/ }).waitFor();
    await dialog.getByRole('searchbox').fill('城关');
    await eventually(() => dialog.getByRole('checkbox', { name: /陈志强/ }).count()).toBe(0);
    await dialog.getByRole('checkbox', { name: /王建华/ }).check();
    await dialog.getByRole('checkbox', { name: /李秀英/ }).check();
    await dialog.locator('.pj-chip', { hasText: '王建华' }).waitFor();
    await dialog.getByLabel('视察情况').fill('代表们察看了 3 个小区的施工现场，听取了住建局的汇报。');
    await shoot(page, 'projects-inspection-form', ['tablet']);
    await dialog.getByRole('button', { name: '保存视察记录' }).click();
    await page.getByRole('heading', { name: '县人大代表视察老旧小区加装电梯项目', level: 1 }).waitFor();
    await page.getByText('王建华').waitFor();

    await page.locator('.pj-upload input[type=file][multiple]').setInputFiles([{ name: '视察现场.png', mimeType: 'image/png', buffer: png(160, 90) }]);
    await page.getByRole('button', { name: '上传 1 个文件' }).click();
    await page.getByText('文件已上传。').waitFor();
    await eventually(() => loaded(page.locator('.pj-files img').first())).toBe(true);

    await page.getByLabel('发现的问题或意见').fill('部分小区施工围挡不规范，影响居民出行，请限期整改并答复。');
    await eventually(() => page.getByLabel('答复单位').inputValue()).toBe(ids.housing);
    await page.getByRole('button', { name: '添加意见' }).click();
    await page.getByText('请填写答复期限').waitFor();
    await page.getByLabel('答复期限').fill(addDays(today, 7));
    await page.getByRole('button', { name: '添加意见' }).click();
    await page.getByText('意见已添加。').waitFor();
    const finding = page.locator('.pj-finding', { hasText: '施工围挡不规范' });
    await finding.getByText('待答复', { exact: true }).waitFor();
    await finding.getByText('答复单位：县住房和城乡建设局').waitFor();
  });

  it('lets the department answer, and staff accept the answer', async () => {
    const page = dept;
    await page.goto(`${h.origin}/c/${congressId}/inspections`);
    await page.getByRole('heading', { name: '需要本单位答复的意见（1）' }).waitFor();
    const todo = page.locator('.pj-todo .pj-finding', { hasText: '施工围挡不规范' });
    await todo.getByText('本单位', { exact: true }).waitFor();
    // Only findings addressed to this department: not the education bureau's overdue one.
    await settled(page);
    expect(await page.getByText('食堂后厨排烟不畅').count()).toBe(0);
    await todo.getByLabel('本单位的答复').fill('已要求施工单位三日内按标准设置围挡，并安排专人疏导，11 月底前全部整改到位。');
    await shoot(page, 'projects-answer', ['tablet']);
    await todo.getByRole('button', { name: '提交答复' }).click();
    await page.getByText('答复已提交，等待审核。').waitFor();
    await eventually(() => page.locator('.pj-todo').count()).toBe(0);

    const staff = h.page;
    await staff.goto(`${h.origin}/c/${congressId}/inspections`);
    const review = staff.locator('.pj-todo .pj-finding', { hasText: '施工围挡不规范' });
    await review.getByText('已答复，待审核').waitFor();
    await review.getByText('11 月底前全部整改到位').waitFor();
    // The overdue finding of the other project waits here too, flagged.
    await staff.locator('.pj-todo .pj-finding.overdue', { hasText: '食堂后厨排烟不畅' }).getByText('逾期未答复').waitFor();
    await review.getByRole('link', { name: /县人大代表视察老旧小区加装电梯项目/ }).click();
    await staff.getByRole('heading', { name: '县人大代表视察老旧小区加装电梯项目', level: 1 }).waitFor();
    const finding = staff.locator('.pj-finding', { hasText: '施工围挡不规范' });
    await finding.getByLabel('审核意见').fill('整改措施可行，请按期落实。');
    await finding.getByRole('button', { name: '采纳答复' }).click();
    await staff.getByText('答复已采纳。').first().waitFor();
    await finding.getByText('答复已采纳', { exact: true }).waitFor();
    await finding.getByText('整改措施可行，请按期落实。').waitFor();
    await shoot(staff, 'projects-inspection', ['tablet', 'desktop']);
  });

  it('prints the progress report on A4 and offers the CSV', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/projects/report?year=${year}&period=end`);
    const sheet = page.locator('.pj-rp-sheet');
    await sheet.getByRole('heading', { name: `${year} 年度民生实事项目年度进展报告` }).waitFor();
    await sheet.getByText('示范县人民代表大会', { exact: true }).waitFor();
    await sheet.getByRole('row', { name: /老旧小区加装电梯/ }).getByText('2/3').waitFor();
    await sheet.getByText('首批 8 部电梯开始井道施工').waitFor();
    const csv = page.getByRole('link', { name: '下载 CSV' });
    expect(await csv.getAttribute('href')).toBe(`/api/congresses/${congressId}/projects/report.csv?year=${year}&period=end`);
    const res = await page.request.get(`${h.origin}${await csv.getAttribute('href')}`);
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await shoot(page, 'projects-report', ['desktop']);
    await page.locator('.print-toolbar').waitFor();
    await page.emulateMedia({ media: 'print' });
    await eventually(() => page.locator('.print-toolbar').isVisible()).toBe(false);
    await eventually(() => sheet.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('radio', { name: '半年' }).click();
    await page.getByRole('heading', { name: `${year} 年度民生实事项目半年进展报告` }).waitFor();
  });

  it('lets staff create a project, write its plan, and record the decision on a major change', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/projects`);
    await page.getByRole('button', { name: '新建项目' }).click();
    const dialog = page.getByRole('dialog', { name: '新建项目' });
    await dialog.getByLabel('项目名称').fill('城乡供水管网改造');
    await dialog.getByLabel('牵头单位').selectOption({ label: '县住房和城乡建设局' });
    await dialog.getByRole('checkbox', { name: '县交通运输局' }).check();
    await dialog.getByLabel('计划投资').fill('120');
    await dialog.getByLabel('计划完成时间').fill(`${year + 1}-06-30`);
    await dialog.getByLabel('资金来源').fill('县级财政、专项债');
    await dialog.getByRole('button', { name: '新建项目' }).click();
    await page.getByRole('heading', { name: '城乡供水管网改造', level: 1 }).waitFor();
    await page.getByText('已新建项目“城乡供水管网改造”。').waitFor();

    // 实施方案 with an annual target for a project over two years.
    await page.getByRole('button', { name: '填写实施方案' }).click();
    await page.getByRole('button', { name: '保存实施方案' }).click();
    await page.locator('.pj-plan-form .field-error').first().waitFor();
    await page.getByLabel('实施目标').fill('改造老旧供水管网 18 公里，覆盖 6 个行政村。');
    await page.getByLabel('资金安排').fill('县级财政 70 万元，专项债 50 万元。');
    await page.getByRole('button', { name: '添加年度目标' }).click();
    await page.getByRole('button', { name: '添加年度目标' }).click();
    await page.getByRole('textbox', { name: '年度目标', exact: true }).nth(1).fill('完成剩余 8 公里并通水验收');
    await page.getByRole('textbox', { name: '年度目标', exact: true }).nth(0).fill('完成 10 公里主管网');
    await page.getByRole('button', { name: '保存实施方案' }).click();
    await page.getByText('实施方案已保存。').waitFor();
    const plan = page.locator('.pj-plan-facts');
    await plan.getByText(`${year + 1} 年度`).waitFor();
    await plan.getByText('完成剩余 8 公里并通水验收').waitFor();

    await page.getByRole('button', { name: '添加节点' }).first().click();
    const add = page.getByRole('dialog', { name: '添加节点' });
    await add.getByLabel('节点名称').fill('管材采购');
    await add.getByLabel('计划日期').fill(addDays(today, 20));
    await add.getByLabel('权重').fill('40');
    await add.getByRole('button', { name: '添加节点' }).click();
    await page.getByText('节点已添加。').waitFor();
    await page.locator('.pj-ms', { hasText: '管材采购' }).getByText('权重 40（占 100%）').waitFor();

    // A major change: requested, the project is at risk while it waits, then approved and announced.
    await page.getByRole('button', { name: '提出变更申请' }).click();
    const req = page.getByRole('dialog', { name: '提出变更申请' });
    await req.getByLabel('理由').fill('增加 2 个行政村的支管，投资相应增加。');
    await req.getByLabel('计划投资').fill('150');
    await req.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('变更申请已提交，等待决定。').waitFor();
    await page.locator('.page-head').getByText('有风险', { exact: true }).waitFor();
    const change = page.locator('.pj-change', { hasText: '增加 2 个行政村的支管' });
    await change.getByText('待决定').waitFor();
    await change.getByRole('button', { name: '记录决定' }).click();
    const decide = page.getByRole('dialog', { name: '记录决定：重大变更' });
    await decide.getByRole('button', { name: '记录同意的决定' }).click();
    await decide.getByText('请选择同意或不同意').waitFor();
    await decide.getByRole('radio', { name: '同意', exact: true }).click();
    await decide.getByLabel('公告日期').fill(today);
    await decide.getByRole('button', { name: '记录同意的决定' }).click();
    await page.getByText('已记录同意的决定。').waitFor();
    await change.getByText('已同意').waitFor();
    await change.getByText(`人大常委会于 ${formatDate(today, 'zh-CN')} 作出决定`).waitFor();
    await page.locator('.pj-summary').getByText('150.00 万元').waitFor();
    await page.locator('.page-head').getByText('正常', { exact: true }).waitFor();
    await shoot(page, 'projects-project-staff', ['desktop']);

    const phone = await h.newPage('phone');
    await phone.goto(`${h.origin}/progress/${congressId}`);
    await phone.locator('.pj-card', { hasText: '城乡供水管网改造' }).getByRole('link').click();
    const announcements = phone.locator('section', { has: phone.getByRole('heading', { name: '变更公告' }) });
    await announcements.getByText('重大变更').waitFor();
    await announcements.getByText('经决定同意').waitFor();
    await announcements.getByText('增加 2 个行政村的支管').waitFor();
    await phone.close();
  });

  it('shows residents the progress and the photo on a phone, without anything private', async () => {
    const phone = await h.newPage('phone');
    await phone.goto(`${h.origin}/progress/${congressId}`);
    await phone.getByRole('heading', { name: `${year} 年民生实事项目进展`, level: 1 }).waitFor();
    const card = phone.locator('.pj-card', { hasText: '老旧小区加装电梯' });
    await card.getByText('正常').waitFor();
    await card.getByText('按已完成的节点计 50%').waitFor(); // the figure in a resident's words
    await eventually(() => loaded(card.locator('img.pj-card-photo'))).toBe(true);
    await phone.locator('.pj-card', { hasText: '城区学校食堂改造' }).getByText('滞后').waitFor();
    await settled(phone);
    for (const secret of [CONTACT_NAME, CONTACT_PHONE, PRIVATE_NOTE, '13800009999', housing.displayName])
      expect(await phone.content(), secret).not.toContain(secret);
    await shoot(phone, 'progress-public', ['phone', 'tablet']);

    await card.getByRole('link').click();
    await phone.getByRole('heading', { name: '老旧小区加装电梯', level: 1 }).waitFor();
    const step = phone.locator('.pj-public-timeline .tl-step', { hasText: '完成招标' });
    await step.getByText(`${formatDate(today, 'zh-CN')} 完成`).waitFor();
    await eventually(() => step.getAttribute('class')).toContain('tl-done');
    await phone.locator('.pj-public-timeline .tl-step', { hasText: '主体完工' }).getByText('未开始').waitFor();
    await phone.getByText('首批 8 部电梯开始井道施工').waitFor();
    const photo = phone.getByRole('link', { name: '招标现场' }).locator('img'); // its caption names the link
    await photo.scrollIntoViewIfNeeded();
    await eventually(() => loaded(photo)).toBe(true);
    await settled(phone);
    const content = await phone.content();
    for (const secret of [CONTACT_NAME, CONTACT_PHONE, PRIVATE_NOTE, '13800009999', '已完成公开招标，中标单位已签订合同', '施工围挡不规范', housing.displayName])
      expect(content, secret).not.toContain(secret);
    await shoot(phone, 'progress-public-project', ['phone']);

    await phone.getByRole('button', { name: 'English' }).click();
    await phone.getByText('Milestones', { exact: true }).waitFor();
    await eventually(() => phone.evaluate(() => document.documentElement.lang)).toBe('en');
    await shoot(phone, 'progress-public-project-en', ['phone']);
  });

  it('kept every page on its own origin and free of errors', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
