/** The notify stage's entries in the navigation group 基础设置 (web/src/nav.ts): the messages, the channels, the words. */
import type { NavEntry } from '../nav.ts';

export const notifyNavEntries: NavEntry[] = [
  { label: 'notify.nav.messages', href: (c) => `/c/${c}/notify`, permission: 'notify.staff', inCongress: true, end: true },
  { label: 'notify.nav.channels', href: (c) => `/c/${c}/notify/channels`, permission: 'notify.staff', inCongress: true },
  { label: 'notify.nav.templates', href: (c) => `/c/${c}/notify/templates`, permission: 'notify.staff', inCongress: true },
];
