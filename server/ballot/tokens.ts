import { createHash, randomBytes } from 'node:crypto';
import { codeFromBytes, normalizeTyped, randomCode } from '../../shared/serial.ts';
import type { DbOrTx } from '../db/client.ts';
import { credential } from '../lib/credential.ts';
import type { KeyStore } from '../lib/keys.ts';

export const BALLOT_TYP = 'ms-ballot';
export type BallotPayload = { v: string; b: string };

/** A ballot card: the vote and a random ballot id, signed (server/lib/credential.ts). */
export const ballotCard = credential<BallotPayload>(BALLOT_TYP, (p) => typeof p.v === 'string' && typeof p.b === 'string');

/** 128 random bits, base64url. */
export const newBallotId = () => randomBytes(16).toString('base64url');

/** The 8-character serial printed on a card for typing by hand: from the ballot id, no look-alike characters. */
export const serialOf = (ballotId: string): string => codeFromBytes(createHash('sha256').update(ballotId).digest(), 8);

/** What a person types: any case, O for 0, I/L for 1, spaces and dashes ignored (shared/serial.ts). */
export const normalizeSerial = normalizeTyped;

/** `db`: the caller's transaction, when the call is inside one (see KeyStore). */
export const signCard = (keys: KeyStore, voteId: string, ballotId: string, db?: DbOrTx) => ballotCard.sign(keys, { v: voteId, b: ballotId }, db);

/** A card QR holds `<origin>/b#<token>`; a scanner may hand over the URL or the bare token. */
export const verifyCard = (keys: KeyStore, scanned: string, db?: DbOrTx): Promise<BallotPayload | null> => ballotCard.verify(keys, scanned, db);

/** A receipt: random, made when the ballot is stored, not derivable from the card or the marks. */
export const newReceipt = (): string => randomCode(10);
