import { and, eq } from 'drizzle-orm';
import type { Role } from '../../shared/roles.ts';
import type { Db } from '../db/client.ts';
import { oversees } from '../../shared/county/tree.ts';
import { accounts, congresses, departments, memberships, stations } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';
import type { Tx } from '../db/client.ts';

export async function listMembers(db: Db, congressId: string) {
  return db
    .select({
      id: memberships.id,
      role: memberships.role,
      departmentId: memberships.departmentId,
      departmentName: departments.name,
      stationId: memberships.stationId,
      stationName: stations.name,
      accountId: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      disabled: accounts.disabled,
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .leftJoin(departments, eq(departments.id, memberships.departmentId))
    .leftJoin(stations, eq(stations.id, memberships.stationId))
    .where(eq(memberships.congressId, congressId))
    .orderBy(memberships.role, accounts.displayName);
}

/** Grant a role in a congress. A department role names a department of the same congress; no other role does. */
export async function grantRole(
  tx: Tx,
  actor: Actor,
  input: { congressId: string; accountId: string; role: Role; departmentId?: string; stationId?: string },
) {
  if (input.role === 'department' && !input.departmentId) throw new AppError('department_required');
  if (input.role !== 'department' && input.departmentId) throw new AppError('department_not_allowed');
  // A station keeper keeps one liaison station of the same congress; no other role names one.
  if (input.role === 'station' && !input.stationId) throw new AppError('station_required');
  if (input.role !== 'station' && input.stationId) throw new AppError('station_not_allowed');
  const [account] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
  if (!account) throw new AppError('account_not_found');
  // An overseer oversees the congresses below a county or city (shared/county/tree.ts): nowhere else has any.
  if (input.role === 'overseer') {
    const [congress] = await tx.select({ level: congresses.level }).from(congresses).where(eq(congresses.id, input.congressId));
    if (!congress || !oversees(congress.level)) throw new AppError('overseer_level');
  }
  if (input.departmentId) {
    const [dep] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.id, input.departmentId), eq(departments.congressId, input.congressId)));
    if (!dep) throw new AppError('department_not_found');
  }
  if (input.stationId) {
    const [st] = await tx.select({ id: stations.id }).from(stations).where(and(eq(stations.id, input.stationId), eq(stations.congressId, input.congressId)));
    if (!st) throw new AppError('station_not_found');
  }
  try {
    const [row] = await tx
      .insert(memberships)
      .values({ accountId: input.accountId, congressId: input.congressId, role: input.role, departmentId: input.departmentId ?? null, stationId: input.stationId ?? null })
      .returning();
    await appendAudit(tx, {
      actor,
      congressId: input.congressId,
      action: 'congress.grant_role',
      targetType: 'account',
      targetId: input.accountId,
      details: { role: input.role, departmentId: input.departmentId ?? null, ...(input.stationId ? { stationId: input.stationId } : {}) },
    });
    return row;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('role_exists');
    throw e;
  }
}

export async function revokeRole(db: Db, actor: Actor, congressId: string, memberId: string) {
  await db.transaction(async (tx) => {
    // A congress always keeps an admin: lock its admin grants, and refuse to remove the last one.
    const admins = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.congressId, congressId), eq(memberships.role, 'admin')))
      .for('update');
    if (admins.length === 1 && admins[0].id === memberId) throw new AppError('last_congress_admin');
    const [row] = await tx
      .delete(memberships)
      .where(and(eq(memberships.id, memberId), eq(memberships.congressId, congressId)))
      .returning();
    if (!row) throw new AppError('member_not_found');
    await appendAudit(tx, {
      actor,
      congressId,
      action: 'congress.revoke_role',
      targetType: 'account',
      targetId: row.accountId,
      details: { role: row.role },
    });
  });
}
