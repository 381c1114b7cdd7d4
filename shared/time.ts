/**
 * Calendar dates in Asia/Shanghai, the product's one time zone (windows, milestones, deadlines, the years of a
 * congress): a date is YYYY-MM-DD, a local date with no time of day. Pure, so the server, the web app, the tests and
 * the bench count days the same way.
 */

export const TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const dateIn = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date (YYYY-MM-DD) in Asia/Shanghai: 2027-03-01T16:30:00Z is already 2027-03-02 there. */
export const shanghaiToday = (now: Date = new Date()): string => dateIn.format(now);

/** The year in Asia/Shanghai now (a congress's year turns at Shanghai midnight, not at UTC's). */
export const shanghaiYear = (now: Date = new Date()): number => Number(shanghaiToday(now).slice(0, 4));

/** The date n days after (n < 0: before) a date, across months, years and leap days. */
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Whole days from date a to date b (negative when b is earlier). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
