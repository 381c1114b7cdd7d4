/** Who may do what in this stage: each permission once, the web's `can()` and the server's check both read it. */
import type { Policy } from '../permission.ts';

export const tallyPolicy = {} as const satisfies Policy;
