/**
 * Writing a message (SPEC §17): `enqueue` runs inside the transaction of the change it reports, so a message exists if
 * and only if the change does. A `dedupeKey` makes one event one message however often a trigger or a scan runs, on
 * however many instances (a second insert is ignored). The worker (worker.ts) sends it later.
 */
import type { Audience, Channel, MessageKind } from '../../shared/notify/enums.ts';
import { maskAddress } from '../../shared/notify/rules.ts';
import type { Db, Tx } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';

export type Recipient = {
  audience: Audience;
  /** outbox.person_key: `account:<id>`, `member:<rosterId>`, `department:<id>`, `addr:<hmac>` (address.ts), `group:<congressId>`. */
  personKey: string;
  channel: Channel;
  /** Phone or e-mail address; '' for a robot. */
  address: string;
  lang?: 'zh-CN' | 'en';
};

export type NewMessage = {
  congressId: string;
  kind: MessageKind;
  to: Recipient;
  params: Record<string, string>;
  subject?: { type: string; id: string };
  /** One event, one message (e.g. `item_assigned:<itemId>:<round>:<channel>:<personKey>`). */
  dedupeKey?: string;
  /** Not before (default: now). Quiet hours and caps are the worker's, at sending time. */
  dueAt?: Date;
};

/** Write messages in the caller's transaction; answers the ids written (a duplicate of an earlier one is skipped). */
export async function enqueue(tx: Tx | Db, messages: NewMessage | NewMessage[]): Promise<string[]> {
  const list = Array.isArray(messages) ? messages : [messages];
  if (!list.length) return [];
  const rows = await tx
    .insert(outbox)
    .values(
      list.map((m) => ({
        congressId: m.congressId,
        kind: m.kind,
        channel: m.to.channel,
        audience: m.to.audience,
        personKey: m.to.personKey,
        address: m.to.address,
        addressMasked: maskAddress(m.to.channel, m.to.address),
        lang: m.to.lang ?? 'zh-CN',
        params: m.params,
        subjectType: m.subject?.type ?? null,
        subjectId: m.subject?.id ?? null,
        dedupeKey: m.dedupeKey ?? null,
        ...(m.dueAt ? { dueAt: m.dueAt } : {}),
      })),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}
