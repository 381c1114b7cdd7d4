import { compactVerify, createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { KeyStore } from '../../server/lib/keys.ts';
import { Client, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('signing keys', () => {
  it('makes one Ed25519 key at first start and publishes it; a second start keeps it', async () => {
    const jwks = (await new Client(t).get('/.well-known/jwks.json')).body;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined(); // never the private part
    const kid = await new KeyStore(t.database).ensure();
    expect(kid).toBe(jwks.keys[0].kid);
  });

  it('signs tokens that anyone can verify offline with the published keys', async () => {
    const token = await t.keys.sign('ms-test', { v: 'vote', b: 'ballot' });
    const jwks = createLocalJWKSet((await new Client(t).get('/.well-known/jwks.json')).body);
    const { payload, protectedHeader } = await compactVerify(token, jwks);
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ v: 'vote', b: 'ballot' });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'ms-test' });
  });

  it('rotates by kid: new tokens use the new key, old ones still verify, both keys are published', async () => {
    const old = await t.keys.sign('ms-test', { n: 1 });
    const oldKid = JSON.parse(Buffer.from(old.split('.')[0], 'base64url').toString()).kid;
    const newKid = await t.keys.rotate();
    expect(newKid).not.toBe(oldKid);
    const fresh = await t.keys.sign('ms-test', { n: 2 });
    expect(JSON.parse(Buffer.from(fresh.split('.')[0], 'base64url').toString()).kid).toBe(newKid);
    // Another instance (its own cache) verifies both.
    const other = new KeyStore(t.database);
    expect((await other.verify('ms-test', old))?.payload).toEqual({ n: 1 });
    expect((await other.verify('ms-test', fresh))?.payload).toEqual({ n: 2 });
    const jwks = (await new Client(t).get('/.well-known/jwks.json')).body;
    expect(jwks.keys.map((k: { kid: string }) => k.kid).sort()).toEqual([oldKid, newKid].sort());
    expect(jwks.keys.find((k: { kid: string }) => k.kid === oldKid).retired).toBeTruthy();
  });

  it('refuses a wrong type, an unknown kid, a tampered payload and garbage', async () => {
    const token = await t.keys.sign('ms-test', { n: 3 });
    const [h, , s] = token.split('.');
    expect(await t.keys.verify('ms-other', token)).toBeNull();
    expect(await t.keys.verify('ms-test', `${h}.${Buffer.from('{"n":4}').toString('base64url')}.${s}`)).toBeNull();
    const unknownKid = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'nope', typ: 'ms-test' })).toString('base64url');
    expect(await t.keys.verify('ms-test', `${unknownKid}.${token.split('.')[1]}.${s}`)).toBeNull();
    expect(await t.keys.verify('ms-test', 'not.a.token')).toBeNull();
    expect(await t.keys.verify('ms-test', '')).toBeNull();
  });
});
