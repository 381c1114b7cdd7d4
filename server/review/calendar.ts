/** The official calendar (法定节假日、调休上班): a year read, replaced from a file, one day set or removed; audited. */
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { parseCalendar, problemsText } from '../../shared/review/calendar.ts';
import type { CalendarYear } from '../../shared/review/schema.ts';
import type { CalendarKind } from '../../shared/items/enums.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { calendarDays } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { decodeCsv } from '../roster/import-roster.ts';

const inYear = (congressId: string, year: number) => and(eq(calendarDays.congressId, congressId), gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`));

export async function calendarYear(db: DbOrTx, congressId: string, year: number): Promise<CalendarYear> {
  const days = await db.select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name }).from(calendarDays).where(inYear(congressId, year)).orderBy(asc(calendarDays.day));
  const years = await db
    .selectDistinct({ y: sql<number>`extract(year from ${calendarDays.day})::int` })
    .from(calendarDays)
    .where(eq(calendarDays.congressId, congressId))
    .orderBy(desc(sql`1`));
  return { year, years: years.map((y) => Number(y.y)), days };
}

/** Replace a year's days with the file's, in one transaction; any bad line refuses the whole file (nothing changes). */
export async function replaceYear(db: Db, actor: Actor, congressId: string, year: number, bytes: Uint8Array): Promise<CalendarYear> {
  const { text } = decodeCsv(bytes);
  const { days, problems } = parseCalendar(text, year);
  if (problems.length) throw new AppError('calendar_invalid', { problems: problemsText(problems) }, { problems });
  if (!days.length) throw new AppError('calendar_empty');
  await db.transaction(async (tx) => {
    await tx.delete(calendarDays).where(inYear(congressId, year));
    await tx.insert(calendarDays).values(days.map((d) => ({ congressId, ...d })));
    await appendAudit(tx, { actor, congressId, action: 'review.calendar_upload', details: { year, holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length } });
  });
  return calendarYear(db, congressId, year);
}

export async function setDay(db: Db, actor: Actor, congressId: string, day: string, kind: CalendarKind, name: string): Promise<CalendarYear> {
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarDays)
      .values({ congressId, day, kind, name })
      .onConflictDoUpdate({ target: [calendarDays.congressId, calendarDays.day], set: { kind, name } });
    await appendAudit(tx, { actor, congressId, action: 'review.calendar_day', details: { day, kind, name } });
  });
  return calendarYear(db, congressId, Number(day.slice(0, 4)));
}

export async function removeDay(db: Db, actor: Actor, congressId: string, day: string): Promise<CalendarYear> {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(calendarDays)
      .where(and(eq(calendarDays.congressId, congressId), eq(calendarDays.day, day)))
      .returning({ day: calendarDays.day });
    if (!gone.length) throw new AppError('calendar_day_not_found');
    await appendAudit(tx, { actor, congressId, action: 'review.calendar_remove', details: { day } });
  });
  return calendarYear(db, congressId, Number(day.slice(0, 4)));
}
