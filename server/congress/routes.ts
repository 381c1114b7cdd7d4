import { eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { AddMember, Congress, CongressId, CreateCongress, Member, MemberId, UpdateCongress } from '../../shared/congress/schema.ts';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { congresses, memberships } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf, requireAuth, requireCongressRole, requireSystemAdmin } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { v } from '../lib/validate.ts';
import { createCongress } from './create-congress.ts';
import { grantRole, listMembers, revokeRole } from './members.ts';
import { serializeCongress } from './serialize.ts';

export const congressRoutes = new Hono<AppEnv>()
  .get('/congresses', doc('congress', 'Congresses I hold a role in (every congress for a system admin)', z.array(Congress)), async (c) => {
    const auth = requireAuth(c);
    const { db } = c.get('deps');
    const mine = await db.select().from(memberships).where(eq(memberships.accountId, auth.account.id));
    const ids = [...new Set(mine.map((m) => m.congressId))];
    const rows = auth.account.systemAdmin
      ? await db.select().from(congresses).orderBy(congresses.createdAt)
      : ids.length
        ? await db.select().from(congresses).where(inArray(congresses.id, ids)).orderBy(congresses.createdAt)
        : [];
    return c.json(rows.map((r) => serializeCongress(r, mine.filter((m) => m.congressId === r.id).map((m) => m.role))));
  })
  .post('/congresses', doc('congress', 'Create a congress (system admin)', Congress, 201), v('json', CreateCongress), async (c) => {
    const auth = requireSystemAdmin(c);
    const row = await createCongress(c.get('deps').db, actorOf(auth), c.req.valid('json'));
    return c.json(serializeCongress(row, ['admin']), 201);
  })
  .get('/congresses/:congressId', doc('congress', 'One congress with its settings', Congress), v('param', CongressId), async (c) => {
    const { congress, roles } = await requireCongressRole(c, c.req.valid('param').congressId, 'any');
    return c.json(serializeCongress(congress, roles));
  })
  .patch('/congresses/:congressId', doc('congress', 'Edit name, level or term', Congress), v('param', CongressId), v('json', UpdateCongress), async (c) => {
    const { auth, congress, roles } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const input = c.req.valid('json');
    const row = await c.get('deps').db.transaction(async (tx) => {
      const [row] = await tx
        .update(congresses)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(congresses.id, congress.id))
        .returning();
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'congress.update', targetType: 'congress', targetId: congress.id, details: input });
      return row;
    });
    return c.json(serializeCongress(row, roles));
  })
  .put('/congresses/:congressId/settings', doc('congress', 'Replace the settings (validated; missing fields take their defaults)', Congress), v('param', CongressId), v('json', CongressSettings), async (c) => {
    const { auth, congress, roles } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const settings = c.req.valid('json');
    const row = await c.get('deps').db.transaction(async (tx) => {
      const [row] = await tx.update(congresses).set({ settings, updatedAt: new Date() }).where(eq(congresses.id, congress.id)).returning();
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'congress.update_settings', targetType: 'congress', targetId: congress.id, details: { settings } });
      return row;
    });
    return c.json(serializeCongress(row, roles));
  })
  .get('/congresses/:congressId/members', doc('congress', 'Accounts and their roles in this congress', z.array(Member)), v('param', CongressId), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    return c.json(await listMembers(c.get('deps').db, congress.id));
  })
  .post('/congresses/:congressId/members', doc('congress', 'Grant a role in this congress to an account', z.object({ id: z.string() }), 201), v('param', CongressId), v('json', AddMember), async (c) => {
    const { auth, congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const input = c.req.valid('json');
    const row = await c.get('deps').db.transaction((tx) => grantRole(tx, actorOf(auth), { ...input, congressId: congress.id }));
    return c.json({ id: row.id }, 201);
  })
  .delete('/congresses/:congressId/members/:memberId', doc('congress', 'Revoke a role', z.object({ ok: z.literal(true) })), v('param', MemberId), async (c) => {
    const { congressId, memberId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    await revokeRole(c.get('deps').db, actorOf(auth), congress.id, memberId);
    return c.json({ ok: true as const });
  });
