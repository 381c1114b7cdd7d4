/**
 * One-time evaluation codes: a compact Ed25519 JWS (the same keys as ballot cards) carrying the round, a random code
 * id and the audience; QR content `<origin>/e#<token>`, with a short serial for typing. Printed codes are stored so
 * the serial can be typed; a code the system gives a representative is not stored at all (only that one was given).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx } from '../db/client.ts';
import type { KeyStore } from '../lib/keys.ts';
import { serialOf } from '../ballot/tokens.ts';

export const EVAL_TYP = 'ms-eval';
export type EvalPayload = { r: string; c: string; a: 'representatives' | 'residents' };

export const newCodeId = () => randomBytes(16).toString('base64url');
/** The typed serial: 8 characters from the code id, prefixed E so that nobody confuses it with a ballot card. */
export const evalSerial = (codeId: string) => `E${serialOf(`eval:${codeId}`)}`;
export const codeHash = (codeId: string) => createHash('sha256').update(`eval:${codeId}`).digest('hex');

/** `db`: the caller's transaction, when inside one (see KeyStore). */
export const signCode = (keys: KeyStore, p: EvalPayload, db?: DbOrTx) => keys.sign(EVAL_TYP, p, db);

export async function verifyCode(keys: KeyStore, scanned: string, db?: DbOrTx): Promise<EvalPayload | null> {
  const token = (scanned.includes('#') ? scanned.slice(scanned.indexOf('#') + 1) : scanned).trim();
  const v = await keys.verify<EvalPayload>(EVAL_TYP, token, db);
  if (!v) return null;
  const p = v.payload;
  if (typeof p.r !== 'string' || typeof p.c !== 'string' || (p.a !== 'representatives' && p.a !== 'residents')) return null;
  return p;
}
