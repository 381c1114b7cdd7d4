import { createHash, randomBytes } from 'node:crypto';
import { CODE_ALPHABET } from '../../shared/gathering/tracking-code.ts';
import type { DbOrTx } from '../db/client.ts';
import type { KeyStore } from '../lib/keys.ts';

export const BALLOT_TYP = 'ms-ballot';
export type BallotPayload = { v: string; b: string };

/** 128 random bits, base64url. */
export const newBallotId = () => randomBytes(16).toString('base64url');

/** The 8-character serial printed on a card for typing by hand: from the ballot id, no look-alike characters. */
export function serialOf(ballotId: string): string {
  const h = createHash('sha256').update(ballotId).digest();
  let out = '';
  for (let i = 0; out.length < 8; i++) out += CODE_ALPHABET[h[i] % CODE_ALPHABET.length];
  return out;
}

/** What a person types: any case, O for 0, I/L for 1, spaces and dashes ignored. */
export const normalizeSerial = (s: string) => s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

/** `db`: the caller's transaction, when the call is inside one (see KeyStore). */
export const signCard = (keys: KeyStore, voteId: string, ballotId: string, db?: DbOrTx) => keys.sign(BALLOT_TYP, { v: voteId, b: ballotId } satisfies BallotPayload, db);

/** A card QR holds `<origin>/b#<token>`; a scanner may hand over the URL or the bare token. */
export const tokenOf = (scanned: string) => (scanned.includes('#') ? scanned.slice(scanned.indexOf('#') + 1) : scanned).trim();

export async function verifyCard(keys: KeyStore, scanned: string, db?: DbOrTx): Promise<BallotPayload | null> {
  const v = await keys.verify<BallotPayload>(BALLOT_TYP, tokenOf(scanned), db);
  if (!v || typeof v.payload.v !== 'string' || typeof v.payload.b !== 'string') return null;
  return v.payload;
}

/** A receipt: random, made when the ballot is stored, not derivable from the card or the marks. */
export function newReceipt(): string {
  const out: string[] = [];
  while (out.length < 10) for (const b of randomBytes(16)) if (b < 248 && out.length < 10) out.push(CODE_ALPHABET[b % 31]);
  return out.join('');
}
