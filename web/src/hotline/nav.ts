/** The hotline stage's entries in the navigation group 联络站与意见建议 (web/src/nav.ts). */
import type { NavEntry } from '../nav.ts';

export const hotlineNavEntries: NavEntry[] = [{ label: 'nav.hotline', href: (c) => `/c/${c}/hotline`, permission: 'hotline.read', inCongress: true }];
