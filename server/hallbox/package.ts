/**
 * The session package (shared/hallbox/format.ts): made on the township's laptop (`npm run export-session`, or the
 * staff route on a running server) and verified on the county's server. Both halves are here, so that what one
 * writes the other reads.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { calculateJwkThumbprint, CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import { type ChainEntry, isRedacted, type PackageAuditEntry, PACKAGE_FORMAT, PackageContent, type PackageVote, SessionPackage } from '../../shared/hallbox/format.ts';
import type { FiledVote } from '../../shared/hallbox/schema.ts';
import { verifyFiles } from '../../shared/tally/verify.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, auditLog, congresses, congressSessions, signingKeys, tallies, tallySignoffs, votes } from '../db/schema/index.ts';
import { entryHash, GENESIS } from '../lib/audit.ts';
import { canonicalJson, sha256hex } from '../lib/canonical.ts';
import { now } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { parsedBulletin, parsedResult } from '../tally/actions.ts';
import { questionResults } from '../tally/questions.ts';

const JWS_TYP = 'minsheng-session-package';

/** The key's RFC 7638 thumbprint (SHA-256) in hex: 64 digits, what the paper receipt prints and the county types. */
export async function fingerprintOf(key: { kty: string; crv: string; x: string }): Promise<string> {
  const b64 = await calculateJwkThumbprint({ kty: key.kty, crv: key.crv, x: key.x } as JWK, 'sha256');
  return Buffer.from(b64, 'base64url').toString('hex');
}

/** A detached compact JWS (`header..signature`) over the canonical JSON of `content`, by an Ed25519 private JWK. */
export async function signContent(content: unknown, privateJwk: JWK, kid?: string): Promise<string> {
  const key = await importJWK(privateJwk, 'EdDSA');
  const jws = await new CompactSign(new TextEncoder().encode(canonicalJson(content))).setProtectedHeader({ alg: 'EdDSA', typ: JWS_TYP, ...(kid ? { kid } : {}) }).sign(key);
  const [h, , s] = jws.split('.');
  return `${h}..${s}`;
}

/** Does `signature` (detached) hold over `content` under the public key? */
export async function signatureHolds(content: unknown, signature: string, publicKey: { kty: string; crv: string; x: string }): Promise<boolean> {
  try {
    const [h, empty, s] = signature.split('.');
    if (empty !== '' || !h || !s) return false;
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (header.alg !== 'EdDSA' || 'crit' in header || 'b64' in header) return false;
    const key = await importJWK({ kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x }, 'EdDSA');
    const payload = Buffer.from(canonicalJson(content), 'utf8').toString('base64url');
    await compactVerify(`${h}.${payload}.${s}`, key);
    return true;
  } catch {
    return false;
  }
}

/** The session, checked to belong to `congressId` when one is given (the staff route); the CLI names the session only. */
async function sessionOf(db: DbOrTx, sessionId: string, congressId?: string) {
  const [row] = await db
    .select({ session: congressSessions, congress: congresses })
    .from(congressSessions)
    .innerJoin(congresses, eq(congresses.id, congressSessions.congressId))
    .where(congressId ? and(eq(congressSessions.id, sessionId), eq(congressSessions.congressId, congressId)) : eq(congressSessions.id, sessionId));
  if (!row) throw new AppError('session_meeting_not_found');
  return row;
}

/**
 * The package of one session: every vote held (opened) in it must be closed and its result published; a vote never
 * opened is left out (nothing happened). Signed by this server's active signing key. Answers the package and the
 * key's fingerprint. Reads only: the audit chain is not written to (its head is what the package carries).
 */
export async function buildPackage(db: DbOrTx, sessionId: string, congressId?: string): Promise<{ pkg: SessionPackage; fingerprint: string }> {
  const { session, congress } = await sessionOf(db, sessionId, congressId);
  const rows = await db
    .select({ vote: votes, tally: tallies })
    .from(votes)
    .leftJoin(tallies, eq(tallies.voteId, votes.id))
    .where(eq(votes.sessionId, session.id))
    .orderBy(asc(votes.createdAt));
  const held = rows.filter((r) => r.vote.openedAt);
  for (const r of held) if (!r.vote.closedAt) throw new AppError('package_vote_open', { title: r.vote.title });
  for (const r of held) if (!r.tally?.publishedAt) throw new AppError('package_unpublished', { title: r.vote.title });
  if (!held.length) throw new AppError('package_no_votes');
  const packageVotes: PackageVote[] = [];
  for (const { vote, tally } of held) {
    const signoffs = await db
      .select({ name: accounts.displayName, chief: tallySignoffs.chief, at: tallySignoffs.signedAt })
      .from(tallySignoffs)
      .innerJoin(accounts, eq(accounts.id, tallySignoffs.accountId))
      .where(eq(tallySignoffs.voteId, vote.id))
      .orderBy(asc(tallySignoffs.signedAt));
    packageVotes.push({
      id: vote.id,
      title: vote.title,
      publishedAt: tally!.publishedAt!.toISOString(),
      resultDigest: tally!.resultDigest,
      bulletin: tally!.bulletin,
      result: tally!.result,
      signoffs: signoffs.map((s) => ({ name: s.name, chief: s.chief, at: s.at.toISOString() })),
    });
  }
  // The chain from genesis to the head: this congress's entries whole, any other's as its place in the chain only.
  const entries: ChainEntry[] = (await db.select().from(auditLog).orderBy(asc(auditLog.seq))).map((e) =>
    e.congressId === congress.id ? { ...e, details: (e.details ?? null) as Record<string, unknown> | null } : { seq: e.seq, prevHash: e.prevHash, hash: e.hash, redacted: true as const },
  );
  const last = entries.at(-1)!;
  const [key] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt)).limit(1);
  if (!key) throw new Error('no signing key: start the server once, or run npm run keys:rotate');
  const content: PackageContent = {
    congress: { id: congress.id, name: congress.name, level: congress.level, term: congress.term },
    session: { id: session.id, name: session.name, date: session.date },
    exportedAt: now().toISOString(),
    votes: packageVotes,
    audit: { entries, head: { seq: last.seq, hash: last.hash } },
    key: { kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x, kid: key.kid },
  };
  const signature = await signContent(content, key.privateJwk as JWK, key.kid);
  return { pkg: { format: PACKAGE_FORMAT, content, signature }, fingerprint: await fingerprintOf(content.key) };
}

/** A vote's brief from its two files: cast, and what it elected (candidates) or passed (motions), by title. */
export function voteBrief(v: Pick<PackageVote, 'id' | 'title' | 'publishedAt' | 'bulletin' | 'result'>) {
  const result = parsedResult(v);
  const questions = questionResults(parsedBulletin(v), result);
  const elected = questions.flatMap((q) => (q.passed === null ? q.elected.map((id) => q.candidates.find((c) => c.id === id)?.title ?? id) : q.passed ? [q.title] : []));
  const candidates = questions.filter((q) => q.passed === null).flatMap((q) => q.candidates.map((c) => ({ id: c.id, title: c.title, for: c.for, against: c.against, abstain: c.abstain })));
  const brief: FiledVote = { id: v.id, title: v.title, publishedAt: v.publishedAt, cast: (result as { cast?: number }).cast ?? null, elected };
  return { brief, candidates };
}

export type Verified = { pkg: SessionPackage; fingerprint: string; briefs: FiledVote[] };

/**
 * Every check the county makes of a package, in order; the first that fails is the refusal (its own code). `expected`
 * is the township's name on the county server. Pure: reads no database (the duplicate check is the caller's).
 */
export async function verifyPackage(text: string, typedFingerprint: string, expected: { name: string }): Promise<Verified> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError('package_malformed', { reason: `not JSON: ${(e as Error).message}`.slice(0, 200) });
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (json && typeof json === 'object' && typeof format === 'string' && format !== PACKAGE_FORMAT) throw new AppError('package_format', { format: format.slice(0, 60) });
  const parsed = SessionPackage.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`);
    throw new AppError('package_malformed', { reason: first.join('; ').slice(0, 300) });
  }
  const pkg = parsed.data;
  const { content } = pkg;
  // 1. The content is what was signed, by the key it carries.
  if (!(await signatureHolds((json as { content: unknown }).content, pkg.signature, content.key))) throw new AppError('package_signature');
  // 2. That key is the township's: the fingerprint typed from its paper receipt.
  const fingerprint = await fingerprintOf(content.key);
  if (fingerprint !== typedFingerprint) throw new AppError('package_key_mismatch');
  // 3. Each vote's bulletin recounts to its published result.
  const briefs: FiledVote[] = [];
  for (const v of content.votes) {
    const verdict = await verifyFiles(v.bulletin, v.result);
    if (verdict.kind === 'malformed') throw new AppError('package_malformed', { reason: `${v.title}: ${verdict.message}`.slice(0, 300) });
    if (verdict.kind === 'mismatch') throw new AppError('package_recount', { title: v.title, count: verdict.differences.length }, { differences: verdict.differences.slice(0, 20) });
    const voteId = (JSON.parse(v.bulletin) as { vote: { id: string } }).vote.id;
    if (voteId !== v.id) throw new AppError('package_recount', { title: v.title, count: 1 }, { differences: [`vote id: package ${v.id}, bulletin ${voteId}`] });
    briefs.push(voteBrief(v).brief);
  }
  // 4. The audit chain recomputes from genesis, entry by entry, to its last entry…
  let prev = GENESIS;
  for (const [i, e] of content.audit.entries.entries()) {
    const reason = e.seq !== i + 1 ? `expected entry ${i + 1}` : e.prevHash !== prev ? 'its link to the entry before does not hold' : !isRedacted(e) && entryHash(e) !== e.hash ? 'its hash does not match the entry' : null;
    if (reason) throw new AppError('package_chain_broken', { seq: e.seq, reason });
    prev = e.hash;
  }
  // 5. …which is the head the package signs.
  const last = content.audit.entries.at(-1)!;
  if (content.audit.head.seq !== last.seq || content.audit.head.hash !== last.hash) throw new AppError('package_head', { seq: content.audit.head.seq });
  // 6. Each result file is the one whose digest the chain noted when it was published (a result swapped with its
  //    bulletin, both recounting, would not be).
  for (const v of content.votes) {
    const digest = sha256hex(v.result);
    const published = content.audit.entries.find((e): e is PackageAuditEntry => !isRedacted(e) && e.action === 'tally.publish' && e.targetId === v.id && e.congressId === content.congress.id);
    if (digest !== v.resultDigest || !published || (published.details as { resultDigest?: string } | null)?.resultDigest !== digest) throw new AppError('package_digest', { title: v.title });
  }
  // 7. The township is the one it is filed under.
  if (content.congress.name.trim() !== expected.name.trim()) throw new AppError('package_wrong_congress', { name: content.congress.name, expected: expected.name });
  return { pkg, fingerprint, briefs };
}
