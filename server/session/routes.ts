import { and, asc, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/session/contract.ts';
import { delegateCard } from '../auth/card-login.ts';
import { attendance, congressSessions, representatives } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { checkInCaller } from '../kiosk/access.ts';
import { getSession, markAttendance, summarize } from './attendance.ts';

export const sessionRoutes = new Hono<AppEnv>();

implement(sessionRoutes, C.listSessions, async (c, { access: { congress } }) => {
  const db = c.get('deps').db;
  const rows = await db.select().from(congressSessions).where(eq(congressSessions.congressId, congress.id)).orderBy(desc(congressSessions.date), asc(congressSessions.id));
  return Promise.all(rows.map((s) => summarize(db, congress, s)));
});

implement(sessionRoutes, C.createSession, async (c, { access: { auth, congress }, body }) => {
  const db = c.get('deps').db;
  const row = await db.transaction(async (tx) => {
    const [row] = await tx.insert(congressSessions).values({ ...body, congressId: congress.id }).returning();
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'session.create', targetType: 'session', targetId: row.id, details: body });
    return row;
  });
  return summarize(db, congress, row);
});

implement(sessionRoutes, C.getSession, async (c, { access: { congress }, params: { sessionId } }) => {
  const db = c.get('deps').db;
  return summarize(db, congress, await getSession(db, congress.id, sessionId));
});

// The hall (staff, the presidium and the scrutineers: shared/session/policy.ts) reads who is here.
implement(sessionRoutes, C.listAttendance, async (c, { access: { congress }, params: { sessionId } }) => {
  const db = c.get('deps').db;
  const session = await getSession(db, congress.id, sessionId);
  return db
    .select({ representativeId: representatives.id, name: representatives.name, delegation: representatives.delegation, status: attendance.status, via: attendance.via })
    .from(representatives)
    .leftJoin(attendance, and(eq(attendance.representativeId, representatives.id), eq(attendance.sessionId, session.id)))
    .where(and(eq(representatives.congressId, congress.id), eq(representatives.status, 'seated')))
    .orderBy(asc(representatives.delegation), asc(representatives.name));
});

implement(sessionRoutes, C.markAttendance, async (c, { access: { auth, congress }, params: { sessionId, representativeId }, body }) => {
  const db = c.get('deps').db;
  const session = await getSession(db, congress.id, sessionId);
  await db.transaction((tx) => markAttendance(tx, { congressId: congress.id, sessionId: session.id, representativeId, status: body.status, via: 'staff', actor: actorOf(auth) }));
  return summarize(db, congress, session);
});

implement(sessionRoutes, C.checkIn, async (c, { access, params: { congressId, sessionId }, body }) => {
  const { congress, actor } = await checkInCaller(c, access, congressId, sessionId); // staff, or this session's check-in kiosk
  const { db, keys } = c.get('deps');
  const session = await getSession(db, congress.id, sessionId);
  // The card QR holds `<origin>/l#<token>`; the scanner may hand over the whole URL or the token.
  const verified = await delegateCard.verify(keys, body.token);
  if (!verified) throw new AppError('card_invalid');
  const [rep] = await db.select().from(representatives).where(and(eq(representatives.id, verified.r), eq(representatives.congressId, congress.id)));
  if (!rep || rep.cardVersion !== verified.n || rep.status !== 'seated') throw new AppError('card_invalid');
  const { alreadyPresent } = await db.transaction((tx) => markAttendance(tx, { congressId: congress.id, sessionId: session.id, representativeId: rep.id, status: 'present', via: 'card', actor }));
  const s = await summarize(db, congress, session);
  return { name: rep.name, delegation: rep.delegation, alreadyPresent, present: s.present, seated: s.seated };
});
