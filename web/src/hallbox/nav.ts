/** The hallbox stage's entries in the navigation group 县乡联动 (web/src/nav.ts): the filed session packages. */
import type { NavEntry } from '../nav.ts';

export const hallboxNavEntries: NavEntry[] = [{ label: 'hallbox.nav.packages', href: (c) => `/c/${c}/county/packages`, permission: 'hallbox.read', inCongress: true }];
