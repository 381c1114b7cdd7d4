import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settled, startHarness, watch, type Harness } from './harness.ts';

/**
 * The rest of setup as staff do it: departments with their accounts, roles, all accounts, the roster's rarer
 * actions (reissue a card, end a term), the audit log and its chain check, my account — and a representative
 * signing in with the QR of a delegate card, who sees only what they can do.
 */
describe('setup pages: departments, roles, accounts, roster actions, audit, card sign-in', () => {
  let h: Harness;
  let congressId = '';
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };

  beforeAll(async () => {
    h = await startHarness();
    // First run and a congress through the API, as the foundation test already walks them through the pages.
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    const { csrfToken } = (await setup.json()) as { csrfToken: string };
    const headers = { 'X-CSRF-Token': csrfToken };
    const congress = await h.page.request.post(`${h.origin}/api/congresses`, { data: { name: '青山镇人民代表大会', level: 'township', term: 18 }, headers });
    congressId = ((await congress.json()) as { id: string }).id;
    for (const [name, delegation] of [
      ['王建国', '青山社区代表小组'],
      ['李秀英', '河东村代表小组'],
      ['张志强', '河东村代表小组'],
    ])
      await h.page.request.post(`${h.origin}/api/congresses/${congressId}/representatives`, { data: { name, gender: 'male', delegation, constituency: '第一选区', phone: '' }, headers });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists congresses in a table with their level and term (a system administrator holds every congress)', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/congresses`);
    await page.getByRole('link', { name: /青山镇人民代表大会/ }).waitFor();
    const row = page.getByRole('row', { name: /青山镇人民代表大会/ });
    await row.getByText('乡镇人大').waitFor();
    await row.getByText('第十八届').waitFor();
    await h.screenshot('congresses', ['tablet', 'phone']);
  });

  it('adds a department, gives it an account, and deactivates it after a warning', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/c/${congressId}/departments`);
    await page.getByText('还没有承办单位').waitFor();
    await page.getByRole('button', { name: '添加单位' }).first().click();
    let dialog = page.getByRole('dialog', { name: '添加单位' });
    await dialog.getByLabel('单位名称').fill('镇建设管理办');
    await dialog.getByLabel('类别').selectOption('township');
    await dialog.getByLabel('联系人').fill('何工');
    await dialog.getByLabel('联系电话').fill('0571-88801234');
    await dialog.getByRole('button', { name: '添加单位' }).click();
    await page.getByRole('row', { name: /镇建设管理办/ }).waitFor();

    await page.getByRole('button', { name: '添加单位' }).first().click();
    dialog = page.getByRole('dialog', { name: '添加单位' });
    await dialog.getByLabel('单位名称').fill('镇建设管理办');
    await dialog.getByRole('button', { name: '添加单位' }).click();
    await dialog.getByText('本人大已有名为“镇建设管理办”的单位。').waitFor();
    await dialog.getByLabel('单位名称').fill('县交通运输局青山站');
    await dialog.getByLabel('类别').selectOption('bureau');
    await dialog.getByRole('button', { name: '添加单位' }).click();
    await page.getByRole('row', { name: /县交通运输局青山站/ }).waitFor();

    await page.getByRole('row', { name: /镇建设管理办/ }).getByRole('button', { name: '新建单位账号' }).click();
    dialog = page.getByRole('dialog', { name: '新建单位账号' });
    await dialog.getByText('为“镇建设管理办”新建承办单位账号。').waitFor();
    await dialog.getByLabel('姓名').fill('何工');
    await dialog.getByLabel('用户名').fill('dept-build');
    await dialog.getByRole('button', { name: '创建账号并授予角色' }).click();
    await dialog.getByTestId('first-password').waitFor();
    await dialog.getByRole('button', { name: '我已记下，完成' }).click();
    await page.getByRole('row', { name: /镇建设管理办/ }).getByText('dept-build').waitFor();
    await h.screenshot('departments');

    await page.getByRole('row', { name: /县交通运输局青山站/ }).getByRole('button', { name: '停用' }).click();
    const confirm = page.getByRole('dialog', { name: '停用该单位？' });
    await confirm.getByText('“县交通运输局青山站”不能再被指定为新项目的承办单位').waitFor();
    await confirm.getByRole('button', { name: '停用单位' }).click();
    await page.getByText('在用单位 1 个').waitFor();
    await page.getByLabel('显示已停用的单位（1 个）').check();
    await page.getByRole('row', { name: /县交通运输局青山站/ }).getByText('已停用').waitFor();
  });

  it('creates a government account with its role and revokes a role after naming the consequence', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '账号与角色' }).click();
    await page.getByRole('heading', { name: '账号与角色', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog', { name: '新建账号' });
    await dialog.getByLabel('姓名').fill('陈主任');
    await dialog.getByLabel('用户名').fill('gov chen');
    await dialog.getByLabel('角色').selectOption('government');
    await dialog.getByRole('button', { name: '创建账号并授予角色' }).click();
    await dialog.getByText('只能包含字母、数字、下划线、点和连字符').waitFor();
    await dialog.getByLabel('用户名').fill('gov.chen');
    await dialog.getByRole('button', { name: '创建账号并授予角色' }).click();
    await dialog.getByTestId('first-password').waitFor();
    await dialog.getByRole('button', { name: '我已记下，完成' }).click();
    await page.getByRole('row', { name: /陈主任/ }).getByText('政府办').waitFor();
    await h.screenshot('members', ['tablet', 'phone']);

    await page.getByRole('button', { name: '撤销何工的承办单位角色' }).click();
    const confirm = page.getByRole('dialog', { name: '撤销角色？' });
    await confirm.getByText('撤销后，何工将不能再以“承办单位”身份在青山镇人民代表大会中操作。账号本身保留。').waitFor();
    await confirm.getByRole('button', { name: '撤销角色' }).click();
    await page.getByText('已撤销何工的角色。').waitFor();
    await eventually(() => page.getByRole('row', { name: /何工/ }).count()).toBe(0);
  });

  it('lets the system administrator reset a password and disable an account', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '全部账号' }).click();
    await page.getByRole('heading', { name: '全部账号', level: 1 }).waitFor();
    await page.getByRole('row', { name: /陈主任/ }).getByText('青山镇人民代表大会 · 政府办').waitFor();
    await h.screenshot('accounts', ['tablet', 'phone', 'desktop']);

    await page.getByRole('button', { name: '管理：陈主任' }).click();
    const dialog = page.getByRole('dialog', { name: '管理账号：陈主任' });
    // A reset makes a new first password, shown once; the person must change it at the next sign-in.
    await dialog.getByRole('button', { name: '生成新的首次密码' }).click();
    await page.getByRole('dialog', { name: '重设密码' }).getByRole('button', { name: '生成新密码' }).click();
    await dialog.getByText('密码已重设').waitFor();
    await dialog.getByTestId('first-password').waitFor();
    await h.screenshot('account-manage', ['tablet', 'phone']);
    await dialog.getByRole('button', { name: '我已记下，完成' }).click();

    await dialog.getByRole('button', { name: '停用账号' }).click();
    const confirm = page.getByRole('dialog', { name: '停用该账号？' });
    await confirm.getByText('停用后，陈主任立即在所有设备上退出，且不能再登录。').waitFor();
    await confirm.getByRole('button', { name: '停用账号' }).click();
    await page.getByText('已停用陈主任的账号。').waitFor();
    await page.getByRole('dialog', { name: '管理账号：陈主任' }).getByRole('button', { name: '重新启用' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('row', { name: /陈主任/ }).getByText('已停用').waitFor();
  });

  it('lets a representative sign in with the QR of their delegate card and see only what they can do', async () => {
    const cards = (await (await h.page.request.get(`${h.origin}/api/congresses/${congressId}/roster/cards`)).json()) as { cards: { name: string; url: string }[] };
    const card = cards.cards.find((c) => c.name === '李秀英')!;
    expect(new URL(card.url).pathname).toBe('/l');

    const rep = await h.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    try {
      const page = await rep.newPage();
      const offOrigin: string[] = [];
      const pageErrors: string[] = [];
      watch(page, h.origin, offOrigin, pageErrors);
      await page.goto(card.url);
      await page.getByRole('heading', { name: '您好，李秀英', level: 1 }).waitFor();
      await eventually(() => new URL(page.url()).hash).toBe(''); // the token left the address bar
      // Their home is their work: the to-do list first.
      await page.getByRole('heading', { name: '我的待办', level: 2 }).waitFor();
      await settled(page);
      expect(await page.getByRole('navigation', { name: '主导航' }).count()).toBe(0);
      await page.screenshot({ path: 'tests/e2e/screenshots/representative-home-phone.png', fullPage: true, style: '.toasts{display:none}' });
      expect(offOrigin).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await rep.close();
    }
  });

  it('reissues a card (the old QR stops working) and ends a term with a date and reason', async () => {
    const { page } = h;
    const before = (await (await page.request.get(`${h.origin}/api/congresses/${congressId}/roster/cards`)).json()) as { cards: { name: string; url: string }[] };
    const oldUrl = before.cards.find((c) => c.name === '王建国')!.url;

    await page.goto(`${h.origin}/c/${congressId}/roster`);
    await page.getByRole('button', { name: '管理王建国的信息和代表证' }).click();
    await page.getByRole('dialog', { name: '代表信息：王建国' }).getByRole('button', { name: '补发代表证' }).click();
    const confirm = page.getByRole('dialog', { name: '补发代表证？' });
    await confirm.getByText('补发后，王建国旧代表证上的二维码立即失效').waitFor();
    await confirm.getByRole('button', { name: '补发，旧二维码作废' }).click();
    await page.getByText('已为王建国补发代表证，旧二维码已作废。').waitFor();
    await page.getByRole('link', { name: '打印王建国的新代表证' }).waitFor();

    const stranger = await h.browser.newContext();
    try {
      const p = await stranger.newPage();
      await p.goto(oldUrl);
      await p.getByText('代表证二维码无效或已作废，请向工作人员领取新的代表证。').waitFor();
    } finally {
      await stranger.close();
    }

    await page.getByRole('button', { name: '管理张志强的信息和代表证' }).click();
    await page.getByRole('dialog', { name: '代表信息：张志强' }).getByRole('button', { name: '终止资格' }).click();
    const end = page.getByRole('dialog', { name: '终止代表资格' });
    await end.getByText('此操作不能撤销').waitFor();
    await end.getByLabel('终止日期').fill('2026-11-20');
    await end.getByLabel('原因').fill('调离本行政区域');
    await h.screenshot('end-term-dialog', ['tablet', 'phone']);
    await end.getByRole('button', { name: '终止张志强的代表资格' }).click();
    await page.getByText('在任代表共 2 人').waitFor();
    await page.getByRole('radio', { name: '已终止' }).click();
    await page.getByRole('row', { name: /张志强/ }).getByText('调离本行政区域').waitFor();
  });

  it('shows the audit log in words and verifies the hash chain', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志', level: 1 }).waitFor();
    await page.getByRole('cell', { name: '终止代表资格' }).waitFor();
    await page.getByRole('cell', { name: '补发代表证' }).waitFor();
    await page.getByRole('cell', { name: '添加承办单位' }).first().waitFor();
    await page.getByRole('button', { name: '核验哈希链' }).click();
    await page.getByText(/哈希链完整：已核验 \d+ 条记录，没有被改动。/).waitFor();
    await h.screenshot('audit');
  });

  it('shows my account with my sessions and changes my password', async () => {
    const { page } = h;
    await page.goto(`${h.origin}/account`);
    await page.getByRole('heading', { name: '我的账户', level: 1 }).waitFor();
    await page.getByRole('row', { name: /本设备/ }).waitFor();
    await page.getByLabel('当前密码').fill(admin.password);
    await page.getByLabel('新密码').fill('qingshan-2027-admin');
    await page.getByLabel('再次输入密码').fill('qingshan-2027-admin');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改，其他设备上的登录已失效。').waitFor();
    await h.screenshot('my-account', ['tablet', 'phone']);
  });

  it('sent no request outside its own origin and raised no page error', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
