/**
 * Who may do what with a project (SPEC §6): staff (admin) everything; government, presidium, scrutineers and
 * representatives read every project; a department account sees and updates only the projects it is lead or
 * co-operating on — any other project is "not found" to it.
 */
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Role } from '../../shared/roles.ts';
import type { DbOrTx } from '../db/client.ts';
import { projects } from '../db/schema/index.ts';
import { type CongressAccess, requireCongressRole } from '../lib/auth.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';

type Project = typeof projects.$inferSelect;
export const READ_ALL: readonly Role[] = ['admin', 'government', 'presidium', 'scrutineer', 'representative'];

export type Who = CongressAccess & { staff: boolean; readAll: boolean };

export async function projectsAccess(c: Context<AppEnv>, congressId: string): Promise<Who> {
  const access = await requireCongressRole(c, congressId, [...READ_ALL, 'department']);
  const staff = access.auth.account.systemAdmin || access.roles.includes('admin');
  return { ...access, staff, readAll: staff || access.roles.some((r) => READ_ALL.includes(r)) };
}

export const departmentsOf = (p: Pick<Project, 'leadDepartmentId' | 'coDepartmentIds'>) => [p.leadDepartmentId, ...p.coDepartmentIds];
/** A department account on this project (lead or co-operating). */
export const onProject = (who: Who, p: Pick<Project, 'leadDepartmentId' | 'coDepartmentIds'>) => who.roles.includes('department') && departmentsOf(p).some((d) => who.departmentIds.includes(d));
export const canRead = (who: Who, p: Project) => who.readAll || onProject(who, p);
export const canEdit = (who: Who, p: Project) => who.staff || onProject(who, p);
export const canRequestChange = (who: Who, p: Project) => who.staff || who.roles.includes('government') || onProject(who, p);
export const canDecideChange = (who: Who) => who.staff || who.roles.includes('presidium');

export async function getProject(db: DbOrTx, congressId: string, projectId: string, forUpdate = false) {
  const q = db.select().from(projects).where(and(eq(projects.id, projectId), eq(projects.congressId, congressId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('project_not_found');
  return row;
}

/** The project, if this person may read it (else 404, so a department cannot even learn that it exists). */
export async function readableProject(db: DbOrTx, who: Who, projectId: string, forUpdate = false) {
  const p = await getProject(db, who.congress.id, projectId, forUpdate);
  if (!canRead(who, p)) throw new AppError('project_not_found');
  return p;
}

export async function editableProject(db: DbOrTx, who: Who, projectId: string) {
  const p = await readableProject(db, who, projectId, true);
  if (!canEdit(who, p)) throw new AppError('forbidden');
  if (p.status === 'terminated') throw new AppError('project_terminated');
  return p;
}
