/** Who may do what in gathering and screening (征集与初定): each permission once, the web's `can()` and the server's check both read it. */
import { inCongress, rolesPass, type Policy } from '../permission.ts';
import type { Role } from '../roles.ts';

export const gatheringPolicy = {
  /** Everyone with a role in the congress sees the collection windows (when proposals may come in). */
  'gathering.windows.read': inCongress('any'),
  /** Staff schedule, change and close collection windows. */
  'gathering.windows.manage': inCongress(['admin']),
  /** The windows page (a page, not a route): staff and the government office. */
  'gathering.windows.page': inCongress(['admin', 'government']),
  /** Anyone with a role reads proposals; who is not a reader (below) sees only the ones they entered. */
  'gathering.proposals.read': inCongress('any'),
  /** Staff and the government office read every proposal with its submitter's contact, its likely duplicates, and export proposals and candidates. */
  'gathering.proposals.readAll': inCongress(['admin', 'government']),
  /** Accounts that enter proposals: staff (for liaison stations and the hotline), the government, representatives, departments. */
  'gathering.proposals.submit': inCongress(['admin', 'government', 'representative', 'department']),
  /** Staff enter proposals of any channel, even after the window closed (the others only their own channel, while open). */
  'gathering.proposals.anyChannel': inCongress(['admin']),
  /** The proposals pages (a page, not a route): whoever enters proposals sees them (their own, or all for readers). */
  'gathering.proposals.page': inCongress(['admin', 'government', 'representative', 'department']),
  /** Screening (初定) is the government office's: checks, accept, merge, not adopted, reserve, and the candidates' formal fields. */
  'gathering.screen': inCongress(['government']),
  /** Staff and the government bring a reserved proposal back in a later year. */
  'gathering.proposals.revive': inCongress(['admin', 'government']),
  /** Candidates and draft lists are internal: the public, representatives and departments see frozen lists on the public page. */
  'gathering.lists.read': inCongress(['admin', 'government', 'presidium', 'scrutineer']),
  /** Staff and the government draft lists, change drafts and start new versions. */
  'gathering.lists.edit': inCongress(['admin', 'government']),
  /** Freezing a list for the vote is staff's (for the standing committee). */
  'gathering.lists.freeze': inCongress(['admin']),
  /** The candidates and lists pages (a page, not a route): staff, the government office and the presidium. */
  'gathering.lists.page': inCongress(['admin', 'government', 'presidium']),
} as const satisfies Policy;

/** Whether someone holding `roles` reads every proposal (else only those they entered). */
export const readsAllProposals = (roles: readonly Role[], systemAdmin: boolean) => rolesPass(gatheringPolicy['gathering.proposals.readAll'], roles, systemAdmin);

/** Whether a proposal is visible: to readers all of them, to the others the ones they entered themselves. */
export const seesProposal = (p: { submittedBy: string | null }, accountId: string, roles: readonly Role[], systemAdmin: boolean) =>
  readsAllProposals(roles, systemAdmin) || p.submittedBy === accountId;

/** Whether someone enters proposals as staff (any channel, into the latest window after it closed). */
export const entersAnyChannel = (roles: readonly Role[], systemAdmin: boolean) => rolesPass(gatheringPolicy['gathering.proposals.anyChannel'], roles, systemAdmin);
