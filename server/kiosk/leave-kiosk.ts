import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { LeaveKiosk } from '../../shared/kiosk/schema.ts';
import { countAttempt, signInKeys } from '../auth/login.ts';
import { accounts, memberships } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { clientIp } from '../lib/client-ip.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { verifyPassword } from '../lib/password.ts';
import { giveBack } from '../lib/rate-limit.ts';
import { clearKioskCookies, endKiosk } from './credential.ts';

/**
 * Leaving the kiosk: a staff account of the kiosk's congress (its administrator role, or a system administrator) signs
 * in at the device. The tries count under the same limits as the sign-in page (the username at this address, the
 * account, the address). A representative's or a department's right password does not open it. The kiosk ends for
 * good (its credential is dead on the server) and the device is left signed out: nobody is signed in by this.
 */
export async function leaveKiosk(c: Context<AppEnv>, input: LeaveKiosk) {
  const kiosk = c.get('kiosk');
  if (!kiosk) throw new AppError('kiosk_none');
  const { db, database } = c.get('deps');
  const taken = await countAttempt(database, signInKeys(input.username, clientIp(c)));
  const [account] = await db.select().from(accounts).where(eq(accounts.username, input.username)).limit(1);
  if (!account || !(await verifyPassword(input.password, account.passwordHash ?? null))) throw new AppError('bad_credentials');
  await giveBack(database, taken);
  if (account.disabled) throw new AppError('account_disabled');
  const [admin] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.accountId, account.id), eq(memberships.congressId, kiosk.congressId), eq(memberships.role, 'admin')))
    .limit(1);
  if (!admin && !account.systemAdmin) throw new AppError('kiosk_not_staff');
  await db.transaction(async (tx) => {
    const ended = await endKiosk(tx, kiosk.id, 'left', account.id);
    if (!ended) throw new AppError('kiosk_ended');
    await appendAudit(tx, {
      actor: { id: account.id, name: account.displayName },
      congressId: kiosk.congressId,
      action: 'kiosk.leave',
      targetType: 'kiosk',
      targetId: kiosk.id,
      details: { sessionId: kiosk.sessionId, kind: kiosk.kind, label: kiosk.label },
    });
  });
  clearKioskCookies(c);
}
