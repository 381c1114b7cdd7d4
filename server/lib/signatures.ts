/**
 * Ed25519 signature checks for the hot paths (a hall casting at once, residents answering), batched onto a worker
 * thread: on the event loop, WebCrypto's per-call overhead cost as much as the check itself, and the loop is what
 * answers the hall. Checks that arrive in the same turn of the loop go to the worker as one message. When no worker
 * can start, the check runs in-process (same answer, only slower under load).
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { JWK } from 'jose';

type Item = { kid: string; input: string; sig: string; resolve: (ok: boolean) => void };

export class SignatureChecker {
  private worker: Worker | null = null;
  private broken = false;
  private sent = new Set<string>();
  private jwks = new Map<string, JWK>();
  private local = new Map<string, KeyObject>();
  private queue: Item[] = [];
  private scheduled = false;
  private seq = 0;
  private waiting = new Map<number, Item[]>();

  /** Make a public key known (by its kid) before checking what it signed. */
  addKey(kid: string, jwk: JWK) {
    this.jwks.set(kid, jwk);
  }

  /** Whether `sig` (base64url) is a valid signature by key `kid` over `input` (the JWS signing input). */
  check(kid: string, input: string, sig: string): Promise<boolean> {
    if (!this.jwks.has(kid)) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.queue.push({ kid, input, sig, resolve });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private start(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const w = new Worker(new URL('./verify-worker.mjs', import.meta.url));
      w.unref(); // never keeps the process alive
      w.on('message', (m: { id: number; ok: boolean[] }) => {
        const items = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        items?.forEach((it, i) => it.resolve(m.ok[i] === true));
      });
      w.on('error', () => this.fail());
      w.on('exit', () => this.fail());
      this.worker = w;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  /** A worker that died: what it held is checked here, and later checks too. */
  private fail() {
    this.worker = null;
    this.broken = true;
    const pending = [...this.waiting.values()].flat();
    this.waiting.clear();
    for (const it of pending) it.resolve(this.checkHere(it));
  }

  private checkHere(it: Item): boolean {
    try {
      let key = this.local.get(it.kid);
      if (!key) this.local.set(it.kid, (key = createPublicKey({ key: this.jwks.get(it.kid) as never, format: 'jwk' })));
      return verify(null, Buffer.from(it.input, 'ascii'), key, Buffer.from(it.sig, 'base64url'));
    } catch {
      return false;
    }
  }

  private flush() {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const w = this.start();
    if (!w) {
      for (const it of batch) it.resolve(this.checkHere(it));
      return;
    }
    const keys = [...new Set(batch.map((it) => it.kid))].filter((k) => !this.sent.has(k)).map((k) => [k, this.jwks.get(k)] as const);
    for (const [k] of keys) this.sent.add(k);
    const id = ++this.seq;
    this.waiting.set(id, batch);
    w.postMessage({ id, keys, items: batch.map((it) => [it.kid, it.input, it.sig]) });
  }
}
