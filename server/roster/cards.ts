import { and, asc, eq, inArray } from 'drizzle-orm';
import QRCode from 'qrcode';
import { cardLoginUrl, delegateCard } from '../auth/card-login.ts';
import type { Db } from '../db/client.ts';
import { representatives } from '../db/schema/index.ts';
import type { KeyStore } from '../lib/keys.ts';

export const signCardLogin = (keys: KeyStore, rep: { id: string; cardVersion: number }) =>
  delegateCard.sign(keys, { r: rep.id, n: rep.cardVersion });

/** Delegate cards to print: each seated representative with the personal login QR (an SVG). */
export async function delegateCards(db: Db, keys: KeyStore, congressId: string, origin: string, ids?: string[]) {
  const conds = [eq(representatives.congressId, congressId), eq(representatives.status, 'seated')];
  if (ids?.length) conds.push(inArray(representatives.id, ids));
  const reps = await db
    .select()
    .from(representatives)
    .where(and(...conds))
    .orderBy(asc(representatives.delegation), asc(representatives.name));
  return Promise.all(
    reps.map(async (r) => {
      const url = cardLoginUrl(origin, await signCardLogin(keys, r));
      const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return { id: r.id, name: r.name, delegation: r.delegation, constituency: r.constituency, cardVersion: r.cardVersion, url, qrSvg };
    }),
  );
}
