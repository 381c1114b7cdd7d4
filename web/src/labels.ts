/** Words for the codes the API uses (roles, levels, kinds, statuses, audit actions), in the interface language. */
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

const ACTIONS = [
  'accounts.create',
  'accounts.reset_password',
  'accounts.revoke_sessions',
  'accounts.update',
  'auth.card_login',
  'auth.change_password',
  'auth.login',
  'auth.logout',
  'auth.revoke_session',
  'congress.create',
  'congress.grant_role',
  'congress.revoke_role',
  'congress.update',
  'congress.update_settings',
  'demo.load',
  'departments.create',
  'departments.update',
  'roster.create',
  'roster.create_card_account',
  'roster.end_term',
  'roster.import',
  'roster.reissue_card',
  'roster.update',
  'setup.create_admin',
] as const;
type Action = (typeof ACTIONS)[number];
/** A known action in words; an action added later by the server shows its code until it gets a label. */
export const actionLabel = (a: string) => ((ACTIONS as readonly string[]).includes(a) ? t(`audit.action.${a as Action}` as MessageKey) : a);
