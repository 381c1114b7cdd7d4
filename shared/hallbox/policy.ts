/** Who may do what in the hallbox stage: each permission once (shared/policy.ts gathers every stage's). */
import { type Policy } from '../permission.ts';

export const hallboxPolicy = {} as const satisfies Policy;
