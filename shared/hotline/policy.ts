/** Who may do what in the hotline stage: each permission once (shared/policy.ts gathers every stage's). */
import { inCongress, type Policy } from '../permission.ts';

export const hotlinePolicy = {
  /** The column mapping and the record of imports: staff, and the government office that follows the hotline. */
  'hotline.read': inCongress(['admin', 'government']),
  /** Staff set the mapping and import the 12345 export (tickets become items; their callers' phones are never kept). */
  'hotline.import': inCongress(['admin']),
} as const satisfies Policy;
