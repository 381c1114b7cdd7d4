/**
 * A signed credential behind a QR — a ballot card, an evaluation code, a delegate card: a compact Ed25519 JWS of one
 * type (the KeyStore's keys, server/lib/keys.ts) whose payload has a known shape. One statement of how such a token
 * is signed, taken out of a scan and checked, so that a card type is its `typ` and its payload check, nothing more.
 */
import { tokenOf } from '../../shared/serial.ts';
import type { DbOrTx } from '../db/client.ts';
import type { KeyStore } from './keys.ts';

export type Credential<P extends Record<string, unknown>> = {
  readonly typ: string;
  /** `db`: the caller's transaction, when the call is inside one (see KeyStore). */
  sign(keys: KeyStore, payload: P, db?: DbOrTx): Promise<string>;
  /** The payload of a scanned URL or bare token of this type; null when the signature, the type or the shape is wrong. */
  verify(keys: KeyStore, scanned: string, db?: DbOrTx): Promise<P | null>;
};

export function credential<P extends Record<string, unknown>>(typ: string, isPayload: (p: Record<string, unknown>) => boolean): Credential<P> {
  return {
    typ,
    sign: (keys, payload, db) => keys.sign(typ, payload, db),
    async verify(keys, scanned, db) {
      const v = await keys.verify<Record<string, unknown>>(typ, tokenOf(scanned), db);
      return v && typeof v.payload === 'object' && v.payload !== null && isPayload(v.payload) ? (v.payload as P) : null;
    },
  };
}
