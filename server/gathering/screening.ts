import { and, eq, inArray } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { CandidateFields, Checks } from '../../shared/gathering/schema.ts';
import { CHECK_LABELS, STATUS_LABELS, wordsOf } from '../../shared/gathering/labels.ts';
import { negativeListHits } from '../../shared/gathering/similar.ts';
import { newTrackingCode } from '../../shared/gathering/tracking-code.ts';
import type { Tx } from '../db/client.ts';
import { candidates, collectionWindows, congresses, departments, proposals } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { checksFailed, checksToDo, emptyChecks, getProposal } from './proposals.ts';
import { proposalScreened } from '../notify/triggers.ts';

type Congress = typeof congresses.$inferSelect;
type Ctx = { tx: Tx; actor: NonNullable<Actor>; congress: Congress };

/** Screening acts only on a proposal still waiting (a conditional update: two screeners racing cannot both win). */
async function pending(ctx: Ctx, proposalId: string) {
  const p = await getProposal(ctx.tx, ctx.congress.id, proposalId, true);
  if (p.status !== 'submitted') throw new AppError('proposal_screened', { status: STATUS_LABELS[p.status] ?? p.status });
  return p;
}

async function decide(ctx: Ctx, proposalId: string, set: Partial<typeof proposals.$inferInsert>) {
  const done = await ctx.tx
    .update(proposals)
    .set({ ...set, screenedAt: new Date(), screenedBy: ctx.actor.id })
    .where(and(eq(proposals.id, proposalId), eq(proposals.status, 'submitted')))
    .returning();
  if (done.length === 0) throw new AppError('proposal_screened', { status: { zh: '已处理', en: 'handled' } });
  return done[0];
}

const audit = (ctx: Ctx, action: string, targetId: string, details: Record<string, unknown>) =>
  appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action, targetType: 'proposal', targetId, details });

export async function recordChecks(ctx: Ctx, proposalId: string, checks: Checks) {
  await pending(ctx, proposalId);
  await ctx.tx.update(proposals).set({ checks }).where(eq(proposals.id, proposalId));
  await audit(ctx, 'screening.checks', proposalId, { checks });
}

/** Departments named on a candidate must belong to this congress and be active. */
export async function checkDepartments(tx: Tx, congressId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = unique.length
    ? await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.congressId, congressId), eq(departments.active, true), inArray(departments.id, unique)))
    : [];
  if (found.length !== unique.length) throw new AppError('department_not_found');
}

/** 列为候选项目: every check done and none failed, nothing on the negative list; the formal fields make the candidate. */
export async function acceptProposal(ctx: Ctx, proposalId: string, fields: CandidateFields, note: string) {
  const p = await pending(ctx, proposalId);
  const checks = (p.checks ?? emptyChecks()) as Checks;
  const todo = checksToDo(checks);
  if (todo.length) throw new AppError('checks_incomplete', { checks: wordsOf(CHECK_LABELS, todo) });
  const failed = checksFailed(checks);
  if (failed.length) throw new AppError('check_failed', { checks: wordsOf(CHECK_LABELS, failed) });
  const hits = negativeListHits(CongressSettings.parse(ctx.congress.settings ?? {}).gathering.negativeList, `${p.title}\n${p.description}`);
  if (hits.length) throw new AppError('negative_list', { words: hits.join('、') });
  await checkDepartments(ctx.tx, ctx.congress.id, [fields.leadDepartmentId, ...fields.coDepartmentIds]);
  await decide(ctx, proposalId, { status: 'accepted', decisionReason: note });
  await proposalScreened(ctx.tx, p, 'accepted');
  const [cand] = await ctx.tx
    .insert(candidates)
    .values({ ...fields, coDepartmentIds: fields.coDepartmentIds.filter((d) => d !== fields.leadDepartmentId), congressId: ctx.congress.id, year: p.year, proposalId })
    .returning();
  await audit(ctx, 'screening.accept', proposalId, { candidateId: cand.id, title: cand.title, plannedInvestment: cand.plannedInvestment });
  return cand;
}

/** 重复合并: into a proposal of the same year that is pending or accepted; earlier merges into this one follow it. */
export async function mergeProposal(ctx: Ctx, proposalId: string, intoId: string, reason: string) {
  if (proposalId === intoId) throw new AppError('merge_self');
  const p = await pending(ctx, proposalId);
  const target = await getProposal(ctx.tx, ctx.congress.id, intoId, true).catch(() => {
    throw new AppError('merge_target_invalid');
  });
  if (target.year !== p.year || !['submitted', 'accepted'].includes(target.status)) throw new AppError('merge_target_invalid');
  await decide(ctx, proposalId, { status: 'merged', mergedIntoId: intoId, decisionReason: reason });
  await proposalScreened(ctx.tx, p, 'merged');
  await ctx.tx.update(proposals).set({ mergedIntoId: intoId }).where(eq(proposals.mergedIntoId, proposalId));
  await audit(ctx, 'screening.merge', proposalId, { intoId, reason });
}

/** 不予采纳, with a reason the submitter reads; optionally straight into the reserve pool. */
export async function rejectProposal(ctx: Ctx, proposalId: string, reason: string, reserve: boolean) {
  const p = await pending(ctx, proposalId);
  await decide(ctx, proposalId, { status: reserve ? 'reserved' : 'not_adopted', decisionReason: reason });
  await proposalScreened(ctx.tx, p, reserve ? 'reserved' : 'not_adopted');
  await audit(ctx, reserve ? 'screening.reject_to_reserve' : 'screening.reject', proposalId, { reason });
}

export async function reserveProposal(ctx: Ctx, proposalId: string) {
  const done = await ctx.tx
    .update(proposals)
    .set({ status: 'reserved' })
    .where(and(eq(proposals.id, proposalId), eq(proposals.congressId, ctx.congress.id), eq(proposals.status, 'not_adopted')))
    .returning({ id: proposals.id });
  if (done.length === 0) {
    await getProposal(ctx.tx, ctx.congress.id, proposalId);
    throw new AppError('not_rejectable');
  }
  await audit(ctx, 'screening.reserve', proposalId, {});
}

/** Bring a reserved proposal back in a later year's window: a new proposal that links to the old one (history kept). */
export async function reviveProposal(ctx: Ctx, proposalId: string, windowId: string) {
  const old = await getProposal(ctx.tx, ctx.congress.id, proposalId, true);
  if (old.status !== 'reserved') throw new AppError('not_reserved');
  const [already] = await ctx.tx.select({ year: proposals.year }).from(proposals).where(eq(proposals.revivedFromId, old.id));
  if (already) throw new AppError('already_revived', { year: already.year });
  const [window] = await ctx.tx.select().from(collectionWindows).where(and(eq(collectionWindows.id, windowId), eq(collectionWindows.congressId, ctx.congress.id)));
  if (!window || window.year <= old.year) throw new AppError('window_not_found');
  const { id: _id, trackingCode: _code, createdAt: _c, screenedAt: _s, screenedBy: _b, mergedIntoId: _m, decisionReason: _d, ...fields } = old;
  const [row] = await ctx.tx
    .insert(proposals)
    .values({ ...fields, windowId: window.id, year: window.year, status: 'submitted', checks: emptyChecks(), revivedFromId: old.id, trackingCode: newTrackingCode() })
    .returning();
  await audit(ctx, 'screening.revive', row.id, { from: old.id, fromYear: old.year, year: window.year });
  return row;
}
