/** A station keeper's to-do list (their station's reception days, new items): filled by the stations stage. */
import type { WorkItem } from '../../shared/home/schema.ts';
import type { DbOrTx } from '../db/client.ts';

export type StationWorkScope = { db: DbOrTx; congressId: string; accountId: string; today: string };
type Item = Omit<WorkItem, 'congressId' | 'congressName' | 'role'>;

export async function stationWork(_s: StationWorkScope, _stationId: string | null): Promise<Item[]> {
  return [];
}
