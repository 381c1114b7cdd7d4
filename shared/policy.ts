/**
 * Every permission of every stage, by name: what a contract's `permission` names, what the server checks and what
 * the web's `can()` asks. The stages say their own (`shared/<stage>/policy.ts`); the three kinds that need no role
 * are here.
 */
import { rolesPass, type Rule } from './permission.ts';
import type { Role } from './roles.ts';
import { accountsPolicy } from './accounts/policy.ts';
import { auditPolicy } from './audit/policy.ts';
import { authPolicy } from './auth/policy.ts';
import { ballotPolicy } from './ballot/policy.ts';
import { congressPolicy } from './congress/policy.ts';
import { departmentsPolicy } from './departments/policy.ts';
import { evaluationPolicy } from './evaluation/policy.ts';
import { gatheringPolicy } from './gathering/policy.ts';
import { homePolicy } from './home/policy.ts';
import { kioskPolicy } from './kiosk/policy.ts';
import { projectsPolicy } from './projects/policy.ts';
import { rosterPolicy } from './roster/policy.ts';
import { sessionPolicy } from './session/policy.ts';
import { tallyPolicy } from './tally/policy.ts';
import { systemPolicy } from './system/policy.ts';
import { stationsPolicy } from './stations/policy.ts';
import { itemsPolicy } from './items/policy.ts';
import { hotlinePolicy } from './hotline/policy.ts';
import { reviewPolicy } from './review/policy.ts';
import { archivePolicy } from './archive/policy.ts';
import { countyPolicy } from './county/policy.ts';
import { templatesPolicy } from './templates/policy.ts';
import { notifyPolicy } from './notify/policy.ts';
import { hallboxPolicy } from './hallbox/policy.ts';

export const POLICY = {
  public: { kind: 'public' },
  signedIn: { kind: 'signed-in' },
  systemAdmin: { kind: 'system-admin' },
  ...accountsPolicy,
  ...auditPolicy,
  ...authPolicy,
  ...ballotPolicy,
  ...congressPolicy,
  ...departmentsPolicy,
  ...evaluationPolicy,
  ...gatheringPolicy,
  ...homePolicy,
  ...kioskPolicy,
  ...projectsPolicy,
  ...rosterPolicy,
  ...sessionPolicy,
  ...tallyPolicy,
  ...systemPolicy,
  ...stationsPolicy,
  ...itemsPolicy,
  ...hotlinePolicy,
  ...reviewPolicy,
  ...archivePolicy,
  ...countyPolicy,
  ...templatesPolicy,
  ...notifyPolicy,
  ...hallboxPolicy,
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof POLICY;
export const ruleOf = (p: Permission): Rule => POLICY[p];

/** Whether holding `roles` in a congress (or being a system administrator) gives `permission` there. */
export const allows = (permission: Permission, roles: readonly Role[], systemAdmin: boolean) => rolesPass(POLICY[permission], roles, systemAdmin);
