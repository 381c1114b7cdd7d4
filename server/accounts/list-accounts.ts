import type { AccountSummary } from '../../shared/accounts/schema.ts';
import { membershipRows } from '../auth/me.ts';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema/index.ts';

export async function listAccounts(db: Db): Promise<AccountSummary[]> {
  const rows = await db.select().from(accounts).orderBy(accounts.createdAt);
  const ms = await membershipRows(db, rows.map((r) => r.id));
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
