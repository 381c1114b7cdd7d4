/**
 * The kinds of rule a permission can be (stage policies in `shared/<stage>/policy.ts` are made of these). Who holds a
 * role is the server's to know (memberships); which roles a permission needs is said here once, for the server's check
 * and the web's `can()`.
 */
import { MEMBER_ROLES, type Role } from './roles.ts';

export type Rule =
  /** Anyone, signed in or not (residents' pages, casting with a card, sign-in itself). */
  | { kind: 'public' }
  /** Any signed-in account (or delegate card session), in no particular congress. */
  | { kind: 'signed-in' }
  /** The system administrators. */
  | { kind: 'system-admin' }
  /**
   * A role in the congress named by the path's `:congressId` (system administrators too). `any`: any role there but
   * `overseer` (a county's overseer reads its townships only through the county's routes: shared/roles.ts).
   * `kiosk`: a kiosk device of that kind passes on to the handler, which checks that the kiosk is this session's.
   */
  | { kind: 'congress'; roles: readonly Role[] | 'any'; kiosk?: 'check_in' };

export type Policy = Record<string, Rule>;

/** A permission held by the given roles of the congress. */
export const inCongress = <const R extends readonly Role[] | 'any'>(roles: R, opts: { kiosk?: 'check_in' } = {}) => ({ kind: 'congress', roles, ...opts }) as const;

/** Whether someone holding `roles` in a congress (or a system administrator) passes a congress rule. */
export function rolesPass(rule: Rule, roles: readonly Role[], systemAdmin: boolean): boolean {
  switch (rule.kind) {
    case 'public':
      return true;
    case 'signed-in':
      return true;
    case 'system-admin':
      return systemAdmin;
    case 'congress':
      if (systemAdmin) return true;
      return roles.some((r) => (rule.roles === 'any' ? MEMBER_ROLES : (rule.roles as readonly Role[])).includes(r));
  }
}
