import { and, asc, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { CongressId } from '../../shared/congress/schema.ts';
import { AttendanceParams, AttendanceRow, CheckIn, CheckInResult, CreateSession, MarkAttendance, SessionParams, SessionSummary } from '../../shared/session/schema.ts';
import { CARD_LOGIN_TYP, type CardLoginPayload } from '../auth/card-login.ts';
import { attendance, congressSessions, representatives } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf, requireCongressRole } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { v } from '../lib/validate.ts';
import { checkInCaller } from '../kiosk/access.ts';
import { getSession, markAttendance, summarize } from './attendance.ts';

/** Who runs the hall: staff at the entrance and the desk, the presidium and the scrutineers watching. */
const HALL = ['admin', 'presidium', 'scrutineer'] as const;

export const sessionRoutes = new Hono<AppEnv>()
  .get('/congresses/:congressId/sessions', doc('session', 'Sessions of the congress with their live counts', z.array(SessionSummary)), v('param', CongressId), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, 'any');
    const db = c.get('deps').db;
    const rows = await db.select().from(congressSessions).where(eq(congressSessions.congressId, congress.id)).orderBy(desc(congressSessions.date), asc(congressSessions.id));
    return c.json(await Promise.all(rows.map((s) => summarize(db, congress, s))));
  })
  .post('/congresses/:congressId/sessions', doc('session', 'Create a session (会议)', SessionSummary, 201), v('param', CongressId), v('json', CreateSession), async (c) => {
    const { auth, congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const db = c.get('deps').db;
    const row = await db.transaction(async (tx) => {
      const [row] = await tx.insert(congressSessions).values({ ...c.req.valid('json'), congressId: congress.id }).returning();
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'session.create', targetType: 'session', targetId: row.id, details: c.req.valid('json') });
      return row;
    });
    return c.json(await summarize(db, congress, row), 201);
  })
  .get('/congresses/:congressId/sessions/:sessionId', doc('session', 'A session: seated, present, on leave, absent, and whether the quorum is met', SessionSummary), v('param', SessionParams), async (c) => {
    const { congressId, sessionId } = c.req.valid('param');
    const { congress } = await requireCongressRole(c, congressId, 'any');
    const db = c.get('deps').db;
    return c.json(await summarize(db, congress, await getSession(db, congress.id, sessionId)));
  })
  .get('/congresses/:congressId/sessions/:sessionId/attendance', doc('session', 'Every seated representative with their attendance', z.array(AttendanceRow)), v('param', SessionParams), async (c) => {
    const { congressId, sessionId } = c.req.valid('param');
    const { congress } = await requireCongressRole(c, congressId, HALL);
    const db = c.get('deps').db;
    const session = await getSession(db, congress.id, sessionId);
    const rows = await db
      .select({ representativeId: representatives.id, name: representatives.name, delegation: representatives.delegation, status: attendance.status, via: attendance.via })
      .from(representatives)
      .leftJoin(attendance, and(eq(attendance.representativeId, representatives.id), eq(attendance.sessionId, session.id)))
      .where(and(eq(representatives.congressId, congress.id), eq(representatives.status, 'seated')))
      .orderBy(asc(representatives.delegation), asc(representatives.name));
    return c.json(rows);
  })
  .put('/congresses/:congressId/sessions/:sessionId/attendance/:representativeId', doc('session', 'Staff mark a representative present, on leave or absent', SessionSummary), v('param', AttendanceParams), v('json', MarkAttendance), async (c) => {
    const { congressId, sessionId, representativeId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    const db = c.get('deps').db;
    const session = await getSession(db, congress.id, sessionId);
    await db.transaction((tx) => markAttendance(tx, { congressId: congress.id, sessionId: session.id, representativeId, status: c.req.valid('json').status, via: 'staff', actor: actorOf(auth) }));
    return c.json(await summarize(db, congress, session));
  })
  .post('/congresses/:congressId/sessions/:sessionId/check-in', doc('session', "Check in at the entrance tablet by scanning the delegate card's QR", CheckInResult), v('param', SessionParams), v('json', CheckIn), async (c) => {
    const { congressId, sessionId } = c.req.valid('param');
    const { congress, actor } = await checkInCaller(c, congressId, sessionId); // staff, or this session's check-in kiosk
    const { db, keys } = c.get('deps');
    const session = await getSession(db, congress.id, sessionId);
    // The card QR holds `<origin>/l#<token>`; the scanner may hand over the whole URL or the token.
    const raw = c.req.valid('json').token;
    const token = raw.includes('#') ? raw.slice(raw.indexOf('#') + 1) : raw;
    const verified = await keys.verify<CardLoginPayload>(CARD_LOGIN_TYP, token);
    if (!verified || typeof verified.payload.r !== 'string') throw new AppError('card_invalid');
    const [rep] = await db.select().from(representatives).where(and(eq(representatives.id, verified.payload.r), eq(representatives.congressId, congress.id)));
    if (!rep || rep.cardVersion !== verified.payload.n || rep.status !== 'seated') throw new AppError('card_invalid');
    const { alreadyPresent } = await db.transaction((tx) => markAttendance(tx, { congressId: congress.id, sessionId: session.id, representativeId: rep.id, status: 'present', via: 'card', actor }));
    const s = await summarize(db, congress, session);
    return c.json({ name: rep.name, delegation: rep.delegation, alreadyPresent, present: s.present, seated: s.seated });
  });
