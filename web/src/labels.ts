/** Words for the codes the API uses (roles, levels, kinds, statuses, audit actions), in the interface language. */
import { CATEGORIES, CHANNELS, CHECKS, PROPOSAL_STATUSES } from '../../shared/gathering/schema.ts';
import type { Role } from '../../shared/roles.ts';
import { ROLES } from '../../shared/roles.ts';
import { t, type MessageKey } from './i18n.ts';

export const roleLabel = (r: Role) => t(`role.${r}`);
export const roleOptions = () => ROLES.map((r) => ({ value: r, label: roleLabel(r) }));

export type Level = 'county' | 'township' | 'street';
export const levelLabel = (l: Level) => t(`congress.level.${l}`);
export const levelOptions = () => (['county', 'township', 'street'] as const).map((l) => ({ value: l, label: levelLabel(l) }));

export type DepartmentKind = 'bureau' | 'township' | 'enterprise' | 'other';
export const kindLabel = (k: DepartmentKind) => t(`department.kind.${k}`);
export const kindOptions = () => (['bureau', 'township', 'enterprise', 'other'] as const).map((k) => ({ value: k, label: kindLabel(k) }));

export const genderLabel = (g: 'male' | 'female' | null) => (g ? t(`gender.${g}`) : '');
export const statusLabel = (s: 'seated' | 'left') => t(`roster.status.${s}`);

// ---- gathering and screening (征集与初定) ----
export type Category = (typeof CATEGORIES)[number];
export type Channel = (typeof CHANNELS)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type CheckKey = (typeof CHECKS)[number];
export type CheckResult = 'pending' | 'pass' | 'fail' | 'not_applicable';
export type WindowState = 'scheduled' | 'open' | 'closed';

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

const ACTIONS = [
  'accounts.create',
  'accounts.reset_password',
  'accounts.revoke_sessions',
  'accounts.unlock',
  'accounts.update',
  'auth.card_login',
  'auth.change_password',
  'auth.login',
  'auth.logout',
  'auth.revoke_session',
  'candidates.update',
  'congress.create',
  'congress.grant_role',
  'congress.revoke_role',
  'congress.update',
  'congress.update_settings',
  'demo.load',
  'departments.create',
  'departments.update',
  'gathering.submit',
  'gathering.window_close',
  'gathering.window_create',
  'gathering.window_update',
  'keys.rotate',
  'lists.create',
  'lists.freeze',
  'lists.new_version',
  'lists.update',
  'roster.create',
  'roster.create_card_account',
  'roster.end_term',
  'roster.import',
  'roster.reissue_card',
  'roster.update',
  'screening.accept',
  'screening.checks',
  'screening.merge',
  'screening.reject',
  'screening.reject_to_reserve',
  'screening.reserve',
  'screening.revive',
  'setup.create_admin',
] as const;
type Action = (typeof ACTIONS)[number];
/** A known action in words; an action added later by the server shows its code until it gets a label. */
export const actionLabel = (a: string) => ((ACTIONS as readonly string[]).includes(a) ? t(`audit.action.${a as Action}` as MessageKey) : a);
