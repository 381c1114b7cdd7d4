import type { MiddlewareHandler } from 'hono';
import * as C from '../../shared/auth/contract.ts';
import { routeKey } from '../../shared/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';

/** What a session signed in with a first password may still ask: who am I, change my password, sign out. */
const OPEN_WHILE_FORCED = new Set([C.getMe, C.changePassword, C.logout].map(routeKey));

/**
 * A first password was given by a staff member (or an administrator's reset), so someone besides the owner knows it:
 * until the owner has chosen their own, every other route answers 403 `password_change_required`, whatever it is
 * (reads too). Runs after loadAuth; the public routes act for nobody and are not touched.
 */
export const passwordChangeGate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.get('auth');
  if (auth?.account.mustChangePassword && !OPEN_WHILE_FORCED.has(`${c.req.method} ${c.req.path}`)) throw new AppError('password_change_required');
  await next();
};
