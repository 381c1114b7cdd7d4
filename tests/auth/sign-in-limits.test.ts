/**
 * Sign-in limits (issue 18, item 2). Before: the limiter read the counts, checked the password and only then counted,
 * so 100 concurrent wrong passwords were all checked; and ten failures for a name from anywhere locked its owner out
 * for 15 minutes, right password or not. Now (server/auth/login.ts, README "Sign-in limits"):
 * - every attempt is counted in the database before its password is checked, one atomic statement per counter;
 * - one account from one address: 5 tries, then one more after 1, 2, 4, 8, 15, 15… minutes (a slow-down, no lock);
 * - one account from every address: 30 tries in 10 minutes; one address over every name: 50 in 10 minutes — neither
 *   applies from an address the account signed in from before;
 * - an administrator can clear an account's failed tries.
 * Time is moved by ageing the counters' rows in the database, not by waiting. The same bursts spread over two server
 * processes on one PostgreSQL are in tests/reliability/two-instances.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../shared/accounts/contract.ts';
import * as Congress from '../../shared/congress/contract.ts';
import { LOGIN_LIMITS, signInKeys } from '../../server/auth/login.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import type { Role } from '../../shared/roles.ts';
import { expectBounded, signInBurst, signInVia } from '../reliability/instances.ts';

const t = useTestApp();
let admin: Client;
let seq = 0;
/** A fresh address (TEST-NET-2, never one a Client picks). */
const address = () => `198.18.${(++seq >> 8) & 255}.${seq & 255}`;

beforeAll(async () => {
  admin = await setupAdmin(t);
});

async function newAccount(systemAdmin = false) {
  const username = uniq('owner');
  const res = await admin.call(Accounts.createAccount, { body: { username, displayName: '账号本人', password: PASSWORD, systemAdmin } });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, username };
}

/** One sign-in from `from`, as the app sees it behind the (trusted) proxy. */
const signIn = (from: string, username: string, password: string) => signInVia(t.app.request, from, username, password);

/** The count a counter holds now (0 when absent). */
async function counter(key: string) {
  const [row] = await t.database.query<{ count: number }>('select count from rate_limits where key = $1', [key]);
  return row ? Number(row.count) : 0;
}
/** Pretend `seconds` have passed for a counter. */
async function age(key: string, seconds: number) {
  await t.database.query(`update rate_limits set window_start = window_start - make_interval(secs => $2) where key = $1`, [key, seconds]);
}

const burst = (username: string, from: (i: number) => string) => signInBurst(username, PASSWORD, from, () => t.app.request);

describe('a concurrent burst', () => {
  it('of 100 wrong passwords and the right one from one address: at most 5 passwords are checked', { timeout: 60_000 }, async () => {
    const { username } = await newAccount();
    const from = address();
    const r = await burst(username, () => from);
    expectBounded(r, LOGIN_LIMITS.pair.free);
    // The counter holds the failures only (a success gives its count back), and never more than the limit.
    expect(await counter(signInKeys(username, from).pair)).toBe(r.by.bad_credentials ?? 0);
    // The owner, from their own address, is not held by any of it.
    expect((await signIn(address(), username, PASSWORD)).status).toBe(200);
  });

  it('from 101 addresses: at most the account-wide ceiling of 30 passwords are checked', { timeout: 60_000 }, async () => {
    const { username } = await newAccount();
    const r = await burst(username, () => address());
    expectBounded(r, LOGIN_LIMITS.account.limit);
    expect(await counter(signInKeys(username, '').account)).toBe(r.by.bad_credentials ?? 0);
  });
});

describe("a stranger's failures", () => {
  it('from other addresses do not lock the owner out: ten from anywhere, and ten more from one address', async () => {
    const { username } = await newAccount();
    for (let i = 0; i < 10; i++) expect((await signIn(address(), username, `wrong guess ${i}`)).code).toBe('bad_credentials');
    const stranger = address();
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await signIn(stranger, username, `wrong guess ${i}`)).code);
    expect(answers).toEqual([...Array(5).fill('bad_credentials'), ...Array(5).fill('rate_limited')]);
    // The owner at their own desk, with the right password: in at once.
    expect((await signIn(address(), username, PASSWORD)).status).toBe(200);
  });

  it('past the account-wide ceiling hold only new addresses, for minutes: where the owner signed in before, they still get in', async () => {
    const { username } = await newAccount();
    const desk = address();
    expect((await signIn(desk, username, PASSWORD)).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.account.limit; i++) expect((await signIn(address(), username, `wrong guess ${i}`)).code).toBe('bad_credentials');
    const elsewhere = await signIn(address(), username, PASSWORD);
    expect(elsewhere.code).toBe('rate_limited');
    expect(elsewhere.retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.account.windowSeconds);
    expect((await signIn(desk, username, PASSWORD)).status).toBe(200);
    // The ceiling is short: when its window has passed, a new address gets in too.
    await age(signInKeys(username, '').account, LOGIN_LIMITS.account.windowSeconds + 1);
    expect((await signIn(address(), username, PASSWORD)).status).toBe(200);
  });

  it('at other names from the same address (spraying) do not hold an account that signed in from there before', async () => {
    const { username } = await newAccount();
    const hall = address();
    expect((await signIn(hall, username, PASSWORD)).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.address.limit; i++) expect((await signIn(hall, uniq('name'), 'a sprayed password')).code).toBe('bad_credentials');
    expect((await signIn(hall, uniq('name'), 'a sprayed password')).code).toBe('rate_limited');
    expect((await signIn(hall, username, PASSWORD)).status).toBe(200);
  });
});

describe('slowing down', () => {
  it('after 5 failures from one address: one more try after 1, 2, 4, 8, 15, 15 minutes; refused tries do not add to the wait', async () => {
    const { username } = await newAccount();
    const from = address();
    const pair = signInKeys(username, from).pair;
    for (let i = 0; i < LOGIN_LIMITS.pair.free; i++) expect((await signIn(from, username, `wrong guess ${i}`)).code).toBe('bad_credentials');
    for (const minutes of [1, 2, 4, 8, 15, 15]) {
      const held = await signIn(from, username, 'wrong again');
      expect(held.status).toBe(429);
      expect(held.code).toBe('rate_limited');
      expect(held.retryAfter).toBeGreaterThan(minutes * 60 - 10);
      expect(held.retryAfter).toBeLessThanOrEqual(minutes * 60);
      // Hammering does not extend it.
      await age(pair, 30);
      expect((await signIn(from, username, 'wrong again')).retryAfter).toBeLessThanOrEqual(minutes * 60 - 29);
      await age(pair, minutes * 60 - 30);
      expect((await signIn(from, username, 'wrong again')).code).toBe('bad_credentials');
    }
    // Never a lock: the owner at that address waits at most 15 minutes, and the right password then gives its try back.
    await age(pair, 15 * 60);
    const before = await counter(pair);
    expect((await signIn(from, username, PASSWORD)).status).toBe(200);
    expect(await counter(pair)).toBe(before);
    // An hour without a try: forgotten, five tries again.
    await age(pair, LOGIN_LIMITS.pair.forgetSeconds + 1);
    for (let i = 0; i < LOGIN_LIMITS.pair.free; i++) expect((await signIn(from, username, `wrong guess ${i}`)).code).toBe('bad_credentials');
    expect((await signIn(from, username, 'wrong again')).code).toBe('rate_limited');
  });
});

describe('an administrator unlocks', () => {
  it('a congress admin the accounts of their congress, a system admin any account; audited; nobody else', { timeout: 60_000 }, async () => {
    const { congress, clients } = await congressWithRoles(t, admin);
    const other = await congressWithRoles(t, admin);
    const make = async (c: { id: string }, role: Role) => {
      const username = uniq('staff');
      const res = await admin.call(Accounts.createMemberAccount, { params: { congressId: c.id }, body: { username, displayName: '计票人', password: PASSWORD, role } });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, username };
    };
    const owner = await make(congress, 'scrutineer');
    const foreign = await make(other.congress, 'scrutineer');
    // A neighbour on the owner's network (one address) holds the owner's pair.
    const hall = address();
    for (let i = 0; i < LOGIN_LIMITS.pair.free; i++) await signIn(hall, owner.username, `wrong guess ${i}`);
    expect((await signIn(hall, owner.username, PASSWORD)).code).toBe('rate_limited');

    const unlockHere = (who: Client, accountId: string) => who.call(Accounts.unlockMemberAccount, { params: { congressId: congress.id, accountId } });
    // Not another role, not an account of another congress, not a system administrator's account.
    expect((await unlockHere(clients.presidium, owner.id)).status).toBe(403);
    expect((await unlockHere(clients.admin, foreign.id)).body.error?.code).toBe('account_not_found');
    expect((await clients.admin.call(Accounts.unlockAccount, { params: { accountId: owner.id } })).status).toBe(403);
    const sys = await newAccount(true);
    expect((await admin.call(Congress.grantRole, { params: { congressId: congress.id }, body: { accountId: sys.id, role: 'presidium' } })).status).toBe(201);
    expect((await unlockHere(clients.admin, sys.id)).status).toBe(403);
    expect((await signIn(hall, owner.username, PASSWORD)).code).toBe('rate_limited');

    const done = await unlockHere(clients.admin, owner.id);
    expect(done.status).toBe(200);
    // Two counters held its failures: the pair (the owner's account from the hall) and the account-wide one.
    expect(done.body).toEqual({ ok: true, cleared: 2 });
    expect((await signIn(hall, owner.username, PASSWORD)).status).toBe(200);
    const [entry] = await t.database.query<{ actor_id: string; congress_id: string; details: { username: string; cleared: number } }>(
      `select actor_id, congress_id, details from audit_log where action = 'accounts.unlock' and target_id = $1 order by seq desc limit 1`,
      [owner.id],
    );
    expect(entry.congress_id).toBe(congress.id);
    expect(entry.details).toEqual({ username: owner.username, cleared: 2 });
    // Nothing left to clear.
    expect((await unlockHere(clients.admin, owner.id)).body).toEqual({ ok: true, cleared: 0 });

    // The system administrator's route, for any account, on every counter that holds it: here the address-wide one
    // that a sprayer on the same network filled (the owner never signed in from there, so it holds them too).
    const cafe = address();
    for (let i = 0; i < LOGIN_LIMITS.address.limit; i++) await signIn(cafe, uniq('name'), 'a sprayed password');
    expect((await signIn(cafe, foreign.username, PASSWORD)).code).toBe('rate_limited');
    expect((await admin.call(Accounts.unlockAccount, { params: { accountId: foreign.id } })).status).toBe(200);
    expect((await signIn(cafe, foreign.username, PASSWORD)).status).toBe(200);
    expect((await admin.call(Accounts.unlockAccount, { params: { accountId: crypto.randomUUID() } })).body.error?.code).toBe('account_not_found');
  });
});
