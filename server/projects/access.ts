/**
 * The projects a person may reach, from the database. Who may do what is shared/projects/policy.ts: the permissions
 * (roles, checked by the contract helper before a handler runs) and the object-level rules (pure functions: a
 * department account acts only on the projects it leads or co-operates on). Here: the rows those rules are applied to.
 */
import { and, eq } from 'drizzle-orm';
import { canEditProject, canReadProject, type ProjectViewer } from '../../shared/projects/policy.ts';
import type { DbOrTx } from '../db/client.ts';
import { projects } from '../db/schema/index.ts';
import type { CongressAccess } from '../lib/auth.ts';
import { AppError } from '../lib/errors.ts';

/** The caller in this congress, as the permission check found them, and as the policy's rules take them. */
export type Who = CongressAccess & ProjectViewer;
export const whoOf = (access: CongressAccess): Who => ({ ...access, systemAdmin: access.auth.account.systemAdmin });

export async function getProject(db: DbOrTx, congressId: string, projectId: string, forUpdate = false) {
  const q = db.select().from(projects).where(and(eq(projects.id, projectId), eq(projects.congressId, congressId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('project_not_found');
  return row;
}

/** The project, if this person may read it (else 404, so a department cannot even learn that it exists). */
export async function readableProject(db: DbOrTx, who: Who, projectId: string, forUpdate = false) {
  const p = await getProject(db, who.congress.id, projectId, forUpdate);
  if (!canReadProject(who, p)) throw new AppError('project_not_found');
  return p;
}

/** The project, locked, if this person may carry it out and it is not terminated. */
export async function editableProject(db: DbOrTx, who: Who, projectId: string) {
  const p = await readableProject(db, who, projectId, true);
  if (!canEditProject(who, p)) throw new AppError('forbidden');
  if (p.status === 'terminated') throw new AppError('project_terminated');
  return p;
}
