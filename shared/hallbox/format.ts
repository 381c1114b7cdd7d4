/**
 * 会场数据包 — the hall in a box (SPEC §16): a session run on one laptop with no network, written out as one signed JSON
 * file that the county server verifies and files beside the township. The format is stable and public, like the
 * verification files (SPEC §10) it carries.
 *
 * ```json
 * {
 *   "format": "minsheng-session-package/1",
 *   "content": {
 *     "congress": { "id", "name", "level", "term" },
 *     "session": { "id", "name", "date" },
 *     "exportedAt": "ISO-8601",
 *     "votes": [ { "id", "title", "publishedAt", "resultDigest", "bulletin": "<bulletin.json text>",
 *                  "result": "<result.json text>", "signoffs": [ { "name", "chief", "at" } ] } ],
 *     "audit": { "entries": [ …every entry from genesis to the head: the congress's whole, any other congress's as
 *                             { "seq", "prevHash", "hash", "redacted": true }… ], "head": { "seq", "hash" } },
 *     "key": { "kty": "OKP", "crv": "Ed25519", "x", "kid" }
 *   },
 *   "signature": "<detached compact JWS: header..signature, EdDSA>"
 * }
 * ```
 * The signature is over the canonical JSON of `content` (keys sorted at every level, no whitespace), by the key in
 * `content.key`. The key's fingerprint is its RFC 7638 thumbprint written in hex (64 digits, printed in groups of four
 * on the township's paper receipt); the county types it when it files the package, so a package re-signed with another
 * key is told apart. The bulletin and result are the published files byte for byte: `npm run verify` recounts them.
 */
import { z } from 'zod';

export const PACKAGE_FORMAT = 'minsheng-session-package/1';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const PackageAuditEntry = z.object({
  seq: z.int().min(1),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  congressId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  prevHash: Hex64,
  hash: Hex64,
});
export type PackageAuditEntry = z.infer<typeof PackageAuditEntry>;
/**
 * An entry of another congress (or of the deployment itself) on the same server: only its place in the chain — its
 * content is not this township's to give away. Its link holds (the next entry's prevHash is its hash); its own hash
 * cannot be recomputed. On a township's laptop, which holds that congress alone, such entries are the set-up's.
 */
export const RedactedAuditEntry = z.strictObject({ seq: z.int().min(1), prevHash: Hex64, hash: Hex64, redacted: z.literal(true) });
export type RedactedAuditEntry = z.infer<typeof RedactedAuditEntry>;
export const ChainEntry = z.union([RedactedAuditEntry, PackageAuditEntry]);
export type ChainEntry = z.infer<typeof ChainEntry>;
export const isRedacted = (e: ChainEntry): e is RedactedAuditEntry => 'redacted' in e && e.redacted === true;

export const PackageVote = z.object({
  id: z.string().min(1).max(100),
  title: z.string().max(500),
  publishedAt: z.string(),
  resultDigest: Hex64,
  bulletin: z.string(),
  result: z.string(),
  signoffs: z.array(z.object({ name: z.string(), chief: z.boolean(), at: z.string() })),
});
export type PackageVote = z.infer<typeof PackageVote>;

export const PackageContent = z.object({
  congress: z.object({ id: z.string(), name: z.string().min(1).max(200), level: z.string(), term: z.int() }),
  session: z.object({ id: z.string().min(1).max(100), name: z.string().max(200), date: z.string() }),
  exportedAt: z.string(),
  votes: z.array(PackageVote).min(1).max(200),
  audit: z.object({ entries: z.array(ChainEntry).min(1), head: z.object({ seq: z.int().min(1), hash: Hex64 }) }),
  key: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().regex(/^[A-Za-z0-9_-]{43}$/), kid: z.string().optional() }),
});
export type PackageContent = z.infer<typeof PackageContent>;

export const SessionPackage = z.object({
  format: z.string(),
  content: PackageContent,
  signature: z.string().regex(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/),
});
export type SessionPackage = z.infer<typeof SessionPackage>;

/** A fingerprint as a person types it: hex digits, any case, spaces, dashes or colons between groups. */
export const normalizeFingerprint = (typed: string) => typed.toLowerCase().replace(/[\s:-]/g, '');
export const isFingerprint = (typed: string) => /^[0-9a-f]{64}$/.test(normalizeFingerprint(typed));
/** 64 hex digits in sixteen groups of four, as printed on the paper receipt. */
export const groupedFingerprint = (hex: string) => hex.match(/.{1,4}/g)!.join(' ');
