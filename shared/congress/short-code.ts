/**
 * A congress's short code (公开短码): five characters a person can type from a poster or a slip, as in `/p/K7Q3M`
 * (propose) and `/e/K7Q3M` (evaluate), beside the long addresses with the congress's id that keep working. The
 * characters leave out those read one for another — 0/O, 1/I/L — so a code copied by hand is the code printed;
 * typed in small letters, with spaces or a dash, it still reads. Pure and without zod: the web's router reads it
 * (the API contract is in short-address.ts).
 */
import { CODE_ALPHABET } from '../serial.ts';

/** The code alphabet every typed code uses (shared/serial.ts). */
export const SHORT_CODE_ALPHABET = CODE_ALPHABET;
export const SHORT_CODE_LENGTH = 5;
const PATTERN = new RegExp(`^[${SHORT_CODE_ALPHABET}]{${SHORT_CODE_LENGTH}}$`);

/** The code as stored, or null when the text cannot be one (a wrong length, or a character the codes never use). */
export function normalizeShortCode(typed: string): string | null {
  const s = typed.replace(/[\s-]/g, '').toUpperCase();
  return PATTERN.test(s) ? s : null;
}

/** A route segment that may be a short code (the web's router tells it from a congress id, which is a UUID). */
export const SHORT_CODE_SEGMENT = new RegExp(`^[${SHORT_CODE_ALPHABET}${SHORT_CODE_ALPHABET.toLowerCase()}]{${SHORT_CODE_LENGTH}}$`);
