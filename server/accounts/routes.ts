import { and, eq, ne } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { AccountId, AccountSummary, CongressAccountId, CreateAccount, CreatedAccount, CreateMemberAccount, PasswordReset, ResetPassword, Unlocked, UpdateAccount } from '../../shared/accounts/schema.ts';
import { CongressId } from '../../shared/congress/schema.ts';
import { setPassword } from '../auth/change-password.ts';
import { grantRole } from '../congress/members.ts';
import { accounts, sessions } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf, requireCongressRole, requireSystemAdmin } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { hashPassword } from '../lib/password.ts';
import { v } from '../lib/validate.ts';
import { createAccount } from './create-account.ts';
import { firstPassword } from './first-password.ts';
import { listAccounts } from './list-accounts.ts';
import { unlockAccount } from './unlock-account.ts';

const Ok = z.object({ ok: z.literal(true) });

export const accountRoutes = new Hono<AppEnv>()
  .get('/accounts', doc('accounts', 'Every account with its roles (system admin)', z.array(AccountSummary)), async (c) => {
    requireSystemAdmin(c);
    return c.json(await listAccounts(c.get('deps').db));
  })
  .post('/accounts', doc('accounts', 'Create an account (system admin); without `password` the server makes a first password, answered once, to be changed at first sign-in', CreatedAccount, 201), v('json', CreateAccount), async (c) => {
    const auth = requireSystemAdmin(c);
    const input = c.req.valid('json');
    const first = firstPassword(input);
    const passwordHash = await hashPassword(first.password);
    const row = await c.get('deps').db.transaction((tx) =>
      createAccount(tx, actorOf(auth), { username: input.username, displayName: input.displayName, passwordHash, systemAdmin: input.systemAdmin, mustChangePassword: first.mustChangePassword }),
    );
    return c.json({ id: row.id, username: row.username, mustChangePassword: row.mustChangePassword, ...(first.shown ? { firstPassword: first.shown } : {}) }, 201);
  })
  .post('/congresses/:congressId/accounts', doc('accounts', 'Create an account with its first role in this congress (congress admin); without `password` the server makes a first password, answered once, to be changed at first sign-in', CreatedAccount, 201), v('param', CongressId), v('json', CreateMemberAccount), async (c) => {
    const { auth, congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const input = c.req.valid('json');
    const first = firstPassword(input);
    const passwordHash = await hashPassword(first.password);
    const row = await c.get('deps').db.transaction(async (tx) => {
      const row = await createAccount(tx, actorOf(auth), { username: input.username, displayName: input.displayName, passwordHash, systemAdmin: false, mustChangePassword: first.mustChangePassword }, congress.id);
      await grantRole(tx, actorOf(auth), { congressId: congress.id, accountId: row.id, role: input.role, departmentId: input.departmentId });
      return row;
    });
    return c.json({ id: row.id, username: row.username, mustChangePassword: row.mustChangePassword, ...(first.shown ? { firstPassword: first.shown } : {}) }, 201);
  })
  .patch('/accounts/:accountId', doc('accounts', 'Rename, disable or (un)make system admin', Ok), v('param', AccountId), v('json', UpdateAccount), async (c) => {
    const auth = requireSystemAdmin(c);
    const { accountId } = c.req.valid('param');
    const input = c.req.valid('json');
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
    return c.json({ ok: true as const });
  })
  .post('/accounts/:accountId/password', doc('accounts', "Reset an account's password (its sessions are revoked); without `newPassword` the server makes one, answered once, to be changed at the next sign-in", PasswordReset), v('param', AccountId), v('json', ResetPassword), async (c) => {
    const auth = requireSystemAdmin(c);
    const input = c.req.valid('json');
    const first = firstPassword({ password: input.newPassword, mustChangePassword: input.mustChangePassword });
    await setPassword(c.get('deps').db, { accountId: c.req.valid('param').accountId, newPassword: first.password, mustChange: first.mustChangePassword, actor: actorOf(auth) });
    return c.json({ ok: true as const, mustChangePassword: first.mustChangePassword, ...(first.shown ? { firstPassword: first.shown } : {}) });
  })
  .post('/accounts/:accountId/revoke-sessions', doc('accounts', 'Sign an account out everywhere', Ok), v('param', AccountId), async (c) => {
    const auth = requireSystemAdmin(c);
    const { accountId } = c.req.valid('param');
    await c.get('deps').db.transaction(async (tx) => {
      const [row] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId));
      if (!row) throw new AppError('account_not_found');
      await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.accountId, accountId));
      await appendAudit(tx, { actor: actorOf(auth), action: 'accounts.revoke_sessions', targetType: 'account', targetId: accountId });
    });
    return c.json({ ok: true as const });
  })
  .post('/accounts/:accountId/unlock', doc('accounts', "Clear an account's failed sign-ins, from every address (system admin)", Unlocked), v('param', AccountId), async (c) => {
    const auth = requireSystemAdmin(c);
    return c.json(await unlockAccount(c.get('deps').db, actorOf(auth), { accountId: c.req.valid('param').accountId, bySystemAdmin: true }));
  })
  .post(
    '/congresses/:congressId/accounts/:accountId/unlock',
    doc('accounts', "Clear the failed sign-ins of an account that holds a role in this congress (congress admin)", Unlocked),
    v('param', CongressAccountId),
    async (c) => {
      const { congressId, accountId } = c.req.valid('param');
      const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
      return c.json(await unlockAccount(c.get('deps').db, actorOf(auth), { accountId, congressId: congress.id, bySystemAdmin: auth.account.systemAdmin }));
    },
  );
