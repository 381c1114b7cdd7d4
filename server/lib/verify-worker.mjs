// Checks Ed25519 signatures off the main thread (plain JS so that it runs in any runner without a TypeScript loader).
// Receives batches: { id, keys?: [kid, jwk][], items: [kid, signingInput, signature][] } and answers { id, ok: boolean[] }.
import { createPublicKey, verify } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const keys = new Map();
parentPort.on('message', ({ id, keys: add, items }) => {
  for (const [kid, jwk] of add ?? []) keys.set(kid, createPublicKey({ key: jwk, format: 'jwk' }));
  const ok = items.map(([kid, input, sig]) => {
    const key = keys.get(kid);
    try {
      return key ? verify(null, Buffer.from(input, 'ascii'), key, Buffer.from(sig, 'base64url')) : false;
    } catch {
      return false;
    }
  });
  parentPort.postMessage({ id, ok });
});
