/** The hotline stage's API routes, each once (shared/contract.ts): the column mapping, the 12345 import and its record. SPEC §13. */
import { MB, route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { HotlineColumns, HotlineImport, HotlineImportQuery, HotlineImportsPage, HotlineImportsQuery, HotlineMapping, HotlinePreview } from './schema.ts';

const tag = 'hotline';
/** A CSV (any of the types browsers and spreadsheets label it with) or an xlsx; told apart by the bytes, not the label. */
export const HOTLINE_FILE_TYPES = [
  'text/csv',
  'text/plain',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
] as const;
/** A month of a county's tickets fits well (an xlsx of 20,000 tickets is a few MB). */
const FILE_LIMIT = 10 * MB;
const FILE_ERRORS = ['unsupported_media', 'hotline_empty', 'hotline_no_rows', 'hotline_encoding', 'hotline_xls', 'hotline_xlsx', 'hotline_columns', 'hotline_too_many'] as const;

export const getMapping = route({
  method: 'GET',
  path: '/congresses/:congressId/hotline/mapping',
  tag,
  summary: "The 12345 export's column for each field (the default headers until the office saves its own)",
  permission: 'hotline.read',
  params: CongressId,
  response: HotlineMapping,
});

export const setMapping = route({
  method: 'PUT',
  path: '/congresses/:congressId/hotline/mapping',
  tag,
  summary: "Set the 12345 export's column for each field (ticket number, time and content required; the others may be left empty)",
  permission: 'hotline.import',
  params: CongressId,
  body: HotlineColumns,
  response: HotlineMapping,
  errors: ['hotline_column_twice'],
});

export const previewImport = route({
  method: 'POST',
  path: '/congresses/:congressId/hotline/import/preview',
  tag,
  summary: 'Read a 12345 export (CSV in UTF-8 or GBK, or xlsx; the raw file as the body) and show what importing it would do: new, updated, unchanged, repeated rows and every row with a problem; writes nothing',
  permission: 'hotline.import',
  params: CongressId,
  query: HotlineImportQuery,
  bodyKind: 'raw',
  accepts: HOTLINE_FILE_TYPES,
  limit: FILE_LIMIT,
  response: HotlinePreview,
  errors: FILE_ERRORS,
});

export const importTickets = route({
  method: 'POST',
  path: '/congresses/:congressId/hotline/import',
  tag,
  summary:
    "Import a 12345 export in one transaction, idempotently by ticket number: new tickets become items (matched to the congress's departments and representatives), known ones get their status and satisfaction updated; any row with a problem refuses the whole file",
  permission: 'hotline.import',
  params: CongressId,
  query: HotlineImportQuery,
  bodyKind: 'raw',
  accepts: HOTLINE_FILE_TYPES,
  limit: FILE_LIMIT,
  status: 201,
  response: HotlineImport,
  errors: [...FILE_ERRORS, 'hotline_invalid'],
});

export const listImports = route({
  method: 'GET',
  path: '/congresses/:congressId/hotline/imports',
  tag,
  summary: 'The imports of the 12345 export, newest first: when, by whom, the file and what it did',
  permission: 'hotline.read',
  params: CongressId,
  query: HotlineImportsQuery,
  response: HotlineImportsPage,
});

