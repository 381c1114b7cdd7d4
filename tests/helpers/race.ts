/** What the forced-race tests (a close racing group-committed casts or answers) wait on: states, never times. */
import type { Database } from '../../server/db/client.ts';

/**
 * Wait for a state (polled), never for a time. `settle`: then one more turn of the event loop, so that a database call
 * just made has taken its place in PGlite's queue (its way there is promise callbacks only).
 */
export async function until(ok: () => boolean | Promise<boolean>, settle = false) {
  while (!(await ok())) await new Promise((r) => setTimeout(r, 2));
  if (settle) await new Promise((r) => setImmediate(r));
}

/**
 * PostgreSQL: an advisory lock taken as pg_advisory_xact_lock*(lockClass, hashtext(key)) — how many hold it shared,
 * and how many wait for it exclusively (a vote's cast lock, a round's answer lock).
 */
export async function advisoryLock(database: Database, lockClass: number, key: string) {
  const [r] = await database.query<{ shared: number; waiting: number }>(
    `select count(*) filter (where granted and mode = 'ShareLock')::int as shared, count(*) filter (where not granted and mode = 'ExclusiveLock')::int as waiting
       from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())
        and classid::bigint = $1 and objid::bigint = (hashtext($2)::bigint & 4294967295) and objsubid = 2`,
    [lockClass, key],
  );
  return r;
}
