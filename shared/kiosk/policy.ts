/** Who may do what with kiosks (签到平板 / 投票平板): each permission once, the web's `can()` and the server's check both read it. */
import { inCongress, type Policy } from '../permission.ts';

export const kioskPolicy = {
  /** Staff set up, list and revoke a session's kiosks (the device itself enrols, asks what it is and leaves publicly). */
  'kiosk.manage': inCongress(['admin']),
} as const satisfies Policy;
