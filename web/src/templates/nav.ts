/** The templates stage's entries in the navigation group 县乡联动 (web/src/nav.ts): a county's templates, a township's templates from above. */
import type { NavEntry } from '../nav.ts';

export const templatesNavEntries: NavEntry[] = [
  { label: 'templates.nav.county', href: (c) => `/c/${c}/templates`, permission: 'templates.read', inCongress: true },
  { label: 'templates.nav.above', href: (c) => `/c/${c}/templates-above`, permission: 'templates.adopt', inCongress: true },
];
