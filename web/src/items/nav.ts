/**
 * The items stage's entry in the navigation group 联络站与意见建议 (web/src/nav.ts): the list for everyone who reads
 * items (a department, a keeper and a representative see only theirs; the due-soon and overdue lists are its filters).
 */
import type { NavEntry } from '../nav.ts';

export const itemsNavEntries: NavEntry[] = [
  { label: 'nav.items', href: (c) => `/c/${c}/items`, permission: 'items.page', inCongress: true, end: true },
];
