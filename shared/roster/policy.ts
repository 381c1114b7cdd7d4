/** Who may do what with the roster (代表名册): each permission once, the web's `can()` and the server's check both read it. */
import { inCongress, type Policy } from '../permission.ts';

export const rosterPolicy = {
  /** The roster holds phone numbers: staff, the presidium and the scrutineers read it (and its CSV); also the roster page. */
  'roster.read': inCongress(['admin', 'presidium', 'scrutineer']),
  /** Staff add, edit and import representatives, end terms and reissue cards. */
  'roster.manage': inCongress(['admin']),
  /** Staff print the delegate cards: each carries its holder's personal login QR. */
  'roster.cards': inCongress(['admin']),
} as const satisfies Policy;
