import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { SessionParams } from '../../shared/session/schema.ts';
import { CreateKiosk, EnrolKiosk, KioskCreated, KioskMe, KioskParams, KioskSummary, LeaveKiosk } from '../../shared/kiosk/schema.ts';
import { kioskState } from '../../shared/kiosk/rules.ts';
import { congresses, congressSessions, kiosks } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf, requireCongressRole } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { v } from '../lib/validate.ts';
import { getSession, summarize } from '../session/attendance.ts';
import { createKiosk } from './create-kiosk.ts';
import { endKiosk, kioskOfRequest } from './credential.ts';
import { listKiosks } from './describe.ts';
import { enrolKiosk } from './enrol-kiosk.ts';
import { leaveKiosk } from './leave-kiosk.ts';

const Ok = z.object({ ok: z.literal(true) });

/** Staff set up, list and revoke a session's kiosks (签到平板 / 投票平板). */
export const kioskRoutes = new Hono<AppEnv>()
  .get('/congresses/:congressId/sessions/:sessionId/kiosks', doc('kiosk', "A session's kiosks: waiting, active and ended", z.array(KioskSummary)), v('param', SessionParams), async (c) => {
    const { congressId, sessionId } = c.req.valid('param');
    const { congress } = await requireCongressRole(c, congressId, ['admin']);
    const { db } = c.get('deps');
    const session = await getSession(db, congress.id, sessionId);
    return c.json(await listKiosks(db, congress.id, session.id));
  })
  .post('/congresses/:congressId/sessions/:sessionId/kiosks', doc('kiosk', 'Set up a kiosk: answers a signed enrolment link (and its QR) that works once for ten minutes', KioskCreated, 201), v('param', SessionParams), v('json', CreateKiosk), async (c) => {
    const { congressId, sessionId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    const { db, keys } = c.get('deps');
    const session = await getSession(db, congress.id, sessionId);
    const made = await db.transaction((tx) => createKiosk(tx, keys, { congressId: congress.id, session, input: c.req.valid('json'), actor: actorOf(auth), origin: publicOrigin(c) }));
    return c.json(made, 201);
  })
  .delete('/congresses/:congressId/sessions/:sessionId/kiosks/:kioskId', doc('kiosk', 'Revoke a kiosk: its device can do nothing more', KioskSummary), v('param', KioskParams), async (c) => {
    const { congressId, sessionId, kioskId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
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
    return c.json(summary);
  })
  .post('/public/kiosk/enrol', doc('kiosk', "The device opens the kiosk's enrolment link: it becomes the kiosk (its own HttpOnly cookie) and any account signed in on it is signed out", KioskMe), v('json', EnrolKiosk), async (c) => {
    const row = await enrolKiosk(c, c.req.valid('json').token);
    return c.json(await describeDevice(c.get('deps').db, row));
  })
  .get('/kiosk/me', doc('kiosk', 'What this device is: its kiosk while active, or how its kiosk ended', KioskMe), async (c) => {
    const { db } = c.get('deps');
    const kiosk = c.get('kiosk');
    if (kiosk) return c.json(await describeDevice(db, kiosk));
    const row = await kioskOfRequest(c); // an ended kiosk's credential (the gate has taken it off the device)
    const state = row ? kioskState(row) : null;
    return c.json({ kiosk: null, ended: state === 'expired' || state === 'revoked' || state === 'left' ? state : null } satisfies KioskMe);
  })
  .post('/kiosk/leave', doc('kiosk', 'Leave kiosk mode: a staff account of the congress signs in at the device; the kiosk ends and the device is signed out', Ok), v('json', LeaveKiosk), async (c) => {
    await leaveKiosk(c, c.req.valid('json'));
    return c.json({ ok: true as const });
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
    },
    ended: null,
  };
}
