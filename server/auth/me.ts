import { eq } from 'drizzle-orm';
import type { Me } from '../../shared/auth/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { congresses, departments, memberships, type accounts } from '../db/schema/index.ts';

export async function membershipsOf(db: DbOrTx, accountId: string) {
  return db
    .select({
      id: memberships.id,
      congressId: memberships.congressId,
      congressName: congresses.name,
      role: memberships.role,
      departmentId: memberships.departmentId,
      departmentName: departments.name,
    })
    .from(memberships)
    .innerJoin(congresses, eq(congresses.id, memberships.congressId))
    .leftJoin(departments, eq(departments.id, memberships.departmentId))
    .where(eq(memberships.accountId, accountId))
    .orderBy(congresses.createdAt, memberships.role);
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
    },
    memberships: await membershipsOf(db, account.id),
    csrfToken,
    ...(token ? { token } : {}),
  };
}
