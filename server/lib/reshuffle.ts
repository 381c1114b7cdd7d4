/**
 * Secrecy of the storage order (design §12): rows are written as they arrive, so until they are moved the table's
 * physical order — what a plain `SELECT *` returns — follows arrival, and arrival can be matched to who walked up to a
 * tablet when. When a vote closes (and again when its tally is prepared, after paper ballots) and when an evaluation
 * round closes, its rows are rewritten in a random order in the same transaction. The old row versions are dead at
 * once and invisible; VACUUM reclaims them.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';

const TABLES = { ballots: 'vote_id', eval_answers: 'round_id', eval_comments: 'round_id', eval_spent: 'round_id' } as const;

export async function reshuffle(tx: Tx, table: keyof typeof TABLES, id: string): Promise<void> {
  const column = TABLES[table]; // identifiers from the fixed list above, never from input
  await tx.execute(sql`with moved as (delete from ${sql.identifier(table)} where ${sql.identifier(column)} = ${id} returning *) insert into ${sql.identifier(table)} select * from moved order by random()`);
}
