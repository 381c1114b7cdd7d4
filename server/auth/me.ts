import { eq, inArray } from 'drizzle-orm';
import type { Me } from '../../shared/auth/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { congresses, departments, memberships, type accounts } from '../db/schema/index.ts';

/** Roles of the given accounts, with congress and department names. */
export async function membershipRows(db: DbOrTx, accountIds: string[]) {
  if (accountIds.length === 0) return [];
  return db
    .select({
      id: memberships.id,
      accountId: memberships.accountId,
      congressId: memberships.congressId,
      congressName: congresses.name,
      role: memberships.role,
      departmentId: memberships.departmentId,
      departmentName: departments.name,
    })
    .from(memberships)
    .innerJoin(congresses, eq(congresses.id, memberships.congressId))
    .leftJoin(departments, eq(departments.id, memberships.departmentId))
    .where(inArray(memberships.accountId, accountIds))
    .orderBy(congresses.createdAt, memberships.role);
}

export async function membershipsOf(db: DbOrTx, accountId: string) {
  return (await membershipRows(db, [accountId])).map(({ accountId: _a, ...m }) => m);
}

export async function describeMe(
  db: DbOrTx,
  account: typeof accounts.$inferSelect,
  csrfToken: string,
  token?: string,
): Promise<Me> {
  return {
    account: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      systemAdmin: account.systemAdmin,
      hasPassword: account.passwordHash !== null,
      mustChangePassword: account.mustChangePassword,
    },
    memberships: await membershipsOf(db, account.id),
    csrfToken,
    ...(token ? { token } : {}),
  };
}
