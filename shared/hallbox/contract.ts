/** The hallbox stage's API routes, each once (shared/contract.ts): the hall-in-a-box stage (SPEC §16): a session run offline, exported as a signed package, verified and filed by the county. */
import { MB, route } from '../contract.ts';
import { ChildParams, ExportParams, FiledPackage, FiledPackageDetail, FiledPackagePage, PackageParams, PackageQuery } from './schema.ts';
import { CongressId } from '../congress/schema.ts';

const tag = 'hallbox';
const FILING_ERRORS = [
  'congress_not_below',
  'package_file_missing',
  'package_fingerprint_format',
  'package_malformed',
  'package_format',
  'package_signature',
  'package_key_mismatch',
  'package_recount',
  'package_digest',
  'package_chain_broken',
  'package_head',
  'package_wrong_congress',
  'package_duplicate',
] as const;

export const exportPackage = route({
  method: 'GET',
  path: '/congresses/:congressId/sessions/:sessionId/package',
  tag,
  summary: 'The session’s signed package (minsheng-session-package/1), as `npm run export-session` writes it: township administrators',
  description: 'Refused while a vote of the session is open or a result is not published. The key fingerprint is in the `X-Key-Fingerprint` header.',
  permission: 'hallbox.export',
  params: ExportParams,
  produces: 'file',
  errors: ['session_meeting_not_found', 'package_vote_open', 'package_unpublished', 'package_no_votes'],
});

export const filePackage = route({
  method: 'POST',
  path: '/congresses/:congressId/county/congresses/:childId/packages',
  tag,
  summary: 'File a township’s session package (multipart `file` and `fingerprint` as typed from the receipt) after verifying it',
  description:
    'Verifies the format, the signature by the included key, the typed fingerprint against that key, each vote’s recount, the result digests against the audit log, the audit chain and its signed head, the township’s name, and that the session is not filed yet; each failure has its own error code.',
  permission: 'hallbox.file',
  params: ChildParams,
  bodyKind: 'multipart',
  accepts: ['application/json'],
  limit: 32 * MB,
  limitLabel: '32 MB',
  status: 201,
  response: FiledPackage,
  errors: FILING_ERRORS,
});

export const listPackages = route({
  method: 'GET',
  path: '/congresses/:congressId/county/packages',
  tag,
  summary: 'The session packages filed beside the congresses below (one township with `childId`), newest first, paged',
  permission: 'hallbox.read',
  params: CongressId,
  query: PackageQuery,
  response: FiledPackagePage,
  errors: ['congress_not_below'],
});

export const getPackage = route({
  method: 'GET',
  path: '/congresses/:congressId/county/packages/:packageId',
  tag,
  summary: 'One filed session package: its votes, figures and sign-offs, the audit head',
  permission: 'hallbox.read',
  params: PackageParams,
  response: FiledPackageDetail,
  errors: ['package_not_found'],
});

export const downloadPackage = route({
  method: 'GET',
  path: '/congresses/:congressId/county/packages/:packageId/file',
  tag,
  summary: 'The filed package file, to check again offline',
  permission: 'hallbox.read',
  params: PackageParams,
  produces: 'file',
  errors: ['package_not_found'],
});
