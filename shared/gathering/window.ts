import { shanghaiToday } from '../time.ts';
import type { WindowState } from './schema.ts';

/** A window is open from the start of opensOn to the end of closesOn (Shanghai time), unless staff closed it early. */
export function windowState(w: { opensOn: string; closesOn: string; closedAt: Date | string | null }, now: Date = new Date()): WindowState {
  if (w.closedAt) return 'closed';
  const today = shanghaiToday(now);
  if (today < w.opensOn) return 'scheduled';
  if (today > w.closesOn) return 'closed';
  return 'open';
}
