import { and, eq, sql } from 'drizzle-orm';
import { CongressSettings, quorumCount } from '../../shared/congress/settings.ts';
import type { AttendanceStatus, SessionSummary } from '../../shared/session/schema.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { attendance, congressSessions, type congresses, representatives } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { notifySession } from '../lib/events.ts';

type Congress = typeof congresses.$inferSelect;

export async function getSession(db: DbOrTx, congressId: string, sessionId: string) {
  const [row] = await db.select().from(congressSessions).where(and(eq(congressSessions.id, sessionId), eq(congressSessions.congressId, congressId)));
  if (!row) throw new AppError('session_meeting_not_found');
  return row;
}

/** Seated (在任) from the roster now; present, on leave and absent from this session's attendance of seated members. */
export async function summarize(db: DbOrTx, congress: Congress, session: typeof congressSessions.$inferSelect): Promise<SessionSummary> {
  const [seatedRow] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(representatives)
    .where(and(eq(representatives.congressId, congress.id), eq(representatives.status, 'seated')));
  const counts = await db
    .select({ status: attendance.status, n: sql<number>`count(*)::int` })
    .from(attendance)
    .innerJoin(representatives, eq(representatives.id, attendance.representativeId))
    .where(and(eq(attendance.sessionId, session.id), eq(representatives.status, 'seated')))
    .groupBy(attendance.status);
  const n = (s: AttendanceStatus) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const seated = Number(seatedRow?.n ?? 0);
  const needed = quorumCount(seated, CongressSettings.parse(congress.settings ?? {}).quorum);
  return { id: session.id, name: session.name, date: session.date, seated, present: n('present'), leave: n('leave'), absent: n('absent'), quorum: { needed, met: seated > 0 && n('present') >= needed } };
}

/** Record one representative's attendance (an upsert: the latest word stands). */
export async function markAttendance(
  tx: Tx,
  opts: { congressId: string; sessionId: string; representativeId: string; status: AttendanceStatus; via: 'card' | 'staff'; actor: Actor },
) {
  const [rep] = await tx
    .select()
    .from(representatives)
    .where(and(eq(representatives.id, opts.representativeId), eq(representatives.congressId, opts.congressId)));
  if (!rep) throw new AppError('representative_not_found');
  if (rep.status !== 'seated') throw new AppError('representative_left');
  const [before] = await tx
    .select({ status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.sessionId, opts.sessionId), eq(attendance.representativeId, rep.id)))
    .for('update');
  await tx
    .insert(attendance)
    .values({ sessionId: opts.sessionId, representativeId: rep.id, status: opts.status, via: opts.via })
    .onConflictDoUpdate({ target: [attendance.sessionId, attendance.representativeId], set: { status: opts.status, via: opts.via, updatedAt: new Date() } });
  if (before?.status !== opts.status) await notifySession(tx, opts.sessionId, 'attendance');
  if (before?.status !== opts.status)
    await appendAudit(tx, {
      actor: opts.actor,
      congressId: opts.congressId,
      action: opts.via === 'card' ? 'session.check_in' : 'session.mark_attendance',
      targetType: 'representative',
      targetId: rep.id,
      details: { sessionId: opts.sessionId, status: opts.status },
    });
  return { rep, alreadyPresent: before?.status === 'present' && opts.status === 'present' };
}
