/**
 * What the four transports share: one deadline for a send (the worker's signal and NOTIFY_TIMEOUT_MS, whichever ends
 * first), how an HTTP answer's failure is classed (retry or for good), and a failure's words with no address in them.
 */
import type { SendResult } from '../types.ts';

/** The worker's signal, ended also after `timeoutMs`. */
export function deadline(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}

/**
 * A failure's words as staff read them (outbox.last_error): at most 300 characters, with the address, any run of
 * 7 or more digits (a phone number a provider echoes) and anything shaped like an e-mail address replaced by ***.
 */
export function scrub(text: string, address = ''): string {
  let s = text;
  if (address) s = s.split(address).join('***');
  s = s.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '***').replace(/\+?\d[\d\s-]{5,}\d/g, (m) => (m.replace(/\D/g, '').length >= 7 ? '***' : m));
  return s.length > 300 ? `${s.slice(0, 299)}…` : s;
}

/** A failed fetch: a timeout or a network error — both may pass. */
export function networkFailure(e: unknown, timeoutMs: number): SendResult {
  const name = (e as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, retry: true, error: `timeout: no answer within ${timeoutMs} ms` };
  const cause = (e as { cause?: { code?: string } })?.cause?.code;
  return { ok: false, retry: true, error: `network: ${cause ?? name ?? 'error'}` };
}

/** An HTTP status that is not a success and carries no provider code: 5xx and 429 may pass, the rest will not. */
export function httpFailure(status: number): SendResult {
  return { ok: false, retry: status >= 500 || status === 429 || status === 408, error: `HTTP ${status}` };
}

/**
 * POST to a provider within the deadline and read its JSON answer: the response and its JSON (null when not JSON), or
 * the network failure (a timeout, a cut connection) in words. Both HTTP transports send through this.
 */
export async function postForJson(
  url: string,
  init: { headers: Record<string, string>; body: string; redirect?: RequestRedirect },
  signal: AbortSignal,
  timeoutMs: number,
): Promise<{ res: Response; answer: Record<string, unknown> | null } | { failure: SendResult }> {
  try {
    const res = await fetch(url, { method: 'POST', ...init, signal: deadline(signal, timeoutMs) });
    return { res, answer: await jsonOf(res) };
  } catch (e) {
    return { failure: networkFailure(e, timeoutMs) };
  }
}

/** The answer's JSON body, or null when it is not JSON. */
export async function jsonOf(res: Response): Promise<Record<string, unknown> | null> {
  try {
    const v: unknown = JSON.parse(await res.text());
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
