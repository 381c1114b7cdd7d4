/**
 * 乡镇详情 — one congress below the county, its year in detail, as the public and the office would report it (SPEC §16):
 * the window's dates and how many proposals came in, frozen lists only, each project vote's state (the chosen projects
 * only once published), projects with their progress, published evaluation rounds only (grades withheld under k, as
 * their published results), and the loop's counts by department and category — never an item, a contact, a ballot or
 * an answer.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { projectTiming, withCountyRates, loopRates } from '../../shared/county/figures.ts';
import type { ChildYear } from '../../shared/county/schema.ts';
import type { Level } from '../../shared/county/tree.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { candidateListItems, candidateLists, candidates, congresses, departments, evalRounds, projects } from '../db/schema/index.ts';
import { computeResults } from '../evaluation/results.ts';
import { summarize } from '../projects/describe.ts';
import { requireBelow } from './access.ts';
import type { County } from './dashboard.ts';
import { type LoopCounts } from '../../shared/county/figures.ts';
import { loopSql, NO_STAGES, stagesOf, withoutJit, yearCountsOf } from './year.ts';

export async function childYear(db: DbOrTx, county: County, childId: string, yearAsked: number | undefined, now = new Date()): Promise<ChildYear> {
  const b = await requireBelow(db, county.id, childId);
  const today = shanghaiToday(now);
  const year = yearAsked ?? shanghaiYear(now);
  const [congress] = await db.select().from(congresses).where(eq(congresses.id, childId));
  const parentName = b.parentId === county.id ? county.name : b.parentId ? ((await db.select({ name: congresses.name }).from(congresses).where(eq(congresses.id, b.parentId)))[0]?.name ?? null) : null;
  const stages = (await stagesOf(db, [childId], year, now)).get(childId) ?? NO_STAGES;
  const counts = (await yearCountsOf(db, [childId], year, today, new Map([[childId, congress.settings]]))).get(childId)!;

  // Frozen lists and what they hold (the public list of candidates).
  const lists = await db.select().from(candidateLists).where(and(eq(candidateLists.congressId, childId), eq(candidateLists.year, year), isNotNull(candidateLists.frozenAt))).orderBy(asc(candidateLists.createdAt));
  const entries = lists.length
    ? await db
        .select({ listId: candidateListItems.listId, title: candidates.title, planned: candidates.plannedInvestment, department: departments.name })
        .from(candidateListItems)
        .innerJoin(candidates, eq(candidates.id, candidateListItems.candidateId))
        .innerJoin(departments, eq(departments.id, candidates.leadDepartmentId))
        .where(inArray(candidateListItems.listId, lists.map((l) => l.id)))
        .orderBy(asc(candidateListItems.position))
    : [];

  // Project votes of the year's lists: the state only, the chosen projects once published.
  const votes = await rowsOf<{ id: string; title: string; kind: string; held_on: string | null; opened: boolean; closed: boolean; published: boolean }>(
    db,
    sql`select v.id, v.title, v.kind, s.date::text as held_on, v.opened_at is not null as opened, v.closed_at is not null as closed,
        exists (select 1 from tallies t where t.vote_id = v.id and t.published_at is not null) as published
      from votes v join candidate_lists l on l.id = v.list_id join congress_sessions s on s.id = v.session_id
      where v.congress_id = ${childId} and l.year = ${year} order by v.created_at`,
  );
  const chosenRows = votes.some((v) => v.published) ? await db.select({ voteId: projects.voteId, title: projects.title }).from(projects).where(and(eq(projects.congressId, childId), inArray(projects.voteId, votes.filter((v) => v.published).map((v) => v.id)))).orderBy(asc(projects.title)) : [];

  const projectRows = await db.select().from(projects).where(and(eq(projects.congressId, childId), eq(projects.year, year))).orderBy(asc(projects.createdAt), asc(projects.title));
  const summaries = await summarize(db, childId, projectRows, today);
  const rectified = new Set((await rowsOf<{ id: string }>(db, sql`select distinct target_id as id from rectifications where congress_id = ${childId} and target_kind = 'project'`)).map((r) => r.id));

  const rounds = await db.select().from(evalRounds).where(and(eq(evalRounds.congressId, childId), eq(evalRounds.year, year), isNotNull(evalRounds.publishedAt))).orderBy(desc(evalRounds.publishedAt));
  const evaluation = [];
  for (const r of rounds) {
    const res = await computeResults(db, congress, r);
    evaluation.push({
      id: r.id,
      title: r.title,
      publishedAt: r.publishedAt!.toISOString(),
      responses: res.responses.all,
      targets: res.targets.map((t) => ({ kind: t.kind, title: t.title, grade: t.grade, rate: t.groups.all.withheld ? null : t.groups.all.overall, withheld: t.groups.all.withheld })),
    });
  }

  type Grouped = LoopCounts & { gd: number; gc: number; department_id: string | null; category: string | null };
  const grouped = await withoutJit(db, (tx) => rowsOf<Grouped>(tx, loopSql(sql`i.congress_id = ${childId}`, year, today, sql`grouping(department_id)::int as gd, grouping(category)::int as gc, department_id, category`, sql`grouping sets ((department_id), (category), ())`)));
  const deptNames = new Map((await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.congressId, childId))).map((d) => [d.id, d.name]));
  const counted = (g: Grouped) => {
    const c: LoopCounts = { received: g.received, due: g.due, onTime: g.onTime, late: g.late, overdue: g.overdue, answered: g.answered, resolved: g.resolved, rated: g.rated, satisfied: g.satisfied };
    return { ...c, ...loopRates(c) };
  };

  return {
    congress: { id: b.id, name: b.name, level: b.level as Level, term: b.term, parentId: b.parentId, parentName },
    year,
    asOf: today,
    window: stages.window,
    lists: lists.map((l) => ({ id: l.id, title: l.title, version: l.version, seats: l.seats, frozenAt: l.frozenAt!.toISOString(), candidates: entries.filter((e) => e.listId === l.id).map((e) => ({ title: e.title, plannedInvestment: e.planned, department: e.department })) })),
    votes: votes.map((v) => ({ id: v.id, title: v.title, kind: v.kind, heldOn: v.held_on, state: v.published ? 'published' : v.closed ? 'closed' : v.opened ? 'open' : 'prepared', chosen: v.published ? chosenRows.filter((p) => p.voteId === v.id).map((p) => p.title) : null })),
    projects: summaries.map((p) => ({
      id: p.id,
      title: p.title,
      department: p.leadDepartment.name,
      status: p.status,
      health: p.health,
      timing: projectTiming(p, today),
      plannedCompletion: p.plannedCompletion,
      completedOn: p.completedOn,
      planned: p.plannedInvestment,
      spent: p.spentInvestment,
      progress: p.derivedProgress ?? p.reportedProgress,
      rectified: rectified.has(p.id),
    })),
    evaluation,
    loop: {
      total: counted(grouped.find((g) => g.gd && g.gc) ?? ({ received: 0, due: 0, onTime: 0, late: 0, overdue: 0, answered: 0, resolved: 0, rated: 0, satisfied: 0 } as Grouped)),
      byDepartment: grouped.filter((g) => !g.gd).map((g) => ({ name: g.department_id ? (deptNames.get(g.department_id) ?? '—') : '', ...counted(g) })),
      byCategory: grouped.filter((g) => !g.gc).map((g) => ({ category: g.category!, ...counted(g) })),
    },
    figures: withCountyRates(counts),
  };
}
