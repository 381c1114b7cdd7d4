/** Who may do what in the county stage: each permission once (shared/policy.ts gathers every stage's). */
import { inCongress, type Policy } from '../permission.ts';

export const countyPolicy = {
  /**
   * A county's (or city's) staff and overseers read the congresses below it side by side: each one's year as the
   * public and the office would report it — never a ballot, an answer or a private contact (server/county/access.ts).
   */
  'county.read': inCongress(['admin', 'overseer']),
} as const satisfies Policy;
