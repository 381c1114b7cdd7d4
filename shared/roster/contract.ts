/** The roster stage's API routes, each once (shared/contract.ts): representatives, the CSV import and export, delegate cards. */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { RosterPage, RosterPageQuery } from './page.ts';
import { DelegateCards, EndTerm, ImportPreview, ImportQuery, ImportResult, Representative, RepresentativeInput, RepresentativeParams, RosterQuery, UpdateRepresentative } from './schema.ts';

const tag = 'roster';

/** The types a roster file may come as: a CSV as browsers and spreadsheet programs label it. */
export const ROSTER_FILE_TYPES = ['text/csv', 'application/octet-stream', 'text/plain', 'application/vnd.ms-excel'] as const;

export const listRepresentatives = route({
  method: 'GET',
  path: '/congresses/:congressId/representatives',
  tag,
  summary: 'The roster, filtered by status or name',
  permission: 'roster.read',
  params: CongressId,
  query: RosterQuery,
  response: z.array(Representative),
});

export const getRosterPage = route({
  method: 'GET',
  path: '/congresses/:congressId/roster/page',
  tag,
  summary: 'The roster a page at a time (page, size), searched and filtered by status on the server, with the total and counts by status',
  permission: 'roster.read',
  params: CongressId,
  query: RosterPageQuery,
  response: RosterPage,
});

export const createRepresentative = route({
  method: 'POST',
  path: '/congresses/:congressId/representatives',
  tag,
  summary: 'Add a representative',
  permission: 'roster.manage',
  params: CongressId,
  body: RepresentativeInput,
  status: 201,
  response: Representative,
});

export const updateRepresentative = route({
  method: 'PATCH',
  path: '/congresses/:congressId/representatives/:representativeId',
  tag,
  summary: 'Edit a representative',
  permission: 'roster.manage',
  params: RepresentativeParams,
  body: UpdateRepresentative,
  response: Representative,
  errors: ['representative_not_found'],
});

export const endTerm = route({
  method: 'POST',
  path: '/congresses/:congressId/representatives/:representativeId/end-term',
  tag,
  summary: "End a representative's term (终止代表资格); their card stops working",
  permission: 'roster.manage',
  params: RepresentativeParams,
  body: EndTerm,
  response: Representative,
  errors: ['representative_not_found', 'term_already_ended'],
});

export const reissueCard = route({
  method: 'POST',
  path: '/congresses/:congressId/representatives/:representativeId/reissue-card',
  tag,
  summary: 'Reissue a delegate card: the old login QR stops working',
  permission: 'roster.manage',
  params: RepresentativeParams,
  response: Representative,
  errors: ['representative_not_found', 'representative_left'],
});

export const previewImport = route({
  method: 'POST',
  path: '/congresses/:congressId/roster/import/preview',
  tag,
  summary: 'Check a roster CSV (UTF-8 or GBK, body text/csv) against the roster: new, unchanged, to update (?existing=update) or skipped (?existing=skip), errors; writes nothing',
  permission: 'roster.manage',
  params: CongressId,
  query: ImportQuery,
  bodyKind: 'raw',
  accepts: ROSTER_FILE_TYPES,
  response: ImportPreview,
  errors: ['unsupported_media', 'import_encoding'],
});

export const importRoster = route({
  method: 'POST',
  path: '/congresses/:congressId/roster/import',
  tag,
  summary: 'Import a roster CSV in one transaction: adds the new people and, with ?existing=update, updates those already there; any bad row refuses the whole file; ?expectNew=&expectUpdate= refuse it if the roster changed since the preview',
  permission: 'roster.manage',
  params: CongressId,
  query: ImportQuery,
  bodyKind: 'raw',
  accepts: ROSTER_FILE_TYPES,
  status: 201,
  response: ImportResult,
  errors: ['unsupported_media', 'import_encoding', 'import_invalid', 'import_changed', 'import_nothing'],
});

export const exportRoster = route({
  method: 'GET',
  path: '/congresses/:congressId/roster/export.csv',
  tag,
  summary: 'The roster as CSV (UTF-8 with BOM)',
  permission: 'roster.read',
  params: CongressId,
  produces: 'csv',
});

export const getDelegateCards = route({
  method: 'GET',
  path: '/congresses/:congressId/roster/cards',
  tag,
  summary: 'Delegate cards to print, each with its personal login QR (SVG)',
  permission: 'roster.cards',
  params: CongressId,
  query: z.object({ ids: z.string().max(20000).optional() }),
  response: DelegateCards,
});
