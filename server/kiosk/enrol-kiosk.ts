import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { kioskState } from '../../shared/kiosk/rules.ts';
import { kiosks, sessions } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { clearSessionCookie, newToken, SESSION_COOKIE } from '../lib/auth.ts';
import { sha256hex } from '../lib/canonical.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { KIOSK_ENROL_TYP, type KioskEnrolPayload } from './create-kiosk.ts';
import { kioskOfRequest, setKioskCookies } from './credential.ts';

/**
 * The device opens the enrolment link once: it gets a credential of its own (an HttpOnly cookie, kept in the database
 * only as a hash) for this kiosk alone. Whatever account was signed in on the device is signed out here and its
 * session revoked, so the desk holds nothing but the kiosk. The link is used up in a conditional update: two devices
 * opening one link cannot both become the kiosk.
 */
export async function enrolKiosk(c: Context<AppEnv>, token: string) {
  const { db, keys } = c.get('deps');
  const current = await kioskOfRequest(c);
  if (current && kioskState(current) === 'active') throw new AppError('kiosk_already', { label: current.label });
  const verified = await keys.verify<KioskEnrolPayload>(KIOSK_ENROL_TYP, token);
  if (!verified || typeof verified.payload.k !== 'string' || typeof verified.payload.x !== 'number' || verified.payload.x * 1000 <= Date.now())
    throw new AppError('kiosk_link_invalid');
  const credential = newToken();
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(kiosks)
      .set({ enrolledAt: new Date(), credentialHash: sha256hex(credential), csrfToken: newToken() })
      .where(
        and(
          eq(kiosks.id, verified.payload.k),
          isNull(kiosks.enrolledAt),
          isNull(kiosks.endedAt),
          gt(kiosks.enrolBefore, sql`now()`),
          gt(kiosks.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!row) throw new AppError('kiosk_link_invalid');
    const staffToken = getCookie(c, SESSION_COOKIE);
    if (staffToken && staffToken.length <= 200)
      await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.id, sha256hex(staffToken)), isNull(sessions.revokedAt)));
    await appendAudit(tx, {
      actor: { id: `kiosk:${row.id}`, name: row.label },
      congressId: row.congressId,
      action: 'kiosk.enrol',
      targetType: 'kiosk',
      targetId: row.id,
      details: { sessionId: row.sessionId, kind: row.kind },
    });
    return row;
  });
  clearSessionCookie(c);
  setKioskCookies(c, credential, row);
  return row;
}
