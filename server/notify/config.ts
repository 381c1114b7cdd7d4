/**
 * The notify stage's deployment settings (SPEC §17), all from the environment and checked once at start, in the style of
 * server/system/config.ts: a wrong value is one line naming the variable and what it should hold, in Chinese and
 * English, never a secret echoed back. A channel is on only when all of its settings are there: SMS with the gateway's
 * address, key id, secret and sign name; e-mail with SMTP_URL and MAIL_FROM.
 */
import { z } from 'zod';
import { MESSAGE_KINDS, type MessageKind } from '../../shared/notify/enums.ts';
import { ConfigError } from '../system/config.ts';

export type SmsConfig = { url: string; accessKeyId: string; accessKeySecret: string; signName: string };
export type EmailConfig = { url: string; from: string };

export type NotifyConfig = {
  /** SMS gateway (null: SMS is off). */
  sms: SmsConfig | null;
  /** The provider's approved template code for each kind (SMS_TEMPLATES): the only codes a congress may choose from. */
  smsTemplates: Partial<Record<MessageKind, string>>;
  /** SMTP (null: e-mail is off). */
  email: EmailConfig | null;
  /** A send's deadline (ms). */
  timeoutMs: number;
  /** The hosts (host or host:port) a group robot's webhook may name; the official ones only over https. */
  robotHosts: string[];
  /** Whether this instance runs the outbox worker. */
  worker: boolean;
  /** How often the worker looks for due messages (ms). */
  pollMs: number;
};

/** The official robot hosts: each only over https and for its own channel. */
export const OFFICIAL_ROBOT_HOSTS = { wecom: 'qyapi.weixin.qq.com', dingtalk: 'oapi.dingtalk.com' } as const;

const opt = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim());

const whole = (name: string, def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? def : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, { error: `${name}: 应为 ${min}–${max} 的整数（毫秒） / must be a whole number from ${min} to ${max} (ms)` });

const Env = z.object({
  SMS_GATEWAY_URL: opt.refine((v) => v === '' || /^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/.test(v), {
    error: 'SMS_GATEWAY_URL: 应为短信网关地址，如 https://dysmsapi.aliyuncs.com/ / must be the gateway address, such as https://dysmsapi.aliyuncs.com/',
  }),
  SMS_ACCESS_KEY_ID: opt.refine((v) => v === '' || /^[\x21-\x7e]{1,200}$/.test(v), { error: 'SMS_ACCESS_KEY_ID: 不能含空格 / must have no spaces' }),
  SMS_ACCESS_KEY_SECRET: opt.refine((v) => v === '' || /^[\x21-\x7e]{1,200}$/.test(v), { error: 'SMS_ACCESS_KEY_SECRET: 不能含空格 / must have no spaces' }),
  SMS_SIGN_NAME: opt.refine((v) => v.length <= 40, { error: 'SMS_SIGN_NAME: 短信签名不超过 40 个字 / the sign name must be at most 40 characters' }),
  SMS_TEMPLATES: opt,
  SMTP_URL: opt.refine((v) => v === '' || /^smtps?:\/\/([^\s@/]+@)?[^\s@/:]+(:\d{1,5})?\/?$/.test(v), {
    error: 'SMTP_URL: 应形如 smtp://用户:密码@主机:587 或 smtps://用户:密码@主机:465 / must look like smtp://user:pass@host:587 or smtps://user:pass@host:465',
  }),
  MAIL_FROM: opt.refine((v) => v === '' || /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(v), {
    error: 'MAIL_FROM: 应为发件地址，如 "民生实事 <notify@example.gov.cn>" / must be the sender, such as "民生实事 <notify@example.gov.cn>"',
  }),
  NOTIFY_TIMEOUT_MS: whole('NOTIFY_TIMEOUT_MS', 10_000, 100, 120_000),
  NOTIFY_ROBOT_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? `${OFFICIAL_ROBOT_HOSTS.wecom},${OFFICIAL_ROBOT_HOSTS.dingtalk}` : v))
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
    .refine((hosts) => hosts.every((h) => /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/.test(h)), {
      error: 'NOTIFY_ROBOT_HOSTS: 应为逗号分隔的主机名（可带端口），如 qyapi.weixin.qq.com,oapi.dingtalk.com / must be host names (with an optional port) separated by commas, such as qyapi.weixin.qq.com,oapi.dingtalk.com',
    }),
  NOTIFY_WORKER: z
    .enum(['0', '1', 'true', 'false', 'on', 'off', 'yes', 'no', ''], { error: 'NOTIFY_WORKER: 应为 1（本实例发送通知）或 0 / must be 1 (this instance sends messages) or 0' })
    .optional()
    .transform((v) => !(v === '0' || v === 'false' || v === 'off' || v === 'no')),
  NOTIFY_POLL_MS: whole('NOTIFY_POLL_MS', 2000, 50, 600_000),
});

/** Settings whose value a refusal never repeats: secrets, and an address (no e-mail address is ever logged). */
const NOT_ECHOED = new Set(['SMS_ACCESS_KEY_SECRET', 'SMTP_URL', 'MAIL_FROM']);

function fail(name: string, message: string, env: NodeJS.ProcessEnv): never {
  const got = env[name] !== undefined && !NOT_ECHOED.has(name) ? ` (${name}=${JSON.stringify(env[name])})` : '';
  throw new ConfigError(`配置错误 / Configuration error: ${message}${got}`);
}

/** Read the notify settings; throws ConfigError with one line for the first wrong variable. */
export function parseNotifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const r = Env.safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0];
    fail(String(issue.path[0] ?? ''), issue.message, env);
  }
  const e = r.data;

  const smsParts = { SMS_GATEWAY_URL: e.SMS_GATEWAY_URL, SMS_ACCESS_KEY_ID: e.SMS_ACCESS_KEY_ID, SMS_ACCESS_KEY_SECRET: e.SMS_ACCESS_KEY_SECRET, SMS_SIGN_NAME: e.SMS_SIGN_NAME };
  const missing = Object.entries(smsParts).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length && missing.length < 4)
    fail(missing[0], `${missing.join('、')}: 短信需要 SMS_GATEWAY_URL、SMS_ACCESS_KEY_ID、SMS_ACCESS_KEY_SECRET、SMS_SIGN_NAME 四项都设置（或都不设置） / SMS needs all four of SMS_GATEWAY_URL, SMS_ACCESS_KEY_ID, SMS_ACCESS_KEY_SECRET, SMS_SIGN_NAME (or none)`, env);
  if (!!e.SMTP_URL !== !!e.MAIL_FROM)
    fail(e.SMTP_URL ? 'MAIL_FROM' : 'SMTP_URL', `${e.SMTP_URL ? 'MAIL_FROM' : 'SMTP_URL'}: 邮件需要 SMTP_URL 和 MAIL_FROM 都设置（或都不设置） / e-mail needs both SMTP_URL and MAIL_FROM (or neither)`, env);

  let smsTemplates: Partial<Record<MessageKind, string>> = {};
  if (e.SMS_TEMPLATES) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(e.SMS_TEMPLATES);
    } catch {
      fail('SMS_TEMPLATES', 'SMS_TEMPLATES: 应为 JSON，如 {"item_answered":"SMS_15305"} / must be JSON, such as {"item_answered":"SMS_15305"}', env);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      fail('SMS_TEMPLATES', 'SMS_TEMPLATES: 应为 JSON 对象：通知类型 → 已审核的模板编号 / must be a JSON object: message kind → approved template code', env);
    for (const [kind, code] of Object.entries(parsed as Record<string, unknown>)) {
      if (!(MESSAGE_KINDS as string[]).includes(kind))
        fail('SMS_TEMPLATES', `SMS_TEMPLATES: 没有 "${kind}" 这类通知，可用的有 ${MESSAGE_KINDS.join(', ')} / there is no message kind "${kind}"; the kinds are ${MESSAGE_KINDS.join(', ')}`, env);
      if (typeof code !== 'string' || !/^[\w.-]{1,60}$/.test(code))
        fail('SMS_TEMPLATES', `SMS_TEMPLATES: "${kind}" 的模板编号应为字母、数字、下划线，如 SMS_15305 / the template code of "${kind}" must be letters, digits and underscores, such as SMS_15305`, env);
    }
    smsTemplates = parsed as Partial<Record<MessageKind, string>>;
  }

  return {
    sms: missing.length ? null : { url: e.SMS_GATEWAY_URL, accessKeyId: e.SMS_ACCESS_KEY_ID, accessKeySecret: e.SMS_ACCESS_KEY_SECRET, signName: e.SMS_SIGN_NAME },
    smsTemplates,
    email: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM } : null,
    timeoutMs: e.NOTIFY_TIMEOUT_MS,
    robotHosts: e.NOTIFY_ROBOT_HOSTS,
    worker: e.NOTIFY_WORKER,
    pollMs: e.NOTIFY_POLL_MS,
  };
}
