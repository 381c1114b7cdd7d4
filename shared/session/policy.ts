/** Who may do what with sessions (会议) and attendance: each permission once, the web's `can()` and the server's check both read it. */
import { inCongress, type Policy } from '../permission.ts';

export const sessionPolicy = {
  /** Everyone with a role in the congress sees its sessions and their counts (the home pages and the big screen name them). */
  'session.read': inCongress('any'),
  /** Staff create sessions and mark a representative present, on leave or absent at the desk. */
  'session.manage': inCongress(['admin']),
  /**
   * Who runs the hall: staff at the entrance and the desk, the presidium and the scrutineers watching. They read the
   * attendance list, and the hall's pages (sessions, a session, a vote) are theirs.
   */
  'session.hall': inCongress(['admin', 'presidium', 'scrutineer']),
  /** Checking a representative in by their card: staff, or the check-in kiosk of exactly this session (server/kiosk/access.ts). */
  'session.checkIn': inCongress(['admin'], { kiosk: 'check_in' }),
} as const satisfies Policy;
