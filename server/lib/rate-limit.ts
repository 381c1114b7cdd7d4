import type { Database } from '../db/client.ts';
import { AppError } from './errors.ts';

/**
 * Fixed-window counters in the database, so that a limit holds across every server instance.
 * `hit` counts one event and answers the count in the current window with the seconds until it ends.
 */
export async function hit(database: Database, key: string, windowSeconds: number) {
  const [row] = await database.query<{ count: number; retry: number }>(
    `insert into rate_limits (key, window_start, count) values ($1, now(), 1)
     on conflict (key) do update set
       count = case when rate_limits.window_start < now() - make_interval(secs => $2) then 1 else rate_limits.count + 1 end,
       window_start = case when rate_limits.window_start < now() - make_interval(secs => $2) then now() else rate_limits.window_start end
     returning count, ceil(extract(epoch from (window_start + make_interval(secs => $2) - now())))::int as retry`,
    [key, windowSeconds],
  );
  return { count: Number(row.count), retryAfter: Math.max(1, Number(row.retry)) };
}

/** The count in the current window without counting (0 when the window has passed). */
export async function peek(database: Database, key: string, windowSeconds: number) {
  const [row] = await database.query<{ count: number; retry: number }>(
    `select count, ceil(extract(epoch from (window_start + make_interval(secs => $2) - now())))::int as retry
       from rate_limits where key = $1 and window_start >= now() - make_interval(secs => $2)`,
    [key, windowSeconds],
  );
  return row ? { count: Number(row.count), retryAfter: Math.max(1, Number(row.retry)) } : { count: 0, retryAfter: 0 };
}

export async function reset(database: Database, key: string) {
  await database.query(`delete from rate_limits where key = $1`, [key]);
}

/** Lookups by a typed serial (a ballot card, an evaluation code): failed tries per address, shared by every instance. */
export const LOOKUP_LIMITS = { failuresPerTenMinutes: 60 };

/**
 * Run a lookup by something typed from paper; a miss (one of `misses`, e.g. `card_serial_unknown`) counts against the
 * caller's address, and past the limit every lookup from that address is refused until the window ends. Serials are
 * eight characters of 31 (8.5 × 10¹¹), so guessing is hopeless anyway; this keeps it from being tried at all. Only
 * misses count: a hall full of tablets behind one address typing their own serials is never limited.
 */
export async function limitMisses<T>(database: Database, address: string, key: string, misses: string[], fn: () => Promise<T>): Promise<T> {
  const k = `${key}:${address}`;
  const seconds = 600;
  const seen = await peek(database, k, seconds);
  if (seen.count >= LOOKUP_LIMITS.failuresPerTenMinutes) throw new AppError('rate_limited', { retryAfter: seen.retryAfter }, undefined, { 'Retry-After': String(seen.retryAfter) });
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && misses.includes(e.code)) await hit(database, k, seconds);
    throw e;
  }
}
