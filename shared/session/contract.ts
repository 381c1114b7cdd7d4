/** The session stage's API routes, each once (shared/contract.ts): sessions (会议), attendance and check-in. */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { AttendanceParams, AttendanceRow, CheckIn, CheckInResult, CreateSession, MarkAttendance, SessionParams, SessionSummary } from './schema.ts';

const tag = 'session';

export const listSessions = route({
  method: 'GET',
  path: '/congresses/:congressId/sessions',
  tag,
  summary: 'Sessions of the congress with their live counts',
  permission: 'session.read',
  params: CongressId,
  response: z.array(SessionSummary),
});

export const createSession = route({
  method: 'POST',
  path: '/congresses/:congressId/sessions',
  tag,
  summary: 'Create a session (会议)',
  permission: 'session.manage',
  params: CongressId,
  body: CreateSession,
  status: 201,
  response: SessionSummary,
});

export const getSession = route({
  method: 'GET',
  path: '/congresses/:congressId/sessions/:sessionId',
  tag,
  summary: 'A session: seated, present, on leave, absent, and whether the quorum is met',
  permission: 'session.read',
  params: SessionParams,
  response: SessionSummary,
  errors: ['session_meeting_not_found'],
});

export const listAttendance = route({
  method: 'GET',
  path: '/congresses/:congressId/sessions/:sessionId/attendance',
  tag,
  summary: 'Every seated representative with their attendance',
  permission: 'session.hall',
  params: SessionParams,
  response: z.array(AttendanceRow),
  errors: ['session_meeting_not_found'],
});

export const markAttendance = route({
  method: 'PUT',
  path: '/congresses/:congressId/sessions/:sessionId/attendance/:representativeId',
  tag,
  summary: 'Staff mark a representative present, on leave or absent',
  permission: 'session.manage',
  params: AttendanceParams,
  body: MarkAttendance,
  response: SessionSummary,
  errors: ['session_meeting_not_found', 'representative_not_found', 'representative_left'],
});

export const checkIn = route({
  method: 'POST',
  path: '/congresses/:congressId/sessions/:sessionId/check-in',
  tag,
  summary: "Check in at the entrance tablet by scanning the delegate card's QR",
  description: "Staff, or this session's check-in kiosk (a kiosk of another session or kind: kiosk_forbidden). The scanner may send the card's whole URL or its token.",
  permission: 'session.checkIn',
  params: SessionParams,
  body: CheckIn,
  response: CheckInResult,
  errors: ['kiosk_forbidden', 'session_meeting_not_found', 'card_invalid'],
});
