/** The hallbox stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const HALLBOX_ERRORS = {} as const satisfies Record<string, ErrorEntry>;
