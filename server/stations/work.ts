/** A station keeper's to-do list (their station's reception days, new items): filled by the stations stage. */
import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { WorkItem } from '../../shared/home/schema.ts';
import { addDays } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import { items, receptionDays, receptions, stations } from '../db/schema/index.ts';

export type StationWorkScope = { db: DbOrTx; congressId: string; accountId: string; today: string };
type Item = Omit<WorkItem, 'congressId' | 'congressName' | 'role'>;

/** How far back a planned day without a record is still asked for. */
const LOOK_BACK_DAYS = 14;

/**
 * A planned reception day today or tomorrow, or one of the last two weeks with no record yet (overdue); and the items
 * that came in through the station and wait for triage (a count).
 */
export async function stationWork(s: StationWorkScope, stationId: string | null): Promise<Item[]> {
  if (!stationId) return [];
  const [station] = await s.db.select({ id: stations.id, name: stations.name }).from(stations).where(and(eq(stations.id, stationId), eq(stations.congressId, s.congressId)));
  if (!station) return [];
  const href = `/c/${s.congressId}/stations/${station.id}`;
  const days = await s.db
    .select({ id: receptionDays.id, day: receptionDays.day })
    .from(receptionDays)
    .leftJoin(receptions, eq(receptions.dayId, receptionDays.id))
    .where(and(eq(receptionDays.stationId, station.id), gte(receptionDays.day, addDays(s.today, -LOOK_BACK_DAYS)), lte(receptionDays.day, addDays(s.today, 1)), isNull(receptions.id)))
    .orderBy(asc(receptionDays.day));
  const [waiting] = await s.db.select({ n: sql<number>`count(*)::int` }).from(items).where(and(eq(items.stationId, station.id), eq(items.status, 'received')));
  const base = { objectId: null, name: null, count: null, year: null, dueOn: null, overdue: false };
  return [
    ...days.map((d) => ({ ...base, kind: 'reception_day' as const, href, objectId: d.id, name: station.name, dueOn: d.day, overdue: d.day < s.today })),
    ...(Number(waiting?.n ?? 0) > 0 ? [{ ...base, kind: 'station_items' as const, href: `/c/${s.congressId}/items?station=${station.id}&status=received`, name: station.name, count: Number(waiting!.n) }] : []),
  ];
}
