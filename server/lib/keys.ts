import { createHash } from 'node:crypto';
import { CompactSign, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { asc, isNull, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.ts';
import { signingKeys } from '../db/schema/index.ts';
import { SignatureChecker } from './signatures.ts';

type Loaded = { kid: string; retired: boolean };
const B64URL = /^[A-Za-z0-9_-]+$/;
const KEY_LOCK = 7340002;
const CACHE_MS = 30_000;
/**
 * Tokens whose signature this process has already checked (a hall's cards, a round's codes). A tablet opens its ballot
 * and then casts the same token, a phone opens its questionnaire and then submits: the second check is a lookup, not
 * an Ed25519 verification (about a sixth of a millisecond of CPU each, the largest single cost of a cast). Safe because
 * a key, retired or not, verifies what it signed forever (keys are never deleted), and only a token that passed the
 * full check enters. Bounded; the oldest entry leaves first.
 */
export const VERIFIED_TOKENS_MAX = 20_000;

/**
 * Ed25519 signing keys kept in the database (so every instance signs and verifies with the same keys).
 * The newest unretired key signs; every key, retired or not, still verifies what it signed, by `kid`.
 */
export class KeyStore {
  private signing: { kid: string; key: CryptoKey; at: number } | null = null;
  private verifying = new Map<string, Loaded>();
  /** When the keys were last read: an unknown kid re-reads them at most this often (forged kids cost no query each). */
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  private secrets = new Map<string, Buffer>();
  private checker = new SignatureChecker();
  /** token → what the full check read from it (see VERIFIED_TOKENS_MAX). */
  private verified = new Map<string, { typ: string; kid: string; payload: Record<string, unknown> }>();
  /** Signature checks done (not answered from `verified`): for tests and the bench's notes. */
  checks = 0;
  constructor(private readonly database: Database) {}

  /** Make the first key pair if none is active (at first start). */
  async ensure(): Promise<string> {
    const { db } = this.database;
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK})`);
      const [active] = await tx.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(asc(signingKeys.createdAt));
      if (active) return active.kid;
      return this.insertNew(tx as never);
    });
  }

  /** Retire the active key and make a new one; old signatures stay verifiable. */
  async rotate(): Promise<string> {
    const { db } = this.database;
    const kid = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK})`);
      await tx.update(signingKeys).set({ retiredAt: new Date() }).where(isNull(signingKeys.retiredAt));
      return this.insertNew(tx as never);
    });
    this.signing = null;
    this.loadedAt = 0;
    return kid;
  }

  private async insertNew(tx: Database['db']): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair('Ed25519', { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    // 16 characters of the RFC 7638 thumbprint: unique enough, and keeps card QR codes less dense.
    const kid = (await calculateJwkThumbprint(publicJwk)).slice(0, 16);
    await tx.insert(signingKeys).values({
      kid,
      publicJwk: publicJwk as Record<string, string>,
      privateJwk: privateJwk as Record<string, string>,
    });
    return kid;
  }

  /**
   * `db` is the caller's transaction when it has one: PGlite has a single connection, so a query outside an open
   * transaction would wait for it forever.
   */
  private async signingKey(db: DbOrTx = this.database.db) {
    if (this.signing && Date.now() - this.signing.at < CACHE_MS) return this.signing;
    const rows = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(asc(signingKeys.createdAt));
    const row = rows.at(-1) ?? null;
    const kid = row ? row.kid : await this.ensure();
    const jwk = row ? row.privateJwk : (await db.select().from(signingKeys)).find((k) => k.kid === kid)!.privateJwk;
    this.signing = { kid, key: (await importJWK(jwk as JWK, 'EdDSA')) as CryptoKey, at: Date.now() };
    return this.signing;
  }

  private async verifyKey(kid: string, db: DbOrTx = this.database.db): Promise<Loaded | null> {
    const hit = this.verifying.get(kid);
    if (hit) return hit;
    // Many requests arriving together share one read of the keys.
    if (this.loading) {
      await this.loading;
      return this.verifying.get(kid) ?? null;
    }
    if (Date.now() - this.loadedAt < 1_000) return null;
    this.loadedAt = Date.now();
    this.loading = this.loadKeys(db).finally(() => (this.loading = null));
    await this.loading;
    return this.verifying.get(kid) ?? null;
  }

  private async loadKeys(db: DbOrTx) {
    const rows = await db.select().from(signingKeys);
    for (const r of rows) {
      if (!this.verifying.has(r.kid)) {
        this.checker.addKey(r.kid, r.publicJwk as JWK);
        this.verifying.set(r.kid, { kid: r.kid, retired: r.retiredAt !== null });
      }
    }
  }

  async sign(typ: string, payload: Record<string, unknown>, db?: DbOrTx): Promise<string> {
    const { kid, key } = await this.signingKey(db);
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', kid, typ })
      .sign(key);
  }

  /**
   * The payload when the signature holds under a known kid and the type matches; null otherwise. A compact JWS of our
   * own shape only: header exactly alg EdDSA with a kid and the expected typ, no `crit` or `b64`, strict base64url.
   */
  async verify<T = Record<string, unknown>>(typ: string, token: string, db?: DbOrTx): Promise<{ payload: T; kid: string } | null> {
    // The very token checked before: its type and payload as they were read then (a copy: callers may keep it).
    const known = this.verified.get(token);
    if (known) return known.typ === typ ? { payload: { ...known.payload } as T, kid: known.kid } : null;
    try {
      const parts = token.split('.');
      // Canonical base64url only: a decoder ignores the spare low bits of the last character, so without this check
      // one signature had 16 spellings (an 86-character Ed25519 signature ends on 2 data bits and 4 spare ones).
      if (parts.length !== 3 || !parts.every((p) => B64URL.test(p) && Buffer.from(p, 'base64url').toString('base64url') === p)) return null;
      const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
      if (typeof header.kid !== 'string' || header.typ !== typ || header.alg !== 'EdDSA' || 'crit' in header || 'b64' in header) return null;
      const k = await this.verifyKey(header.kid, db);
      if (!k) return null;
      const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
      this.checks++;
      if (!(await this.checker.check(k.kid, `${parts[0]}.${parts[1]}`, parts[2]))) return null;
      if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, { typ, kid: k.kid, payload: payload as Record<string, unknown> });
      return { payload: { ...(payload as T) }, kid: k.kid };
    } catch {
      return null;
    }
  }

  /**
   * A secret for HMACs (anti-abuse questions and the like), derived from the first key ever made, so every instance
   * has the same one and a key rotation does not change it.
   */
  async secret(purpose: string): Promise<Buffer> {
    const cached = this.secrets.get(purpose);
    if (cached) return cached;
    const [first] = await this.database.db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1);
    if (!first) throw new Error('no signing key yet');
    const key = createHash('sha256').update(`minsheng:${purpose}:${first.privateJwk.d}`).digest();
    this.secrets.set(purpose, key);
    return key;
  }

  /** Public keys for /.well-known/jwks.json, retired ones included so old cards stay verifiable offline. */
  async jwks() {
    const rows = await this.database.db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt));
    return {
      keys: rows.map((r) => ({
        ...r.publicJwk,
        kid: r.kid,
        alg: 'EdDSA',
        use: 'sig',
        ...(r.retiredAt ? { retired: r.retiredAt.toISOString() } : {}),
      })),
    };
  }
}
