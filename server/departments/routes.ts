import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/departments/contract.ts';
import type { Department } from '../../shared/departments/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, departments, memberships } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';

async function listDepartments(db: DbOrTx, congressId: string): Promise<Department[]> {
  const rows = await db.select().from(departments).where(eq(departments.congressId, congressId)).orderBy(departments.name);
  const accs = await db
    .select({ departmentId: memberships.departmentId, id: accounts.id, username: accounts.username, displayName: accounts.displayName })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.congressId, congressId), eq(memberships.role, 'department')));
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    contactName: d.contactName,
    contactPhone: d.contactPhone,
    active: d.active,
    accounts: accs.filter((a) => a.departmentId === d.id).map(({ departmentId: _d, ...a }) => a),
  }));
}

const nameTaken = (e: unknown, name: string | undefined) => {
  if (isUniqueViolation(e)) return new AppError('department_name_taken', { name: name ?? '' });
  return e;
};

export const departmentRoutes = new Hono<AppEnv>();

implement(departmentRoutes, C.listDepartments, async (c, { access }) => listDepartments(c.get('deps').db, access.congress.id));

implement(departmentRoutes, C.createDepartment, async (c, { access: { auth, congress }, body }) => {
  try {
    const row = await c.get('deps').db.transaction(async (tx) => {
      const [row] = await tx.insert(departments).values({ ...body, congressId: congress.id }).returning();
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'departments.create', targetType: 'department', targetId: row.id, details: body });
      return row;
    });
    return { id: row.id };
  } catch (e) {
    throw nameTaken(e, body.name);
  }
});

implement(departmentRoutes, C.updateDepartment, async (c, { access: { auth, congress }, params: { departmentId }, body }) => {
  try {
    await c.get('deps').db.transaction(async (tx) => {
      const done = await tx
        .update(departments)
        .set({ ...body, updatedAt: new Date() })
        .where(and(eq(departments.id, departmentId), eq(departments.congressId, congress.id)))
        .returning({ id: departments.id });
      if (done.length === 0) throw new AppError('department_not_found');
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'departments.update', targetType: 'department', targetId: departmentId, details: body });
    });
  } catch (e) {
    throw nameTaken(e, body.name);
  }
  return { ok: true as const };
});
