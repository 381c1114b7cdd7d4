/** The county stage's entries in the navigation group 县乡联动 (web/src/nav.ts): the townships dashboard and the annual roll-up. */
import type { NavEntry } from '../nav.ts';

export const countyNavEntries: NavEntry[] = [
  { label: 'county.nav.dashboard', href: (c) => `/c/${c}/county`, permission: 'county.read', inCongress: true, end: true },
  { label: 'county.nav.rollup', href: (c) => `/c/${c}/county/rollup`, permission: 'county.read', inCongress: true },
];
