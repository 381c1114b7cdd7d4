/**
 * What a county (or city) may see of the congresses below it (SPEC §16). The county's staff and overseers pass
 * `county.read` on the county itself; everything they read of a township goes through the county's routes, which ask
 * here first whether the township is below. Nothing here opens a township's own routes to them: an overseer holds no
 * role in a township (shared/roles.ts MEMBER_ROLES).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { AppError } from '../lib/errors.ts';

export type Below = { id: string; name: string; level: string; term: number; parentId: string | null; depth: number };

/** Every congress below `congressId` (children, their children…), nearest first. One recursive query. */
export async function congressesBelow(db: DbOrTx, congressId: string): Promise<Below[]> {
  return rowsOf<Below>(db, sql`
    with recursive below(id, name, level, term, parent_id, depth) as (
      select id, name, level, term, parent_id, 1 from congresses where parent_id = ${congressId}
      union all
      select c.id, c.name, c.level, c.term, c.parent_id, b.depth + 1 from congresses c join below b on c.parent_id = b.id where b.depth < 4
    )
    select id, name, level, term, parent_id as "parentId", depth from below order by depth, name`);
}

/** The congress `childId` if it is below `countyId`, else a 404 that says so (never whether it exists elsewhere). */
export async function requireBelow(db: DbOrTx, countyId: string, childId: string): Promise<Below> {
  const found = (await congressesBelow(db, countyId)).find((b) => b.id === childId);
  if (!found) throw new AppError('congress_not_below');
  return found;
}
