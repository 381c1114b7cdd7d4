/**
 * The messages that come from the calendar rather than a change (owned by the messages part): an item due in 3 days or
 * overdue, reception duty tomorrow, a rectification due, staff's daily digest. STUB until that part lands.
 * `scan` is called by every instance's worker now and then; it writes each message with a dedupe key, so however many
 * instances scan, each message is written once.
 */
import type { Db } from '../db/client.ts';

export async function scan(_db: Db, _at: Date): Promise<number> {
  return 0;
}
