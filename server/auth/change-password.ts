import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accounts, sessions } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { hashPassword, verifyPassword } from '../lib/password.ts';

/**
 * Set a new password. Every other session of the account is revoked (the one in use stays, when given), so a
 * password that leaked stops working everywhere. The owner's own change (with the current password) must pick a
 * different one, and ends a forced change; an administrator's reset may ask for one (`mustChange`).
 */
export async function setPassword(
  db: Db,
  opts: { accountId: string; newPassword: string; currentPassword?: string; keepSessionId?: string; actor: Actor; congressId?: string; mustChange?: boolean },
) {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, opts.accountId)).limit(1);
  if (!account) throw new AppError('account_not_found');
  if (opts.currentPassword !== undefined) {
    if (!(await verifyPassword(opts.currentPassword, account.passwordHash))) throw new AppError('wrong_password');
    if (opts.newPassword.normalize('NFC') === opts.currentPassword.normalize('NFC')) throw new AppError('password_unchanged');
  }
  const passwordHash = await hashPassword(opts.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: opts.mustChange === true })
      .where(eq(accounts.id, account.id));
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        opts.keepSessionId
          ? and(eq(sessions.accountId, account.id), ne(sessions.id, opts.keepSessionId))
          : eq(sessions.accountId, account.id),
      );
    await appendAudit(tx, {
      actor: opts.actor,
      action: opts.currentPassword !== undefined ? 'auth.change_password' : 'accounts.reset_password',
      targetType: 'account',
      targetId: account.id,
      details: opts.currentPassword !== undefined ? { wasForced: account.mustChangePassword } : { mustChangePassword: opts.mustChange === true },
    });
  });
}
