import { z } from 'zod';
import { SessionParams } from '../session/schema.ts';

/** 签到平板 (the entrance check-in desk) or 投票平板 (a voting tablet in the hall). */
export const KIOSK_KINDS = ['check_in', 'ballot'] as const;
export const KioskKind = z.enum(KIOSK_KINDS);
/** How staff ended a tablet's session early (expiry is computed, never stored). */
export const KIOSK_ENDINGS = ['revoked', 'left'] as const;
export type KioskKind = z.infer<typeof KioskKind>;

/**
 * Computed from the kiosk's times (shared/kiosk/rules.ts): waiting for its device to open the link, active, or ended —
 * the link not used in time, expired, revoked by staff, or left by a staff sign-in at the device.
 */
export const KioskState = z.enum(['waiting', 'unused', 'active', 'expired', 'revoked', 'left']);
export type KioskState = z.infer<typeof KioskState>;

export const KioskParams = SessionParams.extend({ kioskId: z.uuid() });

export const CreateKiosk = z.object({
  kind: KioskKind,
  /** What staff call the device, e.g. 东门签到台 1. */
  label: z.string().trim().min(1).max(40),
  /** Hours from now; null: until the end of the session's day (Beijing time). */
  hours: z.int().min(1).max(24).nullable(),
});
export type CreateKiosk = z.infer<typeof CreateKiosk>;

export const KioskSummary = z.object({
  id: z.string(),
  kind: KioskKind,
  label: z.string(),
  state: KioskState,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  enrolledAt: z.string().nullable(),
  enrolBefore: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
});
export type KioskSummary = z.infer<typeof KioskSummary>;

/** The one-time enrolment link (`<origin>/k#<token>`) and its QR, shown on the staff's own screen. */
export const KioskCreated = z.object({ kiosk: KioskSummary, enrolUrl: z.string(), qrSvg: z.string() });
export type KioskCreated = z.infer<typeof KioskCreated>;

export const EnrolKiosk = z.object({ token: z.string().min(20).max(2000) });

/** Leaving the kiosk: a staff account of the kiosk's congress signs in at the device. */
export const LeaveKiosk = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
export type LeaveKiosk = z.infer<typeof LeaveKiosk>;

/** What the device is: its kiosk (while active) or how it ended. */
export const KioskMe = z.object({
  kiosk: z
    .object({
      id: z.string(),
      kind: KioskKind,
      label: z.string(),
      congressId: z.string(),
      congressName: z.string(),
      sessionId: z.string(),
      sessionName: z.string(),
      expiresAt: z.string(),
      csrfToken: z.string(),
      /** The check-in desk's count (已签到 / 应到). */
      present: z.int().nullable(),
      seated: z.int().nullable(),
      /** 会场测评: the open evaluation rounds held at this session (a voting tablet offers its 测评 mode for them). */
      evaluations: z.array(z.object({ id: z.string(), title: z.string() })),
    })
    .nullable(),
  ended: z.enum(['expired', ...KIOSK_ENDINGS]).nullable(),
});
export type KioskMe = z.infer<typeof KioskMe>;
