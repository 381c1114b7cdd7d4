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

/**
 * Take one attempt under a fixed-window limit, counting it and deciding in ONE statement: the row lock of the
 * `INSERT … ON CONFLICT DO UPDATE … WHERE` orders concurrent attempts (on every instance, on both databases), so in a
 * window exactly `limit` attempts are let through whatever arrives at once. A refused attempt leaves the row alone
 * (the WHERE is false, nothing is returned): hammering a full window does not extend it.
 */
export async function take(database: Database, key: string, limit: number, windowSeconds: number): Promise<Taken> {
  const rows = await database.query<{ count: number }>(
    `insert into rate_limits (key, window_start, count) values ($1, now(), 1)
     on conflict (key) do update set
       count = case when rate_limits.window_start < now() - make_interval(secs => $2) then 1 else rate_limits.count + 1 end,
       window_start = case when rate_limits.window_start < now() - make_interval(secs => $2) then now() else rate_limits.window_start end
     where rate_limits.window_start < now() - make_interval(secs => $2) or rate_limits.count < $3::int
     returning count`,
    [key, windowSeconds, limit],
  );
  if (rows.length) return { allowed: true, count: Number(rows[0].count) };
  return { allowed: false, retryAfter: (await peek(database, key, windowSeconds)).retryAfter || 1 };
}

export type Taken = { allowed: true; count: number } | { allowed: false; retryAfter: number };

/**
 * A slow-down instead of a lock: `free` attempts at once, then each further attempt only `delay(k)` seconds after the
 * previous one counted, the k-th extra one waiting `firstDelay × 2^(k-1)` seconds, at most `maxDelay`. The streak is
 * forgotten `forgetSeconds` after its last counted attempt. Row: `count` = attempts in the streak, `window_start` =
 * when the last one was counted.
 */
export type Backoff = { free: number; firstDelaySeconds: number; maxDelaySeconds: number; forgetSeconds: number };

const backoffDelay = (count: string, free: string, first: string, max: string) =>
  `make_interval(secs => least(${first}::float8 * power(2, least(${count} - ${free}::int, 30)), ${max}::float8))`;

/** Like `take`, atomically, under a `Backoff`: the wait before the next attempt grows with each one counted. */
export async function takeWithBackoff(database: Database, key: string, b: Backoff): Promise<Taken> {
  const rows = await database.query<{ count: number }>(
    `insert into rate_limits (key, window_start, count) values ($1, now(), 1)
     on conflict (key) do update set
       count = case when rate_limits.window_start < now() - make_interval(secs => $2) then 1 else rate_limits.count + 1 end,
       window_start = now()
     where rate_limits.window_start < now() - make_interval(secs => $2)
        or rate_limits.count < $3::int
        or rate_limits.window_start + ${backoffDelay('rate_limits.count', '$3', '$4', '$5')} <= now()
     returning count`,
    [key, b.forgetSeconds, b.free, b.firstDelaySeconds, b.maxDelaySeconds],
  );
  if (rows.length) return { allowed: true, count: Number(rows[0].count) };
  const [row] = await database.query<{ retry: number }>(
    `select ceil(extract(epoch from (window_start + ${backoffDelay('count', '$2', '$3', '$4')} - now())))::int as retry
       from rate_limits where key = $1`,
    [key, b.free, b.firstDelaySeconds, b.maxDelaySeconds],
  );
  return { allowed: false, retryAfter: Math.max(1, Number(row?.retry ?? 1)) };
}

/** Give back attempts counted by `take`/`takeWithBackoff`/`hit` (one per key): a success, or one refused further on. */
export async function giveBack(database: Database, keys: string[]) {
  if (!keys.length) return;
  const list = keys.map((_, i) => `$${i + 1}`).join(', ');
  await database.query(`update rate_limits set count = greatest(count - 1, 0) where key in (${list})`, keys);
}

/** Note that something happened now (`window_start` = the last time): `peek(key, seconds)` then says whether it did within `seconds`. */
export async function mark(database: Database, key: string) {
  await database.query(
    `insert into rate_limits (key, window_start, count) values ($1, now(), 1)
     on conflict (key) do update set window_start = now(), count = rate_limits.count + 1`,
    [key],
  );
}
