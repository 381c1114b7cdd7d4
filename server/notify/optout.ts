/**
 * 退订 (SPEC §17): opting out per person and channel. A resident is reached by an address only, so the link in their
 * message carries a signed token naming the address's key (`addr:<hmac>`, never the address) and the channel; a
 * signed-in person opts out of every key they are known by (`account:<id>`, `member:<rosterId>`, `department:<id>`).
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { PERSONAL_CHANNELS, type PersonalChannel } from '../../shared/notify/enums.ts';
import type { DbOrTx } from '../db/client.ts';
import { memberships, notifyOptouts, representatives } from '../db/schema/index.ts';
import { credential } from '../lib/credential.ts';
import type { KeyStore } from '../lib/keys.ts';

export const OPTOUT_TYP = 'ms-notify-optout';
export type OptoutPayload = { k: string; ch: PersonalChannel };

/** The token behind a 退订 link: the person key and the channel, signed (server/lib/credential.ts). */
export const optoutToken = credential<OptoutPayload>(
  OPTOUT_TYP,
  (p) => typeof p.k === 'string' && p.k.length > 0 && p.k.length <= 200 && (PERSONAL_CHANNELS as readonly unknown[]).includes(p.ch),
);

/** `${origin}/n/o#<token>` (the public 退订 page). `db`: the caller's transaction, when inside one (see KeyStore). */
export async function optoutLink(keys: KeyStore, origin: string, personKey: string, channel: PersonalChannel, db?: DbOrTx): Promise<string> {
  return `${origin.replace(/\/+$/, '')}/n/o#${await optoutToken.sign(keys, { k: personKey, ch: channel }, db)}`;
}

/** Every person key an account is known by in the outbox: itself, its roster rows, its departments. */
export async function personKeysOf(db: DbOrTx, accountId: string): Promise<string[]> {
  const [members, deps] = await Promise.all([
    db.select({ id: representatives.id }).from(representatives).where(eq(representatives.accountId, accountId)),
    db
      .select({ id: memberships.departmentId })
      .from(memberships)
      .where(and(eq(memberships.accountId, accountId), isNotNull(memberships.departmentId))),
  ]);
  return [`account:${accountId}`, ...members.map((m) => `member:${m.id}`), ...[...new Set(deps.map((d) => d.id!))].map((d) => `department:${d}`)];
}

/** Opt `keys` out of (or back into) `channel`. */
export async function setOptout(db: DbOrTx, keys: string[], channel: PersonalChannel, optedOut: boolean): Promise<void> {
  if (!keys.length) return;
  if (optedOut) await db.insert(notifyOptouts).values(keys.map((personKey) => ({ personKey, channel }))).onConflictDoNothing();
  else await db.delete(notifyOptouts).where(and(inArray(notifyOptouts.personKey, keys), eq(notifyOptouts.channel, channel)));
}

/** Per personal channel: whether every key of the person is opted out (then nothing reaches them on it). */
export async function optoutsOf(db: DbOrTx, keys: string[]): Promise<{ channel: PersonalChannel; optedOut: boolean }[]> {
  const rows = keys.length ? await db.select().from(notifyOptouts).where(inArray(notifyOptouts.personKey, keys)) : [];
  return PERSONAL_CHANNELS.map((channel) => ({ channel, optedOut: keys.every((k) => rows.some((r) => r.personKey === k && r.channel === channel)) }));
}
