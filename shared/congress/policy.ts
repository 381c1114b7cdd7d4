/**
 * Who may see and change a congress. Listing my congresses is `signedIn`, creating one `systemAdmin`
 * (shared/policy.ts).
 */
import { inCongress, type Policy } from '../permission.ts';
import { ROLES } from '../roles.ts';

export const congressPolicy = {
  /** Everyone with a role in the congress reads it and its settings (every page of the congress starts here); a county's overseer reads its county. */
  'congress.read': inCongress(ROLES),
  /** Its administrators edit its name, level, term and settings. */
  'congress.manage': inCongress(['admin']),
  /** Its administrators see who holds which role, grant roles and revoke them. */
  'congress.members.manage': inCongress(['admin']),
  /** The congress's overview page (a page, not a route: the staff who run the congress land on it). */
  'congress.overview': inCongress(['admin', 'government', 'presidium', 'scrutineer']),
} as const satisfies Policy;
