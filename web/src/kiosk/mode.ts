import { KIOSK_MODE_COOKIE, parseKioskMode, type KioskMode } from '../../../shared/kiosk/mode.ts';

/** Whether this browser is a kiosk (签到/投票平板), from the cookie the server set at enrolment; read at each page load. */
export function kioskMode(): KioskMode | null {
  const pair = document.cookie.split(/;\s*/).find((c) => c.startsWith(`${KIOSK_MODE_COOKIE}=`));
  return parseKioskMode(pair ? decodeURIComponent(pair.slice(KIOSK_MODE_COOKIE.length + 1)) : null);
}
