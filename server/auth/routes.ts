import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { CardLogin, ChangePassword, Login, Me, SessionId, SessionInfo, Setup } from '../../shared/auth/schema.ts';
import { sessions } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf, clearSessionCookie, requireAuth, startSession } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { v } from '../lib/validate.ts';
import { cardLogin } from './card-login.ts';
import { setPassword } from './change-password.ts';
import { createFirstAdmin, systemAdminExists } from './create-first-admin.ts';
import { login } from './login.ts';
import { describeMe } from './me.ts';

const Ok = z.object({ ok: z.literal(true) });

export const authRoutes = new Hono<AppEnv>()
  .get('/setup', doc('auth', 'Whether first-run setup is still needed', z.object({ needed: z.boolean() })), async (c) =>
    c.json({ needed: !(await systemAdminExists(c.get('deps').db)) }),
  )
  .post('/setup', doc('auth', 'Create the first administrator (only while none exists)', Me, 201), v('json', Setup), async (c) => {
    const input = c.req.valid('json');
    const { db } = c.get('deps');
    const { account } = await createFirstAdmin(db, input, 'setup_page');
    const session = await db.transaction((tx) => startSession(c, tx, account.id, 'setup'));
    return c.json(await describeMe(db, account, session.csrfToken, session.token), 201);
  })
  .post('/auth/login', doc('auth', 'Sign in with username and password', Me), v('json', Login), async (c) =>
    c.json(await login(c, c.req.valid('json'))),
  )
  .post('/auth/card-login', doc('auth', "Sign in with a delegate card's QR token", Me), v('json', CardLogin), async (c) =>
    c.json(await cardLogin(c, c.req.valid('json').token)),
  )
  .post('/auth/logout', doc('auth', 'Sign out (revokes this session)', Ok), async (c) => {
    const auth = c.get('auth');
    if (auth) {
      const { db } = c.get('deps');
      await db.transaction(async (tx) => {
        await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, auth.sessionId));
        await appendAudit(tx, { actor: actorOf(auth), action: 'auth.logout', targetType: 'account', targetId: auth.account.id });
      });
    }
    clearSessionCookie(c);
    return c.json({ ok: true as const });
  })
  .get('/auth/me', doc('auth', 'The signed-in account, its roles per congress and its CSRF token', Me), async (c) => {
    const auth = requireAuth(c);
    return c.json(await describeMe(c.get('deps').db, auth.account, auth.csrfToken));
  })
  .post('/auth/password', doc('auth', 'Change my password (other sessions are revoked)', Ok), v('json', ChangePassword), async (c) => {
    const auth = requireAuth(c);
    const input = c.req.valid('json');
    await setPassword(c.get('deps').db, {
      accountId: auth.account.id,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      keepSessionId: auth.sessionId,
      actor: actorOf(auth),
    });
    return c.json({ ok: true as const });
  })
  .get('/auth/sessions', doc('auth', 'My active sessions', z.array(SessionInfo)), async (c) => {
    const auth = requireAuth(c);
    const rows = await c
      .get('deps')
      .db.select()
      .from(sessions)
      .where(and(eq(sessions.accountId, auth.account.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
      .orderBy(desc(sessions.lastSeenAt));
    return c.json(
      rows.map((s) => ({
        id: s.id,
        method: s.method,
        userAgent: s.userAgent,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        current: s.id === auth.sessionId,
      })),
    );
  })
  .delete('/auth/sessions/:sessionId', doc('auth', 'Revoke one of my sessions', Ok), v('param', SessionId), async (c) => {
    const auth = requireAuth(c);
    const { sessionId } = c.req.valid('param');
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
    return c.json({ ok: true as const });
  });
