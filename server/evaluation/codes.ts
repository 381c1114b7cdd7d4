/**
 * One-time evaluation codes: a compact Ed25519 JWS (the same keys as ballot cards) carrying the round, a random code
 * id and the audience; QR content `<origin>/e#<token>`, with a short serial for typing. Printed codes are stored so
 * the serial can be typed; a code the system gives a representative is not stored at all (only that one was given).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AUDIENCES, type Audience } from '../../shared/evaluation/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { serialOf } from '../ballot/tokens.ts';
import { credential } from '../lib/credential.ts';
import type { KeyStore } from '../lib/keys.ts';

export const EVAL_TYP = 'ms-eval';
export type EvalPayload = { r: string; c: string; a: Audience };

export const newCodeId = () => randomBytes(16).toString('base64url');
/** The typed serial: 8 characters from the code id, prefixed E so that nobody confuses it with a ballot card. */
export const evalSerial = (codeId: string) => `E${serialOf(`eval:${codeId}`)}`;
export const codeHash = (codeId: string) => createHash('sha256').update(`eval:${codeId}`).digest('hex');

/** An evaluation code: round, code id and audience, signed (server/lib/credential.ts). */
export const evalCode = credential<EvalPayload>(EVAL_TYP, (p) => typeof p.r === 'string' && typeof p.c === 'string' && (AUDIENCES as readonly unknown[]).includes(p.a));

/** `db`: the caller's transaction, when inside one (see KeyStore). */
export const signCode = (keys: KeyStore, p: EvalPayload, db?: DbOrTx) => evalCode.sign(keys, p, db);

/** A code QR holds `<origin>/e#<token>`; the URL or the bare token. */
export const verifyCode = (keys: KeyStore, scanned: string, db?: DbOrTx): Promise<EvalPayload | null> => evalCode.verify(keys, scanned, db);
