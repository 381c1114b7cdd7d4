/** The kiosk stage's API routes, each once (shared/contract.ts): staff set kiosks up; the device enrols, asks and leaves. */
import { z } from 'zod';
import { route } from '../contract.ts';
import { SessionParams } from '../session/schema.ts';
import { CreateKiosk, EnrolKiosk, KioskCreated, KioskMe, KioskParams, KioskSummary, LeaveKiosk } from './schema.ts';

const tag = 'kiosk';
const Ok = z.object({ ok: z.literal(true) });
const kiosks = '/congresses/:congressId/sessions/:sessionId/kiosks';

export const listKiosks = route({
  method: 'GET',
  path: kiosks,
  tag,
  summary: "A session's kiosks: waiting, active and ended",
  permission: 'kiosk.manage',
  params: SessionParams,
  response: z.array(KioskSummary),
  errors: ['session_meeting_not_found'],
});

export const createKiosk = route({
  method: 'POST',
  path: kiosks,
  tag,
  summary: 'Set up a kiosk: answers a signed enrolment link (and its QR) that works once for ten minutes',
  permission: 'kiosk.manage',
  params: SessionParams,
  body: CreateKiosk,
  status: 201,
  response: KioskCreated,
  errors: ['session_meeting_not_found'],
});

export const revokeKiosk = route({
  method: 'DELETE',
  path: `${kiosks}/:kioskId`,
  tag,
  summary: 'Revoke a kiosk: its device can do nothing more',
  permission: 'kiosk.manage',
  params: KioskParams,
  response: KioskSummary,
  errors: ['kiosk_not_found', 'kiosk_ended'],
});

export const enrolKiosk = route({
  method: 'POST',
  path: '/public/kiosk/enrol',
  tag,
  summary: "The device opens the kiosk's enrolment link: it becomes the kiosk (its own HttpOnly cookie) and any account signed in on it is signed out",
  permission: 'public',
  body: EnrolKiosk,
  response: KioskMe,
  errors: ['kiosk_already', 'kiosk_link_invalid'],
});

export const kioskMe = route({
  method: 'GET',
  path: '/kiosk/me',
  tag,
  summary: 'What this device is: its kiosk while active, or how its kiosk ended',
  description: 'Open to anyone: a device that is no kiosk (or whose kiosk ended) is told so.',
  permission: 'public',
  response: KioskMe,
});

export const leaveKiosk = route({
  method: 'POST',
  path: '/kiosk/leave',
  tag,
  summary: 'Leave kiosk mode: a staff account of the congress signs in at the device; the kiosk ends and the device is signed out',
  permission: 'public',
  body: LeaveKiosk,
  response: Ok,
  errors: ['kiosk_none', 'bad_credentials', 'account_disabled', 'kiosk_not_staff', 'kiosk_ended', 'rate_limited'],
});
