import { isCode, normalizeTyped, randomCode } from '../serial.ts';

/** Tracking codes: 8 characters of the code alphabet (shared/serial.ts, no look-alikes), shown as XXXX-XXXX. */
export function newTrackingCode(random?: (n: number) => Uint8Array): string {
  const s = randomCode(8, random);
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Accept what a person types: any case, spaces, missing dash, and O/I/L typed for 0/1. */
export function normalizeTrackingCode(input: string): string | null {
  const s = normalizeTyped(input);
  if (!isCode(s, 8)) return null;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}
