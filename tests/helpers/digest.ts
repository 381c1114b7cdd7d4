/**
 * A digest of a database, table by table, that owes nothing to the code it judges: it imports nothing of the server
 * (in particular not the backup's catalog or dump), reads the tables and columns from information_schema, and puts
 * every value in a normal text form written here, the same on PGlite and PostgreSQL for the same data whatever the
 * session's settings (time zone, date style, float digits, bytea output):
 * - timestamps in UTC with microseconds, dates as YYYY-MM-DD (to_char, not the text output);
 * - numeric as its exact text (scale kept: 1.50 is not 1.5), integers and booleans as text;
 * - json and jsonb as jsonb text (keys in jsonb's order, whitespace gone); bytea as hex; floats as their 8 bytes in hex;
 * - a type with no normal form here is an error naming the column, so a new type is given one on purpose.
 * A row is the JSON array of its values in column order (null stays null); a table's digest is its row count and the
 * MD5 of its rows' MD5s, sorted: the rows in an order fixed by all of their columns, never the storage order (sorting
 * the short MD5s rather than the rows themselves, which may hold photos, keeps it cheap enough for the authorization
 * matrix, which digests the database before and after the refused calls of every route).
 *
 * Tables: every base table of the public schema, and drizzle's migration table as `drizzle.__drizzle_migrations`
 * (the schema version: a restore or migration that ran other migrations, or none, differs there).
 */

/** What both database handles of the tests have (server/db/client.ts's Database, a TestApp's database). */
export type Queryable = { query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> };

export type DigestOptions = {
  /** Tables left out by name (say why where you leave one out). */
  exclude?: string[];
  /** Per table, only these columns (say why). */
  only?: Record<string, string[]>;
};

type Column = { name: string; type: string; expr: string };
type TableOf = { name: string; from: string; columns: Column[] };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The normal text form of one column's value (see the top of the file). */
function normal(table: string, column: string, type: string): string {
  const c = ident(column);
  switch (type) {
    case 'text':
    case 'character varying':
    case 'character':
    case 'uuid':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'numeric':
    case 'boolean':
      return `${c}::text`;
    case 'timestamp with time zone':
      return `case when isfinite(${c}) then to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') else ${c}::text end`;
    case 'timestamp without time zone':
      return `case when isfinite(${c}) then to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.US') else ${c}::text end`;
    case 'date':
      return `case when isfinite(${c}) then to_char(${c}, 'YYYY-MM-DD') else ${c}::text end`;
    case 'json':
    case 'jsonb':
      return `${c}::jsonb::text`;
    case 'bytea':
      return `encode(${c}, 'hex')`;
    case 'real':
    case 'double precision':
      return `encode(float8send(${c}::float8), 'hex')`;
    default:
      throw new Error(`digest: no normal form for ${table}.${column} of type ${type} — give it one in tests/helpers/digest.ts`);
  }
}

/** The tables and their columns, from information_schema, in a fixed order. */
async function tablesOf(db: Queryable, opts: DigestOptions): Promise<TableOf[]> {
  const rows = await db.query<{ schema: string; table: string; column: string; type: string }>(`
    select c.table_schema as "schema", c.table_name as "table", c.column_name as "column", c.data_type as "type"
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where t.table_type = 'BASE TABLE'
       and (c.table_schema = 'public' or (c.table_schema = 'drizzle' and c.table_name = '__drizzle_migrations'))
     order by c.table_schema desc, c.table_name, c.ordinal_position`);
  const tables = new Map<string, TableOf>();
  for (const r of rows) {
    const name = r.schema === 'public' ? r.table : `${r.schema}.${r.table}`;
    if (opts.exclude?.includes(name)) continue;
    if (opts.only?.[name] && !opts.only[name].includes(r.column)) continue;
    let t = tables.get(name);
    if (!t) tables.set(name, (t = { name, from: `${ident(r.schema)}.${ident(r.table)}`, columns: [] }));
    t.columns.push({ name: r.column, type: r.type, expr: normal(name, r.column, r.type) });
  }
  return [...tables.values()];
}

const rowOf = (t: TableOf) => `array_to_json(array[${t.columns.map((c) => c.expr).join(', ')}]::text[])::text`;

function digestSql(tables: TableOf[]): string {
  return tables
    .map((t) => `select ${literal(t.name)} as t, count(*)::int as n, coalesce(md5(string_agg(m, '' order by m)), '') as h from (select md5(${rowOf(t)}) as m from ${t.from}) x`)
    .join('\nunion all\n');
}

async function run(db: Queryable, tables: TableOf[]): Promise<Map<string, string>> {
  if (!tables.length) return new Map();
  const rows = await db.query<{ t: string; n: number; h: string }>(digestSql(tables));
  return new Map(rows.map((r) => [r.t, `${r.n} rows, md5 ${r.h}`]));
}

/** Every table's digest (`<n> rows, md5 <hex>`), by table name. */
export async function tableDigests(db: Queryable, opts: DigestOptions = {}): Promise<Map<string, string>> {
  return run(db, await tablesOf(db, opts));
}

/** The same, with the catalog read once (for a test that digests one database many times). */
export function digester(opts: DigestOptions = {}): (db: Queryable) => Promise<Map<string, string>> {
  let tables: TableOf[] | null = null;
  return async (db) => run(db, (tables ??= await tablesOf(db, opts)));
}

/** A table's rows in their normal form, sorted (for showing what differs). */
async function rowsOf(db: Queryable, t: TableOf): Promise<string[]> {
  return (await db.query<{ r: string }>(`select r from (select ${rowOf(t)} as r from ${t.from}) x order by r collate "C"`)).map((x) => x.r);
}

const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);

/**
 * Two databases compared table by table: `tables` are the names compared (every table of either side), `differences`
 * one line per table that is missing on one side, whose columns differ, or whose rows differ (with a few of the rows
 * found on one side only). Equal databases: `differences` is empty.
 */
export async function compareDatabases(
  a: Queryable,
  b: Queryable,
  opts: DigestOptions & { names?: [string, string] } = {},
): Promise<{ tables: string[]; rows: Map<string, number>; differences: string[] }> {
  const [na, nb] = opts.names ?? ['source', 'copy'];
  const [ta, tb] = [await tablesOf(a, opts), await tablesOf(b, opts)];
  const [da, db] = [await run(a, ta), await run(b, tb)];
  const byName = (ts: TableOf[]) => new Map(ts.map((t) => [t.name, t]));
  const [ma, mb] = [byName(ta), byName(tb)];
  const tables = [...new Set([...ma.keys(), ...mb.keys()])].sort();
  const differences: string[] = [];
  for (const name of tables) {
    const [x, y] = [ma.get(name), mb.get(name)];
    if (!x || !y) {
      differences.push(`${name}: only in ${x ? na : nb}`);
      continue;
    }
    const cols = (t: TableOf) => t.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    if (cols(x) !== cols(y)) {
      differences.push(`${name}: columns differ — ${na} (${cols(x)}), ${nb} (${cols(y)})`);
      continue;
    }
    if (da.get(name) === db.get(name)) continue;
    const [rx, ry] = [await rowsOf(a, x), await rowsOf(b, y)];
    const left = (p: string[], q: string[]) => {
      const count = new Map<string, number>();
      for (const r of q) count.set(r, (count.get(r) ?? 0) + 1);
      return p.filter((r) => {
        const n = count.get(r) ?? 0;
        if (n) count.set(r, n - 1);
        return !n;
      });
    };
    const [onlyX, onlyY] = [left(rx, ry), left(ry, rx)];
    differences.push(
      `${name}: ${da.get(name)} in ${na}, ${db.get(name)} in ${nb}; ${onlyX.length} rows only in ${na}${onlyX.length ? ` (${onlyX.slice(0, 2).map(short).join(' | ')})` : ''}, ${onlyY.length} only in ${nb}${onlyY.length ? ` (${onlyY.slice(0, 2).map(short).join(' | ')})` : ''}`,
    );
  }
  const rows = new Map([...da].map(([k, v]) => [k, Number(v.split(' ')[0])]));
  return { tables, rows, differences };
}
