/**
 * The one way the web app talks to the server: same origin, JSON, the UI language in Accept-Language (so error
 * messages come back in it), and the session's CSRF token on every write. Failures become an `ApiError` carrying
 * the server's code, message and per-field details.
 */
import { urlOf, type CallInput, type Contract, type ResponseOf } from '../../shared/contract.ts';
import { lang, t } from './i18n.ts';

export type FieldDetail = { path: string; code?: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldDetail[] = [],
    readonly raw?: unknown,
    readonly requestId?: string,
    /** Seconds the server asked to wait before trying again (Retry-After on a 503 or 429). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

/** Called when the server says the session is gone (401 on a request that needed one). */
let onSignedOut: (() => void) | null = null;
export const whenSignedOut = (fn: () => void) => {
  onSignedOut = fn;
};

type Options = { body?: unknown; raw?: Blob | ArrayBuffer; contentType?: string; form?: FormData; signal?: AbortSignal };

function detailsOf(raw: unknown): FieldDetail[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((d): d is { path?: unknown; code?: unknown; message?: unknown } => typeof d === 'object' && d !== null)
    .map((d) => ({ path: String(d.path ?? ''), code: typeof d.code === 'string' ? d.code : undefined, message: String(d.message ?? '') }));
}

async function request<T>(method: string, path: string, opts: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang() };
  let body: BodyInit | undefined;
  if (opts.form !== undefined) {
    // multipart/form-data: the browser writes the Content-Type with its boundary
    body = opts.form;
  } else if (opts.raw !== undefined) {
    body = opts.raw;
    headers['Content-Type'] = opts.contentType ?? 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
  const sentWith = csrfToken; // the session this request went out under (a sign-in meanwhile makes a new one)

  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', t('error.network'));
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: only an error page from something between us and the server would do this
  }
  if (res.ok) return json as T;

  const err = (json as { error?: { code?: string; message?: string; details?: unknown; requestId?: string } } | undefined)?.error;
  const error = new ApiError(
    res.status,
    err?.code ?? 'http_error',
    err?.message ?? t('error.http', { status: res.status }),
    detailsOf(err?.details),
    err?.details,
    err?.requestId,
    /^\d+$/.test(res.headers.get('Retry-After') ?? '') ? Number(res.headers.get('Retry-After')) : undefined,
  );
  // Only a 401 about the session still current ends it: one sent before a sign-in (the start-up check, on a slow
  // network) says nothing of the session made since.
  if (res.status === 401 && error.code === 'unauthenticated' && csrfToken === sentWith) onSignedOut?.();
  throw error;
}

/** Build a query string from the defined, non-empty values (for the app's own page addresses; API calls pass `query` to `call`). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The arguments of `call`: the input may be left out when the route needs none. */
export type CallArgs<C extends Contract> = {} extends CallInput<C> ? [input?: CallInput<C>, opts?: { signal?: AbortSignal }] : [input: CallInput<C>, opts?: { signal?: AbortSignal }];

/**
 * Call a route by its contract (shared/<stage>/contract.ts): the path, the body's kind and the answer's type all come
 * from it, so a call that no longer matches its route fails to compile.
 */
export function call<C extends Contract>(contract: C, ...[input, opts]: CallArgs<C>): Promise<ResponseOf<C>> {
  const i = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; contentType?: string };
  const path = urlOf(contract, i.params, i.query).slice('/api'.length);
  const o: Options = { signal: opts?.signal };
  if (i.body instanceof FormData) o.form = i.body;
  else if (contract.bodyKind === 'raw') {
    o.raw = i.body instanceof Uint8Array ? new Blob([i.body as Uint8Array<ArrayBuffer>]) : (i.body as Blob | ArrayBuffer);
    o.contentType = i.contentType ?? (i.body instanceof Blob && i.body.type ? i.body.type : contract.accepts?.[0]);
  } else if (i.body !== undefined) o.body = i.body;
  else if (contract.method !== 'GET' && contract.method !== 'DELETE') o.body = {};
  return request<ResponseOf<C>>(contract.method, path, o);
}
