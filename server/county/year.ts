/**
 * The year of many congresses at once, counted where the rows are (SQL, one statement per table over every congress
 * below the county), by the rules of shared/county/figures.ts. A dashboard of 200 townships reads a handful of grouped
 * queries, never a township's rows one by one. What is read is what the public and the office report: the window's
 * dates, a list's state and size, a vote's state (never a count while open), projects, published evaluations only
 * (grades withheld under k), and the loop's counts (never an item, a contact or a handling rating).
 */
import { type SQL, sql } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { addMoney, type EvalCounts, type LoopCounts, type ProjectCounts, type YearCounts, ZERO_EVAL, ZERO_LOOP, ZERO_PROJECTS } from '../../shared/county/figures.ts';
import type { DashboardRow } from '../../shared/county/schema.ts';
import { ANSWERS, byAnswer } from '../../shared/evaluation/kinds.ts';
import { addChoiceCounts, type ChoiceCounts, emptyCounts, targetGrade, addCounts } from '../../shared/evaluation/rates.ts';
import { itemsOf, type Items, type TargetKind } from '../../shared/evaluation/schema.ts';
import { windowState } from '../../shared/gathering/window.ts';
import type { DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';

export const idList = (ids: readonly (string | number)[]) => sql`(${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`;

export type Stages = Pick<DashboardRow, 'window' | 'list' | 'vote'>;
export const NO_STAGES: Stages = { window: { state: 'none', opensOn: null, closesOn: null, proposals: 0 }, list: { state: 'none', candidates: 0 }, vote: { state: 'none', heldOn: null, chosen: 0 } };

/** 征集 / 候选清单 / 票决: each congress's window, list and vote of the year. */
export async function stagesOf(db: DbOrTx, ids: readonly string[], year: number, now = new Date()): Promise<Map<string, Stages>> {
  const out = new Map<string, Stages>(ids.map((id) => [id, structuredClone(NO_STAGES)]));
  if (!ids.length) return out;
  const windows = await rowsOf<{ congress_id: string; opens_on: string; closes_on: string; closed_at: Date | string | null; proposals: number }>(
    db,
    sql`select w.congress_id, w.opens_on::text as opens_on, w.closes_on::text as closes_on, w.closed_at,
        (select count(*)::int from proposals p where p.congress_id = w.congress_id and p.year = w.year) as proposals
      from collection_windows w where w.congress_id in ${idList(ids)} and w.year = ${year}`,
  );
  for (const w of windows) out.get(w.congress_id)!.window = { state: windowState({ opensOn: w.opens_on, closesOn: w.closes_on, closedAt: w.closed_at }, now), opensOn: w.opens_on, closesOn: w.closes_on, proposals: w.proposals };
  const lists = await rowsOf<{ congress_id: string; frozen: boolean; candidates: number }>(
    db,
    sql`select distinct on (l.congress_id) l.congress_id, l.frozen_at is not null as frozen,
        (select count(*)::int from candidate_list_items i where i.list_id = l.id) as candidates
      from candidate_lists l where l.congress_id in ${idList(ids)} and l.year = ${year}
      order by l.congress_id, (l.frozen_at is not null) desc, l.version desc, l.created_at desc`,
  );
  for (const l of lists) out.get(l.congress_id)!.list = { state: l.frozen ? 'frozen' : 'draft', candidates: l.frozen ? l.candidates : 0 };
  const votes = await rowsOf<{ congress_id: string; held_on: string | null; opened: boolean; closed: boolean; published: boolean }>(
    db,
    sql`select distinct on (v.congress_id) v.congress_id, s.date::text as held_on, v.opened_at is not null as opened, v.closed_at is not null as closed,
        exists (select 1 from tallies t where t.vote_id = v.id and t.published_at is not null) as published
      from votes v join candidate_lists l on l.id = v.list_id join congress_sessions s on s.id = v.session_id
      where v.congress_id in ${idList(ids)} and l.year = ${year}
      order by v.congress_id, v.created_at desc`,
  );
  for (const v of votes) out.get(v.congress_id)!.vote.state = v.published ? 'published' : v.closed ? 'closed' : v.opened ? 'open' : 'prepared';
  for (const v of votes) out.get(v.congress_id)!.vote.heldOn = v.held_on;
  const chosen = await rowsOf<{ congress_id: string; n: number }>(db, sql`select congress_id, count(*)::int as n from projects where congress_id in ${idList(ids)} and year = ${year} and vote_id is not null group by congress_id`);
  for (const c of chosen) out.get(c.congress_id)!.vote.chosen = c.n;
  return out;
}

/** 项目: each congress's projects of the year, counted (timing by shared/county/figures.ts `projectTiming`). */
export async function projectsOf(db: DbOrTx, ids: readonly string[], year: number, today: string): Promise<Map<string, ProjectCounts>> {
  const out = new Map<string, ProjectCounts>();
  if (!ids.length) return out;
  const rows = await rowsOf<{ congress_id: string; total: number; voted: number; completed: number; on_time: number; late: number; rectified: number; planned: string | null; spent: string | null }>(
    db,
    sql`select p.congress_id, count(*)::int as total, count(p.vote_id)::int as voted,
        (count(*) filter (where p.status = 'completed'))::int as completed,
        (count(*) filter (where p.status = 'completed' and (p.completed_on is null or p.completed_on <= p.planned_completion)))::int as on_time,
        (count(*) filter (where (p.status = 'completed' and p.completed_on > p.planned_completion) or (p.status = 'active' and p.planned_completion < ${today}::date)))::int as late,
        (count(*) filter (where exists (select 1 from rectifications r where r.congress_id = p.congress_id and r.target_kind = 'project' and r.target_id = p.id)))::int as rectified,
        coalesce(sum(p.planned_investment), 0)::text as planned, coalesce(sum(p.spent_investment), 0)::text as spent
      from projects p where p.congress_id in ${idList(ids)} and p.year = ${year} group by p.congress_id`,
  );
  for (const r of rows) out.set(r.congress_id, { total: r.total, voted: r.voted, completed: r.completed, onTime: r.on_time, late: r.late, rectified: r.rectified, planned: addMoney(r.planned), spent: addMoney(r.spent) });
  return out;
}

export type RoundGrades = { id: string; congressId: string; withheld: boolean; responses: number; targets: { kind: TargetKind; id: string; grade: 'satisfied' | 'basic' | 'dissatisfied' | null; favourable: number; answered: number }[] };

/**
 * 测评: the published rounds of these congresses in the given years, each target graded as the round's published
 * results grade it (server/evaluation/results.ts: satisfaction3 and scale5 items, the congress's grading and k). A round
 * with an audience under k is withheld whole, like the combined figures of its results.
 */
export async function roundsOf(db: DbOrTx, ids: readonly string[], years: readonly number[], settingsOf: Map<string, unknown>): Promise<(RoundGrades & { year: number })[]> {
  if (!ids.length || !years.length) return [];
  const rounds = await rowsOf<{ id: string; congress_id: string; year: number; items: Items; audiences: ('representatives' | 'residents')[]; issued_representatives: number; issued_residents: number }>(
    db,
    sql`select id, congress_id, year, items, audiences, issued_representatives, issued_residents from eval_rounds
      where congress_id in ${idList(ids)} and year in ${idList(years)} and published_at is not null`,
  );
  if (!rounds.length) return [];
  const roundIds = rounds.map((r) => r.id);
  const spent = await rowsOf<{ round_id: string; audience: 'representatives' | 'residents'; n: number }>(db, sql`select round_id, audience, count(*)::int as n from eval_spent where round_id in ${idList(roundIds)} group by round_id, audience`);
  const answers = await rowsOf<{ round_id: string; target_kind: TargetKind; target_id: string; item_id: string; answer: string; n: number }>(
    db,
    sql`select round_id, target_kind, target_id, item_id, answer, count(*)::int as n from eval_answers where round_id in ${idList(roundIds)} group by round_id, target_kind, target_id, item_id, answer`,
  );
  const byRound = new Map<string, typeof answers>();
  for (const a of answers) byRound.set(a.round_id, [...(byRound.get(a.round_id) ?? []), a]);
  return rounds.map((r) => {
    const s = CongressSettings.parse(settingsOf.get(r.congress_id) ?? {}).evaluation;
    const responses = { representatives: 0, residents: 0 };
    for (const x of spent) if (x.round_id === r.id) responses[x.audience] = x.n;
    const all = r.audiences.reduce((n, a) => n + responses[a], 0);
    const withheld = r.audiences.some((a) => responses[a] < s.kMin) || all < s.kMin;
    const targets: RoundGrades['targets'] = [];
    if (!withheld) {
      const invitedOf = { representatives: r.issued_representatives, residents: r.issued_residents };
      const groups = new Set<string>();
      const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`;
      const perItem = new Map<string, ChoiceCounts>();
      for (const a of byRound.get(r.id) ?? []) {
        const k = keyOf(a.target_kind, a.target_id);
        groups.add(k);
        const ik = `${k}\u0000${a.item_id}`;
        perItem.set(ik, addChoiceCounts(perItem.get(ik) ?? {}, { [a.answer]: a.n }));
      }
      for (const k of groups) {
        const [kind, id] = k.split('\u0000') as [TargetKind, string];
        const asked = itemsOf(r.items, kind);
        const sat = asked.filter((i) => i.kind === 'satisfaction3');
        const s5 = asked.filter((i) => i.kind === 'scale5');
        const satCounts = sat.reduce((acc, i) => { const c = perItem.get(`${k}\u0000${i.id}`) ?? {}; return addCounts(acc, byAnswer(ANSWERS, (x) => c[x] ?? 0)); }, emptyCounts());
        const s5Counts = s5.reduce((acc, i) => addChoiceCounts(acc, perItem.get(`${k}\u0000${i.id}`) ?? {}), {} as ChoiceCounts);
        const inv = r.audiences.reduce((n, a) => n + Math.max(invitedOf[a], responses[a]), 0) * sat.length;
        const { grade } = targetGrade({ satisfaction: sat.length ? satCounts : null, scale5: s5.length ? s5Counts : null }, s.grading, s.optionWeights, inv);
        targets.push({ kind, id, grade, favourable: sat.length ? satCounts.satisfied + satCounts.basic : 0, answered: sat.length ? satCounts.satisfied + satCounts.basic + satCounts.dissatisfied : 0 });
      }
    }
    return { id: r.id, congressId: r.congress_id, year: r.year, withheld, responses: all, targets };
  });
}

/** A round's grades counted into the evaluation figures. */
export function evalCountsOf(rounds: readonly RoundGrades[]): Map<string, EvalCounts> {
  const out = new Map<string, EvalCounts>();
  for (const r of rounds) {
    const e = { ...(out.get(r.congressId) ?? ZERO_EVAL) };
    e.rounds += 1;
    for (const t of r.targets) {
      if (t.grade) e[t.grade] += 1;
      e.favourable += t.favourable;
      e.answered += t.answered;
    }
    out.set(r.congressId, e);
  }
  return out;
}

/**
 * One read-only statement with PostgreSQL's JIT compilation off: over 100,000 items the planner's cost passes the JIT
 * threshold and compiling took longer (~0.8 s) than counting (~0.3 s). `set local` ends with the transaction.
 */
export async function withoutJit<T>(db: DbOrTx, run: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await rowsOf(tx, sql`set local jit = off`);
    return run(tx);
  });
}

/**
 * 意见建议: each congress's items received in the year, counted as the township's own review figures count them
 * (shared/review/figures.ts; the first answer against the deadline). `answered`: the department answered, or the item
 * was answered on the spot (done without a department).
 */
export async function loopOf(db: DbOrTx, ids: readonly string[], year: number, today: string): Promise<Map<string, LoopCounts>> {
  const out = new Map<string, LoopCounts>();
  if (!ids.length) return out;
  const rows = await withoutJit(db, (tx) => rowsOf<LoopCounts & { congress_id: string }>(tx, loopSql(sql`i.congress_id in ${idList(ids)}`, year, today, sql`congress_id`, sql`congress_id`)));
  for (const r of rows) {
    const { congress_id, ...c } = r;
    out.set(congress_id, c);
  }
  return out;
}

/**
 * The loop's counting statement over items filtered by `where` (on `i`): `columns` (of `f`) and `groupBy` (columns or
 * grouping sets). An item's first answer judges the deadline: `items.first_answered_on`, kept by the database from the
 * item's answers (migration 0024's trigger), as the review figures read it — no answer is looked up per item.
 */
export function loopSql(where: SQL, year: number, today: string, columns: SQL, groupBy: SQL) {
  return sql`with f as materialized (
      select i.congress_id, i.department_id, i.category, i.status, i.due_on, i.answer_class, i.feedback,
        i.first_answered_on as first_answered
      from items i
      where ${where} and i.received_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
    )
    select ${columns},
      count(*)::int as received,
      count(due_on)::int as due,
      (count(*) filter (where due_on is not null and first_answered <= due_on))::int as "onTime",
      (count(*) filter (where due_on is not null and first_answered > due_on))::int as late,
      (count(*) filter (where due_on is not null and first_answered is null and due_on < ${today}::date))::int as overdue,
      (count(*) filter (where first_answered is not null or (status = 'done' and department_id is null)))::int as answered,
      (count(*) filter (where status = 'done' and (answer_class = 'resolved' or department_id is null)))::int as resolved,
      count(feedback)::int as rated,
      (count(*) filter (where feedback in ('satisfied', 'basically')))::int as satisfied
    from f group by ${groupBy}`;
}

/** The loop's satisfaction per congress and year (for the trend): only the submitters' ratings, no answers read. */
export async function loopSatisfactionByYear(db: DbOrTx, ids: readonly string[], from: number, to: number) {
  if (!ids.length) return [];
  return withoutJit(db, (tx) => rowsOf<{ congress_id: string; year: number; rated: number; satisfied: number }>(
    tx,
    sql`select congress_id, extract(year from received_on)::int as year, count(feedback)::int as rated,
        (count(*) filter (where feedback in ('satisfied', 'basically')))::int as satisfied
      from items where congress_id in ${idList(ids)} and received_on between ${`${from}-01-01`}::date and ${`${to}-12-31`}::date
      group by congress_id, extract(year from received_on)`,
  ));
}

/** Everything a congress's year adds up to, per congress. */
export async function yearCountsOf(db: DbOrTx, ids: readonly string[], year: number, today: string, settingsOf: Map<string, unknown>): Promise<Map<string, YearCounts>> {
  const [projects, rounds, loop] = [await projectsOf(db, ids, year, today), await roundsOf(db, ids, [year], settingsOf), await loopOf(db, ids, year, today)];
  const evaluation = evalCountsOf(rounds);
  return new Map(ids.map((id) => [id, { projects: projects.get(id) ?? ZERO_PROJECTS, evaluation: evaluation.get(id) ?? ZERO_EVAL, loop: loop.get(id) ?? ZERO_LOOP }]));
}
