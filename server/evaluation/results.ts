/**
 * Results of a round: per target, per audience and all together, with rates, grade and weighted score (pure
 * functions of shared/evaluation/rates.ts). A group with fewer than k responses has its figures withheld; when one
 * audience is withheld the combined figures are withheld too, so the small group cannot be found by subtraction.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { ANSWERS, answerWord, type AnswerValue } from '../../shared/evaluation/kinds.ts';
import { addCounts, type Counts, emptyCounts, grade, type Option, rates, score, weightedScore } from '../../shared/evaluation/rates.ts';
import type { Audience, Group, Results, Target } from '../../shared/evaluation/schema.ts';
import { toCsv } from '../../shared/csv.ts';
import type { DbOrTx } from '../db/client.ts';
import { type congresses, evalAnswers, evalComments, evalRounds, evalSpent } from '../db/schema/index.ts';
import { roundState, targetsOf } from './rounds.ts';

type RoundRow = typeof evalRounds.$inferSelect;
type Congress = typeof congresses.$inferSelect;

export async function computeResults(db: DbOrTx, congress: Congress, r: RoundRow): Promise<Results> {
  const s = CongressSettings.parse(congress.settings ?? {}).evaluation;
  const targets = await targetsOf(db, r.id);
  const spent = await db.select({ audience: evalSpent.audience, n: sql<number>`count(*)::int` }).from(evalSpent).where(eq(evalSpent.roundId, r.id)).groupBy(evalSpent.audience);
  const responses = { representatives: 0, residents: 0 } as Record<Audience, number>;
  for (const x of spent) responses[x.audience] = Number(x.n);
  const rows = await db
    .select({ audience: evalAnswers.audience, kind: evalAnswers.targetKind, target: evalAnswers.targetId, item: evalAnswers.itemId, answer: evalAnswers.answer, n: sql<number>`count(*)::int` })
    .from(evalAnswers)
    .where(eq(evalAnswers.roundId, r.id))
    .groupBy(evalAnswers.audience, evalAnswers.targetKind, evalAnswers.targetId, evalAnswers.itemId, evalAnswers.answer);
  const invited: Record<Audience, number> = { representatives: r.issuedRepresentatives, residents: r.issuedResidents };
  const withheldAudience = (a: Audience) => responses[a] < s.kMin;

  const groupOf = (t: Target, audiences: Audience[], withheld: boolean): Group => {
    const items = r.items[t.kind].map((item) => {
      const c = emptyCounts();
      for (const x of rows) if (x.kind === t.kind && x.target === t.id && x.item === item.id && audiences.includes(x.audience)) c[x.answer as Option] += Number(x.n);
      return { id: item.id, label: item.label, counts: c, rates: rates(c) };
    });
    const counts = items.reduce((acc, i) => addCounts(acc, i.counts), emptyCounts());
    const n = audiences.reduce((sum, a) => sum + responses[a], 0);
    const inv = audiences.reduce((sum, a) => sum + Math.max(invited[a], responses[a]), 0) * r.items[t.kind].length;
    if (withheld) return { responses: n, withheld: true, counts: null, rates: null, items: null, grade: null, score: null };
    return { responses: n, withheld: false, counts, rates: rates(counts), items, grade: grade(counts, s.grading, inv), score: score(counts, s.optionWeights) };
  };

  const prev = r.previousRoundId ? await db.select().from(evalRounds).where(eq(evalRounds.id, r.previousRoundId)) : [];
  const prevResults = prev[0]?.publishedAt ? await computeResults(db, congress, prev[0]) : null;

  return {
    roundId: r.id,
    title: r.title,
    state: roundState(r),
    k: s.kMin,
    responses: { ...responses, all: responses.representatives + responses.residents },
    targets: targets.map((t) => {
      const per = Object.fromEntries(r.audiences.map((a) => [a, groupOf(t, [a], withheldAudience(a))])) as Partial<Record<Audience, Group>>;
      const anyWithheld = r.audiences.some(withheldAudience);
      const all = groupOf(t, r.audiences, anyWithheld || r.audiences.reduce((x, a) => x + responses[a], 0) < s.kMin);
      const byAudience: Partial<Record<Audience, Counts>> = {};
      for (const a of r.audiences) if (per[a]?.counts) byAudience[a] = per[a]!.counts!;
      const prevGrade = prevResults?.targets.find((x) => x.kind === t.kind && x.id === t.id)?.grade ?? null;
      return {
        ...t,
        groups: { representatives: per.representatives ?? null, residents: per.residents ?? null, all },
        grade: all.grade,
        weightedScore: anyWithheld ? null : weightedScore(byAudience, s.optionWeights, s.audienceWeights),
        repeatedDissatisfied: all.grade === 'dissatisfied' && prevGrade === 'dissatisfied',
      };
    }),
  };
}

/** Comments per target, sorted by their text (never in arrival order); withheld with the figures below k. */
export async function commentsOf(db: DbOrTx, congress: Congress, r: RoundRow, only?: (t: Target) => boolean) {
  const kMin = CongressSettings.parse(congress.settings ?? {}).evaluation.kMin;
  const targets = (await targetsOf(db, r.id)).filter((t) => !only || only(t));
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(evalSpent).where(eq(evalSpent.roundId, r.id));
  const withheld = Number(total?.n ?? 0) < kMin;
  const rows = withheld || targets.length === 0 ? [] : await db.select({ kind: evalComments.targetKind, id: evalComments.targetId, text: evalComments.text }).from(evalComments).where(and(eq(evalComments.roundId, r.id), inArray(evalComments.targetId, targets.map((t) => t.id))));
  return targets.map((t) => ({
    kind: t.kind,
    id: t.id,
    title: t.title,
    withheld,
    comments: rows
      .filter((x) => x.kind === t.kind && x.id === t.id)
      .map((x) => x.text)
      .sort((a, b) => a.localeCompare(b, 'zh-CN')),
  }));
}

/** The CSV says the scale in Chinese (the words of kinds.ts): a column per answer, the grade by its word. */
const zh = (a: AnswerValue) => answerWord(a, 'zh-CN');

/** The results as CSV: withheld groups stay withheld (empty cells, marked). */
export function resultsCsv(res: Results): string {
  const rowsOut: unknown[][] = [];
  for (const t of res.targets) {
    for (const [name, g] of [['代表 representatives', t.groups.representatives], ['群众 residents', t.groups.residents], ['合计 all', t.groups.all]] as const) {
      if (!g) continue;
      if (g.withheld) rowsOut.push([t.kind === 'project' ? '项目' : '单位', t.title, name, g.responses, '少于k份，不公布 withheld (<k)', ...ANSWERS.map(() => ''), '', '', '', '']);
      else rowsOut.push([t.kind === 'project' ? '项目' : '单位', t.title, name, g.responses, '', ...ANSWERS.map((a) => g.counts![a]), g.rates!.satisfied, g.rates!.overall, g.grade ? zh(g.grade) : '', g.score]);
    }
  }
  return toCsv(['类型 Kind', '测评对象 Target', '群体 Group', '份数 Responses', '说明 Note', ...ANSWERS.map(zh), '满意率%', '综合满意率%', '等次 Grade', '加权得分 Score'], rowsOut);
}

/** 单位排名: each department's grades, 综合满意率 and score in every published round, with averages across them. */
export async function league(db: DbOrTx, congress: Congress) {
  const rounds = (await db.select().from(evalRounds).where(eq(evalRounds.congressId, congress.id))).filter((r) => r.publishedAt).sort((a, b) => a.year - b.year || a.publishedAt!.getTime() - b.publishedAt!.getTime());
  const byDep = new Map<string, { department: { id: string; name: string }; rounds: { roundId: string; year: number; title: string; grade: Results['targets'][number]['grade']; overall: number | null; score: number | null }[] }>();
  for (const r of rounds) {
    const res = await computeResults(db, congress, r);
    for (const t of res.targets.filter((x) => x.kind === 'department')) {
      const e = byDep.get(t.id) ?? { department: { id: t.id, name: t.title }, rounds: [] };
      e.rounds.push({ roundId: r.id, year: r.year, title: r.title, grade: t.grade, overall: t.groups.all.rates?.overall ?? null, score: t.weightedScore ?? t.groups.all.score });
      byDep.set(t.id, e);
    }
  }
  const avg = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? Math.round((v.reduce((a, b) => a + b, 0) * 10) / v.length) / 10 : null;
  };
  return [...byDep.values()]
    .map((e) => ({ ...e, averageOverall: avg(e.rounds.map((r) => r.overall)), averageScore: avg(e.rounds.map((r) => r.score)) }))
    .sort((a, b) => (b.averageOverall ?? -1) - (a.averageOverall ?? -1) || a.department.name.localeCompare(b.department.name, 'zh-CN'));
}
