import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRobot, startSmsGateway, startSmtp, type RobotHook, type SmsGateway, type SmtpServer } from '../notify/gateways.ts';
import { eventually, settled, shoot, startHarness, type Harness } from './harness.ts';

/**
 * Notifications in a real browser (SPEC §17), against real test providers on this machine (tests/notify/gateways.ts):
 * the office sends a test SMS and watches it go from queued to sent through the SMS gateway; a refused one shows as
 * failed with the provider's reason and is sent again from the messages page; a DingTalk robot is set (its 加签 secret
 * never shown back) and test-sent to; a template with a placeholder its kind does not fill is refused at the field;
 * the notify settings are saved; and a resident opts out on a phone from the link in the e-mail they received.
 */
describe('notifications: channels, messages, templates, opting out', () => {
  let h: Harness;
  let gw: SmsGateway;
  let smtp: SmtpServer;
  let robot: RobotHook;
  let csrf = '';
  let congressId = '';
  const admin = { displayName: '青山镇人大办', username: 'qingshan.office', password: 'qingshan-2026-admin' };
  const env: Record<string, string | undefined> = {};
  const api = async <T,>(method: 'get' | 'post' | 'put', path: string, data?: unknown): Promise<T> => {
    const res = await h.page.request[method](`${h.origin}/api${path}`, method === 'get' ? {} : { data: data ?? {}, headers: { 'X-CSRF-Token': csrf } });
    expect([200, 201], `${path}: ${await res.text()}`).toContain(res.status());
    return (await res.json()) as T;
  };
  /** The state words of the message with this id, as the list answers it now. */
  const stateOf = async (messageId: string) => {
    const list = await api<{ items: { id: string; state: string }[] }>('get', `/congresses/${congressId}/notify/messages?kind=test&size=50`);
    return list.items.find((m) => m.id === messageId)?.state;
  };

  beforeAll(async () => {
    [gw, smtp, robot] = await Promise.all([startSmsGateway(), startSmtp(), startRobot('dingtalk')]);
    // The server is a child process with this process's environment: the providers' settings go there.
    const settings: Record<string, string> = {
      ...gw.env,
      ...smtp.env,
      SMS_TEMPLATES: JSON.stringify({ test: 'SMS_900001', item_screened: 'SMS_900002', item_answered: 'SMS_900003', evaluation_invite: 'SMS_900004' }),
      NOTIFY_ROBOT_HOSTS: robot.host,
      NOTIFY_POLL_MS: '300',
    };
    for (const [k, v] of Object.entries(settings)) {
      env[k] = process.env[k];
      process.env[k] = v;
    }
    h = await startHarness();
    const setup = await h.page.request.post(`${h.origin}/api/setup`, { data: admin });
    expect(setup.status()).toBe(201);
    csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    congressId = (await api<{ id: string }>('post', '/congresses', { name: '青山镇第十八届人民代表大会', level: 'township', term: 18 })).id;
  });
  afterAll(async () => {
    await h?.close();
    await Promise.all([gw?.close(), smtp?.close(), robot?.close()]);
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const smsCard = (page: Page) => page.getByRole('region', { name: '短信' });

  it('a test SMS goes from queued to sent through the gateway, before the office’s eyes', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/notify/channels`);
    await page.getByRole('heading', { name: '通知渠道', level: 1 }).waitFor();
    const sms = smsCard(page);
    await sms.getByText('已开通').waitFor();
    await sms.getByLabel('接收测试的手机号').fill('13812345678');
    await sms.getByRole('button', { name: '发送短信测试' }).click();
    await sms.locator('.nt-test-state').getByText('已发送').waitFor();
    expect(gw.received.map((r) => [r.phone, r.templateCode, r.signName])).toEqual([['13812345678', 'SMS_900001', gw.signName]]);
    expect(gw.rejected).toEqual([]);
    // The address typed is shown masked, never whole.
    await page.goto(`${h.origin}/c/${congressId}/notify?kind=test`);
    await page.getByRole('cell', { name: /138\*\*\*\*5678/ }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('13812345678');
    await settled(page);
    await shoot(page, 'notify-messages', ['tablet', 'phone', 'desktop']);
  });

  it('a message the provider refuses shows as failed with its reason, and is sent again', async () => {
    const page = h.page;
    gw.mode = 'fail';
    await page.goto(`${h.origin}/c/${congressId}/notify/channels`);
    const sms = smsCard(page);
    await sms.getByLabel('接收测试的手机号').fill('13900001111');
    await sms.getByRole('button', { name: '发送短信测试' }).click();
    await sms.locator('.nt-test-state').getByText('发送失败').waitFor();
    await settled(page);
    await shoot(page, 'notify-channels', ['tablet', 'phone', 'desktop']);

    // The messages page: the failed chip, the row with its error, 重发.
    await page.goto(`${h.origin}/c/${congressId}/notify`);
    await page.getByRole('radio', { name: /发送失败\s*1/ }).click();
    await eventually(() => new URL(page.url()).searchParams.get('state')).toBe('failed');
    const row = page.getByRole('row', { name: /139\*\*\*\*1111/ });
    await row.getByRole('button', { name: /^重发/ }).waitFor();
    expect(await row.textContent()).toMatch(/isv\.MOBILE_NUMBER_ILLEGAL|非法/);
    // The provider's words may name the number: the page never shows it whole.
    expect(await page.locator('main').textContent()).not.toContain('13900001111');
    const failedId = (await api<{ items: { id: string }[] }>('get', `/congresses/${congressId}/notify/messages?state=failed`)).items[0].id;
    gw.mode = 'ok';
    await row.getByRole('button', { name: /^重发/ }).click();
    await page.getByText('已重新排队发送').waitFor();
    await eventually(() => stateOf(failedId)).toBe('sent');
    expect(gw.deliveredCount(failedId)).toBe(1);
    // Refresh shows it among the sent.
    await page.getByRole('radio', { name: /已发送/ }).click();
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByRole('row', { name: /139\*\*\*\*1111/ }).getByText('已发送').waitFor();
  });

  it('a test e-mail arrives at the SMTP server', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/notify/channels`);
    const mail = page.getByRole('region', { name: '电子邮件' });
    await mail.getByLabel('接收测试的邮箱').fill('office@qingshan.example.cn');
    await mail.getByRole('button', { name: '发送电子邮件测试' }).click();
    await mail.locator('.nt-test-state').getByText('已发送').waitFor();
    expect(smtp.mails.filter((m) => m.to.includes('office@qingshan.example.cn'))).toHaveLength(1);
  });

  it('a DingTalk robot is set with its secret, kept hidden, and receives a test', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/notify/channels`);
    const ding = page.getByRole('region', { name: '钉钉群机器人' });
    await ding.getByText('未开通').waitFor();
    await ding.getByLabel('机器人地址（Webhook）').fill(robot.webhook);
    await ding.getByLabel('加签密钥（可选）').fill(robot.secret);
    await ding.getByRole('button', { name: '保存机器人' }).click();
    await ding.getByText('已开通').waitFor();
    await ding.getByText(/已保存加签密钥/).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain(robot.secret);
    expect(text).not.toContain(robot.webhook.split('=')[1]);
    await ding.getByRole('button', { name: '发送钉钉群机器人测试' }).click();
    await ding.locator('.nt-test-state').getByText('已发送').waitFor();
    expect(robot.received).toHaveLength(1);
    expect(robot.rejected).toEqual([]);
  });

  it('a template with a placeholder its kind does not fill is refused at the field; a good one is saved', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/notify/templates`);
    await page.getByRole('heading', { name: '通知模板', level: 1 }).waitFor();
    const card = page.locator('details.nt-template', { hasText: '测试通知' });
    await card.locator('summary').click();
    const zh = card.getByLabel('中文', { exact: true });
    await zh.fill('{congress} 的测试通知，事项 {code}');
    await card.getByRole('button', { name: '保存' }).click();
    const error = card.locator('.field-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('code');
    expect(await zh.getAttribute('aria-invalid')).toBe('true');
    await settled(page);
    await shoot(page, 'notify-templates', ['tablet', 'phone', 'desktop']);
    await zh.fill('【{congress}】通知渠道测试，收到即可。');
    await card.getByRole('button', { name: '保存' }).click();
    await page.getByText('“测试通知”的措辞已保存').waitFor();
    await card.getByText('本会措辞').waitFor();
    const list = await api<{ templates: { kind: string; own: { zh: string | null } }[] }>('get', `/congresses/${congressId}/notify/templates`);
    expect(list.templates.find((x) => x.kind === 'test')?.own.zh).toBe('【{congress}】通知渠道测试，收到即可。');
  });

  it('the notify settings are saved from the congress settings page', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}`);
    const group = page.getByRole('group', { name: '通知' });
    await group.getByLabel('每日短信上限').fill('500');
    await group.getByLabel('办公室邮箱').fill('office@qingshan.example.cn');
    await page.getByRole('button', { name: '保存规则设置' }).click();
    await eventually(async () => (await api<{ settings: { notify: { smsDailyCap: number; officeEmail: string } } }>('get', `/congresses/${congressId}`)).settings.notify).toEqual(
      expect.objectContaining({ smsDailyCap: 500, officeEmail: 'office@qingshan.example.cn' }),
    );
  });

  it('a resident opts out on a phone from the link in the e-mail they received', async () => {
    // A resident's item with an e-mail address, answered on the spot: the resident hears of it by e-mail.
    const item = await api<{ id: string; trackingCode: string }>('post', `/congresses/${congressId}/items`, {
      source: 'resident',
      category: 'rural',
      title: '村口路灯不亮',
      content: '村口三盏路灯坏了一个月。',
      submitterName: '李女士',
      submitterContact: 'li.resident@example.cn',
    });
    await api('post', `/congresses/${congressId}/items/${item.id}/answer-on-spot`, { note: '已联系供电所，本周修复。' });
    await eventually(() => smtp.mails.filter((m) => m.to.includes('li.resident@example.cn')).length).toBe(1);
    const mail = smtp.mails.find((m) => m.to.includes('li.resident@example.cn'))!;
    expect(mail.text).toContain(item.trackingCode);
    const link = /\/n\/o#([A-Za-z0-9._~-]+)/.exec(mail.text);
    expect(link, mail.text).not.toBeNull();

    const phone = await h.newPage('phone');
    await phone.goto(`${h.origin}/n/o#${link![1]}`);
    await phone.getByRole('heading', { name: '退订通知', level: 1 }).waitFor();
    // The token leaves the address bar at once.
    await eventually(() => new URL(phone.url()).hash).toBe('');
    await settled(phone);
    await shoot(phone, 'notify-optout', ['phone']);
    await phone.getByRole('button', { name: '确认退订' }).click();
    await phone.getByText('已退订').waitFor();
    await phone.getByText(/不再通过电子邮件/).waitFor();
    await settled(phone);
    await shoot(phone, 'notify-optout-done', ['phone']);
    await phone.context().close();

    // Her next item's message is not sent: the office's list says why, with the address masked, never whole.
    const second = await api<{ id: string }>('post', `/congresses/${congressId}/items`, {
      source: 'resident',
      category: 'rural',
      title: '村道积水',
      content: '雨后村道积水严重。',
      submitterContact: 'li.resident@example.cn',
    });
    await api('post', `/congresses/${congressId}/items/${second.id}/answer-on-spot`, { note: '已安排清理排水沟。' });
    // The worker has passed it by (the list page does not poll by itself).
    await eventually(async () => (await api<{ total: number }>('get', `/congresses/${congressId}/notify/messages?audience=resident&state=skipped`)).total).toBe(1);
    await h.page.goto(`${h.origin}/c/${congressId}/notify?audience=resident&state=skipped`);
    const skipped = h.page.getByRole('row', { name: /l\*\*\*@example\.cn/ });
    await skipped.getByText('本人已退订').waitFor();
    expect(await h.page.locator('main').textContent()).not.toContain('li.resident@example.cn');
    expect(smtp.mails.filter((m) => m.to.includes('li.resident@example.cn'))).toHaveLength(1);
    await settled(h.page);
    await shoot(h.page, 'notify-messages-skipped', ['phone']);
  });

  it('my notifications on the account page', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/account`);
    await page.getByRole('heading', { name: '我的通知', level: 2 }).waitFor();
    // Turned off and on again: the server keeps each.
    const sms = page.getByRole('switch', { name: '接收短信通知' });
    await sms.uncheck();
    await page.getByText('已关闭短信通知').waitFor();
    const mine = () => api<{ channels: { channel: string; optedOut: boolean }[] }>('get', '/me/notify').then((m) => m.channels.find((c) => c.channel === 'sms')?.optedOut);
    expect(await mine()).toBe(true);
    await sms.check();
    await page.getByText('已开启短信通知').waitFor();
    expect(await mine()).toBe(false);
    await settled(page);
    await shoot(page, 'notify-account', ['phone']);
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
