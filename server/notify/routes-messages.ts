/** The notify stage's messages routes (shared/notify/contract.ts): every message of a congress and its state, masked; a failed one sent again. */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/notify/contract.ts';
import type { Message } from '../../shared/notify/schema.ts';
import { offsetOf } from '../../shared/paging.ts';
import { outbox } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { preview, type OutboxRow } from './render.ts';

export const messagesRoutes = new Hono<AppEnv>();

/** What staff see of a row: never its address (the masked one only). */
function messageOf(r: OutboxRow): Message {
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel as Message['channel'],
    audience: r.audience as Message['audience'],
    addressMasked: r.addressMasked,
    lang: r.lang,
    preview: preview(r),
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    state: r.state as Message['state'],
    reason: r.reason as Message['reason'],
    attempts: r.attempts,
    dueAt: r.dueAt.toISOString(),
    sentAt: r.state === 'sent' && r.sentAt ? r.sentAt.toISOString() : null,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
  };
}

implement(messagesRoutes, C.listMessages, async (c, { access, query: q }) => {
  const { db } = c.get('deps');
  const others: SQL[] = [eq(outbox.congressId, access.congress.id)];
  if (q.channel) others.push(eq(outbox.channel, q.channel));
  if (q.kind) others.push(eq(outbox.kind, q.kind));
  if (q.audience) others.push(eq(outbox.audience, q.audience));
  const where = and(...others, q.state ? eq(outbox.state, q.state) : undefined);
  const [rows, byState] = await Promise.all([
    db.select().from(outbox).where(where).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(q.size).offset(offsetOf(q)),
    // The counts per state under the other filters: the chips say how many each state would show.
    db.select({ state: outbox.state, n: count() }).from(outbox).where(and(...others)).groupBy(outbox.state),
  ]);
  const counts = Object.fromEntries(byState.map((s) => [s.state, Number(s.n)]));
  return { items: rows.map(messageOf), total: q.state ? (counts[q.state] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0), page: q.page, size: q.size, counts };
});

implement(messagesRoutes, C.retryMessage, async (c, { access, params }) => {
  const { db } = c.get('deps');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ state: outbox.state, kind: outbox.kind, channel: outbox.channel })
      .from(outbox)
      .where(and(eq(outbox.id, params.messageId), eq(outbox.congressId, access.congress.id)))
      .for('update');
    if (!row) throw new AppError('notify_message_not_found');
    if (row.state !== 'failed') throw new AppError('notify_not_failed');
    await tx
      .update(outbox)
      .set({ state: 'pending', attempts: 0, dueAt: now(), reason: null, leasedBy: null, leaseUntil: null })
      .where(eq(outbox.id, params.messageId));
    await appendAudit(tx, {
      actor: actorOf(access.auth),
      congressId: access.congress.id,
      action: 'notify.retry',
      targetType: 'outbox',
      targetId: params.messageId,
      details: { kind: row.kind, channel: row.channel },
    });
    return { ok: true as const };
  });
});
