/**
 * The cookie the web app reads (not HttpOnly) to know at once, before any request, that this device is a kiosk and for
 * what: `check_in` or `ballot.<congressId>`. It is only a hint for the screen: the server decides by the HttpOnly
 * credential cookie, which scripts cannot read. No zod here: the app's first chunk reads it.
 */
export const KIOSK_MODE_COOKIE = 'ms_kiosk_mode';
export type KioskMode = { kind: 'check_in'; congressId: null } | { kind: 'ballot'; congressId: string };

export const kioskModeValue = (kind: 'check_in' | 'ballot', congressId: string) => (kind === 'ballot' ? `ballot.${congressId}` : 'check_in');

export function parseKioskMode(value: string | undefined | null): KioskMode | null {
  if (value === 'check_in') return { kind: 'check_in', congressId: null };
  const m = value?.match(/^ballot\.([0-9a-f-]{36})$/);
  return m ? { kind: 'ballot', congressId: m[1] } : null;
}
