/**
 * When the database, not the request, is what failed (design §13): the database is gone (restarting, terminated, failed
 * over, unreachable), or busy past a deadline (statement or lock timeout, a stalled server), or cannot write (a full
 * disk). Each is answered 503 with Retry-After and a message that says nothing was saved — never a 500, and never
 * an acknowledgement of something not committed.
 */
import { isStorageError } from '../db/pglite-storage.ts';
import { AppError, pgCode } from './errors.ts';

export type DbFault = 'database_unavailable' | 'database_busy' | 'storage_full';

/** Connection-level errors of postgres.js and of Node's sockets (they carry `code`, not a SQLSTATE). */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function sqlstateFault(state: string): DbFault | null {
  if (state.startsWith('08')) return 'database_unavailable'; // connection exception
  if (state === '57P01' || state === '57P02' || state === '57P03') return 'database_unavailable'; // shut down, crashed, starting up
  if (state === '25006') return 'database_unavailable'; // a read-only transaction: connected to a standby mid-failover
  if (state === '57014' || state === '55P03') return 'database_busy'; // statement or lock timeout
  if (state === '40001' || state === '40P01') return 'database_busy'; // serialization failure, deadlock: retry
  if (state === '53300' || state === '53200') return 'database_busy'; // too many connections, out of memory
  if (state === '53100' || state === '58030') return 'storage_full'; // disk full, I/O error
  return null;
}

/** The database fault behind an error (drizzle wraps the driver's error in `cause`), or null for any other error. */
export function dbFault(e: unknown): DbFault | null {
  if (e instanceof AppError) return null;
  const state = pgCode(e);
  if (state) {
    const f = sqlstateFault(state);
    if (f) return f;
  }
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return 'database_unavailable';
    cur = (cur as { cause?: unknown }).cause;
  }
  // The embedded database's storage failing below SQL (a full disk or a read-only data folder seen by the file system).
  return isStorageError(e) ? 'storage_full' : null;
}

/** Seconds a client should wait before trying again, by fault. */
export const RETRY_AFTER: Record<DbFault | 'server_busy' | 'server_stopping', number> = {
  database_unavailable: 2,
  database_busy: 2,
  storage_full: 10,
  server_busy: 1,
  server_stopping: 2,
};

/** The 503 for a fault: the code, the seconds in the message and in Retry-After. */
export function faultError(fault: DbFault | 'server_busy' | 'server_stopping'): AppError {
  const retryAfter = RETRY_AFTER[fault];
  return new AppError(fault, { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
}
