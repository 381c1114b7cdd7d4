import { inArray } from 'drizzle-orm';
import type { AccountSummary } from '../../shared/accounts/schema.ts';
import type { Db } from '../db/client.ts';
import { accounts, congresses, departments, memberships } from '../db/schema/index.ts';
import { eq } from 'drizzle-orm';

export async function listAccounts(db: Db): Promise<AccountSummary[]> {
  const rows = await db.select().from(accounts).orderBy(accounts.createdAt);
  const ids = rows.map((r) => r.id);
  const ms = ids.length
    ? await db
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
        .where(inArray(memberships.accountId, ids))
    : [];
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    systemAdmin: r.systemAdmin,
    disabled: r.disabled,
    createdAt: r.createdAt.toISOString(),
    memberships: ms.filter((m) => m.accountId === r.id).map(({ accountId: _a, ...m }) => m),
  }));
}
