/** The stations stage's entries in the navigation group 联络站与意见建议 (web/src/nav.ts). */
import type { NavEntry } from '../nav.ts';

export const stationsNavEntries: NavEntry[] = [{ label: 'nav.stations', href: (c) => `/c/${c}/stations`, permission: 'stations.read', inCongress: true }];
