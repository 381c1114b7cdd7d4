/** The accounts stage's API routes, each once (shared/contract.ts). */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { AccountId, AccountSummary, CongressAccountId, CreateAccount, CreatedAccount, CreateMemberAccount, PasswordReset, ResetPassword, Unlocked, UpdateAccount } from './schema.ts';

const tag = 'accounts';
const Ok = z.object({ ok: z.literal(true) });

export const listAccounts = route({
  method: 'GET',
  path: '/accounts',
  tag,
  summary: 'Every account with its roles (system admin)',
  permission: 'systemAdmin',
  response: z.array(AccountSummary),
});

export const createAccount = route({
  method: 'POST',
  path: '/accounts',
  tag,
  summary: 'Create an account (system admin); without `password` the server makes a first password, answered once, to be changed at first sign-in',
  permission: 'systemAdmin',
  body: CreateAccount,
  status: 201,
  response: CreatedAccount,
  errors: ['username_taken'],
});

export const createMemberAccount = route({
  method: 'POST',
  path: '/congresses/:congressId/accounts',
  tag,
  summary: 'Create an account with its first role in this congress (congress admin); without `password` the server makes a first password, answered once, to be changed at first sign-in',
  permission: 'accounts.manage',
  params: CongressId,
  body: CreateMemberAccount,
  status: 201,
  response: CreatedAccount,
  errors: ['username_taken', 'department_required', 'department_not_allowed', 'department_not_found', 'station_required', 'station_not_allowed', 'station_not_found', 'role_exists', 'overseer_level'],
});

export const updateAccount = route({
  method: 'PATCH',
  path: '/accounts/:accountId',
  tag,
  summary: 'Rename, disable or (un)make system admin',
  permission: 'systemAdmin',
  params: AccountId,
  body: UpdateAccount,
  response: Ok,
  errors: ['account_not_found', 'last_system_admin'],
});

export const resetPassword = route({
  method: 'POST',
  path: '/accounts/:accountId/password',
  tag,
  summary: "Reset an account's password (its sessions are revoked); without `newPassword` the server makes one, answered once, to be changed at the next sign-in",
  permission: 'systemAdmin',
  params: AccountId,
  body: ResetPassword,
  response: PasswordReset,
  errors: ['account_not_found'],
});

export const revokeSessions = route({
  method: 'POST',
  path: '/accounts/:accountId/revoke-sessions',
  tag,
  summary: 'Sign an account out everywhere',
  permission: 'systemAdmin',
  params: AccountId,
  response: Ok,
  errors: ['account_not_found'],
});

export const unlockAccount = route({
  method: 'POST',
  path: '/accounts/:accountId/unlock',
  tag,
  summary: "Clear an account's failed sign-ins, from every address (system admin)",
  permission: 'systemAdmin',
  params: AccountId,
  response: Unlocked,
  errors: ['account_not_found'],
});

export const unlockMemberAccount = route({
  method: 'POST',
  path: '/congresses/:congressId/accounts/:accountId/unlock',
  tag,
  summary: 'Clear the failed sign-ins of an account that holds a role in this congress (congress admin)',
  description: "A system administrator's account is unlocked only by a system administrator (403).",
  permission: 'accounts.manage',
  params: CongressAccountId,
  response: Unlocked,
  errors: ['account_not_found'],
});
