import { eq, inArray, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Login } from '../../shared/auth/schema.ts';
import type { Database, DbOrTx } from '../db/client.ts';
import { accounts, rateLimits } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { startSession } from '../lib/auth.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { verifyPassword } from '../lib/password.ts';
import { giveBack, mark, peek, take, takeWithBackoff } from '../lib/rate-limit.ts';
import { clientIp } from '../lib/client-ip.ts';
import { describeMe } from './me.ts';

/**
 * How sign-in attempts are limited (README, "Sign-in limits"). Every attempt is counted in the database BEFORE its
 * password is checked, one atomic statement per counter, so concurrent attempts on any number of instances cannot
 * get more checks than the limits allow; a successful sign-in gives its count back.
 *
 * - `pair`: one account from one address. Five tries at once, then one more after 1, 2, 4, 8 minutes and then every
 *   15 minutes; forgotten an hour after the last try. It slows a guesser down and never locks for long: a stranger's
 *   failures from other addresses do not touch the owner's own pair.
 * - `account`: one account from every address together, against guessing from many addresses: 30 tries in 10 minutes.
 * - `address`: one address for every username together, against spraying one password over many names: 50 tries in
 *   10 minutes.
 * - The two ceilings do not apply to an address the account signed in from within `knownSeconds` (30 days): the owner
 *   at their usual desk or in the hall they used before is only ever slowed by their own pair.
 * - An administrator's unlock (`unlockSignIn`) clears the account's counters at once.
 */
export const LOGIN_LIMITS = {
  pair: { free: 5, firstDelaySeconds: 60, maxDelaySeconds: 15 * 60, forgetSeconds: 60 * 60 },
  account: { limit: 30, windowSeconds: 10 * 60 },
  address: { limit: 50, windowSeconds: 10 * 60 },
  knownSeconds: 30 * 24 * 60 * 60,
};

/** The counters of one username (any spelling of case; unknown names are counted like real ones). */
export function signInKeys(username: string, address: string) {
  const user = encodeURIComponent(username.trim().toLowerCase()); // no ':' left in it: the keys cannot run together
  return {
    pair: `login:pair:${user}:${address}`,
    pairPrefix: `login:pair:${user}:`,
    account: `login:account:${user}`,
    address: `login:address:${address}`,
    known: `login:known:${user}:${address}`,
  };
}

const limited = (retryAfter: number) => new AppError('rate_limited', { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });

/** Count this attempt under every limit (refusing past one), before any password is checked; answers what to give back. */
export async function countAttempt(database: Database, keys: ReturnType<typeof signInKeys>): Promise<string[]> {
  const pair = await takeWithBackoff(database, keys.pair, LOGIN_LIMITS.pair);
  if (!pair.allowed) throw limited(pair.retryAfter);
  const taken = [keys.pair];
  let known: boolean | undefined;
  for (const [key, { limit, windowSeconds }] of [
    [keys.account, LOGIN_LIMITS.account],
    [keys.address, LOGIN_LIMITS.address],
  ] as const) {
    const r = await take(database, key, limit, windowSeconds);
    if (r.allowed) {
      taken.push(key);
      continue;
    }
    known ??= (await peek(database, keys.known, LOGIN_LIMITS.knownSeconds)).count > 0;
    if (known) continue;
    await giveBack(database, taken); // refused here: this try is not held against the pair and the other ceiling
    throw limited(r.retryAfter);
  }
  return taken;
}

export async function login(c: Context<AppEnv>, input: Login) {
  const { db, database } = c.get('deps');
  const keys = signInKeys(input.username, clientIp(c));
  const taken = await countAttempt(database, keys);
  const [account] = await db.select().from(accounts).where(eq(accounts.username, input.username)).limit(1);
  const ok = await verifyPassword(input.password, account?.passwordHash ?? null);
  if (!account || !ok) throw new AppError('bad_credentials');
  // The right password: not a guess, so it is not held against the account, this address or the pair.
  await giveBack(database, taken);
  if (account.disabled) throw new AppError('account_disabled');
  await mark(database, keys.known);
  return db.transaction(async (tx) => {
    const { token, csrfToken } = await startSession(c, tx, account.id, 'password');
    await appendAudit(tx, {
      actor: { id: account.id, name: account.displayName },
      action: 'auth.login',
      targetType: 'account',
      targetId: account.id,
    });
    return describeMe(tx, account, csrfToken, token);
  });
}

/**
 * An administrator's unlock: forget the account's failed tries — from every address, and its account-wide ceiling —
 * and the address-wide counters of the addresses it was tried from in the last hour (the owner may be refused there
 * because of someone else's tries at other names). Answers how many counters held anything.
 */
export async function unlockSignIn(tx: DbOrTx, username: string): Promise<number> {
  const keys = signInKeys(username, '');
  const pairs = await tx
    .delete(rateLimits)
    .where(sql`left(${rateLimits.key}, ${keys.pairPrefix.length}) = ${keys.pairPrefix}`)
    .returning({
      key: rateLimits.key,
      count: rateLimits.count,
      recent: sql<boolean>`${rateLimits.windowStart} > now() - make_interval(secs => ${LOGIN_LIMITS.pair.forgetSeconds})`,
    });
  const addresses = pairs.filter((p) => p.recent).map((p) => `login:address:${p.key.slice(keys.pairPrefix.length)}`);
  const others = await tx
    .delete(rateLimits)
    .where(inArray(rateLimits.key, [keys.account, ...addresses]))
    .returning({ key: rateLimits.key, count: rateLimits.count });
  return [...pairs, ...others.filter((o) => o.key === keys.account)].filter((r) => r.count > 0).length;
}
