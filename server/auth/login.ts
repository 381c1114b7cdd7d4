import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Login } from '../../shared/auth/schema.ts';
import { accounts } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { startSession } from '../lib/auth.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { verifyPassword } from '../lib/password.ts';
import { hit, peek, reset } from '../lib/rate-limit.ts';
import { clientIp } from '../lib/client-ip.ts';
import { describeMe } from './me.ts';

/** Failed sign-ins allowed per window, per username and per address; the counters live in the database. */
export const LOGIN_LIMITS = { perUser: 10, perIp: 50, windowSeconds: 15 * 60 };

export async function login(c: Context<AppEnv>, input: Login) {
  const { db, database } = c.get('deps');
  const userKey = `login:user:${input.username.toLowerCase()}`;
  const ipKey = `login:ip:${clientIp(c)}`;
  for (const [key, limit] of [
    [userKey, LOGIN_LIMITS.perUser],
    [ipKey, LOGIN_LIMITS.perIp],
  ] as const) {
    const { count, retryAfter } = await peek(database, key, LOGIN_LIMITS.windowSeconds);
    if (count >= limit) throw new AppError('rate_limited', { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
  }
  const [account] = await db.select().from(accounts).where(eq(accounts.username, input.username)).limit(1);
  const ok = await verifyPassword(input.password, account?.passwordHash ?? null);
  if (!account || !ok) {
    await hit(database, userKey, LOGIN_LIMITS.windowSeconds);
    await hit(database, ipKey, LOGIN_LIMITS.windowSeconds);
    throw new AppError('bad_credentials');
  }
  if (account.disabled) throw new AppError('account_disabled');
  await reset(database, userKey);
  return db.transaction(async (tx) => {
    const { token, csrfToken } = await startSession(c, tx, account.id, 'password');
    await appendAudit(tx, {
      actor: { id: account.id, name: account.displayName },
      action: 'auth.login',
      targetType: 'account',
      targetId: account.id,
    });
    return describeMe(tx, account, csrfToken, token);
  });
}
