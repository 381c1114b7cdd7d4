import { randomBytes } from 'node:crypto';

/** Letters and digits that are not read one for another (no 0/o, 1/l/i), small letters: easy to read out and type. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A first password made by the server (首次密码), for staff to hand over once: 12 characters in three groups,
 * `k7q3-m9pa-x2rt` (about 59 bits). The owner must change it at first sign-in, so it only has to survive the
 * hand-over; it is answered once and stored only as its hash.
 */
export function generateFirstPassword(): string {
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  while (out.length < 12) for (const b of randomBytes(24)) if (b < limit && out.length < 12) out += ALPHABET[b % ALPHABET.length];
  return out.match(/.{4}/g)!.join('-');
}

/**
 * The password to set and whether its owner must change it: a password the server makes is always to be changed;
 * one the caller sets (a script) is changed only when the caller asks.
 */
export function firstPassword(input: { password?: string; mustChangePassword?: boolean }) {
  if (input.password === undefined) {
    const password = generateFirstPassword();
    return { password, shown: password, mustChangePassword: true };
  }
  return { password: input.password, shown: undefined, mustChangePassword: input.mustChangePassword === true };
}
