import type { Database } from '../db/client.ts';

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
