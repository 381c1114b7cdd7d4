/** The audit stage's API routes, each once (shared/contract.ts). */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { AuditEntry, AuditFilter, AuditList, AuditListQuery, AuditPage, ChainReport } from './schema.ts';

const tag = 'audit';

export const listAllAudit = route({
  method: 'GET',
  path: '/audit',
  tag,
  summary: 'The whole audit log, newest first (system admin)',
  permission: 'systemAdmin',
  query: AuditPage,
  response: z.array(AuditEntry),
});

export const verifyAudit = route({
  method: 'POST',
  path: '/audit/verify',
  tag,
  summary: 'Check the hash chain; names the first broken entry',
  permission: 'systemAdmin',
  response: ChainReport,
});

export const listCongressAudit = route({
  method: 'GET',
  path: '/congresses/:congressId/audit',
  tag,
  summary: "This congress's audit log as raw entries, newest first (for scripts; the page uses /audit/entries)",
  permission: 'audit.read',
  params: CongressId,
  query: AuditPage,
  response: z.array(AuditEntry),
});

export const listAuditEntries = route({
  method: 'GET',
  path: '/congresses/:congressId/audit/entries',
  tag,
  summary:
    "This congress's audit log a page at a time: filtered by who, action or area, kind of object, dates (Asia/Shanghai, both included) and text; with the total, the names of the objects named (this congress only) and the people in the log",
  permission: 'audit.read',
  params: CongressId,
  query: AuditListQuery,
  response: AuditList,
});

export const exportAudit = route({
  method: 'GET',
  path: '/congresses/:congressId/audit/export.csv',
  tag,
  summary: 'The filtered audit log as CSV in the caller’s language (UTF-8 with BOM, oldest first)',
  description: 'Sent as a download (Content-Disposition), named after the congress.',
  permission: 'audit.read',
  params: CongressId,
  query: AuditFilter,
  produces: 'csv',
});
