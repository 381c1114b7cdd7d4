import { Hono } from 'hono';
import { z } from 'zod';
import { AuditEntry, AuditPage, ChainReport } from '../../shared/audit/schema.ts';
import { CongressId } from '../../shared/congress/schema.ts';
import { auditEntries, verifyAuditChain } from '../lib/audit.ts';
import { requireCongressRole, requireSystemAdmin } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { v } from '../lib/validate.ts';

const Page = z.object({ before: z.coerce.number().int().min(1).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
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
  .get('/congresses/:congressId/audit', doc('audit', "This congress's audit log, newest first", z.array(AuditEntry)), v('param', CongressId), v('query', AuditPage), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const { before, limit } = c.req.valid('query');
    return c.json(present(await auditEntries(c.get('deps').db, congress.id, before ?? null, limit)));
  });
