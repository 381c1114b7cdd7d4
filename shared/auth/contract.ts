/** The auth stage's API routes, each once (shared/contract.ts): first-run setup, signing in and out, my sessions. */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CardLogin, ChangePassword, Login, Me, SessionId, SessionInfo, Setup } from './schema.ts';

const tag = 'auth';
// The public writes here are not under /api/public: a browser that carries a session cookie still sends its CSRF token
// (server/lib/auth.ts loadAuth), hence `csrf` among their refusals.
const Ok = z.object({ ok: z.literal(true) });

export const getSetup = route({
  method: 'GET',
  path: '/setup',
  tag,
  summary: 'Whether first-run setup is still needed',
  permission: 'public',
  response: z.object({ needed: z.boolean() }),
});

export const setup = route({
  method: 'POST',
  path: '/setup',
  tag,
  summary: 'Create the first administrator (only while none exists)',
  permission: 'public',
  body: Setup,
  status: 201,
  response: Me,
  errors: ['setup_done', 'username_taken', 'csrf'],
});

export const login = route({
  method: 'POST',
  path: '/auth/login',
  tag,
  summary: 'Sign in with username and password',
  permission: 'public',
  body: Login,
  response: Me,
  errors: ['bad_credentials', 'account_disabled', 'rate_limited', 'csrf'],
});

export const cardLogin = route({
  method: 'POST',
  path: '/auth/card-login',
  tag,
  summary: "Sign in with a delegate card's QR token",
  permission: 'public',
  body: CardLogin,
  response: Me,
  errors: ['card_invalid', 'account_disabled', 'csrf'],
});

export const logout = route({
  method: 'POST',
  path: '/auth/logout',
  tag,
  summary: 'Sign out (revokes this session)',
  description: 'Open to anyone: signed out already, it only clears the cookie. Signed in by cookie, it needs the CSRF token as every write does.',
  permission: 'public',
  response: Ok,
  errors: ['csrf'],
});

export const getMe = route({
  method: 'GET',
  path: '/auth/me',
  tag,
  summary: 'The signed-in account, its roles per congress and its CSRF token',
  permission: 'signedIn',
  response: Me,
});

export const changePassword = route({
  method: 'POST',
  path: '/auth/password',
  tag,
  summary: 'Change my password (other sessions are revoked)',
  permission: 'signedIn',
  body: ChangePassword,
  response: Ok,
  errors: ['wrong_password', 'password_unchanged', 'account_not_found'],
});

export const listSessions = route({
  method: 'GET',
  path: '/auth/sessions',
  tag,
  summary: 'My active sessions',
  permission: 'signedIn',
  response: z.array(SessionInfo),
});

export const revokeSession = route({
  method: 'DELETE',
  path: '/auth/sessions/:sessionId',
  tag,
  summary: 'Revoke one of my sessions',
  permission: 'signedIn',
  params: SessionId,
  response: Ok,
  errors: ['session_not_found'],
});
