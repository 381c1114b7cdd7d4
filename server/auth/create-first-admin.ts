import { eq, sql } from 'drizzle-orm';
import type { Setup } from '../../shared/auth/schema.ts';
import type { Db } from '../db/client.ts';
import { accounts } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { hashPassword } from '../lib/password.ts';

const SETUP_LOCK = 7340003;

export async function systemAdminExists(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.systemAdmin, true)).limit(1);
  return !!row;
}

/**
 * The first-run setup: creates the first system administrator, only while none exists. Two browsers (or two
 * instances) racing both pass the page, but the advisory lock lets exactly one create the account.
 */
export async function createFirstAdmin(db: Db, input: Setup, via: 'setup_page' | 'environment') {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
    const [existing] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.systemAdmin, true)).limit(1);
    if (existing) throw new AppError('setup_done');
    const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username)).limit(1);
    if (taken) throw new AppError('username_taken', { username: input.username });
    const [account] = await tx
      .insert(accounts)
      .values({ username: input.username, displayName: input.displayName, passwordHash, systemAdmin: true })
      .returning();
    await appendAudit(tx, {
      actor: { id: account.id, name: account.displayName },
      action: 'setup.create_admin',
      targetType: 'account',
      targetId: account.id,
      details: { username: account.username, via },
    });
    return { account };
  });
}
