/**
 * A token's signature is checked once per process: a tablet opens its ballot and then casts the same card, and the cast
 * finds the token among those already checked (server/lib/keys.ts, VERIFIED_TOKENS_MAX). Only a token that passed the
 * whole check is remembered: a changed byte, another type or a forged key still fails, every time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore, VERIFIED_TOKENS_MAX } from '../../server/lib/keys.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.drop());

describe('tokens checked once per process', () => {
  it('the second check of a token is a lookup; a forgery is checked (and refused) every time', async () => {
    const keys = new KeyStore(database);
    const token = await keys.sign('ms-ballot', { v: 'vote', b: 'ballot' });
    const before = keys.checks;
    expect((await keys.verify('ms-ballot', token))?.payload).toEqual({ v: 'vote', b: 'ballot' });
    expect(keys.checks).toBe(before + 1);
    expect((await keys.verify('ms-ballot', token))?.payload).toEqual({ v: 'vote', b: 'ballot' });
    expect(keys.checks).toBe(before + 1);

    // Another type is refused before any lookup: a checked ballot card is not a login card.
    expect(await keys.verify('ms-login', token)).toBeNull();

    // The payload changed (another ballot), the signature kept: refused, and refused again (never remembered).
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ v: 'vote', b: 'other' })).toString('base64url')}.${s}`;
    for (let i = 0; i < 2; i++) expect(await keys.verify('ms-ballot', forged)).toBeNull();
    expect(keys.checks).toBe(before + 3);

    // A fresh process (a restarted server) checks again.
    const other = new KeyStore(database);
    expect((await other.verify('ms-ballot', token))?.payload).toEqual({ v: 'vote', b: 'ballot' });
    expect(other.checks).toBe(1);
  });

  it('holds at most VERIFIED_TOKENS_MAX tokens; the oldest leave first and are checked again', async () => {
    const keys = new KeyStore(database);
    const first = await keys.sign('ms-test', { n: -1 });
    await keys.verify('ms-test', first);
    // Fill the memory past its bound with other checked tokens.
    const tokens = await Promise.all(Array.from({ length: VERIFIED_TOKENS_MAX }, (_, n) => keys.sign('ms-test', { n })));
    for (const tk of tokens) expect(await keys.verify('ms-test', tk)).not.toBeNull();
    const checks = keys.checks;
    expect((await keys.verify('ms-test', tokens.at(-1)!))?.payload).toEqual({ n: VERIFIED_TOKENS_MAX - 1 });
    expect(keys.checks).toBe(checks);
    expect((await keys.verify('ms-test', first))?.payload).toEqual({ n: -1 });
    expect(keys.checks).toBe(checks + 1);
  }, 120_000);
});
