/** The review stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const REVIEW_ERRORS = {
  calendar_invalid: {
    status: 400,
    zh: '日历文件有误，未导入任何日期：{problems}。每行应为“日期,类型,名称”，如 2026-10-01,休,国庆节（类型为 休 或 班）。',
    en: 'The calendar file has errors and nothing was imported: {problems}. Each line is "date,kind,name", e.g. “2026-10-01,休,国庆节” (kind “休” or holiday, “班” or workday).',
  },
  calendar_empty: { status: 400, zh: '日历文件中没有日期。每行应为“日期,类型,名称”。', en: 'The calendar file has no dates. Each line is "date,kind,name".' },
  calendar_day_not_found: { status: 404, zh: '日历中没有这一天。', en: 'That day is not in the calendar.' },
  review_meeting_month: { status: 400, zh: '研判会日期应在 {month} 月或其后。', en: 'The meeting must be held in {month} or later.' },
  review_meeting_future: { status: 400, zh: '研判会日期不能晚于今天。', en: 'The meeting date cannot be after today.' },
  figures_department: { status: 404, zh: '没有这个承办单位。', en: 'No such department.' },
} as const satisfies Record<string, ErrorEntry>;
