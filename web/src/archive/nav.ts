/** The archive stage's entries in the navigation group 联络站与意见建议 (web/src/nav.ts). A representative reaches their own from their home. */
import type { NavEntry } from '../nav.ts';

export const archiveNavEntries: NavEntry[] = [{ label: 'nav.archive', href: (c) => `/c/${c}/archive`, permission: 'archive.read', inCongress: true }];
