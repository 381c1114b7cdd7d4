import { and, eq, ne } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/accounts/contract.ts';
import { setPassword } from '../auth/change-password.ts';
import { grantRole } from '../congress/members.ts';
import { accounts, sessions } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { hashPassword } from '../lib/password.ts';
import { createAccount } from './create-account.ts';
import { firstPassword } from './first-password.ts';
import { listAccounts } from './list-accounts.ts';
import { unlockAccount } from './unlock-account.ts';

export const accountRoutes = new Hono<AppEnv>();

implement(accountRoutes, C.listAccounts, async (c) => listAccounts(c.get('deps').db));

implement(accountRoutes, C.createAccount, async (c, { access: { auth }, body: input }) => {
  const first = firstPassword(input);
  const passwordHash = await hashPassword(first.password);
  const row = await c.get('deps').db.transaction((tx) =>
    createAccount(tx, actorOf(auth), { username: input.username, displayName: input.displayName, passwordHash, systemAdmin: input.systemAdmin, mustChangePassword: first.mustChangePassword }),
  );
  return { id: row.id, username: row.username, mustChangePassword: row.mustChangePassword, ...(first.shown ? { firstPassword: first.shown } : {}) };
});

implement(accountRoutes, C.createMemberAccount, async (c, { access: { auth, congress }, body: input }) => {
  const first = firstPassword(input);
  const passwordHash = await hashPassword(first.password);
  const row = await c.get('deps').db.transaction(async (tx) => {
    const row = await createAccount(tx, actorOf(auth), { username: input.username, displayName: input.displayName, passwordHash, systemAdmin: false, mustChangePassword: first.mustChangePassword }, congress.id);
    await grantRole(tx, actorOf(auth), { congressId: congress.id, accountId: row.id, role: input.role, departmentId: input.departmentId, stationId: input.stationId });
    return row;
  });
  return { id: row.id, username: row.username, mustChangePassword: row.mustChangePassword, ...(first.shown ? { firstPassword: first.shown } : {}) };
});

implement(accountRoutes, C.updateAccount, async (c, { access: { auth }, params: { accountId }, body: input }) => {
  await c.get('deps').db.transaction(async (tx) => {
    const [row] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    if (!row) throw new AppError('account_not_found');
    const losesAdmin = row.systemAdmin && (input.systemAdmin === false || input.disabled === true);
    if (losesAdmin) {
      const others = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.systemAdmin, true), eq(accounts.disabled, false), ne(accounts.id, accountId)))
        .for('update');
      if (others.length === 0) throw new AppError('last_system_admin');
    }
    await tx.update(accounts).set(input).where(eq(accounts.id, accountId));
    if (input.disabled) await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.accountId, accountId));
    await appendAudit(tx, { actor: actorOf(auth), action: 'accounts.update', targetType: 'account', targetId: accountId, details: input });
  });
  return { ok: true as const };
});

implement(accountRoutes, C.resetPassword, async (c, { access: { auth }, params: { accountId }, body: input }) => {
  const first = firstPassword({ password: input.newPassword, mustChangePassword: input.mustChangePassword });
  await setPassword(c.get('deps').db, { accountId, newPassword: first.password, mustChange: first.mustChangePassword, actor: actorOf(auth) });
  return { ok: true as const, mustChangePassword: first.mustChangePassword, ...(first.shown ? { firstPassword: first.shown } : {}) };
});

implement(accountRoutes, C.revokeSessions, async (c, { access: { auth }, params: { accountId } }) => {
  await c.get('deps').db.transaction(async (tx) => {
    const [row] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId));
    if (!row) throw new AppError('account_not_found');
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.accountId, accountId));
    await appendAudit(tx, { actor: actorOf(auth), action: 'accounts.revoke_sessions', targetType: 'account', targetId: accountId });
  });
  return { ok: true as const };
});

implement(accountRoutes, C.unlockAccount, async (c, { access: { auth }, params: { accountId } }) =>
  unlockAccount(c.get('deps').db, actorOf(auth), { accountId, bySystemAdmin: true }),
);

// A congress admin may not unlock a system administrator's account (unlock-account.ts refuses it).
implement(accountRoutes, C.unlockMemberAccount, async (c, { access: { auth, congress }, params: { accountId } }) =>
  unlockAccount(c.get('deps').db, actorOf(auth), { accountId, congressId: congress.id, bySystemAdmin: auth.account.systemAdmin }),
);
