import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ERRORS, errorMessage, type ErrorCode, type ErrorParam, type Lang } from '../../shared/errors.ts';
import type { AppEnv } from './env.ts';
import { log } from './log.ts';
import { dbFault, faultError } from './db-faults.ts';
import { metrics } from '../system/metrics.ts';

/** A typed domain error: its code fixes the HTTP status and the message (shared/errors.ts). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, ErrorParam> = {},
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    // An expected refusal, answered in words: no stack trace to capture (it cost about as much as the rest of a
    // refused request — a card tried twice, a burst of bad requests).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** The PostgreSQL SQLSTATE of an error from either driver (drizzle wraps it in `cause`). */
export function pgCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
export const isUniqueViolation = (e: unknown) => pgCode(e) === '23505';

export function errorResponse(c: Context<AppEnv>, err: AppError) {
  const lang: Lang = c.get('lang') ?? 'zh-CN';
  const body = {
    error: {
      code: err.code,
      message: errorMessage(err.code, lang, err.params),
      ...(err.details !== undefined ? { details: err.details } : {}),
      requestId: c.get('requestId'),
    },
  };
  for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
  return c.json(body, err.status as 400);
}

/** The one place where any thrown error becomes the JSON error shape. */
const FAULT_CODES = new Set<ErrorCode>(['database_unavailable', 'database_busy', 'storage_full', 'server_busy']);

export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof AppError) {
    if (FAULT_CODES.has(err.code)) metrics.dbFaults.set(err.code, (metrics.dbFaults.get(err.code) ?? 0) + 1);
    return errorResponse(c, err);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return errorResponse(c, new AppError('body_too_large', { limit: '1 MB' }));
    if (status === 400 && /JSON/i.test(err.message)) return errorResponse(c, new AppError('malformed_json'));
    if (status === 400) return errorResponse(c, new AppError('validation', {}, [{ path: '', message: err.message }]));
    if (status === 401) return errorResponse(c, new AppError('unauthenticated'));
    if (status === 403) return errorResponse(c, new AppError('forbidden'));
    if (status === 404) return errorResponse(c, new AppError('not_found'));
  }
  // The database failed, not the request: 503 with Retry-After, counted, logged without the error's detail (it can
  // quote a row).
  const fault = dbFault(err);
  if (fault) {
    metrics.dbFaults.set(fault, (metrics.dbFaults.get(fault) ?? 0) + 1);
    log.warn('database_fault', { requestId: c.get('requestId'), fault, code: pgCode(err) ?? (err as { code?: string }).code ?? err.name });
    return errorResponse(c, faultError(fault));
  }
  // A URIError from a malformed percent-encoding in the path is the client's fault too.
  if (err instanceof URIError) return errorResponse(c, new AppError('not_found'));
  log.error('unhandled', { requestId: c.get('requestId'), error: err.stack ?? String(err) });
  return errorResponse(c, new AppError('internal', { requestId: c.get('requestId') ?? '' }));
}
