/**
 * The congress's group robots: 企业微信 (WeCom) and 钉钉 (DingTalk) webhooks. Both take `{"msgtype":"text","text":
 * {"content":…}}` and answer `{"errcode":0}`; DingTalk with 加签 wants `timestamp` (ms) and `sign` =
 * urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))) on the address. Throttling (WeCom 45009, DingTalk
 * 130101), 5xx and timeouts may pass; any other errcode is a refusal for good. The webhook (its key is a secret) is never
 * in a failure's words; what staff see of it is `maskWebhook`.
 */
import { createHmac } from 'node:crypto';
import type { RobotChannel } from '../../../shared/notify/enums.ts';
import { OFFICIAL_ROBOT_HOSTS } from '../config.ts';
import type { SendResult, Transport } from '../types.ts';
import { httpFailure, postForJson, scrub } from './common.ts';

/** DingTalk's 加签 for `timestamp` (ms), not yet URL-encoded. */
export function dingtalkSignature(secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook to call: DingTalk with a secret gets `timestamp` and `sign`. */
export function signedWebhook(channel: RobotChannel, webhook: string, secret: string, now = Date.now()): string {
  if (channel !== 'dingtalk' || !secret) return webhook;
  const u = new URL(webhook);
  const ts = String(now);
  u.searchParams.set('timestamp', ts);
  u.searchParams.set('sign', dingtalkSignature(secret, ts));
  return u.toString();
}

const THROTTLED: Record<RobotChannel, number[]> = { wecom: [45009], dingtalk: [130101, 130102] };

/** What staff see of a webhook: its host and path, each query value cut to its first and last two characters. */
export function maskWebhook(webhook: string): string {
  try {
    const u = new URL(webhook);
    const q = [...u.searchParams].map(([k, v]) => `${k}=${v.length > 8 ? `${v.slice(0, 2)}****${v.slice(-2)}` : '****'}`).join('&');
    return `${u.protocol}//${u.host}${u.pathname}${q ? `?${q}` : ''}`;
  } catch {
    return '****';
  }
}

/**
 * Whether a webhook may be kept for `channel`: its host must be one of NOTIFY_ROBOT_HOSTS; an official host (qyapi /
 * oapi.dingtalk) only over https, for its own channel, at its documented path with its key; another listed host (a test
 * server, a proxy) over http or https.
 */
export function webhookAllowed(channel: RobotChannel, webhook: string, robotHosts: string[]): boolean {
  let u: URL;
  try {
    u = new URL(webhook);
  } catch {
    return false;
  }
  if (u.username || u.password || u.hash) return false;
  const host = u.host.toLowerCase();
  if (!robotHosts.includes(host)) return false;
  const official = Object.values(OFFICIAL_ROBOT_HOSTS) as string[];
  if (official.includes(host)) {
    if (u.protocol !== 'https:' || host !== OFFICIAL_ROBOT_HOSTS[channel]) return false;
    return channel === 'wecom'
      ? u.pathname === '/cgi-bin/webhook/send' && /^[\w-]{8,}$/.test(u.searchParams.get('key') ?? '')
      : u.pathname === '/robot/send' && /^[\w-]{8,}$/.test(u.searchParams.get('access_token') ?? '');
  }
  return u.protocol === 'https:' || u.protocol === 'http:';
}

export function robotTransport(channel: RobotChannel, timeoutMs: number): Transport {
  return {
    channel,
    configured: true,
    detail: channel === 'wecom' ? '企业微信群机器人' : '钉钉群机器人',
    async send(m, signal): Promise<SendResult> {
      if (!m.robot?.webhook) return { ok: false, retry: false, error: 'channel_off: no robot set for this congress' };
      const got = await postForJson(
        signedWebhook(channel, m.robot.webhook, m.robot.secret),
        { headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ msgtype: 'text', text: { content: m.text } }), redirect: 'error' },
        signal,
        timeoutMs,
      );
      if ('failure' in got) return got.failure;
      const { res, answer } = got;
      if (!res.ok || typeof answer?.errcode !== 'number') return httpFailure(res.status);
      if (answer.errcode === 0) return { ok: true };
      const error = scrub(`errcode ${answer.errcode}: ${typeof answer.errmsg === 'string' ? answer.errmsg : ''}`).split(m.robot.webhook).join('***');
      return { ok: false, retry: THROTTLED[channel].includes(answer.errcode), error };
    },
  };
}
