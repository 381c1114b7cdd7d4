import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/auth/contract.ts';
import { sessions } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf, clearSessionCookie, startSession } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { cardLogin } from './card-login.ts';
import { setPassword } from './change-password.ts';
import { createFirstAdmin, systemAdminExists } from './create-first-admin.ts';
import { login } from './login.ts';
import { describeMe } from './me.ts';

export const authRoutes = new Hono<AppEnv>();

implement(authRoutes, C.getSetup, async (c) => ({ needed: !(await systemAdminExists(c.get('deps').db)) }));

implement(authRoutes, C.setup, async (c, { body }) => {
  const { db } = c.get('deps');
  const { account } = await createFirstAdmin(db, body, 'setup_page');
  const session = await db.transaction((tx) => startSession(c, tx, account.id, 'setup'));
  return describeMe(db, account, session.csrfToken, session.token);
});

implement(authRoutes, C.login, async (c, { body }) => login(c, body));

implement(authRoutes, C.cardLogin, async (c, { body }) => cardLogin(c, body.token));

// Public: a caller already signed out (an expired session) still gets its cookie cleared.
implement(authRoutes, C.logout, async (c) => {
  const auth = c.get('auth');
  if (auth) {
    const { db } = c.get('deps');
    await db.transaction(async (tx) => {
      await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, auth.sessionId));
      await appendAudit(tx, { actor: actorOf(auth), action: 'auth.logout', targetType: 'account', targetId: auth.account.id });
    });
  }
  clearSessionCookie(c);
  return { ok: true as const };
});

implement(authRoutes, C.getMe, async (c, { access: { auth } }) => describeMe(c.get('deps').db, auth.account, auth.csrfToken));

implement(authRoutes, C.changePassword, async (c, { access: { auth }, body }) => {
  await setPassword(c.get('deps').db, {
    accountId: auth.account.id,
    currentPassword: body.currentPassword,
    newPassword: body.newPassword,
    keepSessionId: auth.sessionId,
    actor: actorOf(auth),
  });
  return { ok: true as const };
});

implement(authRoutes, C.listSessions, async (c, { access: { auth } }) => {
  const rows = await c
    .get('deps')
    .db.select()
    .from(sessions)
    .where(and(eq(sessions.accountId, auth.account.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: s.id,
    method: s.method,
    userAgent: s.userAgent,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    current: s.id === auth.sessionId,
  }));
});

implement(authRoutes, C.revokeSession, async (c, { access: { auth }, params: { sessionId } }) => {
  const { db } = c.get('deps');
  await db.transaction(async (tx) => {
    const done = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.accountId, auth.account.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (done.length === 0) throw new AppError('session_not_found');
    await appendAudit(tx, { actor: actorOf(auth), action: 'auth.revoke_session', targetType: 'account', targetId: auth.account.id });
  });
  return { ok: true as const };
});
