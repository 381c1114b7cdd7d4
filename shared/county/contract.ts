/** The county stage's API routes, each once (shared/contract.ts): the tree of congresses, the overseer, the dashboard and the roll-up report (SPEC §16). */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { BelowPage, BelowQuery, SetParent } from './schema.ts';

const tag = 'county';

// ---- tree ----
export const setParent = route({
  method: 'PUT',
  path: '/congresses/:congressId/parent',
  tag,
  summary: 'Place a congress under its county or city (or at the top): system administrators only',
  permission: 'systemAdmin',
  params: CongressId,
  body: SetParent,
  response: z.object({ ok: z.literal(true) }),
  errors: ['congress_not_found', 'parent_level', 'parent_self'],
});

export const listBelow = route({
  method: 'GET',
  path: '/congresses/:congressId/county/congresses',
  tag,
  summary: 'The congresses below a county or city (a city: its counties and theirs), paged and filtered on the server',
  permission: 'county.read',
  params: CongressId,
  query: BelowQuery,
  response: BelowPage,
});
