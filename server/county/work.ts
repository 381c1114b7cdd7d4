/**
 * An overseer's to-do list on their county or city (server/home/my-work.ts): filled by the county stage (e.g. hall
 * packages waiting, townships without a vote this year). Empty until then.
 */
import type { WorkItem } from '../../shared/home/schema.ts';
import type { DbOrTx } from '../db/client.ts';

export type CountyWorkScope = { db: DbOrTx; congressId: string; accountId: string; today: string };
type Item = Omit<WorkItem, 'congressId' | 'congressName' | 'role'>;

export async function overseerWork(_s: CountyWorkScope): Promise<Item[]> {
  return [];
}
