/**
 * The staff navigation, one group per lifecycle stage (design §3–§7). Later stages add their group here:
 * gathering 征集与初定, session & ballot 会议与票决, tally 计票, projects 项目实施, evaluation 满意度测评.
 * A stage that is not built has no group, so it never shows as a dead link. Each entry names who may use it: the
 * permission of its page (shared/<stage>/policy.ts), the same rule the server checks for the page's reads.
 */
import { allows, type Permission } from '../../shared/policy.ts';
import type { Role } from '../../shared/roles.ts';
import type { MessageKey } from './i18n.ts';
import { projectsNavGroup } from './projects/nav.ts';
import { evaluationNavGroup } from './evaluation/nav.ts';
import { stationsNavEntries } from './stations/nav.ts';
import { itemsNavEntries } from './items/nav.ts';
import { hotlineNavEntries } from './hotline/nav.ts';
import { reviewNavEntries } from './review/nav.ts';
import { archiveNavEntries } from './archive/nav.ts';
import { countyNavEntries } from './county/nav.ts';
import { templatesNavEntries } from './templates/nav.ts';
import { hallboxNavEntries } from './hallbox/nav.ts';
import { notifyNavEntries } from './notify/nav.ts';

export type NavEntry = {
  label: MessageKey;
  /** The address; entries of a congress get its id. */
  href: (congressId: string) => string;
  /** Needs a current congress (hidden when there is none). */
  inCongress: boolean;
  /** Active only on exactly this address (not on the pages below it). */
  end?: boolean;
  /** Who sees the entry: whoever holds this permission in the current congress (shared/policy.ts). */
  permission: Permission;
};
export type NavGroup = { label: MessageKey; entries: NavEntry[] };

export const NAV: NavGroup[] = [
  {
    label: 'nav.stage.setup',
    entries: [
      { label: 'nav.overview', href: (c) => `/c/${c}`, permission: 'congress.overview', inCongress: true, end: true },
      { label: 'nav.roster', href: (c) => `/c/${c}/roster`, permission: 'roster.read', inCongress: true },
      { label: 'nav.departments', href: (c) => `/c/${c}/departments`, permission: 'departments.office', inCongress: true },
      { label: 'nav.members', href: (c) => `/c/${c}/members`, permission: 'congress.members.manage', inCongress: true },
      { label: 'nav.audit', href: (c) => `/c/${c}/audit`, permission: 'audit.read', inCongress: true },
      ...notifyNavEntries,
      { label: 'nav.congresses', href: () => '/congresses', permission: 'systemAdmin', inCongress: false, end: true },
      { label: 'nav.accounts', href: () => '/accounts', permission: 'systemAdmin', inCongress: false },
    ],
  },
  {
    label: 'nav.stage.gathering',
    entries: [
      { label: 'nav.windows', href: (c) => `/c/${c}/gathering`, permission: 'gathering.windows.page', inCongress: true, end: true },
      // Representatives and departments reach their own proposals from their home page (they have no navigation).
      { label: 'nav.proposals', href: (c) => `/c/${c}/gathering/proposals`, permission: 'gathering.proposals.readAll', inCongress: true },
      { label: 'nav.candidates', href: (c) => `/c/${c}/gathering/candidates`, permission: 'gathering.lists.page', inCongress: true },
      { label: 'nav.lists', href: (c) => `/c/${c}/gathering/lists`, permission: 'gathering.lists.page', inCongress: true },
    ],
  },
  {
    label: 'nav.stage.session',
    entries: [
      // The session page leads on to attendance, check-in (admin) and each vote (cards: scrutineers; open/close: presidium).
      { label: 'nav.sessions', href: (c) => `/c/${c}/sessions`, permission: 'session.hall', inCongress: true },
    ],
  },
  projectsNavGroup,
  evaluationNavGroup,
  // The year-round loop (SPEC §13–14): stations, items, the hotline, the monthly review, the duty archive.
  { label: 'nav.stage.loop', entries: [...stationsNavEntries, ...itemsNavEntries, ...hotlineNavEntries, ...reviewNavEntries, ...archiveNavEntries] },
  // County and city (SPEC §16): the townships side by side, the roll-up report, templates, hall packages.
  { label: 'nav.stage.county', entries: [...countyNavEntries, ...templatesNavEntries, ...hallboxNavEntries] },
];

/** The groups and entries this person may use, for the current congress (if any); empty groups are dropped. */
export function visibleNav(opts: { systemAdmin: boolean; congressId: string | undefined; roles: readonly Role[] }) {
  return NAV.map((g) => ({
    label: g.label,
    entries: g.entries.filter((e) => {
      if (e.inCongress && !opts.congressId) return false;
      return allows(e.permission, opts.roles, opts.systemAdmin);
    }),
  })).filter((g) => g.entries.length > 0);
}
