/** Who may do what in the items stage: each permission once (shared/policy.ts gathers every stage's). */
import { type Policy } from '../permission.ts';

export const itemsPolicy = {} as const satisfies Policy;
