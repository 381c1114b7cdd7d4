/** The roster list: search and status filter on the server, a page at a time in a stable order, counts by status. */
import { and, asc, count, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import { offsetOf } from '../../shared/paging.ts';
import type { RosterPage, RosterPageQuery } from '../../shared/roster/page.ts';
import type { DbOrTx } from '../db/client.ts';
import { representatives } from '../db/schema/index.ts';
import { serializeRepresentative } from './serialize.ts';

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Name, delegation or constituency containing the text; digits also find a phone number. */
export function rosterSearch(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const pattern = likeOf(q);
  const any = [ilike(representatives.name, pattern), ilike(representatives.delegation, pattern), ilike(representatives.constituency, pattern)];
  const digits = q.replace(/\D/g, '');
  if (/^[\d+\-() ]+$/.test(q) && digits.length >= 3) any.push(like(sql`regexp_replace(${representatives.phone}, '[^0-9]', '', 'g')`, `%${digits}%`));
  return or(...any);
}

export async function listRosterPage(db: DbOrTx, congressId: string, f: RosterPageQuery): Promise<RosterPage> {
  const found = and(eq(representatives.congressId, congressId), rosterSearch(f.q));
  const where = f.status ? and(found, eq(representatives.status, f.status)) : found;
  const [rows, [{ n }], byStatus] = await Promise.all([
    db
      .select()
      .from(representatives)
      .where(where)
      // The id last: equal names and delegations keep one order, so no one is on two pages or on none.
      .orderBy(asc(representatives.delegation), asc(representatives.name), asc(representatives.id))
      .limit(f.size)
      .offset(offsetOf(f)),
    db.select({ n: count() }).from(representatives).where(where),
    db.select({ status: representatives.status, n: count() }).from(representatives).where(found).groupBy(representatives.status),
  ]);
  const counts = { seated: 0, left: 0 };
  for (const s of byStatus) counts[s.status] = Number(s.n);
  return { items: rows.map(serializeRepresentative), total: Number(n), page: f.page, size: f.size, counts };
}
