import { eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/congress/contract.ts';
import { congresses, memberships } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { createCongress } from './create-congress.ts';
import { grantRole, listMembers, revokeRole } from './members.ts';
import { serializeCongress } from './serialize.ts';

export const congressRoutes = new Hono<AppEnv>();

implement(congressRoutes, C.listCongresses, async (c, { access: { auth } }) => {
  const { db } = c.get('deps');
  const mine = await db.select().from(memberships).where(eq(memberships.accountId, auth.account.id));
  const ids = [...new Set(mine.map((m) => m.congressId))];
  const rows = auth.account.systemAdmin
    ? await db.select().from(congresses).orderBy(congresses.createdAt)
    : ids.length
      ? await db.select().from(congresses).where(inArray(congresses.id, ids)).orderBy(congresses.createdAt)
      : [];
  return rows.map((r) => serializeCongress(r, mine.filter((m) => m.congressId === r.id).map((m) => m.role)));
});

implement(congressRoutes, C.createCongress, async (c, { access: { auth }, body }) => {
  const row = await createCongress(c.get('deps').db, actorOf(auth), body);
  return serializeCongress(row, ['admin']);
});

implement(congressRoutes, C.getCongress, async (_c, { access: { congress, roles } }) => serializeCongress(congress, roles));

implement(congressRoutes, C.updateCongress, async (c, { access: { auth, congress, roles }, body: input }) => {
  const row = await c.get('deps').db.transaction(async (tx) => {
    const [row] = await tx
      .update(congresses)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(congresses.id, congress.id))
      .returning();
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'congress.update', targetType: 'congress', targetId: congress.id, details: input });
    return row;
  });
  return serializeCongress(row, roles);
});

implement(congressRoutes, C.replaceSettings, async (c, { access: { auth, congress, roles }, body: settings }) => {
  const row = await c.get('deps').db.transaction(async (tx) => {
    const [row] = await tx.update(congresses).set({ settings, updatedAt: new Date() }).where(eq(congresses.id, congress.id)).returning();
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'congress.update_settings', targetType: 'congress', targetId: congress.id, details: { settings } });
    return row;
  });
  return serializeCongress(row, roles);
});

implement(congressRoutes, C.listMembers, async (c, { access: { congress } }) => listMembers(c.get('deps').db, congress.id));

implement(congressRoutes, C.grantRole, async (c, { access: { auth, congress }, body: input }) => {
  const row = await c.get('deps').db.transaction((tx) => grantRole(tx, actorOf(auth), { ...input, congressId: congress.id }));
  return { id: row.id };
});

implement(congressRoutes, C.revokeRole, async (c, { access: { auth, congress }, params: { memberId } }) => {
  await revokeRole(c.get('deps').db, actorOf(auth), congress.id, memberId);
  return { ok: true as const };
});
