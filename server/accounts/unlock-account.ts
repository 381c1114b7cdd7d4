import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accounts, memberships } from '../db/schema/index.ts';
import { unlockSignIn } from '../auth/login.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';

/**
 * Clear an account's failed sign-ins (server/auth/login.ts, README "Sign-in limits"), audited. With `congressId` (a
 * congress admin's call) the account must hold a role in that congress, and a system administrator's account is left
 * to another system administrator: a congress admin could otherwise keep resetting the limits of the strongest account.
 */
export async function unlockAccount(db: Db, actor: Actor, input: { accountId: string; congressId?: string; bySystemAdmin: boolean }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(accounts).where(eq(accounts.id, input.accountId));
    if (!row) throw new AppError('account_not_found');
    if (input.congressId) {
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.congressId, input.congressId), eq(memberships.accountId, row.id)))
        .limit(1);
      if (!member) throw new AppError('account_not_found');
      if (row.systemAdmin && !input.bySystemAdmin) throw new AppError('forbidden');
    }
    const cleared = await unlockSignIn(tx, row.username);
    await appendAudit(tx, {
      actor,
      congressId: input.congressId ?? null,
      action: 'accounts.unlock',
      targetType: 'account',
      targetId: row.id,
      details: { username: row.username, cleared },
    });
    return { ok: true as const, cleared };
  });
}
