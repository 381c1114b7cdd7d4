/** The congress stage's API routes, each once (shared/contract.ts): congresses, their settings and who holds a role. */
import { z } from 'zod';
import { route } from '../contract.ts';
import { AddMember, Congress, CongressId, CreateCongress, Member, MemberId, UpdateCongress } from './schema.ts';
import { CongressSettings } from './settings.ts';

const tag = 'congress';

export const listCongresses = route({
  method: 'GET',
  path: '/congresses',
  tag,
  summary: 'Congresses I hold a role in (every congress for a system admin)',
  permission: 'signedIn',
  response: z.array(Congress),
});

export const createCongress = route({
  method: 'POST',
  path: '/congresses',
  tag,
  summary: 'Create a congress (system admin)',
  permission: 'systemAdmin',
  body: CreateCongress,
  status: 201,
  response: Congress,
});

export const getCongress = route({
  method: 'GET',
  path: '/congresses/:congressId',
  tag,
  summary: 'One congress with its settings',
  permission: 'congress.read',
  params: CongressId,
  response: Congress,
});

export const updateCongress = route({
  method: 'PATCH',
  path: '/congresses/:congressId',
  tag,
  summary: 'Edit name, level or term',
  permission: 'congress.manage',
  params: CongressId,
  body: UpdateCongress,
  response: Congress,
});

export const replaceSettings = route({
  method: 'PUT',
  path: '/congresses/:congressId/settings',
  tag,
  summary: 'Replace the settings (validated; missing fields take their defaults)',
  permission: 'congress.manage',
  params: CongressId,
  body: CongressSettings,
  response: Congress,
});

export const listMembers = route({
  method: 'GET',
  path: '/congresses/:congressId/members',
  tag,
  summary: 'Accounts and their roles in this congress',
  permission: 'congress.members.manage',
  params: CongressId,
  response: z.array(Member),
});

export const grantRole = route({
  method: 'POST',
  path: '/congresses/:congressId/members',
  tag,
  summary: 'Grant a role in this congress to an account',
  permission: 'congress.members.manage',
  params: CongressId,
  body: AddMember,
  status: 201,
  response: z.object({ id: z.string() }),
  errors: ['account_not_found', 'department_required', 'department_not_allowed', 'department_not_found', 'station_required', 'station_not_allowed', 'station_not_found', 'role_exists', 'overseer_level'],
});

export const revokeRole = route({
  method: 'DELETE',
  path: '/congresses/:congressId/members/:memberId',
  tag,
  summary: 'Revoke a role',
  permission: 'congress.members.manage',
  params: MemberId,
  response: z.object({ ok: z.literal(true) }),
  errors: ['member_not_found', 'last_congress_admin'],
});
