/** Who may do what in the hotline stage: each permission once (shared/policy.ts gathers every stage's). */
import { type Policy } from '../permission.ts';

export const hotlinePolicy = {} as const satisfies Policy;
