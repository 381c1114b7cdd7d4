import type { KioskState } from './schema.ts';

type Times = { enrolledAt: Date | null; enrolBefore: Date; expiresAt: Date; endedAt: Date | null; endedHow: 'revoked' | 'left' | null };

/** A kiosk's state, from its times (never stored as a flag). */
export function kioskState(k: Times, now: Date = new Date()): KioskState {
  if (k.endedAt) return k.endedHow ?? 'revoked';
  if (k.expiresAt <= now) return 'expired';
  if (!k.enrolledAt) return k.enrolBefore <= now ? 'unused' : 'waiting';
  return 'active';
}

/** How long the enrolment link works after staff make it. */
export const ENROL_MINUTES = 10;

/**
 * When a kiosk ends by itself: after `hours`, or else at the end of the session's day in Beijing time (UTC+8, no
 * daylight saving) — at the earliest an hour from now, so a desk set up late on the day still works.
 */
export function kioskExpiry(sessionDate: string, hours: number | null, now: Date = new Date()): Date {
  if (hours !== null) return new Date(now.getTime() + hours * 3600_000);
  const endOfDay = new Date(`${sessionDate}T23:59:59+08:00`);
  return new Date(Math.max(endOfDay.getTime(), now.getTime() + 3600_000));
}
