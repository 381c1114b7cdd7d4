/**
 * Where to go after signing in: only an address inside this app (same origin), never another site. Accepted: a path
 * that starts with exactly one `/`. Refused (answering `/`): anything else — a scheme (`https://…`, `javascript:…`), a
 * protocol-relative `//host`, a backslash anywhere (browsers read `/\host` as `//host`), a control character (browsers
 * drop tabs and newlines, so `/\t/host` becomes `//host`), and a path whose dot-segments resolve to `//host`.
 * Pure, so that tests/security/safe-next.test.ts can try it on a table of cases.
 */
const BASE = 'http://same-origin.invalid';

export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return fallback;
  if (next[0] !== '/' || next[1] === '/') return fallback;
  // C0 controls, DEL, C1 controls, and the backslash (read as a slash in http(s) addresses).
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  // The address as the browser resolves it must stay here, with a path that is not `//host` either.
  if (url.origin !== BASE || url.pathname.startsWith('//')) return fallback;
  return next;
}
