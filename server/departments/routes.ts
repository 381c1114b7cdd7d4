import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { CongressId } from '../../shared/congress/schema.ts';
import { CreateDepartment, Department, DepartmentParams, UpdateDepartment } from '../../shared/departments/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, departments, memberships } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf, requireCongressRole } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';
import { v } from '../lib/validate.ts';

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

export const departmentRoutes = new Hono<AppEnv>()
  .get('/congresses/:congressId/departments', doc('departments', 'Departments of this congress with their accounts', z.array(Department)), v('param', CongressId), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, 'any');
    return c.json(await listDepartments(c.get('deps').db, congress.id));
  })
  .post('/congresses/:congressId/departments', doc('departments', 'Add a department', z.object({ id: z.string() }), 201), v('param', CongressId), v('json', CreateDepartment), async (c) => {
    const { auth, congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const input = c.req.valid('json');
    try {
      const row = await c.get('deps').db.transaction(async (tx) => {
        const [row] = await tx.insert(departments).values({ ...input, congressId: congress.id }).returning();
        await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'departments.create', targetType: 'department', targetId: row.id, details: input });
        return row;
      });
      return c.json({ id: row.id }, 201);
    } catch (e) {
      throw nameTaken(e, input.name);
    }
  })
  .patch('/congresses/:congressId/departments/:departmentId', doc('departments', 'Edit or deactivate a department', z.object({ ok: z.literal(true) })), v('param', DepartmentParams), v('json', UpdateDepartment), async (c) => {
    const { congressId, departmentId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    const input = c.req.valid('json');
    try {
      await c.get('deps').db.transaction(async (tx) => {
        const done = await tx
          .update(departments)
          .set({ ...input, updatedAt: new Date() })
          .where(and(eq(departments.id, departmentId), eq(departments.congressId, congress.id)))
          .returning({ id: departments.id });
        if (done.length === 0) throw new AppError('department_not_found');
        await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'departments.update', targetType: 'department', targetId: departmentId, details: input });
      });
    } catch (e) {
      throw nameTaken(e, input.name);
    }
    return c.json({ ok: true as const });
  });
