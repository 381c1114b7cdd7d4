import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/kiosk/contract.ts';
import type { KioskMe } from '../../shared/kiosk/schema.ts';
import { kioskState } from '../../shared/kiosk/rules.ts';
import { congresses, congressSessions, kiosks } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { getSession, summarize } from '../session/attendance.ts';
import { createKiosk } from './create-kiosk.ts';
import { endKiosk, kioskOfRequest } from './credential.ts';
import { listKiosks } from './describe.ts';
import { enrolKiosk } from './enrol-kiosk.ts';
import { leaveKiosk } from './leave-kiosk.ts';
import { openHallRounds } from '../evaluation/hall.ts';

/** Staff set up, list and revoke a session's kiosks (签到平板 / 投票平板). */
export const kioskRoutes = new Hono<AppEnv>();

implement(kioskRoutes, C.listKiosks, async (c, { access: { congress }, params: { sessionId } }) => {
  const { db } = c.get('deps');
  const session = await getSession(db, congress.id, sessionId);
  return listKiosks(db, congress.id, session.id);
});

implement(kioskRoutes, C.createKiosk, async (c, { access: { auth, congress }, params: { sessionId }, body }) => {
  const { db, keys } = c.get('deps');
  const session = await getSession(db, congress.id, sessionId);
  return db.transaction((tx) => createKiosk(tx, keys, { congressId: congress.id, session, input: body, actor: actorOf(auth), origin: publicOrigin(c) }));
});

implement(kioskRoutes, C.revokeKiosk, async (c, { access: { auth, congress }, params: { sessionId, kioskId } }) => {
  const { db } = c.get('deps');
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(kiosks).where(and(eq(kiosks.id, kioskId), eq(kiosks.congressId, congress.id), eq(kiosks.sessionId, sessionId)));
    if (!row) throw new AppError('kiosk_not_found');
    const state = kioskState(row);
    if (state !== 'active' && state !== 'waiting') throw new AppError('kiosk_ended');
    if (!(await endKiosk(tx, row.id, 'revoked', auth.account.id))) throw new AppError('kiosk_ended');
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'kiosk.revoke', targetType: 'kiosk', targetId: row.id, details: { sessionId, kind: row.kind, label: row.label } });
  });
  const [summary] = await listKiosks(db, congress.id, sessionId, kioskId);
  return summary;
});

// The device itself: public routes (a kiosk has no account); the kiosk's credential rides in its own cookie.
implement(kioskRoutes, C.enrolKiosk, async (c, { body }) => {
  const row = await enrolKiosk(c, body.token);
  return describeDevice(c.get('deps').db, row);
});

implement(kioskRoutes, C.kioskMe, async (c) => {
  const { db } = c.get('deps');
  const kiosk = c.get('kiosk');
  if (kiosk) return describeDevice(db, kiosk);
  const row = await kioskOfRequest(c); // an ended kiosk's credential (the gate has taken it off the device)
  const state = row ? kioskState(row) : null;
  return { kiosk: null, ended: state === 'expired' || state === 'revoked' || state === 'left' ? state : null } satisfies KioskMe;
});

implement(kioskRoutes, C.leaveKiosk, async (c, { body }) => {
  await leaveKiosk(c, body);
  return { ok: true as const };
});

async function describeDevice(db: AppEnv['Variables']['deps']['db'], k: { id: string; kind: 'check_in' | 'ballot'; label: string; congressId: string; sessionId: string; expiresAt: Date; csrfToken: string | null }): Promise<KioskMe> {
  const [congress] = await db.select().from(congresses).where(eq(congresses.id, k.congressId));
  const [session] = await db.select().from(congressSessions).where(eq(congressSessions.id, k.sessionId));
  const counts = k.kind === 'check_in' ? await summarize(db, congress, session) : null;
  return {
    kiosk: {
      id: k.id,
      kind: k.kind,
      label: k.label,
      congressId: k.congressId,
      congressName: congress.name,
      sessionId: k.sessionId,
      sessionName: session.name,
      expiresAt: k.expiresAt.toISOString(),
      csrfToken: k.csrfToken ?? '',
      present: counts?.present ?? null,
      seated: counts?.seated ?? null,
      evaluations: k.kind === 'ballot' ? await openHallRounds(db, k.sessionId) : [],
    },
    ended: null,
  };
}
