/**
 * The notify stage's transports and channels routes (SPEC §17), against real servers on this machine
 * (tests/notify/gateways.ts): the SMS gateway checks every request's shape and Aliyun signature, an SMTP server receives
 * the mail, robot webhooks check DingTalk's 加签. Each transport: sent, refused for good, a failure that may pass,
 * a timeout — and its failure's words never hold the address. The settings' refusals. The routes: status without
 * secrets, a robot set / masked / removed, a test send queued (and refused when the channel is off or the address
 * wrong), and the gateway's reply callback opting a number out (a bad signature refused).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifyOptouts, notifyRobots, outbox } from '../../server/db/schema/index.ts';
import { addressKey } from '../../server/notify/address.ts';
import { makeNotifyRuntime, type NotifyRuntime } from '../../server/notify/channels/index.ts';
import { emailTransport } from '../../server/notify/channels/email.ts';
import { maskWebhook, robotTransport, webhookAllowed } from '../../server/notify/channels/robots.ts';
import { percentEncode, signRpc, smsTransport, SMS_REPLY_SIGNATURE_HEADER } from '../../server/notify/channels/sms.ts';
import { parseNotifyConfig, type NotifyConfig } from '../../server/notify/config.ts';
import type { Outgoing } from '../../server/notify/types.ts';
import { ConfigError } from '../../server/system/config.ts';
import * as N from '../../shared/notify/contract.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';
import { startRobot, startSmsGateway, startSmtp, type RobotHook, type SmsGateway, type SmtpServer } from './gateways.ts';

const PHONE = '13812345678';
const MAIL = 'wang.fang@example.cn';
/**
 * The deadline of the cases where the server never answers (so they end soon). Every other case keeps the default
 * (10 s), so a busy machine cannot turn a success into a timeout; nothing asserts how long anything took.
 */
const SHORT = 300;
const go = () => new AbortController().signal;

let gw: SmsGateway;
let smtp: SmtpServer;
let wecom: RobotHook;
let ding: RobotHook;
let config: NotifyConfig;

beforeAll(async () => {
  [gw, smtp, wecom, ding] = await Promise.all([startSmsGateway(), startSmtp(), startRobot('wecom'), startRobot('dingtalk')]);
  config = parseNotifyConfig({
    ...gw.env,
    ...smtp.env,
    SMS_TEMPLATES: JSON.stringify({ test: 'SMS_900001', item_answered: 'SMS_15305' }),
    NOTIFY_ROBOT_HOSTS: `qyapi.weixin.qq.com,oapi.dingtalk.com,${wecom.host},${ding.host}`,
  });
});
afterAll(async () => {
  await Promise.all([gw?.close(), smtp?.close(), wecom?.close(), ding?.close()]);
});

const smsOut = (over: Partial<Outgoing> = {}): Outgoing => ({
  id: crypto.randomUUID(),
  channel: 'sms',
  kind: 'test',
  address: PHONE,
  subject: '',
  text: '【民生实事】测试短信',
  sms: { templateCode: 'SMS_900001', params: { congress: '示范镇 人大*(一)~' } },
  ...over,
});

describe('settings (parseNotifyConfig)', () => {
  it('leaves every channel off by default and reads the defaults', () => {
    const c = parseNotifyConfig({});
    expect(c).toEqual({ sms: null, smsTemplates: {}, email: null, timeoutMs: 10_000, robotHosts: ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'], worker: true, pollMs: 2000 });
    expect(parseNotifyConfig({ NOTIFY_WORKER: '0' }).worker).toBe(false);
    expect(parseNotifyConfig({ NOTIFY_WORKER: 'on', NOTIFY_POLL_MS: '500' })).toMatchObject({ worker: true, pollMs: 500 });
  });

  it('turns SMS and e-mail on with all their settings', () => {
    expect(config.sms).toEqual({ url: gw.url, accessKeyId: gw.accessKeyId, accessKeySecret: gw.secret, signName: gw.signName });
    expect(config.email).toEqual({ url: smtp.url, from: smtp.from });
    expect(config.smsTemplates).toEqual({ test: 'SMS_900001', item_answered: 'SMS_15305' });
    expect(config.timeoutMs).toBe(10_000);
    expect(parseNotifyConfig({ NOTIFY_TIMEOUT_MS: '400' }).timeoutMs).toBe(400);
    const rt = makeNotifyRuntime(config);
    expect(Object.keys(rt.transports).sort()).toEqual(['dingtalk', 'email', 'sms', 'wecom']);
    expect(Object.keys(makeNotifyRuntime(parseNotifyConfig({})).transports).sort()).toEqual(['dingtalk', 'wecom']);
  });

  it.each([
    [{ SMS_GATEWAY_URL: 'dysmsapi.aliyuncs.com' }, 'SMS_GATEWAY_URL'],
    [{ SMS_GATEWAY_URL: 'https://dysmsapi.aliyuncs.com/', SMS_ACCESS_KEY_ID: 'id' }, 'SMS_ACCESS_KEY_SECRET'],
    [{ SMTP_URL: 'mail.example.cn:25', MAIL_FROM: 'a@b.cn' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail.example.cn:25' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'smtp://mail.example.cn:25', MAIL_FROM: 'nobody' }, 'MAIL_FROM'],
    [{ SMS_TEMPLATES: '{item_answered: SMS_1}' }, 'SMS_TEMPLATES'],
    [{ SMS_TEMPLATES: '["SMS_1"]' }, 'SMS_TEMPLATES'],
    [{ SMS_TEMPLATES: '{"item_anwsered":"SMS_1"}' }, 'item_anwsered'],
    [{ SMS_TEMPLATES: '{"item_answered":"SMS 1"}' }, 'SMS_TEMPLATES'],
    [{ NOTIFY_TIMEOUT_MS: 'ten' }, 'NOTIFY_TIMEOUT_MS'],
    [{ NOTIFY_TIMEOUT_MS: '10' }, 'NOTIFY_TIMEOUT_MS'],
    [{ NOTIFY_POLL_MS: '-1' }, 'NOTIFY_POLL_MS'],
    [{ NOTIFY_WORKER: 'maybe' }, 'NOTIFY_WORKER'],
    [{ NOTIFY_ROBOT_HOSTS: 'https://qyapi.weixin.qq.com/' }, 'NOTIFY_ROBOT_HOSTS'],
  ])('refuses %o in one line naming %s, in Chinese and English', (env, name) => {
    let err: unknown;
    try {
      parseNotifyConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain(name);
    expect(msg).toMatch(/^配置错误 \/ Configuration error: /);
    expect(msg).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(msg).not.toContain('\n');
  });

  it('never echoes a secret in a refusal', () => {
    const secret = 'top secret value';
    expect(() => parseNotifyConfig({ ...gw.env, SMS_ACCESS_KEY_SECRET: secret })).toThrow(/SMS_ACCESS_KEY_SECRET/);
    try {
      parseNotifyConfig({ ...gw.env, SMS_ACCESS_KEY_SECRET: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
    try {
      parseNotifyConfig({ SMTP_URL: 'smtp://u:pa ss@host:25', MAIL_FROM: 'a@b.cn' });
    } catch (e) {
      expect((e as Error).message).toContain('SMTP_URL');
      expect((e as Error).message).not.toContain('pa ss');
    }
  });
});

describe('signatures', () => {
  it("signs as Aliyun's documented example (DescribeRegions, testsecret)", () => {
    const params = {
      TimeStamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(signRpc('testsecret', 'GET', params)).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('percent-encodes as RFC 3986 wants (space %20, * %2A, ~ kept)', () => {
    expect(percentEncode("a b*c~d!'()/:")).toBe('a%20b%2Ac~d%21%27%28%29%2F%3A');
    expect(percentEncode('人大')).toBe('%E4%BA%BA%E5%A4%A7');
  });
});

describe('SMS transport, against the test gateway', () => {
  it('sends a well-formed, well-signed SendSms and reads the BizId', async () => {
    const t = smsTransport(config.sms!, config.timeoutMs);
    expect(t.detail).toBe(`${new URL(gw.url).host} · ${gw.signName}`);
    const m = smsOut();
    const r = await t.send(m, go());
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.providerId).toBeTruthy();
    expect(gw.rejected).toEqual([]);
    const got = gw.received.find((x) => x.outId === m.id)!;
    expect(got).toMatchObject({ phone: PHONE, signName: gw.signName, templateCode: 'SMS_900001', params: { congress: '示范镇 人大*(一)~' } });
    expect(gw.deliveredCount(m.id)).toBe(1);
  });

  it('is refused by the gateway when signed with another secret (the gateway checks the signature)', async () => {
    const t = smsTransport({ ...config.sms!, accessKeySecret: 'not-the-secret' }, config.timeoutMs);
    const before = gw.rejected.length;
    const r = await t.send(smsOut(), go());
    expect(r).toEqual({ ok: false, retry: false, error: expect.stringContaining('SignatureDoesNotMatch') });
    expect(gw.rejected.slice(before)).toEqual(['signature']);
    gw.rejected.length = before;
  });

  it('fails for good on an isv refusal, without the number in its words', async () => {
    const t = smsTransport(config.sms!, config.timeoutMs);
    gw.mode = 'fail';
    const r = await t.send(smsOut(), go());
    gw.mode = 'ok';
    expect(r).toMatchObject({ ok: false, retry: false });
    expect(!r.ok && r.error).toContain('isv.MOBILE_NUMBER_ILLEGAL');
    expect(!r.ok && r.error).not.toContain(PHONE);
  });

  it.each(['throttled', 'error5xx'] as const)('may retry when the gateway answers %s', async (mode) => {
    const t = smsTransport(config.sms!, config.timeoutMs);
    gw.mode = mode;
    const r = await t.send(smsOut(), go());
    gw.mode = 'ok';
    expect(r).toMatchObject({ ok: false, retry: true });
    expect(!r.ok && r.error).toMatch(mode === 'throttled' ? /isv\.BUSINESS_LIMIT_CONTROL/ : /HTTP 503/);
  });

  it('gives up at its deadline when the gateway does not answer (retry later)', async () => {
    const t = smsTransport(config.sms!, SHORT);
    gw.mode = 'slow';
    const m = smsOut();
    const r = await t.send(m, go());
    gw.mode = 'ok';
    expect(r).toEqual({ ok: false, retry: true, error: expect.stringMatching(/^timeout/) });
    expect(gw.deliveredCount(m.id)).toBe(0);
  });

  it("stops at once when the worker's signal ends, and when the gateway is unreachable", async () => {
    const t = smsTransport(config.sms!, 60_000);
    const ac = new AbortController();
    ac.abort();
    expect(await t.send(smsOut(), ac.signal)).toMatchObject({ ok: false, retry: true });
    const down = smsTransport({ ...config.sms!, url: 'http://127.0.0.1:9/' }, config.timeoutMs);
    expect(await down.send(smsOut(), go())).toMatchObject({ ok: false, retry: true, error: expect.stringMatching(/^network/) });
  });

  it('refuses for good a message without an approved template', async () => {
    const t = smsTransport(config.sms!, config.timeoutMs);
    expect(await t.send(smsOut({ sms: undefined }), go())).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('no_sms_template') });
  });
});

describe('e-mail transport, against the test SMTP server', () => {
  const mailOut = (over: Partial<Outgoing> = {}): Outgoing => ({
    id: crypto.randomUUID(),
    channel: 'email',
    kind: 'test',
    address: MAIL,
    subject: '【测试】民生实事通知',
    text: '这是一条测试邮件。\nThis is a test message — 第二行。',
    ...over,
  });

  it('delivers the mail: sender, recipient, subject, text and the Message-ID of the outbox row', async () => {
    const t = emailTransport(config.email!, config.timeoutMs);
    const m = mailOut();
    const r = await t.send(m, go());
    expect(r).toEqual({ ok: true, providerId: `<${m.id}@minsheng>` });
    const mail = smtp.mails.find((x) => x.messageId === `<${m.id}@minsheng>`)!;
    expect(mail).toMatchObject({ from: smtp.from, to: [MAIL], subject: m.subject, text: m.text });
    expect(smtp.deliveredCount(`<${m.id}@minsheng>`)).toBe(1);
    await t.close?.();
  });

  it('fails for good on a 5xx answer and may retry on a 4xx, never naming the address', async () => {
    const t = emailTransport(config.email!, config.timeoutMs);
    smtp.mode = 'fail';
    const bad = await t.send(mailOut(), go());
    smtp.mode = 'tempfail';
    const later = await t.send(mailOut(), go());
    smtp.mode = 'ok';
    expect(bad).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('SMTP 550') });
    expect(later).toMatchObject({ ok: false, retry: true, error: expect.stringContaining('SMTP 451') });
    for (const r of [bad, later]) expect(!r.ok && r.error).not.toContain(MAIL);
    await t.close?.();
  });

  it('fails for good with a wrong password (535), may retry when the server is slow or gone', async () => {
    const wrong = emailTransport({ ...config.email!, url: smtp.url.replace(':smtp-test-pass@', ':wrong@') }, config.timeoutMs);
    expect(await wrong.send(mailOut(), go())).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('SMTP 535') });
    const t = emailTransport(config.email!, SHORT);
    smtp.mode = 'slow';
    const slow = await t.send(mailOut(), go());
    smtp.mode = 'ok';
    expect(slow).toMatchObject({ ok: false, retry: true, error: expect.stringMatching(/^timeout/) });
    const gone = emailTransport({ ...config.email!, url: 'smtp://127.0.0.1:9' }, config.timeoutMs);
    expect(await gone.send(mailOut(), go())).toMatchObject({ ok: false, retry: true });
  });
});

describe('robot transports, against the test webhooks', () => {
  const robotOut = (channel: 'wecom' | 'dingtalk', robot: { webhook: string; secret: string }): Outgoing => ({
    id: crypto.randomUUID(),
    channel,
    kind: 'test',
    address: '',
    robot,
    subject: '',
    text: `【民生实事】测试 ${Math.random()}`,
  });

  it('WeCom: sent, refused for good, throttled and 5xx retried, timeout retried', async () => {
    const t = robotTransport('wecom', config.timeoutMs);
    const robot = { webhook: wecom.webhook, secret: '' };
    const ok = robotOut('wecom', robot);
    expect(await t.send(ok, go())).toEqual({ ok: true });
    expect(wecom.received.map((r) => r.content)).toContain(ok.text);
    const answers: Record<string, unknown> = {};
    const short = robotTransport('wecom', SHORT);
    for (const mode of ['fail', 'throttled', 'error5xx', 'slow'] as const) {
      wecom.mode = mode;
      answers[mode] = await (mode === 'slow' ? short : t).send(robotOut('wecom', robot), go());
    }
    wecom.mode = 'ok';
    expect(answers).toEqual({
      fail: { ok: false, retry: false, error: expect.stringContaining('errcode 93000') },
      throttled: { ok: false, retry: true, error: expect.stringContaining('errcode 45009') },
      error5xx: { ok: false, retry: true, error: 'HTTP 502' },
      slow: { ok: false, retry: true, error: expect.stringMatching(/^timeout/) },
    });
    expect(wecom.rejected).toEqual([]);
    for (const a of Object.values(answers)) expect(JSON.stringify(a)).not.toContain(wecom.webhook.split('key=')[1]);
  });

  it('DingTalk: signed with 加签 (checked by the webhook); a wrong secret is refused', async () => {
    const t = robotTransport('dingtalk', config.timeoutMs);
    const ok = robotOut('dingtalk', { webhook: ding.webhook, secret: ding.secret });
    expect(await t.send(ok, go())).toEqual({ ok: true });
    expect(ding.received.map((r) => r.content)).toContain(ok.text);
    expect(ding.rejected).toEqual([]);
    expect(await t.send(robotOut('dingtalk', { webhook: ding.webhook, secret: 'SECwrong' }), go())).toMatchObject({ ok: false, retry: false });
    expect(ding.rejected).toEqual(['sign']);
    ding.rejected.length = 0;
    ding.mode = 'throttled';
    expect(await t.send(ok, go())).toMatchObject({ ok: false, retry: true, error: expect.stringContaining('130101') });
    ding.mode = 'ok';
  });

  it('allows a webhook only on a listed host; the official ones only over https at their own address', () => {
    const hosts = config.robotHosts;
    expect(webhookAllowed('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4', hosts)).toBe(true);
    expect(webhookAllowed('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=9c2a7e3f0d5b4a1c', hosts)).toBe(true);
    expect(webhookAllowed('wecom', 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4', hosts)).toBe(false);
    expect(webhookAllowed('dingtalk', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4', hosts)).toBe(false);
    expect(webhookAllowed('wecom', 'https://qyapi.weixin.qq.com/other?key=693a91f6-7xxx-4bc4', hosts)).toBe(false);
    expect(webhookAllowed('wecom', 'https://evil.example.com/cgi-bin/webhook/send?key=693a91f6', hosts)).toBe(false);
    expect(webhookAllowed('wecom', 'https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6', hosts)).toBe(false);
    expect(webhookAllowed('wecom', 'not a url', hosts)).toBe(false);
    expect(webhookAllowed('wecom', wecom.webhook, hosts)).toBe(true);
    expect(webhookAllowed('wecom', wecom.webhook, parseNotifyConfig({}).robotHosts)).toBe(false);
    expect(maskWebhook('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=69****c4');
  });
});

describe('channels routes', () => {
  const t = useTestApp();
  let admin: Client;
  let staff: Client;
  let other: Client;
  let congress: { id: string; name: string };
  let runtime: NotifyRuntime;
  const at = () => ({ congressId: congress.id });

  beforeAll(async () => {
    runtime = makeNotifyRuntime(config);
    t.deps.notify = runtime;
    admin = await setupAdmin(t);
    const made = await congressWithRoles(t, admin);
    congress = made.congress;
    staff = made.clients.admin;
    other = made.clients.government;
  });

  it('is for the congress admin only', async () => {
    expect((await other.call(N.channelsStatus, { params: at() })).status).toBe(403);
    expect((await other.call(N.testSend, { params: at(), body: { channel: 'sms', address: PHONE } })).status).toBe(403);
    expect((await other.call(N.setRobot, { params: { ...at(), channel: 'wecom' }, body: { webhook: wecom.webhook } })).status).toBe(403);
  });

  it('says which channels are on, with their host and sender and no secret', async () => {
    const res = await staff.call(N.channelsStatus, { params: at() });
    expect(res.status).toBe(200);
    expect(res.body.channels).toEqual([
      { channel: 'sms', configured: true, detail: `${new URL(gw.url).host} · ${gw.signName}` },
      { channel: 'email', configured: true, detail: `127.0.0.1:${smtp.port} · notify@minsheng.test` },
      { channel: 'wecom', configured: false, detail: '', hasSecret: false },
      { channel: 'dingtalk', configured: false, detail: '', hasSecret: false },
    ]);
    for (const secret of [gw.secret, 'smtp-test-pass']) expect(res.text).not.toContain(secret);
  });

  it('keeps a robot, shows its webhook masked, keeps its secret when none is sent, removes it', async () => {
    const bad = await staff.call(N.setRobot, { params: { ...at(), channel: 'wecom' }, body: { webhook: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('notify_webhook_invalid');
    const en = await new Client(t, 'en').call(N.setRobot, { params: { ...at(), channel: 'wecom' }, body: { webhook: 'x' } });
    expect(en.status).toBe(401); // not signed in
    expect((await staff.call(N.setRobot, { params: { ...at(), channel: 'dingtalk' }, body: { webhook: 'https://evil.example.com/robot/send?access_token=abcdefgh' } })).status).toBe(400);

    expect((await staff.call(N.setRobot, { params: { ...at(), channel: 'wecom' }, body: { webhook: wecom.webhook } })).status).toBe(200);
    expect((await staff.call(N.setRobot, { params: { ...at(), channel: 'dingtalk' }, body: { webhook: ding.webhook, secret: ding.secret } })).status).toBe(200);
    let status = await staff.call(N.channelsStatus, { params: at() });
    const wecomKey = wecom.webhook.split('key=')[1];
    const dingToken = ding.webhook.split('access_token=')[1];
    expect(status.body.channels.slice(2)).toEqual([
      { channel: 'wecom', configured: true, detail: maskWebhook(wecom.webhook), hasSecret: false },
      { channel: 'dingtalk', configured: true, detail: maskWebhook(ding.webhook), hasSecret: true },
    ]);
    for (const s of [wecomKey, dingToken, ding.secret]) expect(status.text).not.toContain(s);

    // a new webhook without a secret keeps the secret; '' clears it
    expect((await staff.call(N.setRobot, { params: { ...at(), channel: 'dingtalk' }, body: { webhook: ding.webhook } })).status).toBe(200);
    const [kept] = await t.deps.db.select().from(notifyRobots).where(and(eq(notifyRobots.congressId, congress.id), eq(notifyRobots.channel, 'dingtalk')));
    expect(kept.secret).toBe(ding.secret);
    expect((await staff.call(N.setRobot, { params: { ...at(), channel: 'dingtalk' }, body: { webhook: ding.webhook, secret: '' } })).status).toBe(200);
    status = await staff.call(N.channelsStatus, { params: at() });
    expect(status.body.channels[3]).toMatchObject({ configured: true, hasSecret: false });
    expect((await staff.call(N.setRobot, { params: { ...at(), channel: 'dingtalk' }, body: { webhook: ding.webhook, secret: ding.secret } })).status).toBe(200);

    // removed with an empty webhook
    expect((await staff.call(N.setRobot, { params: { ...at(), channel: 'wecom' }, body: { webhook: '' } })).status).toBe(200);
    status = await staff.call(N.channelsStatus, { params: at() });
    expect(status.body.channels[2]).toEqual({ channel: 'wecom', configured: false, detail: '', hasSecret: false });
    // removing what is not there changes nothing (and is not audited)
    expect((await staff.call(N.setRobot, { params: { ...at(), channel: 'wecom' }, body: { webhook: '' } })).status).toBe(200);
    expect((await staff.call(N.setRobot, { params: { ...at(), channel: 'wecom' }, body: { webhook: wecom.webhook } })).status).toBe(200);

    // audited, without the secret or the key
    const entries = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.congressId, congress.id), eq(auditLog.action, 'notify.set_robot')));
    expect(entries.length).toBe(7);
    const text = JSON.stringify(entries);
    for (const s of [wecomKey, dingToken, ding.secret]) expect(text).not.toContain(s);
  });

  it('queues a test message for the worker on each channel that is on', async () => {
    const sms = await staff.call(N.testSend, { params: at(), body: { channel: 'sms', address: ' 138-1234-5678 ' } });
    expect(sms.status).toBe(200);
    const email = await staff.call(N.testSend, { params: at(), body: { channel: 'email', address: 'Wang.Fang@Example.cn' } });
    const robot = await staff.call(N.testSend, { params: at(), body: { channel: 'dingtalk' } });
    expect([email.status, robot.status]).toEqual([200, 200]);
    const rows = await t.deps.db.select().from(outbox).where(eq(outbox.congressId, congress.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const me = (await staff.get('/api/auth/me')).body;
    const accountId = me.account?.id ?? me.id;
    expect(byId.get(sms.body.messageId)).toMatchObject({
      kind: 'test',
      channel: 'sms',
      audience: 'staff',
      personKey: `test:${accountId}`,
      address: PHONE,
      addressMasked: '138****5678',
      params: { congress: congress.name },
      state: 'pending',
    });
    expect(byId.get(email.body.messageId)).toMatchObject({ channel: 'email', address: MAIL, addressMasked: 'w***@example.cn', state: 'pending' });
    expect(byId.get(robot.body.messageId)).toMatchObject({ channel: 'dingtalk', address: '', state: 'pending' });
    for (const id of [sms.body.messageId, email.body.messageId, robot.body.messageId]) expect(byId.get(id)!.dueAt.getTime()).toBeLessThanOrEqual(Date.now());

    const entries = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.congressId, congress.id), eq(auditLog.action, 'notify.test_send')));
    expect(entries.map((e) => e.targetId).sort()).toEqual([sms.body.messageId, email.body.messageId, robot.body.messageId].sort());
    const text = JSON.stringify(entries);
    expect(text).not.toContain(PHONE);
    expect(text.toLowerCase()).not.toContain(MAIL);
  });

  it('refuses a test send with a wrong address or on a channel that is off', async () => {
    for (const body of [{ channel: 'sms', address: '12345' }, { channel: 'sms' }, { channel: 'email', address: 'not-an-address' }] as const) {
      const res = await staff.call(N.testSend, { params: at(), body });
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('notify_address_invalid');
    }
    t.deps.notify = makeNotifyRuntime(parseNotifyConfig({ NOTIFY_ROBOT_HOSTS: wecom.host }));
    try {
      for (const channel of ['sms', 'email'] as const) {
        const res = await staff.call(N.testSend, { params: at(), body: { channel, address: channel === 'sms' ? PHONE : MAIL } });
        expect(res.status).toBe(409);
        expect(res.body.error?.code).toBe('notify_channel_off');
      }
    } finally {
      t.deps.notify = runtime;
    }
    await staff.call(N.setRobot, { params: { ...at(), channel: 'wecom' }, body: { webhook: '' } });
    const res = await new Client(t, 'en').call(N.testSend, { params: at(), body: { channel: 'wecom' } });
    expect(res.status).toBe(401);
    const off = await staff.call(N.testSend, { params: at(), body: { channel: 'wecom' } }, { 'accept-language': 'en' });
    expect(off.status).toBe(409);
    expect(off.body.error).toMatchObject({ code: 'notify_channel_off', message: expect.stringContaining('not on') });
  });

  it("opts a number out of SMS on the gateway's signed reply T / TD / 退订 / R, and nothing else", async () => {
    const reply = (body: { phone: string; content: string }, headers = gw.replyHeaders(body)) => new Client(t).call(N.smsReply, { body }, headers);
    const keyOf = async (phone: string) => addressKey(t.deps.db, phone);
    const optedOut = async (phone: string) =>
      (await t.deps.db.select().from(notifyOptouts).where(and(eq(notifyOptouts.personKey, await keyOf(phone)), eq(notifyOptouts.channel, 'sms')))).length > 0;

    expect((await reply({ phone: '13900000001', content: '好的，谢谢' })).status).toBe(200);
    expect(await optedOut('13900000001')).toBe(false);

    for (const [phone, content] of [
      ['13900000002', ' td '],
      ['+86 139-0000-0003', '退订'],
      ['13900000004', 'T'],
      ['13900000005', 'r'],
    ]) {
      const res = await reply({ phone, content });
      expect(res.status, res.text).toBe(200);
    }
    for (const phone of ['13900000002', '13900000003', '13900000004', '13900000005']) expect(await optedOut(phone)).toBe(true);
    // twice is the same as once
    expect((await reply({ phone: '13900000002', content: 'TD' })).status).toBe(200);

    // a bad or missing signature, or one made for other words, is refused and changes nothing
    const forged = await reply({ phone: '13900000006', content: 'TD' }, { [SMS_REPLY_SIGNATURE_HEADER]: signRpc('not-the-secret', 'POST', { phone: '13900000006', content: 'TD' }) });
    expect(forged.status).toBe(401);
    expect(forged.body.error?.code).toBe('notify_signature_invalid');
    expect((await reply({ phone: '13900000006', content: 'TD' }, {})).status).toBe(401);
    expect((await reply({ phone: '13900000006', content: 'TD' }, gw.replyHeaders({ phone: '13900000006', content: '好' }))).status).toBe(401);
    expect(await optedOut('13900000006')).toBe(false);

    // without SMS configured nothing can be verified: refused
    t.deps.notify = makeNotifyRuntime(parseNotifyConfig({}));
    try {
      expect((await reply({ phone: '13900000007', content: 'TD' })).status).toBe(401);
    } finally {
      t.deps.notify = runtime;
    }
  });
});
