/**
 * The figures counted where the items are (SQL, one pass with GROUPING SETS), by the rules of shared/review/figures.ts:
 * a million items are never read into the server. The handling ratings are read only as counts per department and
 * shown by the k-rule (shared/items/ratings.ts).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ItemCategory } from '../../shared/items/enums.ts';
import { withRates, type RawCounts } from '../../shared/review/figures.ts';
import { handlingFigures, type RatingRow } from '../../shared/items/ratings.ts';
import type { HandlingDimension } from '../../shared/items/enums.ts';
import type { Figures } from '../../shared/review/schema.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { congresses, departments, handlingRatings, stations } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';


type Grouped = RawCounts & { gd: number; gc: number; gs: number; gm: number; department_id: string | null; category: ItemCategory | null; station_id: string | null; month: string | null };

/** Who the figures are for: every department, or only these (a department account's own). */
export type Scope = { departmentIds: readonly string[] | null };

/** The counts of a congress's items received between `from` and `to` (inclusive), in total and by each grouping. */
export async function countItems(db: DbOrTx, congressId: string, from: string, to: string, scope: Scope, today = shanghaiToday()) {
  if (scope.departmentIds && scope.departmentIds.length === 0) return [] as Grouped[];
  const depts = scope.departmentIds ? sql`and i.department_id in (${sql.join(scope.departmentIds.map((d) => sql`${d}`), sql`, `)})` : sql``;
  return rowsOf<Grouped>(
    db,
    sql`with f as (
      select i.department_id, i.station_id, i.category, to_char(i.received_on, 'YYYY-MM') as month, i.status, i.due_on, i.answer_class, i.feedback, i.round,
        i.first_answered_on as first_answered
      from items i
      where i.congress_id = ${congressId} and i.received_on between ${from}::date and ${to}::date ${depts}
    )
    select grouping(department_id)::int as gd, grouping(category)::int as gc, grouping(station_id)::int as gs, grouping(month)::int as gm,
      department_id, category, station_id, month,
      count(*)::int as received,
      count(due_on)::int as due,
      (count(*) filter (where due_on is not null and first_answered <= due_on))::int as "onTime",
      (count(*) filter (where due_on is not null and first_answered > due_on))::int as late,
      (count(*) filter (where due_on is not null and first_answered is null and due_on < ${today}::date))::int as overdue,
      (count(*) filter (where status = 'done' and (answer_class = 'resolved' or department_id is null)))::int as resolved,
      count(feedback)::int as rated,
      (count(*) filter (where feedback in ('satisfied', 'basically')))::int as satisfied,
      (count(*) filter (where round >= 2))::int as reopened
    from f
    group by grouping sets ((department_id), (category), (station_id), (month), ())`,
  );
}

const raw = (g: Grouped): RawCounts => ({ received: g.received, due: g.due, onTime: g.onTime, late: g.late, overdue: g.overdue, resolved: g.resolved, rated: g.rated, satisfied: g.satisfied, reopened: g.reopened });
const ZERO_ROW = { received: 0, due: 0, onTime: 0, late: 0, overdue: 0, resolved: 0, rated: 0, satisfied: 0, reopened: 0 };

/** The handling ratings of the year (the three grades only: a rating row holds nothing else), for the k-rule of shared/items/ratings.ts. */
async function ratingRows(db: DbOrTx, congressId: string, year: number, scope: Scope): Promise<RatingRow[]> {
  if (scope.departmentIds && scope.departmentIds.length === 0) return [];
  return db
    .select({ departmentId: handlingRatings.departmentId, attitude: handlingRatings.attitude, handling: handlingRatings.handling, effect: handlingRatings.effect })
    .from(handlingRatings)
    .where(and(eq(handlingRatings.congressId, congressId), eq(handlingRatings.year, year), scope.departmentIds ? inArray(handlingRatings.departmentId, [...scope.departmentIds]) : undefined));
}

/**
 * The year's figures for this caller: a department account (without a role that reads everything) is narrowed to its
 * own departments; `departmentId` narrows anyone to one department of the congress.
 */
export async function figures(db: DbOrTx, congressId: string, year: number, opts: { departmentId?: string; ownDepartments: readonly string[] | null }, today = shanghaiToday()): Promise<Figures> {
  const [congress] = await db.select({ name: congresses.name, settings: congresses.settings }).from(congresses).where(eq(congresses.id, congressId));
  const depts = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.congressId, congressId)).orderBy(asc(departments.name));
  let scopeIds: string[] | null = opts.ownDepartments ? [...opts.ownDepartments] : null;
  let department: { id: string; name: string } | null = null;
  if (opts.departmentId) {
    department = depts.find((d) => d.id === opts.departmentId) ?? null;
    if (!department || (scopeIds && !scopeIds.includes(department.id))) throw new AppError('figures_department');
    scopeIds = [department.id];
  } else if (scopeIds && scopeIds.length === 1) department = depts.find((d) => d.id === scopeIds![0]) ?? null;
  const scope: Scope = { departmentIds: scopeIds };
  const groups = await countItems(db, congressId, `${year}-01-01`, `${year}-12-31`, scope, today);
  const stationRows = await db.select({ id: stations.id, name: stations.name }).from(stations).where(eq(stations.congressId, congressId)).orderBy(asc(stations.position), asc(stations.name));
  const deptName = new Map(depts.map((d) => [d.id, d.name]));
  const stationName = new Map(stationRows.map((s) => [s.id, s.name]));
  const totalRow = groups.find((g) => g.gd && g.gc && g.gs && g.gm);
  const kMin = (congress?.settings as { evaluation?: { kMin?: number } } | null)?.evaluation?.kMin ?? 5;
  const rated = handlingFigures(await ratingRows(db, congressId, year, scope), kMin);
  const ratedDepts = scopeIds ? depts.filter((d) => scopeIds!.includes(d.id)) : depts.filter((d) => rated.some((r) => r.departmentId === d.id));
  const nameOrder = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');
  return {
    congress: { name: congress?.name ?? '' },
    year,
    asOf: today,
    department,
    kMin,
    total: withRates(totalRow ? raw(totalRow) : ZERO_ROW),
    byDepartment: groups
      .filter((g) => !g.gd && g.gc)
      .map((g) => ({ id: g.department_id, name: g.department_id ? (deptName.get(g.department_id) ?? '') : '', ...withRates(raw(g)) }))
      .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : nameOrder(a, b))),
    byCategory: groups.filter((g) => !g.gc && g.gd).map((g) => ({ category: g.category!, ...withRates(raw(g)) })),
    byStation: groups
      .filter((g) => !g.gs && g.gd)
      .map((g) => ({ id: g.station_id, name: g.station_id ? (stationName.get(g.station_id) ?? '') : '', ...withRates(raw(g)) }))
      .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : nameOrder(a, b))),
    byMonth: groups
      .filter((g) => !g.gm && g.gd)
      .map((g) => ({ month: g.month!, ...withRates(raw(g)) }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    ratings: ratedDepts.map((d) => {
      const r = rated.find((x) => x.departmentId === d.id);
      const dim = (k: HandlingDimension) => (r?.dimensions ? { ...r.dimensions[k], rate: Math.round(r.dimensions[k].rate * 1000) / 10 } : null);
      return { departmentId: d.id, name: d.name, n: r?.n ?? 0, shown: !!r?.dimensions, attitude: dim('attitude'), handling: dim('handling'), effect: dim('effect') };
    }),
  };
}

