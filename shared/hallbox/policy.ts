/** Who may do what in the hallbox stage: each permission once (shared/policy.ts gathers every stage's). */
import { inCongress, type Policy } from '../permission.ts';

export const hallboxPolicy = {
  /** The township's own administrator exports a session's signed package (on the laptop, or from its server). */
  'hallbox.export': inCongress(['admin']),
  /** The county's (or city's) administrator files a township's package after the server has verified it. */
  'hallbox.file': inCongress(['admin']),
  /** The county's staff and overseers read the filed packages (all in them is public: published results, the log). */
  'hallbox.read': inCongress(['admin', 'overseer']),
} as const satisfies Policy;
