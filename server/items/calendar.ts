/** The official calendar of a congress (法定节假日, 调休上班) as working days need it (shared/items/working-days.ts). */
import { eq } from 'drizzle-orm';
import { calendarOf, type Calendar } from '../../shared/items/working-days.ts';
import type { DbOrTx } from '../db/client.ts';
import { calendarDays } from '../db/schema/index.ts';

export async function loadCalendar(db: DbOrTx, congressId: string): Promise<Calendar> {
  const rows = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays).where(eq(calendarDays.congressId, congressId));
  return calendarOf(rows);
}
