/**
 * The codes people read off paper and type by hand: tracking codes, ballot card serials and receipts, evaluation code
 * serials, short addresses. One alphabet with no look-alikes (no 0/O, no 1/I/L) and one way to read what was typed.
 * Signed tokens behind a QR are a separate matter (server/lib/credential.ts); `tokenOf` takes one out of a scan.
 */

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const N = CODE_ALPHABET.length; // 31
/** The largest multiple of 31 below 256: bytes from it up are dropped so that every character is equally likely. */
const LIMIT = 256 - (256 % N);

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** `length` random characters of the alphabet (rejection sampling: each character equally likely). */
export function randomCode(length: number, random: (n: number) => Uint8Array = randomBytes): string {
  let out = '';
  while (out.length < length) for (const b of random(16)) if (b < LIMIT && out.length < length) out += CODE_ALPHABET[b % N];
  return out;
}

/** `length` characters of the alphabet taken from the bytes of a digest (a serial derived from an id, not random). */
export function codeFromBytes(bytes: Uint8Array, length: number): string {
  if (bytes.length < length) throw new Error('codeFromBytes: fewer bytes than characters');
  let out = '';
  for (let i = 0; out.length < length; i++) out += CODE_ALPHABET[bytes[i] % N];
  return out;
}

/** What a person types, read as the alphabet: any case, spaces and dashes ignored, O read as 0, I and L as 1. */
export const normalizeTyped = (s: string) => s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

/** Whether a normalised string is `length` characters of the alphabet. */
export const isCode = (s: string, length: number) => s.length === length && [...s].every((ch) => CODE_ALPHABET.includes(ch));

/**
 * An evaluation code's typed serial: E + 8 characters of the alphabet. People type it in lower case, with spaces
 * or dashes, and often without the E — which must then be added even when the 8 characters happen to start with E.
 * The normalised serial, or null when it cannot be one (wrong length).
 */
export function typedEvalSerial(input: string): string | null {
  const s = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (s.length === 8) return `E${s}`;
  if (s.length === 9 && s.startsWith('E')) return s;
  return null;
}

/** A QR holds `<origin>/<page>#<token>` (ballot card, evaluation code, delegate card); a scanner may hand over the URL or the bare token. */
export const tokenOf = (scanned: string) => (scanned.includes('#') ? scanned.slice(scanned.indexOf('#') + 1) : scanned).trim();
