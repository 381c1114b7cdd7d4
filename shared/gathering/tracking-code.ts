/** Tracking codes: 8 characters with no look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newTrackingCode(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  // Rejection sampling keeps every character equally likely.
  const out: string[] = [];
  while (out.length < 8) {
    for (const b of random(16)) {
      if (b < 248 && out.length < 8) out.push(CODE_ALPHABET[b % 31]);
    }
  }
  return `${out.slice(0, 4).join('')}-${out.slice(4).join('')}`;
}

/** Accept what a person types: any case, spaces, missing dash, and O/I/L typed for 0/1. */
export function normalizeTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 8 || [...s].some((ch) => !CODE_ALPHABET.includes(ch))) return null;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}
