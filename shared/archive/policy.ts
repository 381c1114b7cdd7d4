/** Who may do what in the archive stage: each permission once (shared/policy.ts gathers every stage's). */
import { type Policy } from '../permission.ts';

export const archivePolicy = {} as const satisfies Policy;
