/**
 * Publication and what follows it: a 基本满意 grade opens a rectification (整改) for the department, a 不满意 grade opens
 * one that requires a re-evaluation round; the department files its report by the deadline; staff accept or return it;
 * the re-evaluation (a new round linked to the first) records its grade on the rectification. Repeated 不满意 is marked.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { rectificationFor } from '../../shared/evaluation/rates.ts';
import type { Rectification } from '../../shared/evaluation/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { type congresses, departments, evalRounds, rectifications } from '../db/schema/index.ts';
import { now } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { computeResults } from './results.ts';
import { departmentsAnswering } from './targets.ts';
import { audit, type Ctx, createRound, getRound, notifyHall, roundState, targetsOf } from './rounds.ts';
import { addDays, daysBetween, shanghaiToday } from '../../shared/time.ts';

type Congress = typeof congresses.$inferSelect;
export const RECTIFICATION_DAYS = 30;

export async function publishRound(ctx: Ctx, congress: Congress, roundId: string) {
  const r = await getRound(ctx.tx, ctx.congressId, roundId, true);
  if (roundState(r) !== 'closed') throw new AppError(r.publishedAt ? 'round_published' : 'round_not_closed');
  const published = { ...r, publishedAt: now() };
  await ctx.tx.update(evalRounds).set({ publishedAt: published.publishedAt }).where(eq(evalRounds.id, r.id));
  await notifyHall(ctx.tx, r); // 会场测评: the big screen shows the results now
  const results = await computeResults(ctx.tx, congress, published);
  const deadline = addDays(shanghaiToday(published.publishedAt), RECTIFICATION_DAYS);
  // The department that answers for each target (a representative has none: graded, never rectified).
  const answering = await departmentsAnswering(ctx.tx, results.targets);
  let opened = 0;
  for (const t of results.targets) {
    const need = rectificationFor(t.grade);
    if (!need.open || !t.grade) continue;
    const departmentId = answering.get(`${t.kind}:${t.id}`);
    if (!departmentId) continue;
    await ctx.tx.insert(rectifications).values({ congressId: ctx.congressId, roundId: r.id, targetKind: t.kind, targetId: t.id, departmentId, grade: t.grade, requiresReevaluation: need.reevaluate, repeated: t.repeatedDissatisfied, deadline });
    opened++;
  }
  // A re-evaluation answers the rectifications of the round it re-evaluates.
  if (r.previousRoundId)
    await ctx.tx
      .update(rectifications)
      .set({ reevaluationRoundId: r.id })
      .where(and(eq(rectifications.roundId, r.previousRoundId), eq(rectifications.requiresReevaluation, true)));
  await audit(ctx, 'publish', r.id, { rectifications: opened });
}

async function rectificationRow(db: DbOrTx, congressId: string, id: string, forUpdate = false) {
  const q = db.select().from(rectifications).where(and(eq(rectifications.id, id), eq(rectifications.congressId, congressId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('rectification_not_found');
  return row;
}

export async function listRectifications(db: DbOrTx, congress: Congress, departmentIds: string[] | null): Promise<Rectification[]> {
  const rows = await db
    .select({ x: rectifications, roundTitle: evalRounds.title, depName: departments.name })
    .from(rectifications)
    .innerJoin(evalRounds, eq(evalRounds.id, rectifications.roundId))
    .innerJoin(departments, eq(departments.id, rectifications.departmentId))
    .where(and(eq(rectifications.congressId, congress.id), departmentIds ? inArray(rectifications.departmentId, departmentIds.length ? departmentIds : ['-']) : undefined))
    .orderBy(desc(rectifications.createdAt), asc(rectifications.id));
  const today = shanghaiToday();
  const out: Rectification[] = [];
  const titles = new Map<string, string>();
  for (const { x } of rows) if (!titles.has(x.roundId)) for (const t of await targetsOf(db, x.roundId)) titles.set(`${x.roundId}:${t.kind}:${t.id}`, t.title);
  const reeval = new Map<string, Awaited<ReturnType<typeof computeResults>> | null>();
  for (const { x, roundTitle, depName } of rows) {
    let re: Rectification['reevaluation'] = null;
    if (x.reevaluationRoundId) {
      if (!reeval.has(x.reevaluationRoundId)) {
        const [rr] = await db.select().from(evalRounds).where(eq(evalRounds.id, x.reevaluationRoundId));
        reeval.set(x.reevaluationRoundId, rr?.publishedAt ? await computeResults(db, congress, rr) : null);
      }
      const res = reeval.get(x.reevaluationRoundId);
      re = { roundId: x.reevaluationRoundId, grade: res?.targets.find((t) => t.kind === x.targetKind && t.id === x.targetId)?.grade ?? null };
    }
    out.push({
      id: x.id,
      roundId: x.roundId,
      roundTitle,
      targetKind: x.targetKind,
      targetId: x.targetId,
      targetTitle: titles.get(`${x.roundId}:${x.targetKind}:${x.targetId}`) ?? '—',
      department: { id: x.departmentId, name: depName },
      grade: x.grade,
      requiresReevaluation: x.requiresReevaluation,
      repeated: x.repeated,
      deadline: x.deadline,
      state: x.state,
      report: x.report,
      reportedAt: x.reportedAt?.toISOString() ?? null,
      reviewNote: x.reviewNote,
      overdue: (x.state === 'open' || x.state === 'returned') && daysBetween(x.deadline, today) > 0,
      reevaluation: re,
    });
  }
  return out;
}

export async function fileReport(ctx: Ctx, departmentIds: string[], id: string, report: string) {
  const x = await rectificationRow(ctx.tx, ctx.congressId, id, true);
  if (!departmentIds.includes(x.departmentId)) throw new AppError('rectification_not_found');
  if (x.state !== 'open' && x.state !== 'returned') throw new AppError('rectification_not_open');
  await ctx.tx.update(rectifications).set({ report, state: 'reported', reportedAt: now() }).where(eq(rectifications.id, x.id));
  await audit(ctx, 'rectification_report', x.roundId, { rectificationId: x.id });
}

export async function reviewReport(ctx: Ctx, id: string, accept: boolean, note: string) {
  const x = await rectificationRow(ctx.tx, ctx.congressId, id, true);
  if (x.state !== 'reported') throw new AppError('rectification_not_reported');
  await ctx.tx.update(rectifications).set({ state: accept ? 'accepted' : 'returned', reviewNote: note }).where(eq(rectifications.id, x.id));
  await audit(ctx, accept ? 'rectification_accept' : 'rectification_return', x.roundId, { rectificationId: x.id, note });
}

export async function setDeadline(ctx: Ctx, id: string, deadline: string) {
  const x = await rectificationRow(ctx.tx, ctx.congressId, id, true);
  if (x.state === 'accepted') throw new AppError('rectification_closed');
  await ctx.tx.update(rectifications).set({ deadline }).where(eq(rectifications.id, x.id));
  await audit(ctx, 'rectification_deadline', x.roundId, { rectificationId: x.id, deadline });
}

/** 再测评: a new round (draft) over the targets graded 不满意, with the same questionnaire and audiences. */
export async function reevaluate(ctx: Ctx, roundId: string, title?: string) {
  const r = await getRound(ctx.tx, ctx.congressId, roundId, true);
  if (!r.publishedAt) throw new AppError('round_not_published');
  const [existing] = await ctx.tx.select({ id: evalRounds.id }).from(evalRounds).where(eq(evalRounds.previousRoundId, r.id));
  if (existing) throw new AppError('reevaluation_exists');
  const needs = await ctx.tx.select().from(rectifications).where(and(eq(rectifications.roundId, r.id), eq(rectifications.requiresReevaluation, true)));
  if (needs.length === 0) throw new AppError('reevaluation_not_needed');
  return createRound(
    ctx,
    { year: r.year, title: title ?? `${r.title}（再测评）`.slice(0, 120), audiences: r.audiences, projectIds: [], includeDepartments: false, targets: [], items: r.items, allowUnknown: r.allowUnknown },
    { kind: 'reevaluation', previousRoundId: r.id, targets: needs.map((n) => ({ kind: n.targetKind, targetId: n.targetId })) },
  );
}
