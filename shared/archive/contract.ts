/** The archive stage's API routes, each once (shared/contract.ts). SPEC §14. */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { Archive, ArchiveTable, CreateEntries, Entry, EntryParams, RepresentativeParams, TableQuery, UpdateEntry, YearQuery } from './schema.ts';

const tag = 'archive';
const P = '/congresses/:congressId/archive';

export const archiveTable = route({
  method: 'GET',
  path: P,
  tag,
  summary: '年度履职统计表: every representative of the year with their counts and points, sorted (for choosing 优秀代表)',
  permission: 'archive.read',
  params: CongressId,
  query: TableQuery,
  response: ArchiveTable,
});

export const archiveTableCsv = route({
  method: 'GET',
  path: `${P}.csv`,
  tag,
  summary: 'The yearly table as CSV (UTF-8 with BOM), in the same order',
  permission: 'archive.read',
  params: CongressId,
  query: TableQuery,
  produces: 'csv',
});

export const getArchive = route({
  method: 'GET',
  path: `${P}/representatives/:representativeId`,
  tag,
  summary: "One representative's duty archive for a year: figures, points line by line, and the lines behind them",
  permission: 'archive.read',
  params: RepresentativeParams,
  query: YearQuery,
  response: Archive,
  errors: ['representative_not_found'],
});

export const myArchive = route({
  method: 'GET',
  path: `${P}/me`,
  tag,
  summary: "The signed-in representative's own duty archive for a year (after signing in with the delegate card)",
  permission: 'archive.own',
  params: CongressId,
  query: YearQuery,
  response: Archive,
  errors: ['archive_no_roster'],
});

export const createEntries = route({
  method: 'POST',
  path: `${P}/entries`,
  tag,
  summary: 'Enter a training (培训) or a report to the constituency (述职, with its rating) for one or several representatives',
  permission: 'archive.manage',
  params: CongressId,
  body: CreateEntries,
  status: 201,
  response: z.object({ ids: z.array(z.string()) }),
  errors: ['representative_not_found', 'archive_rating_training', 'archive_entry_future'],
});

export const updateEntry = route({
  method: 'PATCH',
  path: `${P}/entries/:entryId`,
  tag,
  summary: 'Correct a training or a report entered',
  permission: 'archive.manage',
  params: EntryParams,
  body: UpdateEntry,
  response: Entry,
  errors: ['archive_entry_not_found', 'archive_rating_training', 'archive_entry_future'],
});

export const deleteEntry = route({
  method: 'DELETE',
  path: `${P}/entries/:entryId`,
  tag,
  summary: 'Remove a training or a report entered by mistake',
  permission: 'archive.manage',
  params: EntryParams,
  response: z.object({ ok: z.literal(true) }),
  errors: ['archive_entry_not_found'],
});
