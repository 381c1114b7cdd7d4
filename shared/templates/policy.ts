/** Who may do what in the templates stage: each permission once (shared/policy.ts gathers every stage's). */
import { type Policy } from '../permission.ts';

export const templatesPolicy = {} as const satisfies Policy;
