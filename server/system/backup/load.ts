/**
 * Load a logical backup into a database (PGlite or PostgreSQL) in ONE transaction: make the schema the backup had
 * (its migrations, no more), load every table in foreign-key order with user triggers off (the audit log and published
 * tallies refuse writes otherwise), check every table's row count and checksum against the header and the audit chain,
 * then bring the schema up to this version's migrations. Any failure rolls everything back: the target is unchanged.
 */
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { type Database, MIGRATIONS } from '../../db/client.ts';
import { verifyAuditChain } from '../../lib/audit.ts';
import { checksumOf, listForeignKeys, listTables, loadOrder, selectRows, type Table } from './catalog.ts';
import { type Backup, totalRows } from './dump.ts';
import { OperatorError } from './errors.ts';
import { ident, type Q, rawOf, stableText } from './sql.ts';

export type Contents = { table: string; rows: number }[];

/** The tables of the public schema that hold rows (empty when the database is new or holds no data). */
async function contentsOf(q: Q): Promise<{ tables: number; drizzle: boolean; filled: Contents }> {
  const tables = await listTables(q);
  const filled: Contents = [];
  for (const t of tables) {
    const [{ n }] = await q<{ n: string }>(`select count(*)::text as n from ${ident(t.name)}`);
    if (Number(n)) filled.push({ table: t.name, rows: Number(n) });
  }
  const [{ d }] = await q<{ d: string | null }>(`select to_regnamespace('drizzle')::text as d`);
  return { tables: tables.length, drizzle: Boolean(d), filled };
}

export async function targetContents(database: Database): Promise<Contents> {
  return database.db.transaction(async (tx) => (await contentsOf(rawOf(tx))).filled);
}

/** The largest tables first, six at most: `ballots 82, audit_log 351, … (+29 more)`. */
export function describeContents(c: Contents): string {
  const sorted = c.slice().sort((a, b) => b.rows - a.rows);
  const shown = sorted.slice(0, 6).map((x) => `${x.table} ${x.rows}`);
  return sorted.length > 6 ? `${shown.join(', ')}, … (+${sorted.length - 6})` : shown.join(', ');
}

export function notEmptyError(where: string, c: Contents): OperatorError {
  const total = c.reduce((s, x) => s + x.rows, 0);
  return new OperatorError(
    `目标数据库（${where}）不是空的：${c.length} 个表共 ${total} 行（${describeContents(c)}）。未做任何更改。确要用备份替换其全部数据，请加 --force`,
    `The target database (${where}) is not empty: ${total} rows in ${c.length} tables (${describeContents(c)}). Nothing was changed. To replace all of its data with the backup, add --force`,
  );
}

type Migration = ReturnType<typeof readMigrationFiles>[number];

/** This code's migrations up to the backup's last one; refuses a backup from a newer Minsheng. */
export function migrationsFor(b: Backup): { upTo: Migration[]; after: Migration[]; warnings: string[] } {
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS });
  const byTime = new Map(known.map((m) => [m.folderMillis, m]));
  const lastKnown = Math.max(0, ...known.map((m) => m.folderMillis));
  const warnings: string[] = [];
  for (const m of b.header.migrations) {
    if (m.createdAt > lastKnown)
      throw new OperatorError(
        `此备份来自更新版本的 Minsheng（含本程序不认识的数据库迁移），请先升级 Minsheng 再恢复`,
        `This backup comes from a newer Minsheng; upgrade first (it has database migrations this version does not know)`,
      );
    const mine = byTime.get(m.createdAt);
    if (!mine)
      throw new OperatorError(`此备份含有本程序没有的数据库迁移（${m.createdAt}），无法恢复`, `This backup has a database migration this version does not have (${m.createdAt}); it cannot be restored here`);
    if (mine.hash !== m.hash) warnings.push(`migration ${m.createdAt}: the backup's hash differs from this version's file`);
  }
  const level = Math.max(0, ...b.header.migrations.map((m) => m.createdAt));
  return { upTo: known.filter((m) => m.folderMillis <= level), after: known.filter((m) => m.folderMillis > level), warnings };
}

async function applyMigrations(q: Q, ms: Migration[]) {
  // What drizzle's migrator does, inside our transaction.
  await q('create schema if not exists drizzle');
  await q('create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)');
  for (const m of ms) {
    for (const stmt of m.sql) if (stmt.trim()) await q(stmt);
    await q('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [m.hash, String(m.folderMillis)]);
  }
}

function insertSql(t: Table): string {
  const cols = t.columns.map((c) => ident(c.name)).join(', ');
  const vals = t.columns.map((c, i) => (c.encoding === 'base64' ? `decode(r->>${i}, 'base64')` : `(r->>${i})::${c.type}`)).join(', ');
  const override = t.columns.some((c) => c.identityAlways) ? ' overriding system value' : '';
  return `insert into ${ident(t.name)} (${cols})${override} select ${vals} from json_array_elements($1::json) as r`;
}

export type LoadReport = {
  tables: number;
  rows: number;
  auditEntries: number;
  auditHead: { seq: number; hash: string } | null;
  migrationsFromBackup: number;
  migrationsAppliedAfter: number;
  replaced: Contents;
  warnings: string[];
};

export async function loadBackup(database: Database, b: Backup, opts: { force?: boolean; where: string }): Promise<LoadReport> {
  const { upTo, after, warnings } = migrationsFor(b);
  return database.db.transaction(async (tx) => {
    const q = rawOf(tx);
    await stableText(q);
    const before = await contentsOf(q);
    if (before.filled.length && !opts.force) throw notEmptyError(opts.where, before.filled);
    // Start from nothing: the schema is rebuilt at the backup's migration level (the target may be at another).
    if (before.tables || before.drizzle) {
      await q('drop schema if exists drizzle cascade');
      await q('drop schema if exists public cascade');
      await q('create schema public');
    }
    await applyMigrations(q, upTo);

    const here = new Map((await listTables(q)).map((t) => [t.name, t]));
    for (const t of b.header.tables) {
      const mine = here.get(t.name);
      if (!mine) throw new OperatorError(`备份中的表 ${t.name} 在本版本的结构中不存在`, `The backup's table ${t.name} is not in this version's schema`);
      for (const c of t.columns)
        if (!mine.columns.some((m) => m.name === c.name && m.type === c.type))
          throw new OperatorError(`备份中的列 ${t.name}.${c.name}（${c.type}）与本版本的结构不符`, `The backup's column ${t.name}.${c.name} (${c.type}) does not match this version's schema`);
    }
    const names = b.header.tables.map((t) => t.name);
    const { order, deferred } = loadOrder(names, await listForeignKeys(q));
    for (const fk of deferred) await q(`alter table ${ident(fk.table)} drop constraint ${ident(fk.name)}`);
    for (const n of names) await q(`alter table ${ident(n)} disable trigger user`);
    const byName = new Map(b.header.tables.map((t) => [t.name, t]));
    for (const n of order) {
      const t = byName.get(n)!;
      const lines = b.rows.get(n)!;
      const text = insertSql(t);
      for (let i = 0; i < lines.length; ) {
        let size = 0;
        let j = i;
        while (j < lines.length && j - i < 2000 && size < 8_000_000) size += lines[j++].length;
        await q(text, [`[${lines.slice(i, j).join(',')}]`]);
        i = j;
      }
    }
    for (const n of names) await q(`alter table ${ident(n)} enable trigger user`);
    for (const fk of deferred) await q(`alter table ${ident(fk.table)} add constraint ${ident(fk.name)} ${fk.definition}`);
    for (const s of b.header.sequences) await q('select setval($1::regclass, $2::bigint, $3::boolean)', [ident(s.name), s.lastValue, String(s.isCalled)]);

    // Check what is now in the database, read back the way the dump read it.
    for (const t of b.header.tables) {
      const lines = (await q<{ line: string }>(selectRows(t))).map((r) => r.line);
      if (lines.length !== t.rows || checksumOf(lines) !== t.sha256)
        throw new OperatorError(
          `恢复后的表 ${t.name} 与备份不一致（${lines.length} 行，备份 ${t.rows} 行），已全部撤销`,
          `After loading, table ${t.name} differs from the backup (${lines.length} rows, the backup has ${t.rows}); everything was rolled back`,
        );
    }
    const chain = await verifyAuditChain(tx as never);
    if (!chain.ok)
      throw new OperatorError(
        `备份中的审计日志在第 ${chain.firstBroken!.seq} 条处断裂（${chain.firstBroken!.reason}），已全部撤销`,
        `The backup's audit chain breaks at entry ${chain.firstBroken!.seq} (${chain.firstBroken!.reason}); everything was rolled back`,
      );
    await applyMigrations(q, after);
    return {
      tables: b.header.tables.length,
      rows: totalRows(b.header),
      auditEntries: chain.checked,
      auditHead: chain.head,
      migrationsFromBackup: upTo.length,
      migrationsAppliedAfter: after.length,
      replaced: before.filled,
      warnings,
    };
  });
}
