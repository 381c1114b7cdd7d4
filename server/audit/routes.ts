import { Hono } from 'hono';
import { z } from 'zod';
import { AuditEntry, AuditFilter, AuditList, AuditListQuery, AuditPage, ChainReport } from '../../shared/audit/schema.ts';
import { CongressId } from '../../shared/congress/schema.ts';
import { auditEntries, verifyAuditChain } from '../lib/audit.ts';
import { requireCongressRole, requireSystemAdmin } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { v } from '../lib/validate.ts';
import { auditCsv } from './export-audit.ts';
import { listAudit } from './list-audit.ts';

const present = (rows: Awaited<ReturnType<typeof auditEntries>>) =>
  rows.map((r) => ({ seq: r.seq, at: r.at, actorName: r.actorName, action: r.action, targetType: r.targetType, targetId: r.targetId, details: r.details, hash: r.hash }));

export const auditRoutes = new Hono<AppEnv>()
  .get('/audit', doc('audit', 'The whole audit log, newest first (system admin)', z.array(AuditEntry)), v('query', AuditPage), async (c) => {
    requireSystemAdmin(c);
    const { before, limit } = c.req.valid('query');
    return c.json(present(await auditEntries(c.get('deps').db, null, before ?? null, limit)));
  })
  .post('/audit/verify', doc('audit', 'Check the hash chain; names the first broken entry', ChainReport), async (c) => {
    requireSystemAdmin(c);
    return c.json(await verifyAuditChain(c.get('deps').db));
  })
  .get('/congresses/:congressId/audit', doc('audit', "This congress's audit log as raw entries, newest first (for scripts; the page uses /audit/entries)", z.array(AuditEntry)), v('param', CongressId), v('query', AuditPage), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const { before, limit } = c.req.valid('query');
    return c.json(present(await auditEntries(c.get('deps').db, congress.id, before ?? null, limit)));
  })
  .get(
    '/congresses/:congressId/audit/entries',
    doc('audit', "This congress's audit log a page at a time: filtered by who, action or area, kind of object, dates (Asia/Shanghai, both included) and text; with the total, the names of the objects named (this congress only) and the people in the log", AuditList),
    v('param', CongressId),
    v('query', AuditListQuery),
    async (c) => {
      const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
      const { page, size, ...filter } = c.req.valid('query');
      return c.json(await listAudit(c.get('deps').db, congress.id, filter, { page, size }));
    },
  )
  .get('/congresses/:congressId/audit/export.csv', doc('audit', 'The filtered audit log as CSV in the caller’s language (UTF-8 with BOM, oldest first)'), v('param', CongressId), v('query', AuditFilter), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const csv = await auditCsv(c.get('deps').db, congress.id, c.req.valid('query'), c.get('lang'));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="audit-log.csv"; filename*=UTF-8''${encodeURIComponent(`${congress.name}-审计日志.csv`)}`);
    return c.body(csv);
  });
