/**
 * An evaluation code's typed serial: E + 8 characters of the code alphabet. People type it in lower case, with spaces
 * or dashes, and often without the E — which must then be added even when the 8 characters happen to start with E.
 * The normalised serial, or null when it cannot be one (wrong length).
 */
export function typedEvalSerial(input: string): string | null {
  const s = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (s.length === 8) return `E${s}`;
  if (s.length === 9 && s.startsWith('E')) return s;
  return null;
}
