/** Who may do what in the review stage: each permission once (shared/policy.ts gathers every stage's). */
import { type Policy } from '../permission.ts';

export const reviewPolicy = {} as const satisfies Policy;
