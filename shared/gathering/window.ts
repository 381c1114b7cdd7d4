import type { WindowState } from './schema.ts';

/** Today's date in Asia/Shanghai as YYYY-MM-DD (the dates of a collection window are local dates). */
export function shanghaiDate(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A window is open from the start of opensOn to the end of closesOn (Shanghai time), unless staff closed it early. */
export function windowState(w: { opensOn: string; closesOn: string; closedAt: Date | string | null }, now: Date = new Date()): WindowState {
  if (w.closedAt) return 'closed';
  const today = shanghaiDate(now);
  if (today < w.opensOn) return 'scheduled';
  if (today > w.closesOn) return 'closed';
  return 'open';
}
