/**
 * Results of a round: per target, per audience and all together, with rates, grade and weighted score (pure
 * functions of shared/evaluation/rates.ts). A group with fewer than k responses has its figures withheld; when one
 * audience is withheld the combined figures are withheld too, so the small group cannot be found by subtraction.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { ANSWERS, answerWord, type AnswerValue, byAnswer, choiceWord, type QuestionKindName, SCALE5 } from '../../shared/evaluation/kinds.ts';
import { addChoiceCounts, addCounts, type ChoiceCounts, combineScores, emptyCounts, headline, itemFigures, rates, scale5Figures, targetGrade, yesNoFigures } from '../../shared/evaluation/rates.ts';
import { type Audience, type Group, itemsOf, type Results, type Target, type TargetKind } from '../../shared/evaluation/schema.ts';
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
  const rows: { audience: Audience; kind: string; target: string; item: string; answer: string; n: number }[] = await db
    .select({ audience: evalAnswers.audience, kind: evalAnswers.targetKind, target: evalAnswers.targetId, item: evalAnswers.itemId, answer: evalAnswers.answer, n: sql<number>`count(*)::int` })
    .from(evalAnswers)
    .where(eq(evalAnswers.roundId, r.id))
    .groupBy(evalAnswers.audience, evalAnswers.targetKind, evalAnswers.targetId, evalAnswers.itemId, evalAnswers.answer);
  // A comment item counts how many wrote one (its texts are in the comments, scoped like them).
  const written = await db
    .select({ audience: evalComments.audience, kind: evalComments.targetKind, target: evalComments.targetId, item: evalComments.itemId, n: sql<number>`count(*)::int` })
    .from(evalComments)
    .where(and(eq(evalComments.roundId, r.id), isNotNull(evalComments.itemId)))
    .groupBy(evalComments.audience, evalComments.targetKind, evalComments.targetId, evalComments.itemId);
  for (const w of written) rows.push({ audience: w.audience, kind: w.kind, target: w.target, item: w.item ?? '', answer: 'written', n: Number(w.n) });
  const invited: Record<Audience, number> = { representatives: r.issuedRepresentatives, residents: r.issuedResidents };
  const withheldAudience = (a: Audience) => responses[a] < s.kMin;
  const none = { counts: null, rates: null, scale5: null, yesNo: null, overall: null, items: null, grade: null, score: null };

  const groupOf = (t: Target, audiences: Audience[], withheld: boolean): Group => {
    const n = audiences.reduce((sum, a) => sum + responses[a], 0);
    if (withheld) return { responses: n, withheld: true, ...none };
    const asked = itemsOf(r.items, t.kind);
    const countsOf = (itemId: string): ChoiceCounts => {
      const c: ChoiceCounts = {};
      for (const x of rows) if (x.kind === t.kind && x.target === t.id && x.item === itemId && audiences.includes(x.audience)) c[x.answer] = (c[x.answer] ?? 0) + Number(x.n);
      return c;
    };
    const raw = asked.map((item) => ({ item, c: countsOf(item.id) }));
    const of = (k: QuestionKindName) => raw.filter((x) => x.item.kind === k);
    const sat = of('satisfaction3');
    const satCounts = sat.reduce((acc, x) => addCounts(acc, byAnswer(ANSWERS, (a) => x.c[a] ?? 0)), emptyCounts());
    const inv = audiences.reduce((sum, a) => sum + Math.max(invited[a], responses[a]), 0) * sat.length;
    const items = raw.map(({ item, c }) => ({ id: item.id, label: item.label, kind: item.kind, ...itemFigures(item.kind, c, s.grading, inv / Math.max(sat.length, 1)) }));
    const s5 = of('scale5');
    const s5Counts = s5.reduce((acc, x) => addChoiceCounts(acc, x.c), {} as ChoiceCounts);
    const scale5 = s5.length ? (() => { const f = scale5Figures(s5Counts); return { counts: Object.fromEntries(SCALE5.values.map((v) => [v, s5Counts[v] ?? 0])), average: f.average, favourable: f.favourable }; })() : null;
    const yn = of('yes_no');
    const yesNo = yn.length ? yesNoFigures(yn.reduce((acc, x) => addChoiceCounts(acc, x.c), {} as ChoiceCounts)) : null;
    const satRates = rates(satCounts);
    const { grade, score } = targetGrade({ satisfaction: sat.length ? satCounts : null, scale5: s5.length ? s5Counts : null }, s.grading, s.optionWeights, inv);
    return { responses: n, withheld: false, counts: satCounts, rates: satRates, scale5, yesNo, overall: headline({ rates: satRates, hasSatisfaction: sat.length > 0, scale5, yesNo }), items, grade, score };
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
      const scores: Partial<Record<Audience, number | null>> = {};
      for (const a of r.audiences) scores[a] = per[a]?.score ?? null;
      const prevGrade = prevResults?.targets.find((x) => x.kind === t.kind && x.id === t.id)?.grade ?? null;
      return {
        ...t,
        groups: { representatives: per.representatives ?? null, residents: per.residents ?? null, all },
        grade: all.grade,
        weightedScore: anyWithheld ? null : combineScores(scores, s.audienceWeights),
        repeatedDissatisfied: all.grade === 'dissatisfied' && prevGrade === 'dissatisfied',
      };
    }),
  };
}

/**
 * Comments per target, sorted by their text (never in arrival order): the free comments and each comment item's texts;
 * withheld with the figures below k.
 */
export async function commentsOf(db: DbOrTx, congress: Congress, r: RoundRow, only?: (t: Target) => boolean) {
  const kMin = CongressSettings.parse(congress.settings ?? {}).evaluation.kMin;
  const targets = (await targetsOf(db, r.id)).filter((t) => !only || only(t));
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(evalSpent).where(eq(evalSpent.roundId, r.id));
  const withheld = Number(total?.n ?? 0) < kMin;
  const rows =
    withheld || targets.length === 0
      ? []
      : await db
          .select({ kind: evalComments.targetKind, id: evalComments.targetId, item: evalComments.itemId, text: evalComments.text })
          .from(evalComments)
          .where(and(eq(evalComments.roundId, r.id), inArray(evalComments.targetId, targets.map((t) => t.id))));
  const sorted = (xs: { text: string }[]) => xs.map((x) => x.text).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return targets.map((t) => {
    const mine = rows.filter((x) => x.kind === t.kind && x.id === t.id);
    return {
      kind: t.kind,
      id: t.id,
      title: t.title,
      withheld,
      comments: sorted(mine.filter((x) => x.item === null)),
      items: itemsOf(r.items, t.kind)
        .filter((i) => i.kind === 'comment')
        .map((i) => ({ id: i.id, label: i.label, comments: sorted(mine.filter((x) => x.item === i.id)) })),
    };
  });
}

/** The CSV says the scale in Chinese (the words of kinds.ts): a column per answer, the grade by its word. */
const zh = (a: AnswerValue) => answerWord(a, 'zh-CN');
const KIND_ZH: Record<TargetKind, string> = { project: '项目', department: '单位', official: '任命人员', suggestion_handling: '建议办理', inquiry: '专题询问', representative: '代表' };

/**
 * The results as CSV: withheld groups stay withheld (empty cells, marked). The 3-grade columns, then the 5-point
 * scale's average and share of 4–5 and the share of 是 where the round asked them.
 */
export function resultsCsv(res: Results): string {
  const rowsOut: unknown[][] = [];
  const blanks = (n: number) => Array.from({ length: n }, () => '');
  for (const t of res.targets) {
    for (const [name, g] of [['代表 representatives', t.groups.representatives], ['群众 residents', t.groups.residents], ['合计 all', t.groups.all]] as const) {
      if (!g) continue;
      if (g.withheld) rowsOut.push([KIND_ZH[t.kind], t.title, name, g.responses, '少于k份，不公布 withheld (<k)', ...blanks(ANSWERS.length + 7)]);
      else
        rowsOut.push([
          KIND_ZH[t.kind],
          t.title,
          name,
          g.responses,
          '',
          ...ANSWERS.map((a) => g.counts![a]),
          g.rates!.satisfied,
          g.rates!.overall,
          g.scale5?.average ?? '',
          g.scale5?.favourable ?? '',
          g.yesNo?.yesPercent ?? '',
          g.grade ? zh(g.grade) : '',
          g.score,
        ]);
    }
  }
  return toCsv(
    ['类型 Kind', '测评对象 Target', '群体 Group', '份数 Responses', '说明 Note', ...ANSWERS.map(zh), '满意率%', '综合满意率%', `五级平均分 5-point average`, `${choiceWord('scale5', '4', 'zh-CN')}及以上% 4–5`, '“是”% Yes', '等次 Grade', '加权得分 Score'],
    rowsOut,
  );
}

/**
 * 排名: each target of one kind (departments by default) with its grades, headline rate and score in every published
 * round, and averages across them.
 */
export async function league(db: DbOrTx, congress: Congress, kind: TargetKind = 'department') {
  const rounds = (await db.select().from(evalRounds).where(eq(evalRounds.congressId, congress.id))).filter((r) => r.publishedAt).sort((a, b) => a.year - b.year || a.publishedAt!.getTime() - b.publishedAt!.getTime());
  const byTarget = new Map<string, { target: { kind: TargetKind; id: string; name: string }; rounds: { roundId: string; year: number; title: string; grade: Results['targets'][number]['grade']; overall: number | null; score: number | null }[] }>();
  for (const r of rounds) {
    const res = await computeResults(db, congress, r);
    for (const t of res.targets.filter((x) => x.kind === kind)) {
      const e = byTarget.get(t.id) ?? { target: { kind, id: t.id, name: t.title }, rounds: [] };
      e.rounds.push({ roundId: r.id, year: r.year, title: r.title, grade: t.grade, overall: t.groups.all.overall ?? null, score: t.weightedScore ?? t.groups.all.score });
      byTarget.set(t.id, e);
    }
  }
  const avg = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? Math.round((v.reduce((a, b) => a + b, 0) * 10) / v.length) / 10 : null;
  };
  return [...byTarget.values()]
    .map((e) => ({ ...e, averageOverall: avg(e.rounds.map((r) => r.overall)), averageScore: avg(e.rounds.map((r) => r.score)) }))
    .sort((a, b) => (b.averageOverall ?? -1) - (a.averageOverall ?? -1) || a.target.name.localeCompare(b.target.name, 'zh-CN'));
}
