import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { listWarnings, type Candidate, type CandidateList } from '../../shared/gathering/schema.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { candidateListItems, candidateLists, candidates, congresses, departments, proposals } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';

type Congress = typeof congresses.$inferSelect;
type CandRow = typeof candidates.$inferSelect;

/** Candidate ids that sit on a frozen list: their formal fields are locked. */
export async function lockedCandidateIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: candidateListItems.candidateId })
    .from(candidateListItems)
    .innerJoin(candidateLists, eq(candidateLists.id, candidateListItems.listId))
    .where(and(inArray(candidateListItems.candidateId, ids), isNotNull(candidateLists.frozenAt)));
  return new Set(rows.map((r) => r.id));
}

export async function describeCandidates(db: DbOrTx, rows: CandRow[]): Promise<Candidate[]> {
  if (rows.length === 0) return [];
  const depIds = [...new Set(rows.flatMap((r) => [r.leadDepartmentId, ...r.coDepartmentIds]))];
  const deps = await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, depIds));
  const name = (id: string) => ({ id, name: deps.find((d) => d.id === id)?.name ?? '' });
  const propIds = rows.map((r) => r.proposalId);
  const merged = await db.select({ into: proposals.mergedIntoId }).from(proposals).where(inArray(proposals.mergedIntoId, propIds));
  const locked = await lockedCandidateIds(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    proposalId: r.proposalId,
    title: r.title,
    content: r.content,
    leadDepartment: name(r.leadDepartmentId),
    coDepartments: r.coDepartmentIds.map(name),
    plannedInvestment: r.plannedInvestment,
    fundingSource: r.fundingSource,
    plannedCompletion: r.plannedCompletion,
    expectedOutcome: r.expectedOutcome,
    mergedProposals: merged.filter((m) => m.into === r.proposalId).length,
    locked: locked.has(r.id),
  }));
}

export async function describeList(db: DbOrTx, congress: Congress, listId: string): Promise<CandidateList> {
  const [list] = await db.select().from(candidateLists).where(and(eq(candidateLists.id, listId), eq(candidateLists.congressId, congress.id)));
  if (!list) throw new AppError('list_not_found');
  const items = await db
    .select({ position: candidateListItems.position, cand: candidates })
    .from(candidateListItems)
    .innerJoin(candidates, eq(candidates.id, candidateListItems.candidateId))
    .where(eq(candidateListItems.listId, list.id))
    .orderBy(asc(candidateListItems.position));
  const described = await describeCandidates(db, items.map((i) => i.cand));
  const [successor] = await db.select({ id: candidateLists.id }).from(candidateLists).where(eq(candidateLists.supersedesId, list.id));
  const minSurplus = CongressSettings.parse(congress.settings ?? {}).candidates.minSurplus;
  return {
    id: list.id,
    title: list.title,
    year: list.year,
    seats: list.seats,
    version: list.version,
    frozenAt: list.frozenAt?.toISOString() ?? null,
    frozenBy: list.frozenBy,
    supersedesId: list.supersedesId,
    supersededById: successor?.id ?? null,
    warnings: listWarnings(items.length, list.seats, minSurplus),
    items: described.map((c, i) => ({ ...c, position: items[i].position })),
  };
}

async function checkCandidates(tx: Tx, congressId: string, year: number, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await tx.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.congressId, congressId), eq(candidates.year, year), inArray(candidates.id, ids)));
  if (rows.length !== new Set(ids).size) throw new AppError('candidate_wrong_year');
}

async function writeItems(tx: Tx, listId: string, ids: string[]) {
  await tx.delete(candidateListItems).where(eq(candidateListItems.listId, listId));
  if (ids.length) await tx.insert(candidateListItems).values(ids.map((candidateId, i) => ({ listId, candidateId, position: i + 1 })));
}

type Ctx = { tx: Tx; actor: NonNullable<Actor>; congress: Congress };
const audit = (ctx: Ctx, action: string, targetId: string, details: Record<string, unknown>) =>
  appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congress.id, action, targetType: 'candidate_list', targetId, details });

export async function createList(ctx: Ctx, input: { title: string; year: number; seats: number; candidateIds: string[] }) {
  await checkCandidates(ctx.tx, ctx.congress.id, input.year, input.candidateIds);
  const [list] = await ctx.tx.insert(candidateLists).values({ congressId: ctx.congress.id, title: input.title, year: input.year, seats: input.seats }).returning();
  await writeItems(ctx.tx, list.id, input.candidateIds);
  await audit(ctx, 'lists.create', list.id, { ...input });
  return list.id;
}

async function draft(ctx: Ctx, listId: string) {
  const [list] = await ctx.tx.select().from(candidateLists).where(and(eq(candidateLists.id, listId), eq(candidateLists.congressId, ctx.congress.id))).for('update');
  if (!list) throw new AppError('list_not_found');
  if (list.frozenAt) throw new AppError('list_frozen');
  return list;
}

export async function updateList(ctx: Ctx, listId: string, input: Partial<{ title: string; year: number; seats: number; candidateIds: string[] }>) {
  const list = await draft(ctx, listId);
  const year = input.year ?? list.year;
  const ids =
    input.candidateIds ??
    (await ctx.tx.select({ id: candidateListItems.candidateId }).from(candidateListItems).where(eq(candidateListItems.listId, listId)).orderBy(asc(candidateListItems.position))).map((r) => r.id);
  await checkCandidates(ctx.tx, ctx.congress.id, year, ids);
  const { candidateIds: _c, ...fields } = input;
  if (Object.keys(fields).length) await ctx.tx.update(candidateLists).set(fields).where(eq(candidateLists.id, listId));
  if (input.candidateIds) await writeItems(ctx.tx, listId, input.candidateIds);
  await audit(ctx, 'lists.update', listId, { ...input });
}

/**
 * Freeze (冻结) the list for the session's vote. Fewer candidates than seats is refused; a surplus below the congress's
 * minimum needs an explicit acknowledgement. After this, the list and its candidates never change.
 */
export async function freezeList(ctx: Ctx, listId: string, acknowledgeSurplusWarning: boolean) {
  const list = await draft(ctx, listId);
  const items = await ctx.tx.select({ id: candidateListItems.candidateId }).from(candidateListItems).where(eq(candidateListItems.listId, listId));
  const minSurplus = CongressSettings.parse(ctx.congress.settings ?? {}).candidates.minSurplus;
  const warnings = listWarnings(items.length, list.seats, minSurplus);
  if (warnings.includes('empty') || warnings.includes('fewer_than_seats')) throw new AppError('list_too_few', { candidates: items.length, seats: list.seats });
  if (warnings.includes('below_min_surplus') && !acknowledgeSurplusWarning)
    throw new AppError('list_surplus_warning', { candidates: items.length, seats: list.seats, minSurplus });
  const done = await ctx.tx
    .update(candidateLists)
    .set({ frozenAt: new Date(), frozenBy: ctx.actor.name })
    .where(and(eq(candidateLists.id, listId), isNull(candidateLists.frozenAt)))
    .returning({ id: candidateLists.id });
  if (done.length === 0) throw new AppError('list_frozen');
  await audit(ctx, 'lists.freeze', listId, { candidates: items.length, seats: list.seats, warnings });
}

/** A frozen list is changed only by making a new version; the old one stays on record. */
export async function newListVersion(ctx: Ctx, listId: string) {
  const [list] = await ctx.tx.select().from(candidateLists).where(and(eq(candidateLists.id, listId), eq(candidateLists.congressId, ctx.congress.id))).for('update');
  if (!list) throw new AppError('list_not_found');
  if (!list.frozenAt) throw new AppError('list_not_frozen');
  const [successor] = await ctx.tx.select({ id: candidateLists.id }).from(candidateLists).where(eq(candidateLists.supersedesId, list.id));
  if (successor) throw new AppError('list_superseded');
  const items = await ctx.tx.select({ id: candidateListItems.candidateId }).from(candidateListItems).where(eq(candidateListItems.listId, listId)).orderBy(asc(candidateListItems.position));
  const [next] = await ctx.tx
    .insert(candidateLists)
    .values({ congressId: ctx.congress.id, title: list.title, year: list.year, seats: list.seats, version: list.version + 1, supersedesId: list.id })
    .returning();
  await writeItems(ctx.tx, next.id, items.map((i) => i.id));
  await audit(ctx, 'lists.new_version', next.id, { from: list.id, version: next.version });
  return next.id;
}
