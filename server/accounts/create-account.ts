import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { accounts } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';

export async function createAccount(
  tx: Tx,
  actor: Actor,
  input: { username: string; displayName: string; passwordHash: string; systemAdmin: boolean; mustChangePassword: boolean },
  congressId?: string,
) {
  const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username));
  if (taken) throw new AppError('username_taken', { username: input.username });
  try {
    const [row] = await tx.insert(accounts).values(input).returning();
    await appendAudit(tx, {
      actor,
      congressId: congressId ?? null,
      action: 'accounts.create',
      targetType: 'account',
      targetId: row.id,
      details: { username: row.username, systemAdmin: row.systemAdmin, mustChangePassword: row.mustChangePassword },
    });
    return row;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('username_taken', { username: input.username });
    throw e;
  }
}
