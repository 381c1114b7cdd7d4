/**
 * Signing in and one's own account. Nothing here needs a role: setup, sign-in (password or card) and sign-out are
 * `public` (shared/policy.ts), my account, my password and my sessions are `signedIn`. The stage says no permission of
 * its own.
 */
import type { Policy } from '../permission.ts';

export const authPolicy = {} as const satisfies Policy;
