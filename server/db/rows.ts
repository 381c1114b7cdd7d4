import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';

/** The rows of a raw SQL query, whichever driver answered (postgres.js gives an array, PGlite `{ rows }`). */
export async function rowsOf<T>(db: DbOrTx, q: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(q)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}
