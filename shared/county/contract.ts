/** The county stage's API routes, each once (shared/contract.ts): the tree of congresses, the overseer, the dashboard and the roll-up report (SPEC §16). */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { BelowPage, BelowQuery, ChildParams, ChildYear, Dashboard, DashboardQuery, Rollup, SetParent, TreePage, TreeQuery, YearQuery } from './schema.ts';

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

export const listTree = route({
  method: 'GET',
  path: '/congress-tree',
  tag,
  summary: 'Every congress of the deployment with its parent and how many sit directly under it, paged and filtered on the server (system administrators)',
  permission: 'systemAdmin',
  query: TreeQuery,
  response: TreePage,
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

// ---- dashboard, drill-down, roll-up (SPEC §16) ----
export const getDashboard = route({
  method: 'GET',
  path: '/congresses/:congressId/county/dashboard',
  tag,
  summary: "县级看板: each congress below with its year side by side (window, list, vote, projects, evaluation, the loop) and the year's totals; filtered, sorted and paged on the server",
  permission: 'county.read',
  params: CongressId,
  query: DashboardQuery,
  response: Dashboard,
});

export const getChildYear = route({
  method: 'GET',
  path: '/congresses/:congressId/county/congresses/:childId',
  tag,
  summary: "One congress below: its year in detail as the public and the office would report it (frozen lists, published results, projects' progress, published evaluations, the loop's counts)",
  permission: 'county.read',
  params: ChildParams,
  query: YearQuery,
  response: ChildYear,
  errors: ['congress_not_below'],
});

export const getRollup = route({
  method: 'GET',
  path: '/congresses/:congressId/county/rollup',
  tag,
  summary: "年度汇总: the standing committee's annual report — per congress below and in total: projects voted, investment, completed on time, late, rectified; satisfaction and its trend; suggestions received, answered, resolved",
  permission: 'county.read',
  params: CongressId,
  query: YearQuery,
  response: Rollup,
});

export const getRollupXlsx = route({
  method: 'GET',
  path: '/congresses/:congressId/county/rollup.xlsx',
  tag,
  summary: 'The same roll-up as an Excel workbook (the report sheet and the trend sheet)',
  permission: 'county.read',
  params: CongressId,
  query: YearQuery,
  produces: 'file',
});
