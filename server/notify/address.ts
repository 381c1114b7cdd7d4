/**
 * A resident is known to the notify stage by an HMAC of their address only (`addr:<hex>`): enough to honour an opt-out
 * and a cap, not enough to read the number back. The secret is derived from the first signing key (as
 * KeyStore.secret does), read inside the caller's transaction so that any instance computes the same.
 */
import { createHash, createHmac } from 'node:crypto';
import { asc } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { signingKeys } from '../db/schema/index.ts';

const secrets = new Map<string, Buffer>();

async function secret(tx: Tx | Db): Promise<Buffer> {
  const [first] = await tx.select({ kid: signingKeys.kid, d: signingKeys.privateJwk }).from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1);
  if (!first) throw new Error('no signing key yet');
  let s = secrets.get(first.kid);
  if (!s) {
    s = createHash('sha256').update(`minsheng:notify-address:${(first.d as { d: string }).d}`).digest();
    secrets.set(first.kid, s);
  }
  return s;
}

/** `addr:<hmac>` of a normalised phone or e-mail address. */
export async function addressKey(tx: Tx | Db, address: string): Promise<string> {
  return `addr:${createHmac('sha256', await secret(tx)).update(address.trim().toLowerCase()).digest('hex').slice(0, 40)}`;
}
