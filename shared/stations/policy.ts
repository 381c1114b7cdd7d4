/** Who may do what in the stations stage: each permission once (shared/policy.ts gathers every stage's). */
import { type Policy } from '../permission.ts';

export const stationsPolicy = {} as const satisfies Policy;
