/** The templates stage's API routes, each once (shared/contract.ts): what a county publishes and its townships adopt (SPEC §16). */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { AdoptionsList, AdoptVersion, AvailableList, Comparison, CreateTemplate, PublishVersion, TemplateDetail, TemplateList, TemplateParams, VersionDetail, VersionParams } from './schema.ts';

const tag = 'templates';

// ---- the county's side ----
export const listTemplates = route({
  method: 'GET',
  path: '/congresses/:congressId/templates',
  tag,
  summary: "A county's (or city's) templates, each with its latest version and how many congresses below adopted it",
  permission: 'templates.read',
  params: CongressId,
  response: TemplateList,
});

export const createTemplate = route({
  method: 'POST',
  path: '/congresses/:congressId/templates',
  tag,
  summary: 'Make a template (a county or city congress only); its versions are published after',
  permission: 'templates.manage',
  params: CongressId,
  body: CreateTemplate,
  response: z.object({ id: z.string() }),
  errors: ['template_level', 'template_name_taken'],
});

export const listAdoptions = route({
  method: 'GET',
  path: '/congresses/:congressId/templates/adoptions',
  tag,
  summary: 'Which version of each template every congress below has adopted (and which parts)',
  permission: 'templates.read',
  params: CongressId,
  response: AdoptionsList,
});

export const getTemplate = route({
  method: 'GET',
  path: '/congresses/:congressId/templates/:templateId',
  tag,
  summary: 'A template with every published version whole',
  permission: 'templates.read',
  params: TemplateParams,
  response: TemplateDetail,
  errors: ['template_not_found'],
});

export const publishVersion = route({
  method: 'POST',
  path: '/congresses/:congressId/templates/:templateId/versions',
  tag,
  summary: 'Publish the next version of a template (its content frozen from then on)',
  permission: 'templates.manage',
  params: TemplateParams,
  body: PublishVersion,
  response: VersionDetail,
  errors: ['template_not_found'],
});

// ---- the township's side ----
export const listAvailable = route({
  method: 'GET',
  path: '/congresses/:congressId/templates-above',
  tag,
  summary: 'The templates of the counties (and city) above this congress, with what it adopted and whether a newer version exists',
  permission: 'templates.adopt',
  params: CongressId,
  response: AvailableList,
});

export const compareVersion = route({
  method: 'GET',
  path: '/congresses/:congressId/templates-above/versions/:versionId/compare',
  tag,
  summary: 'A version against the one this congress adopted and against its current settings, part by part and field by field',
  permission: 'templates.adopt',
  params: VersionParams,
  response: Comparison,
  errors: ['template_version_not_found'],
});

export const adoptVersion = route({
  method: 'POST',
  path: '/congresses/:congressId/templates-above/versions/:versionId/adopt',
  tag,
  summary: "Adopt parts of a version: each copied into this congress's settings in one transaction, the version remembered",
  permission: 'templates.adopt',
  params: VersionParams,
  body: AdoptVersion,
  response: z.object({ ok: z.literal(true), changed: z.int() }),
  errors: ['template_version_not_found', 'template_part_missing'],
});
