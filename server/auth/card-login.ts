import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { accounts, memberships, representatives } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { startSession } from '../lib/auth.ts';
import { credential } from '../lib/credential.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { describeMe } from './me.ts';

export const CARD_LOGIN_TYP = 'ms-login';
export type CardLoginPayload = { r: string; n: number };
/** A delegate card's personal QR: the roster entry and the card version, signed (server/lib/credential.ts). */
export const delegateCard = credential<CardLoginPayload>(CARD_LOGIN_TYP, (p) => typeof p.r === 'string' && typeof p.n === 'number');

/** The personal login QR printed on a delegate card: `<origin>/l#<token>`, the token in the fragment. */
export const cardLoginUrl = (origin: string, token: string) => `${origin}/l#${token}`;

/**
 * Sign in with the delegate card's QR. The token names the roster entry and the card version; reissuing the card
 * bumps the version and so revokes the old QR. A representative without an account gets one at first use (with no
 * password: the card is how they sign in) holding the representative role in that congress.
 */
export async function cardLogin(c: Context<AppEnv>, token: string) {
  const { db, keys } = c.get('deps');
  const verified = await delegateCard.verify(keys, token);
  if (!verified) throw new AppError('card_invalid');
  const { r, n } = verified;
  return db.transaction(async (tx) => {
    const [rep] = await tx.select().from(representatives).where(eq(representatives.id, r)).for('update').limit(1);
    if (!rep || rep.cardVersion !== n || rep.status !== 'seated') throw new AppError('card_invalid');
    let accountId = rep.accountId;
    if (!accountId) {
      const [account] = await tx
        .insert(accounts)
        .values({ username: `rep-${rep.id}`, displayName: rep.name, passwordHash: null })
        .returning();
      accountId = account.id;
      await tx.update(representatives).set({ accountId }).where(eq(representatives.id, rep.id));
      await appendAudit(tx, {
        actor: { id: account.id, name: rep.name },
        congressId: rep.congressId,
        action: 'roster.create_card_account',
        targetType: 'representative',
        targetId: rep.id,
      });
    }
    const [has] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.accountId, accountId), eq(memberships.congressId, rep.congressId), eq(memberships.role, 'representative')));
    if (!has) await tx.insert(memberships).values({ accountId, congressId: rep.congressId, role: 'representative' });
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
    if (account.disabled) throw new AppError('account_disabled');
    const session = await startSession(c, tx, accountId, 'card');
    await appendAudit(tx, {
      actor: { id: account.id, name: account.displayName },
      congressId: rep.congressId,
      action: 'auth.card_login',
      targetType: 'account',
      targetId: account.id,
    });
    return describeMe(tx, account, session.csrfToken, session.token);
  });
}
