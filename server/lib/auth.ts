import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { MEMBER_ROLES, type Role } from '../../shared/roles.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, congresses, memberships, sessions } from '../db/schema/index.ts';
import { sha256hex } from './canonical.ts';
import { requestProto } from './client-ip.ts';
import type { AppEnv } from './env.ts';
import { AppError } from './errors.ts';
import { kioskGate } from '../kiosk/credential.ts';

export const SESSION_COOKIE = 'ms_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOUCH_EVERY_MS = 5 * 60_000;
export const SESSION_TTL_MS = { password: 7 * 24 * 3600_000, setup: 7 * 24 * 3600_000, card: 12 * 3600_000 };

type Account = typeof accounts.$inferSelect;
export type AuthState = {
  account: Account;
  sessionId: string;
  csrfToken: string;
  viaCookie: boolean;
};

export const newToken = () => randomBytes(32).toString('base64url');

/** Start a session for an account: the token goes in an HttpOnly cookie and is answered once for scripts. */
export async function startSession(
  c: Context<AppEnv>,
  tx: DbOrTx,
  accountId: string,
  method: 'password' | 'card' | 'setup',
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await tx.insert(sessions).values({
    id: sha256hex(token),
    accountId,
    csrfToken,
    method,
    userAgent: (c.req.header('user-agent') ?? '').slice(0, 300) || null,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS[method]),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttps(c),
    maxAge: Math.floor(SESSION_TTL_MS[method] / 1000),
  });
  return { token, csrfToken };
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
}

export function isHttps(c: Context<AppEnv>): boolean {
  // COOKIE_SECURE, as config.ts reads it (1, true, on, yes): one reading of the setting, handed down in deps.
  if (c.get('deps').cookieSecure) return true;
  return requestProto(c) === 'https'; // X-Forwarded-Proto only behind TRUST_PROXY, read like the client address
}

/**
 * Who is calling: a session from the cookie or from `Authorization: Bearer`. Cookie-authenticated writes must carry
 * the session's CSRF token in `X-CSRF-Token` (bearer tokens are not sent by browsers on their own, so need none).
 * Not for `/api/public/*`: those routes act for nobody.
 */
export const loadAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('auth', null);
  // The public routes (casting, answering, submitting, following) never act for a session: a page signed in that calls
  // them is not asked for its CSRF token (it may not have it yet), and no session is looked up for them.
  if (c.req.path.startsWith('/api/public/')) return next();
  // A kiosk device (签到/投票平板) acts as its kiosk only, whatever session cookie it may still carry.
  if (await kioskGate(c)) return next();
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const token = bearer ?? getCookie(c, SESSION_COOKIE);
  if (token && token.length <= 200) {
    const { db } = c.get('deps');
    const [row] = await db
      .select({ session: sessions, account: accounts })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(and(eq(sessions.id, sha256hex(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
      .limit(1);
    if (row && !row.account.disabled) {
      c.set('auth', {
        account: row.account,
        sessionId: row.session.id,
        csrfToken: row.session.csrfToken,
        viaCookie: !bearer,
      });
      if (Date.now() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
        await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.session.id));
      if (!bearer && !SAFE_METHODS.has(c.req.method) && c.req.header('x-csrf-token') !== row.session.csrfToken)
        throw new AppError('csrf');
    }
  }
  await next();
};

export function requireAuth(c: Context<AppEnv>): AuthState {
  const auth = c.get('auth');
  if (!auth) throw new AppError('unauthenticated');
  return auth;
}

export function requireSystemAdmin(c: Context<AppEnv>): AuthState {
  const auth = requireAuth(c);
  if (!auth.account.systemAdmin) throw new AppError('forbidden');
  return auth;
}

export const actorOf = (auth: AuthState) => ({ id: auth.account.id, name: auth.account.displayName });

export type CongressAccess = {
  auth: AuthState;
  congress: typeof congresses.$inferSelect;
  roles: Role[];
  /** Departments this account acts for in this congress (department role). */
  departmentIds: string[];
};

/**
 * Every congress route starts here: the congress must exist, and the caller must hold one of `allowed` in it.
 * System administrators may do anything in every congress.
 */
export async function requireCongressRole(
  c: Context<AppEnv>,
  congressId: string,
  allowed: readonly Role[] | 'any',
): Promise<CongressAccess> {
  const auth = requireAuth(c);
  const { db } = c.get('deps');
  const [congress] = await db.select().from(congresses).where(eq(congresses.id, congressId)).limit(1);
  if (!congress) throw new AppError('congress_not_found');
  const rows = await db
    .select({ role: memberships.role, departmentId: memberships.departmentId })
    .from(memberships)
    .where(and(eq(memberships.congressId, congressId), eq(memberships.accountId, auth.account.id)));
  const roles = rows.map((r) => r.role);
  const departmentIds = rows.flatMap((r) => (r.departmentId ? [r.departmentId] : []));
  if (!auth.account.systemAdmin) {
    const ok = roles.some((r) => (allowed === 'any' ? MEMBER_ROLES : allowed).includes(r));
    if (!ok) throw new AppError(roles.length ? 'forbidden' : 'congress_not_found');
  }
  return { auth, congress, roles, departmentIds };
}
