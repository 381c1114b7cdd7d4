/**
 * The notify stage's channels routes (shared/notify/contract.ts): which channels are on (never a secret), the congress's
 * group robots, a test send through the worker, and the SMS gateway's callback for a reply (回T退订).
 */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/notify/contract.ts';
import { CHANNELS, type Channel } from '../../shared/notify/enums.ts';
import { emailOf, mobileOf } from '../../shared/notify/rules.ts';
import { notifyOptouts, notifyRobots } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { now } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { addressKey } from './address.ts';
import { notifyRuntimeOf } from './channels/index.ts';
import { maskWebhook, webhookAllowed } from './channels/robots.ts';
import { SMS_REPLY_SIGNATURE_HEADER, verifyRpc } from './channels/sms.ts';
import { enqueue } from './outbox.ts';

export const channelsRoutes = new Hono<AppEnv>();

implement(channelsRoutes, C.channelsStatus, async (c, { access }) => {
  const deps = c.get('deps');
  const { transports } = notifyRuntimeOf(deps);
  const robots = await deps.db.select().from(notifyRobots).where(eq(notifyRobots.congressId, access.congress.id));
  return {
    channels: CHANNELS.map((channel) => {
      if (channel === 'wecom' || channel === 'dingtalk') {
        const robot = robots.find((r) => r.channel === channel);
        return { channel, configured: !!robot, detail: robot ? maskWebhook(robot.webhook) : '', hasSecret: !!robot?.secret };
      }
      const t = transports[channel];
      return { channel, configured: !!t?.configured, detail: t?.configured ? t.detail : '' };
    }),
  };
});

implement(channelsRoutes, C.setRobot, async (c, { access, params, body }) => {
  const deps = c.get('deps');
  const { config } = notifyRuntimeOf(deps);
  const channel = params.channel;
  const congressId = access.congress.id;
  if (body.webhook && !webhookAllowed(channel, body.webhook, config.robotHosts)) throw new AppError('notify_webhook_invalid');
  await deps.db.transaction(async (tx) => {
    if (!body.webhook) {
      const removed = await tx
        .delete(notifyRobots)
        .where(and(eq(notifyRobots.congressId, congressId), eq(notifyRobots.channel, channel)))
        .returning({ channel: notifyRobots.channel });
      if (!removed.length) return; // nothing kept: nothing changes, nothing to audit
    } else {
      const [kept] = await tx.select({ secret: notifyRobots.secret }).from(notifyRobots).where(and(eq(notifyRobots.congressId, congressId), eq(notifyRobots.channel, channel)));
      const secret = body.secret ?? kept?.secret ?? '';
      await tx
        .insert(notifyRobots)
        .values({ congressId, channel, webhook: body.webhook, secret })
        .onConflictDoUpdate({ target: [notifyRobots.congressId, notifyRobots.channel], set: { webhook: body.webhook, secret, updatedAt: now() } });
    }
    await appendAudit(tx, {
      actor: actorOf(access.auth),
      congressId,
      action: 'notify.set_robot',
      targetType: 'notify_robot',
      targetId: channel,
      details: body.webhook ? { webhook: maskWebhook(body.webhook), secret: body.secret === undefined ? 'kept' : body.secret ? 'set' : 'none' } : { removed: true },
    });
  });
  return { ok: true as const };
});

implement(channelsRoutes, C.testSend, async (c, { access, body }) => {
  const deps = c.get('deps');
  const { transports } = notifyRuntimeOf(deps);
  const congressId = access.congress.id;
  const channel: Channel = body.channel;
  let address = '';
  if (channel === 'sms' || channel === 'email') {
    if (!transports[channel]?.configured) throw new AppError('notify_channel_off');
    const a = channel === 'sms' ? mobileOf(body.address ?? '') : emailOf(body.address ?? '');
    if (!a) throw new AppError('notify_address_invalid');
    address = a;
  } else {
    const [robot] = await deps.db.select({ channel: notifyRobots.channel }).from(notifyRobots).where(and(eq(notifyRobots.congressId, congressId), eq(notifyRobots.channel, channel)));
    if (!robot) throw new AppError('notify_channel_off');
  }
  const messageId = await deps.db.transaction(async (tx) => {
    const [id] = await enqueue(tx, {
      congressId,
      kind: 'test',
      to: { audience: 'staff', personKey: `test:${access.auth.account.id}`, channel, address, lang: c.get('lang') === 'en' ? 'en' : 'zh-CN' },
      params: { congress: access.congress.name },
      dueAt: now(),
    });
    await appendAudit(tx, { actor: actorOf(access.auth), congressId, action: 'notify.test_send', targetType: 'outbox', targetId: id, details: { channel } });
    return id;
  });
  return { messageId };
});

/** The words of a reply that opt a number out of SMS (回T退订). */
const OPT_OUT_REPLIES = new Set(['t', 'td', '退订', 'r']);

implement(channelsRoutes, C.smsReply, async (c, { body }) => {
  const deps = c.get('deps');
  const { config } = notifyRuntimeOf(deps);
  const signature = c.req.header(SMS_REPLY_SIGNATURE_HEADER) ?? '';
  if (!config.sms || !signature || !verifyRpc(config.sms.accessKeySecret, 'POST', { phone: body.phone, content: body.content }, signature)) throw new AppError('notify_signature_invalid');
  if (OPT_OUT_REPLIES.has(body.content.trim().toLowerCase())) {
    const phone = mobileOf(body.phone) ?? body.phone.trim();
    await deps.db.transaction(async (tx) => {
      await tx.insert(notifyOptouts).values({ personKey: await addressKey(tx, phone), channel: 'sms' }).onConflictDoNothing();
    });
  }
  return { ok: true as const };
});
