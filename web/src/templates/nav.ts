/** The templates stage's entries in the navigation group 县乡联动 (web/src/nav.ts). */
import type { NavEntry } from '../nav.ts';

export const templatesNavEntries: NavEntry[] = [];
