/** Who may do what in the items stage (意见建议): each permission once (shared/policy.ts gathers every stage's). */
import { inCongress, rolesPass, type Policy } from '../permission.ts';
import type { Role } from '../roles.ts';

export const itemsPolicy = {
  /**
   * Reading items: staff and the government office read all; a department the items assigned to it (now or before);
   * a station keeper their station's; a representative the items they raised. The handler narrows (404 otherwise).
   */
  'items.read': inCongress(['admin', 'government', 'department', 'station', 'representative']),
  /** Staff and the government office read every item (the others only theirs, as above). */
  'items.readAll': inCongress(['admin', 'government']),
  /** Entering an item: staff (any source), a station keeper (their station), a representative with the card (their own). */
  'items.create': inCongress(['admin', 'station', 'representative']),
  /** Staff enter any source for any station or representative (the others are held to their own). */
  'items.createAny': inCongress(['admin']),
  /** 分类交办: assign, refer, merge, turn into a proposal, reassign — the office's. */
  'items.triage': inCongress(['admin']),
  /** 当场答复: staff, or the keeper of the item's station. */
  'items.answerOnSpot': inCongress(['admin', 'station']),
  /** The department's answer (only the department the item is assigned to). */
  'items.answer': inCongress(['department']),
  /** Staff accept or return a department's answer. */
  'items.decide': inCongress(['admin']),
  /** 重点督办 and on-site supervision records. */
  'items.supervise': inCongress(['admin']),
  /** The submitter's contact: staff (and the keeper of the item's station, checked by the handler). */
  'items.contact': inCongress(['admin']),
  /** The back-to-back handling rating: the representative who raised the item (card session). */
  'items.rateHandling': inCongress(['representative']),
  /** The items pages (a page, not a route). */
  'items.page': inCongress(['admin', 'government', 'department', 'station', 'representative']),
} as const satisfies Policy;

export const readsAllItems = (roles: readonly Role[], systemAdmin: boolean) => rolesPass(itemsPolicy['items.readAll'], roles, systemAdmin);
export const triagesItems = (roles: readonly Role[], systemAdmin: boolean) => rolesPass(itemsPolicy['items.triage'], roles, systemAdmin);
export const entersAnyItem = (roles: readonly Role[], systemAdmin: boolean) => rolesPass(itemsPolicy['items.createAny'], roles, systemAdmin);
export const seesContact = (roles: readonly Role[], systemAdmin: boolean) => rolesPass(itemsPolicy['items.contact'], roles, systemAdmin);
