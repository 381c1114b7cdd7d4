import { z } from 'zod';
import { CongressId } from '../congress/schema.ts';

export const ATTENDANCE_STATUSES = ['present', 'leave', 'absent'] as const;
export const AttendanceStatus = z.enum(ATTENDANCE_STATUSES);
/** Who recorded a check-in: the representative's own card at the tablet, or staff at the desk. */
export const CHECK_IN_VIA = ['card', 'staff'] as const;
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

export const CreateSession = z.object({
  /** e.g. 第七届人民代表大会第二次会议 */
  name: z.string().trim().min(1).max(120),
  date: z.iso.date(),
});
export const SessionParams = CongressId.extend({ sessionId: z.uuid() });
export const AttendanceParams = SessionParams.extend({ representativeId: z.uuid() });
export const MarkAttendance = z.object({ status: AttendanceStatus });
export const CheckIn = z.object({ token: z.string().min(20).max(2000) });

/** Seated and present as counted now; the quorum is the congress's fraction of seated (default two-thirds). */
export const SessionSummary = z.object({
  id: z.string(),
  name: z.string(),
  date: z.string(),
  seated: z.int(),
  present: z.int(),
  leave: z.int(),
  absent: z.int(),
  quorum: z.object({ needed: z.int(), met: z.boolean() }),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const AttendanceRow = z.object({
  representativeId: z.string(),
  name: z.string(),
  delegation: z.string(),
  status: AttendanceStatus.nullable(),
  via: z.enum(CHECK_IN_VIA).nullable(),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

export const CheckInResult = z.object({ name: z.string(), delegation: z.string(), alreadyPresent: z.boolean(), present: z.int(), seated: z.int() });
