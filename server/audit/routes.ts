import { Hono } from 'hono';
import * as C from '../../shared/audit/contract.ts';
import { auditEntries, verifyAuditChain } from '../lib/audit.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { auditCsv } from './export-audit.ts';
import { listAudit } from './list-audit.ts';

const present = (rows: Awaited<ReturnType<typeof auditEntries>>) =>
  rows.map((r) => ({ seq: r.seq, at: r.at, actorName: r.actorName, action: r.action, targetType: r.targetType, targetId: r.targetId, details: r.details, hash: r.hash }));

export const auditRoutes = new Hono<AppEnv>();

implement(auditRoutes, C.listAllAudit, async (c, { query: { before, limit } }) => present(await auditEntries(c.get('deps').db, null, before ?? null, limit)));

implement(auditRoutes, C.verifyAudit, async (c) => verifyAuditChain(c.get('deps').db));

implement(auditRoutes, C.listCongressAudit, async (c, { access: { congress }, query: { before, limit } }) =>
  present(await auditEntries(c.get('deps').db, congress.id, before ?? null, limit)),
);

implement(auditRoutes, C.listAuditEntries, async (c, { access: { congress }, query: { page, size, ...filter } }) =>
  listAudit(c.get('deps').db, congress.id, filter, { page, size }),
);

implement(auditRoutes, C.exportAudit, async (c, { access: { congress }, query }) => {
  const csv = await auditCsv(c.get('deps').db, congress.id, query, c.get('lang'));
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="audit-log.csv"; filename*=UTF-8''${encodeURIComponent(`${congress.name}-审计日志.csv`)}`);
  return c.body(csv);
});
