/** Who may do what in the notify stage: each permission once (shared/policy.ts gathers every stage's). */
import { inCongress, type Policy } from '../permission.ts';

export const notifyPolicy = {
  /** The office (a congress's admin) watches the messages, retries a failed one, sets the robots and the words, test-sends. */
  'notify.staff': inCongress(['admin']),
} as const satisfies Policy;
