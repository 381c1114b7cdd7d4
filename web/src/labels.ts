/** Words for the codes the API uses (roles, levels, kinds, statuses, audit actions), in the interface language. */
import { isAuditAction } from '../../shared/audit/actions.ts';
import { CONGRESS_LEVELS } from '../../shared/congress/schema.ts';
import { oversees } from '../../shared/county/tree.ts';
import { DEPARTMENT_KINDS } from '../../shared/departments/schema.ts';
import { CATEGORIES, CHANNELS, CHECKS, PROPOSAL_STATUSES, type CHECK_RESULTS, type WindowState } from '../../shared/gathering/schema.ts';
import type { Role } from '../../shared/roles.ts';
import { ROLES } from '../../shared/roles.ts';
import type { GENDERS, REPRESENTATIVE_STATUSES } from '../../shared/roster/schema.ts';
import { t, type MessageKey } from './i18n.ts';

export const roleLabel = (r: Role) => t(`role.${r}`);
/** The roles one may grant in a congress of this level: `overseer` only on a county or city (shared/county/tree.ts). */
export const rolesAt = (level: Level | undefined) => ROLES.filter((r) => r !== 'overseer' || (level !== undefined && oversees(level)));
export const roleOptions = (level?: Level) => rolesAt(level).map((r) => ({ value: r, label: roleLabel(r) }));

export type Level = (typeof CONGRESS_LEVELS)[number];
export const levelLabel = (l: Level) => t(`congress.level.${l}`);
export const levelOptions = () => CONGRESS_LEVELS.map((l) => ({ value: l, label: levelLabel(l) }));

export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];
export const kindLabel = (k: DepartmentKind) => t(`department.kind.${k}`);
export const kindOptions = () => DEPARTMENT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }));

export const genderLabel = (g: (typeof GENDERS)[number] | null) => (g ? t(`gender.${g}`) : '');
export const statusLabel = (s: (typeof REPRESENTATIVE_STATUSES)[number]) => t(`roster.status.${s}`);

// ---- gathering and screening (征集与初定) ----
export type Category = (typeof CATEGORIES)[number];
export type Channel = (typeof CHANNELS)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type CheckKey = (typeof CHECKS)[number];
export type CheckResult = (typeof CHECK_RESULTS)[number];
export type { WindowState };

export const categoryLabel = (c: Category) => t(`category.${c}`);
export const categoryOptions = () => CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }));
export const channelLabel = (c: Channel) => t(`channel.${c}`);
export const channelOptions = () => CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }));
export const proposalStatusLabel = (s: ProposalStatus) => t(`proposal.status.${s}`);
/** Status colours, always beside the word: waiting amber, accepted green, not adopted red, the rest grey. */
export const proposalStatusClass = (s: ProposalStatus) =>
  ({ submitted: 'tag-warn', accepted: 'tag-ok', merged: 'tag-muted', not_adopted: 'tag-bad', reserved: 'tag-muted' })[s];
export const checkLabel = (k: CheckKey) => t(`check.${k}`);
export const checkResultLabel = (r: CheckResult) => t(`check.result.${r}`);
export const windowStateLabel = (s: WindowState) => t(`window.state.${s}`);
export const windowStateClass = (s: WindowState) => ({ scheduled: 'tag-warn', open: 'tag-ok', closed: 'tag-muted' })[s];

/** An action in words; an action the words do not know yet shows its code (the list: shared/audit/actions.ts). */
export const actionLabel = (a: string) => (isAuditAction(a) ? t(`audit.action.${a}`) : a);
