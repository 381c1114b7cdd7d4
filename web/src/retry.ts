/**
 * Sending through failures (design §13): the hall tablet's ballot and the evaluation's answers are sent until the server
 * answers them. A lost connection (ApiError 'network') or a 503 — database_unavailable, database_busy, server_busy,
 * server_stopping, storage_full, each with Retry-After — means "not answered yet": the page keeps what was marked and
 * sends the very same request again, after 1 s, 2 s, 4 s, 8 s, then every 10 s (or after the server's Retry-After),
 * each wait up to a fifth longer at random so that a hall of tablets does not come back in the same instant.
 *
 * Sending again is safe because the request is the same: the server answers a repeat of the same card with the same
 * marks with the first receipt, and a repeat of a spent evaluation code is refused (eval_code_used), so a retry after
 * a commit whose answer was lost never stores a second ballot or a second submission. A definite answer — the result,
 * or a refusal such as card_used or vote_closed — ends the loop.
 */
import { ApiError } from './api.ts';

/** The first wait, doubled after each failure up to RETRY_MAX_MS. */
export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 10_000;
/** Retry-After is followed within these bounds (a tablet looks again within half a minute whatever it says). */
export const RETRY_AFTER_MIN_MS = 500;
export const RETRY_AFTER_MAX_MS = 30_000;
/** Each wait is made up to this fraction longer, at random. */
export const RETRY_JITTER = 0.2;

/**
 * A failure that means "not answered yet", after which the same request may go again: no connection, or the server
 * (or a proxy in front of it) saying it cannot answer now — 503, and 502/504 from a gateway whose server is away.
 */
export function isTransient(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.code === 'network' || e.status === 502 || e.status === 503 || e.status === 504);
}

/** The server's Retry-After in seconds, when the error carries one (a `retryAfter` number on the ApiError). */
export function retryAfterOf(e: unknown): number | undefined {
  const v = (e as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * The wait in milliseconds before the next attempt, after `failures` failed attempts (1 for the first). Pure:
 * `random` gives the jitter (0 ≤ random() < 1). With `retryAfterSeconds` the server's wait is kept (never shortened by
 * the jitter); without it 1 s, 2 s, 4 s, 8 s, then 10 s.
 */
export function retryDelay(failures: number, retryAfterSeconds?: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(failures) || 1);
  const base =
    retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0
      ? Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, retryAfterSeconds * 1000))
      : Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(n - 1, 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(base * (1 + RETRY_JITTER * r));
}

export type Waiting = { failures: number; error: ApiError; delayMs: number };

/** Wait `ms`, or less when the browser says it is back online; reject when `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const hasWindow = typeof window !== 'undefined';
    const done = () => {
      clearTimeout(timer);
      if (hasWindow) window.removeEventListener('online', done);
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const abort = () => {
      clearTimeout(timer);
      if (hasWindow) window.removeEventListener('online', done);
      reject(signal?.reason);
    };
    const timer = setTimeout(done, ms);
    if (hasWindow) window.addEventListener('online', done);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * `send()` until it answers: its result, or its first definite error (thrown as is). After each transient failure
 * `onWaiting` is told (the page shows that it is saving) and the next attempt follows retryDelay. `signal` stops the
 * loop (the page was left): the promise then rejects with the signal's reason.
 */
export async function sendUntilAnswered<T>(
  send: () => Promise<T>,
  opts: { onWaiting?: (w: Waiting) => void; signal?: AbortSignal; random?: () => number } = {},
): Promise<T> {
  for (let failures = 1; ; failures++) {
    opts.signal?.throwIfAborted();
    try {
      return await send();
    } catch (e) {
      if (!isTransient(e)) throw e;
      opts.signal?.throwIfAborted();
      const delayMs = retryDelay(failures, retryAfterOf(e), opts.random);
      opts.onWaiting?.({ failures, error: e, delayMs });
      await pause(delayMs, opts.signal);
    }
  }
}
