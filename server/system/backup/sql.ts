/**
 * Raw SQL inside a drizzle transaction, whatever the driver: the backup code reads the catalog and moves rows as text,
 * and still runs the audit-chain check (which needs drizzle) in the same transaction.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

export type Q = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** `$1`, `$2`… in `text` become drizzle parameters. */
function bind(text: string, params: unknown[]): SQL {
  if (!params.length) return sql.raw(text);
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) chunks.push(i % 2 ? sql`${params[Number(parts[i]) - 1]}` : sql.raw(parts[i]));
  return sql.join(chunks, sql.raw(''));
}

export function rawOf(db: DbOrTx): Q {
  return async <T>(text: string, params: unknown[] = []) => {
    const res = (await db.execute(bind(text, params))) as unknown;
    return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
  };
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Text forms that read back exactly: UTC, ISO dates, shortest exact floats. Set at the start of every transaction here. */
export async function stableText(q: Q): Promise<void> {
  await q(`set local timezone to 'UTC'`);
  await q(`set local datestyle to 'ISO, YMD'`);
  await q(`set local intervalstyle to 'postgres'`);
  await q(`set local extra_float_digits to 1`);
}
