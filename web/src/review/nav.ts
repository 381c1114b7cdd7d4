/** The review stage's entries in the navigation group 联络站与意见建议 (web/src/nav.ts): the figures and the monthly review, the holiday calendar. */
import type { NavEntry } from '../nav.ts';

export const reviewNavEntries: NavEntry[] = [
  { label: 'nav.review', href: (c) => `/c/${c}/review`, permission: 'review.figures', inCongress: true, end: true },
  { label: 'nav.reviewCalendar', href: (c) => `/c/${c}/review/calendar`, permission: 'review.calendar.manage', inCongress: true },
];
