/**
 * The home pages: my to-do list and a representative's home are `signedIn` (shared/policy.ts); each answers only what
 * is the caller's own, from their memberships. The stage says no permission of its own.
 */
import type { Policy } from '../permission.ts';

export const homePolicy = {} as const satisfies Policy;
