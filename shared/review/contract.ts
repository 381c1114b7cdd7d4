/** The review stage's API routes, each once (shared/contract.ts). SPEC §13–14: the official calendar, the figures, the monthly review sheet. */
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { CalendarDayParams, CalendarParams, CalendarQuery, CalendarYear, Figures, FiguresQuery, Meeting, SaveMeeting, SetCalendarDay, Sheet, SheetQuery } from './schema.ts';

const tag = 'review';
const CAL = '/congresses/:congressId/calendar';
const R = '/congresses/:congressId/review';
/** The calendar file: a CSV as a spreadsheet saves it (UTF-8 or GBK). */
export const CALENDAR_FILE_TYPES = ['text/csv', 'text/plain', 'application/octet-stream', 'application/vnd.ms-excel'] as const;

export const getCalendar = route({
  method: 'GET',
  path: CAL,
  tag,
  summary: 'The official calendar of a year (法定节假日 and 调休上班 days; ?year=, default this year) and the years uploaded',
  permission: 'review.calendar.read',
  params: CongressId,
  query: CalendarQuery,
  response: CalendarYear,
});

export const replaceCalendarYear = route({
  method: 'POST',
  path: `${CAL}/years/:year`,
  tag,
  summary: "Upload a year's official calendar (CSV `date,kind,name`, kind 休/holiday or 班/workday, a header line allowed; UTF-8 or GBK): replaces that year's days in one transaction; any bad line refuses the whole file",
  permission: 'review.calendar.manage',
  params: CalendarParams,
  bodyKind: 'raw',
  accepts: CALENDAR_FILE_TYPES,
  limit: 256 * 1024,
  response: CalendarYear,
  errors: ['unsupported_media', 'import_encoding', 'calendar_invalid', 'calendar_empty'],
});

export const setCalendarDay = route({
  method: 'PUT',
  path: `${CAL}/days`,
  tag,
  summary: 'Set one day of the calendar (a holiday or a 调休 working day), added or corrected',
  permission: 'review.calendar.manage',
  params: CongressId,
  body: SetCalendarDay,
  response: CalendarYear,
});

export const removeCalendarDay = route({
  method: 'DELETE',
  path: `${CAL}/days/:day`,
  tag,
  summary: 'Remove one day from the calendar (it is then an ordinary weekday or weekend day)',
  permission: 'review.calendar.manage',
  params: CalendarDayParams,
  response: CalendarYear,
  errors: ['calendar_day_not_found'],
});

export const getFigures = route({
  method: 'GET',
  path: `${R}/figures`,
  tag,
  summary: "The year's figures: received, answered on time, resolved, satisfaction, reopened — by department, category, station and month; handling ratings per department only when at least kMin rated (a department account sees its own department only)",
  permission: 'review.figures',
  params: CongressId,
  query: FiguresQuery,
  response: Figures,
  errors: ['figures_department'],
});

export const getFiguresCsv = route({
  method: 'GET',
  path: `${R}/figures.csv`,
  tag,
  summary: 'The same figures as CSV (UTF-8 with BOM), one block per grouping',
  permission: 'review.figures',
  params: CongressId,
  query: FiguresQuery,
  produces: 'csv',
  errors: ['figures_department'],
});

export const getFiguresXlsx = route({
  method: 'GET',
  path: `${R}/figures.xlsx`,
  tag,
  summary: 'The same figures as an Excel workbook (one sheet per grouping, and the handling ratings)',
  permission: 'review.figures',
  params: CongressId,
  query: FiguresQuery,
  produces: 'file',
  errors: ['figures_department'],
});

export const getSheet = route({
  method: 'GET',
  path: `${R}/sheet`,
  tag,
  summary: '集中研判: the monthly review sheet — open, overdue and unsatisfied items by department, the lists, and the meeting’s decisions',
  permission: 'review.sheet',
  params: CongressId,
  query: SheetQuery,
  response: Sheet,
});

export const saveMeeting = route({
  method: 'PUT',
  path: `${R}/meetings`,
  tag,
  summary: "Record the month's review meeting: the day held, who attended, what it decided (replaces the earlier record of that month)",
  permission: 'review.manage',
  params: CongressId,
  body: SaveMeeting,
  response: Meeting,
  errors: ['review_meeting_month', 'review_meeting_future'],
});
