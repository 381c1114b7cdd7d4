/**
 * What is in the public schema, read from the catalog (never a hard-coded list, so a table added by a later migration
 * is backed up without anyone remembering to): tables, their columns in order, primary keys, foreign keys, sequences.
 */
import { createHash } from 'node:crypto';
import { ident, type Q } from './sql.ts';

export type Column = { name: string; type: string; encoding: 'text' | 'base64'; identityAlways: boolean };
export type Table = { name: string; columns: Column[]; primaryKey: string[] };
export type ForeignKey = { name: string; table: string; references: string; definition: string };

export async function listTables(q: Q): Promise<Table[]> {
  const rows = await q<{ table: string; column: string; type: string; typname: string; identity: string; pk: number | null }>(`
    select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type",
           t.typname as "typname", a.attidentity::text as "identity",
           (select k.ord::int from pg_index i, unnest(i.indkey) with ordinality as k(attnum, ord)
             where i.indrelid = c.oid and i.indisprimary and k.attnum = a.attnum) as "pk"
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      join pg_type t on t.oid = a.atttypid
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname, a.attnum`);
  const tables = new Map<string, Table & { pkOrder: [number, string][] }>();
  for (const r of rows) {
    let t = tables.get(r.table);
    if (!t) tables.set(r.table, (t = { name: r.table, columns: [], primaryKey: [], pkOrder: [] }));
    t.columns.push({ name: r.column, type: r.type, encoding: r.typname === 'bytea' ? 'base64' : 'text', identityAlways: r.identity === 'a' });
    if (r.pk !== null && r.pk !== undefined) t.pkOrder.push([Number(r.pk), r.column]);
  }
  return [...tables.values()].map(({ pkOrder, ...t }) => ({ ...t, primaryKey: pkOrder.sort((a, b) => a[0] - b[0]).map((p) => p[1]) }));
}

export async function listForeignKeys(q: Q): Promise<ForeignKey[]> {
  return q<ForeignKey>(`
    select con.conname as "name", c.relname as "table", r.relname as "references", pg_get_constraintdef(con.oid) as "definition"
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_class r on r.oid = con.confrelid
      join pg_namespace n on n.oid = c.relnamespace
     where con.contype = 'f' and n.nspname = 'public'
     order by c.relname, con.conname`);
}

export async function listSequences(q: Q): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  const seqs = await q<{ name: string }>(`
    select c.relname as "name" from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'S' order by c.relname`);
  const out = [];
  for (const s of seqs) {
    const [v] = await q<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${ident(s.name)}`);
    out.push({ name: s.name, lastValue: v.last_value, isCalled: v.is_called === true || (v.is_called as unknown) === 't' });
  }
  return out;
}

/**
 * Load order: a table after the tables it references. Foreign keys that no order can satisfy (a table referencing
 * itself, or a cycle) are returned as `deferred`: the loader drops them for the load and adds them back after it,
 * which checks every row against them.
 */
export function loadOrder(tables: string[], fks: ForeignKey[]): { order: string[]; deferred: ForeignKey[] } {
  const known = new Set(tables);
  const deferred: ForeignKey[] = [];
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const fk of fks) {
    if (!known.has(fk.table) || !known.has(fk.references)) continue;
    if (fk.table === fk.references) deferred.push(fk);
    else deps.get(fk.table)!.add(fk.references);
  }
  const order: string[] = [];
  const left = new Set([...tables].sort());
  while (left.size) {
    const ready = [...left].filter((t) => [...deps.get(t)!].every((d) => !left.has(d)));
    if (!ready.length) {
      // A cycle: take the first table left and defer its keys to tables not yet loaded.
      const t = [...left][0];
      for (const fk of fks) if (fk.table === t && left.has(fk.references) && fk.references !== t) deferred.push(fk);
      deps.get(t)!.clear();
      continue;
    }
    for (const t of ready) {
      order.push(t);
      left.delete(t);
    }
  }
  return { order, deferred };
}

/**
 * One row as one line of JSON, built by the database: `["text form", null, "base64 of bytes", …]` in column order.
 * The text forms are PostgreSQL's own output (under stableText), which its input reads back to the same value.
 */
export function rowExpression(t: Table): string {
  const parts = t.columns.map((c) => (c.encoding === 'base64' ? `translate(encode(${ident(c.name)}, 'base64'), E'\\n', '')` : `${ident(c.name)}::text`));
  return `to_json(array[${parts.join(', ')}]::text[])::text`;
}

/**
 * The rows of a table, one line each. Ordered by primary key (for ballots a random id), never by storage order: a
 * backup must not keep the order in which ballots arrived.
 */
export function selectRows(t: Table): string {
  const order = t.primaryKey.length ? t.primaryKey.map(ident).join(', ') : '1';
  return `select ${rowExpression(t)} as line from ${ident(t.name)} order by ${order}`;
}

/** Checksum of a table's content: SHA-256 of its row lines, sorted, one per line. Same data, same checksum, on any database. */
export function checksumOf(lines: string[]): string {
  const h = createHash('sha256');
  for (const l of [...lines].sort()) h.update(l).update('\n');
  return h.digest('hex');
}
