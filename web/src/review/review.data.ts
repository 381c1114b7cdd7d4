/** The review stage as the web app calls it: the official calendar, the figures (and their CSV/xlsx downloads), the monthly review sheet and meeting. */
import type { z } from 'zod';
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/review/contract.ts';
import type { CalendarYear, Figures, SaveMeeting, Sheet, SetCalendarDay } from '../../../shared/review/schema.ts';
import { call } from '../api.ts';

export type { CalendarYear, Figures, Sheet };

export const fetchCalendar = (c: string, year: number) => call(C.getCalendar, { params: { congressId: c }, query: { year } });
export const uploadCalendar = (c: string, year: number, file: Blob) => call(C.replaceCalendarYear, { params: { congressId: c, year: String(year) }, body: file, contentType: 'text/csv' });
export const setCalendarDay = (c: string, body: z.input<typeof SetCalendarDay>) => call(C.setCalendarDay, { params: { congressId: c }, body });
export const removeCalendarDay = (c: string, day: string) => call(C.removeCalendarDay, { params: { congressId: c, day } });

export const fetchFigures = (c: string, year: number, departmentId?: string) => call(C.getFigures, { params: { congressId: c }, query: { year, departmentId } });
/** The downloads are links, not calls. */
export const figuresCsvUrl = (c: string, year: number, departmentId?: string) => urlOf(C.getFiguresCsv, { congressId: c }, { year, departmentId });
export const figuresXlsxUrl = (c: string, year: number, departmentId?: string) => urlOf(C.getFiguresXlsx, { congressId: c }, { year, departmentId });

export const fetchSheet = (c: string, month: string) => call(C.getSheet, { params: { congressId: c }, query: { month } });
export const saveMeeting = (c: string, body: z.input<typeof SaveMeeting>) => call(C.saveMeeting, { params: { congressId: c }, body });

const q = (o: Record<string, string | number | undefined>) => {
  const s = Object.entries(o)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return s ? `?${s}` : '';
};
/** Pages a person opens. */
export const paths = {
  review: (c: string, year?: number, department?: string) => `/c/${c}/review${q({ year, department })}`,
  calendar: (c: string, year?: number) => `/c/${c}/review/calendar${q({ year })}`,
  sheet: (c: string, month: string) => `/c/${c}/review/sheet${q({ month })}`,
  figuresPrint: (c: string, year: number, department?: string) => `/c/${c}/review/figures/print${q({ year, department })}`,
  items: (c: string, o: Record<string, string | undefined>) => `/c/${c}/items${q(o)}`,
};
