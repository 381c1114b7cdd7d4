/**
 * A logical dump of the whole database in one read-only transaction (a consistent snapshot: on PGlite the
 * transaction holds the database's queue, so it is short — rows are gathered in memory and written out after).
 */
import type { Database } from '../../db/client.ts';
import { checksumOf, listSequences, listTables, selectRows, type Table } from './catalog.ts';
import { rawOf, stableText } from './sql.ts';

export const FORMAT = 'minsheng-backup';
export const VERSION = 1;

export type TableHeader = Table & { rows: number; sha256: string };
export type BackupHeader = {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  database: 'pglite' | 'postgres';
  /** server_version of the source. */
  postgres: string;
  /** drizzle.__drizzle_migrations of the source, oldest first. */
  migrations: { hash: string; createdAt: number }[];
  tables: TableHeader[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
};
/** The rows of each table, one JSON array per row (see catalog.rowExpression), in the header's table order. */
export type Backup = { header: BackupHeader; rows: Map<string, string[]> };

export async function takeDump(database: Database): Promise<Backup> {
  return database.db.transaction(async (tx) => {
    const q = rawOf(tx);
    await q('set transaction isolation level repeatable read, read only');
    await stableText(q);
    const [{ v }] = await q<{ v: string }>(`select current_setting('server_version') as v`);
    const [{ m }] = await q<{ m: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as m`);
    const migrations = m
      ? (await q<{ hash: string; created_at: string }>('select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id')).map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }))
      : [];
    const rows = new Map<string, string[]>();
    const tables: TableHeader[] = [];
    for (const t of await listTables(q)) {
      const lines = (await q<{ line: string }>(selectRows(t))).map((r) => r.line);
      rows.set(t.name, lines);
      tables.push({ ...t, rows: lines.length, sha256: '' });
    }
    const sequences = await listSequences(q);
    // Checksums after the transaction's reads, in the same process: cheap, and they go into the header.
    for (const t of tables) t.sha256 = checksumOf(rows.get(t.name)!);
    const header: BackupHeader = { format: 'minsheng-backup', version: VERSION, createdAt: new Date().toISOString(), database: database.kind, postgres: v, migrations, tables, sequences };
    return { header, rows };
  });
}

/** Per-table row counts and checksums of a live database, read the same way a dump reads them (tests, migration). */
export async function tableChecksums(database: Database): Promise<Map<string, { rows: number; sha256: string }>> {
  const dump = await takeDump(database);
  return new Map(dump.header.tables.map((t) => [t.name, { rows: t.rows, sha256: t.sha256 }]));
}

/** The audit chain's head as recorded in a dump (the row with the highest seq), for summaries. */
export function auditHead(b: Backup): { seq: number; hash: string } | null {
  const t = b.header.tables.find((x) => x.name === 'audit_log');
  if (!t || !t.rows) return null;
  const seqAt = t.columns.findIndex((c) => c.name === 'seq');
  const hashAt = t.columns.findIndex((c) => c.name === 'hash');
  let best: { seq: number; hash: string } | null = null;
  for (const line of b.rows.get('audit_log')!) {
    const r = JSON.parse(line) as string[];
    const seq = Number(r[seqAt]);
    if (!best || seq > best.seq) best = { seq, hash: r[hashAt] };
  }
  return best;
}

export const totalRows = (h: BackupHeader) => h.tables.reduce((s, t) => s + t.rows, 0);
