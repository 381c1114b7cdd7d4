import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { KIOSK_MODE_COOKIE, kioskModeValue } from '../../shared/kiosk/mode.ts';
import { kioskState } from '../../shared/kiosk/rules.ts';
import type { Tx } from '../db/client.ts';
import { kiosks } from '../db/schema/index.ts';
import { sha256hex } from '../lib/canonical.ts';
import { isHttps } from '../lib/auth.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';

/** The device's own credential: an HttpOnly cookie of its own, never the staff's session cookie. */
export const KIOSK_COOKIE = 'ms_kiosk';

export type KioskRow = typeof kiosks.$inferSelect;
/** An active kiosk calling (c.get('kiosk')). */
export type KioskCaller = Pick<KioskRow, 'id' | 'kind' | 'label' | 'congressId' | 'sessionId' | 'csrfToken' | 'expiresAt'>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The kiosk row the request's credential names (active or not), or null. */
export async function kioskOfRequest(c: Context<AppEnv>): Promise<KioskRow | null> {
  const token = getCookie(c, KIOSK_COOKIE);
  if (!token || token.length > 200) return null;
  const [row] = await c.get('deps').db.select().from(kiosks).where(eq(kiosks.credentialHash, sha256hex(token))).limit(1);
  return row ?? null;
}

/**
 * The only calls a kiosk may make: what it is and leaving, and its one job — for the check-in desk the check-in of
 * its own session. The voting tablet needs nothing more: casting is public (the card is the credential) and never
 * reads this cookie, so nothing a tablet sends can be tied to the ballot it carried.
 */
export function kioskMay(k: Pick<KioskRow, 'kind' | 'congressId' | 'sessionId'>, method: string, path: string): boolean {
  if ((method === 'GET' && path === '/api/kiosk/me') || (method === 'POST' && path === '/api/kiosk/leave')) return true;
  return k.kind === 'check_in' && method === 'POST' && path === `/api/congresses/${k.congressId}/sessions/${k.sessionId}/check-in`;
}

/**
 * Called first by loadAuth for every non-public API request. A device holding an active kiosk credential acts as that
 * kiosk and never as an account, even if a session cookie rides along: everything but its one job answers 403. A
 * credential of a kiosk that has ended (expired, revoked, left) is taken off the device, which is then an ordinary
 * signed-out browser. Answers whether the request is a kiosk's.
 */
export async function kioskGate(c: Context<AppEnv>): Promise<boolean> {
  c.set('kiosk', null);
  const row = await kioskOfRequest(c);
  if (!row) return false;
  if (kioskState(row) !== 'active') {
    clearKioskCookies(c);
    return false;
  }
  if (!kioskMay(row, c.req.method, c.req.path)) throw new AppError('kiosk_forbidden', { label: row.label });
  if (!SAFE_METHODS.has(c.req.method) && c.req.header('x-csrf-token') !== row.csrfToken) throw new AppError('csrf');
  c.set('kiosk', row);
  return true;
}

export function setKioskCookies(c: Context<AppEnv>, token: string, row: Pick<KioskRow, 'kind' | 'congressId' | 'expiresAt'>) {
  const maxAge = Math.max(60, Math.floor((row.expiresAt.getTime() - Date.now()) / 1000));
  const secure = isHttps(c);
  setCookie(c, KIOSK_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure, maxAge });
  setCookie(c, KIOSK_MODE_COOKIE, kioskModeValue(row.kind, row.congressId), { httpOnly: false, sameSite: 'Strict', path: '/', secure, maxAge });
}

export function clearKioskCookies(c: Context<AppEnv>) {
  const secure = isHttps(c);
  deleteCookie(c, KIOSK_COOKIE, { path: '/', secure });
  deleteCookie(c, KIOSK_MODE_COOKIE, { path: '/', secure });
}

/** End a kiosk once (a conditional update: two staff revoking at once cannot both win). Answers the ended row. */
export async function endKiosk(tx: Tx, id: string, how: 'revoked' | 'left', by: string) {
  const [row] = await tx
    .update(kiosks)
    .set({ endedAt: new Date(), endedHow: how, endedBy: by })
    .where(and(eq(kiosks.id, id), isNull(kiosks.endedAt)))
    .returning();
  return row ?? null;
}
