import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { congresses } from '../db/schema/index.ts';
import type { Actor } from '../lib/audit.ts';
import { actorOf, type CongressAccess } from '../lib/auth.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';

/**
 * Who may check a representative in: staff (the congress's administrators: `access`, from the permission
 * `session.checkIn`), or the check-in kiosk of exactly this session (`access` null: the permission passed the kiosk on
 * to here). The kiosk is named in the audit log by its label (签到平板).
 */
export async function checkInCaller(c: Context<AppEnv>, access: CongressAccess | null, congressId: string, sessionId: string) {
  const kiosk = c.get('kiosk');
  if (access) return { congress: access.congress, actor: actorOf(access.auth) as Actor };
  if (!kiosk) throw new Error('checkInCaller: neither staff nor a kiosk'); // the permission check lets neither through
  // The gate let only this kiosk's own check-in through; said again here, where the permission is decided.
  if (kiosk.kind !== 'check_in' || kiosk.congressId !== congressId || kiosk.sessionId !== sessionId) throw new AppError('kiosk_forbidden', { label: kiosk.label });
  const [congress] = await c.get('deps').db.select().from(congresses).where(eq(congresses.id, congressId)).limit(1);
  if (!congress) throw new AppError('congress_not_found');
  return { congress, actor: { id: `kiosk:${kiosk.id}`, name: kiosk.label } as Actor };
}
