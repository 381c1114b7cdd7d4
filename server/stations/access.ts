/** Which stations an account keeps, and the checks every stations route starts with (the station is this congress's; a keeper acts for their own). */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { memberships, representatives, stationRepresentatives, stations } from '../db/schema/index.ts';
import type { CongressAccess } from '../lib/auth.ts';
import { AppError } from '../lib/errors.ts';

/** The stations this account keeps (role `station`) in the congress. */
export async function keeperStationIds(db: DbOrTx, congressId: string, accountId: string): Promise<string[]> {
  const rows = await db
    .select({ stationId: memberships.stationId })
    .from(memberships)
    .where(and(eq(memberships.congressId, congressId), eq(memberships.accountId, accountId), eq(memberships.role, 'station'), isNotNull(memberships.stationId)));
  return rows.map((r) => r.stationId!);
}

/** Staff (the congress's admins, system administrators) manage every station. */
export const isStationStaff = (access: CongressAccess) => access.auth.account.systemAdmin || access.roles.includes('admin');

/** The station, if it is this congress's (404 otherwise, whatever it is elsewhere). */
export async function stationIn(db: DbOrTx, congressId: string, stationId: string) {
  const [row] = await db.select().from(stations).where(and(eq(stations.id, stationId), eq(stations.congressId, congressId)));
  if (!row) throw new AppError('station_not_found');
  return row;
}

/** Whether the caller may keep this station's plan and records: staff, or this station's own keeper. */
export async function mayKeep(db: DbOrTx, access: CongressAccess, stationId: string): Promise<boolean> {
  if (isStationStaff(access)) return true;
  if (!access.roles.includes('station')) return false;
  return (await keeperStationIds(db, access.congress.id, access.auth.account.id)).includes(stationId);
}

/** The station of this congress the caller keeps: 404 for another congress's, 403 for another station of a keeper. */
export async function keptStation(db: DbOrTx, access: CongressAccess, stationId: string) {
  const row = await stationIn(db, access.congress.id, stationId);
  if (!(await mayKeep(db, access, stationId))) throw new AppError('station_not_yours');
  return row;
}

/** Representatives of the congress by id; any id not on this congress's roster is refused. */
export async function congressReps(db: DbOrTx, congressId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await db
    .select({ id: representatives.id, name: representatives.name, delegation: representatives.delegation })
    .from(representatives)
    .where(and(eq(representatives.congressId, congressId), inArray(representatives.id, unique)));
  if (rows.length !== unique.length) throw new AppError('representative_not_found');
  return rows;
}

/** The representatives assigned to a station (进站), by name. */
export async function stationReps(db: DbOrTx, stationId: string) {
  return db
    .select({ id: representatives.id, name: representatives.name, delegation: representatives.delegation, status: representatives.status })
    .from(stationRepresentatives)
    .innerJoin(representatives, eq(representatives.id, stationRepresentatives.representativeId))
    .where(eq(stationRepresentatives.stationId, stationId))
    .orderBy(representatives.name);
}
