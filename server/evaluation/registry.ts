/**
 * The targets the office keeps for evaluation: appointed officials (任命人员) and 专题询问 with the departments that
 * answered. Listed, added, changed and archived (never deleted: a published round keeps naming them).
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Inquiry, InquiryInput, Official, OfficialInput, UpdateInquiry, UpdateOfficial } from '../../shared/evaluation/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments, evalInquiries, evalOfficials } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { now } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import type { Ctx } from './rounds.ts';

const audit = (ctx: Ctx, action: string, targetType: string, targetId: string, details: Record<string, unknown>) =>
  appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congressId, action: `evaluation.${action}`, targetType, targetId, details });

async function departmentNames(db: DbOrTx, congressId: string, ids: string[]) {
  const rows = ids.length ? await db.select({ id: departments.id, name: departments.name }).from(departments).where(and(inArray(departments.id, ids), eq(departments.congressId, congressId))) : [];
  return new Map(rows.map((d) => [d.id, d.name]));
}

/** Every id names a department of this congress, or department_not_found. */
async function checkDepartments(db: DbOrTx, congressId: string, ids: string[]) {
  const names = await departmentNames(db, congressId, ids);
  if (ids.some((d) => !names.has(d))) throw new AppError('department_not_found');
}

// ---- officials ----

export async function listOfficials(db: DbOrTx, congressId: string, includeArchived: boolean): Promise<Official[]> {
  const rows = await db
    .select()
    .from(evalOfficials)
    .where(and(eq(evalOfficials.congressId, congressId), includeArchived ? undefined : isNull(evalOfficials.archivedAt)))
    .orderBy(asc(evalOfficials.name), asc(evalOfficials.id));
  const names = await departmentNames(db, congressId, [...new Set(rows.flatMap((r) => (r.departmentId ? [r.departmentId] : [])))]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    post: r.post,
    department: r.departmentId ? { id: r.departmentId, name: names.get(r.departmentId) ?? '—' } : null,
    appointedOn: r.appointedOn,
    archived: r.archivedAt !== null,
  }));
}

async function official(db: DbOrTx, congressId: string, id: string, forUpdate = false) {
  const q = db.select().from(evalOfficials).where(and(eq(evalOfficials.id, id), eq(evalOfficials.congressId, congressId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('official_not_found');
  return row;
}

export async function oneOfficial(db: DbOrTx, congressId: string, id: string) {
  await official(db, congressId, id);
  return (await listOfficials(db, congressId, true)).find((o) => o.id === id)!;
}

export async function createOfficial(ctx: Ctx, input: z.infer<typeof OfficialInput>) {
  if (input.departmentId) await checkDepartments(ctx.tx, ctx.congressId, [input.departmentId]);
  const [row] = await ctx.tx.insert(evalOfficials).values({ congressId: ctx.congressId, ...input }).returning();
  await audit(ctx, 'official_create', 'eval_official', row.id, { name: row.name, post: row.post, departmentId: row.departmentId });
  return row.id;
}

export async function updateOfficial(ctx: Ctx, id: string, input: z.infer<typeof UpdateOfficial>) {
  const row = await official(ctx.tx, ctx.congressId, id, true);
  if (input.departmentId) await checkDepartments(ctx.tx, ctx.congressId, [input.departmentId]);
  await ctx.tx.update(evalOfficials).set(input).where(eq(evalOfficials.id, row.id));
  await audit(ctx, 'official_update', 'eval_official', row.id, { name: input.name ?? row.name, ...input });
}

export async function archiveOfficial(ctx: Ctx, id: string) {
  const row = await official(ctx.tx, ctx.congressId, id, true);
  if (row.archivedAt) return;
  await ctx.tx.update(evalOfficials).set({ archivedAt: now() }).where(eq(evalOfficials.id, row.id));
  await audit(ctx, 'official_archive', 'eval_official', row.id, { name: row.name });
}

// ---- 专题询问 ----

export async function listInquiries(db: DbOrTx, congressId: string, includeArchived: boolean): Promise<Inquiry[]> {
  const rows = await db
    .select()
    .from(evalInquiries)
    .where(and(eq(evalInquiries.congressId, congressId), includeArchived ? undefined : isNull(evalInquiries.archivedAt)))
    .orderBy(desc(evalInquiries.heldOn), asc(evalInquiries.title), asc(evalInquiries.id));
  const names = await departmentNames(db, congressId, [...new Set(rows.flatMap((r) => r.departmentIds))]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    heldOn: r.heldOn,
    departments: r.departmentIds.map((d) => ({ id: d, name: names.get(d) ?? '—' })),
    archived: r.archivedAt !== null,
  }));
}

async function inquiry(db: DbOrTx, congressId: string, id: string, forUpdate = false) {
  const q = db.select().from(evalInquiries).where(and(eq(evalInquiries.id, id), eq(evalInquiries.congressId, congressId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('inquiry_not_found');
  return row;
}

export async function oneInquiry(db: DbOrTx, congressId: string, id: string) {
  await inquiry(db, congressId, id);
  return (await listInquiries(db, congressId, true)).find((q) => q.id === id)!;
}

export async function createInquiry(ctx: Ctx, input: z.infer<typeof InquiryInput>) {
  await checkDepartments(ctx.tx, ctx.congressId, input.departmentIds);
  const [row] = await ctx.tx.insert(evalInquiries).values({ congressId: ctx.congressId, ...input }).returning();
  await audit(ctx, 'inquiry_create', 'eval_inquiry', row.id, { title: row.title, heldOn: row.heldOn, departmentIds: row.departmentIds });
  return row.id;
}

export async function updateInquiry(ctx: Ctx, id: string, input: z.infer<typeof UpdateInquiry>) {
  const row = await inquiry(ctx.tx, ctx.congressId, id, true);
  if (input.departmentIds) await checkDepartments(ctx.tx, ctx.congressId, input.departmentIds);
  await ctx.tx.update(evalInquiries).set(input).where(eq(evalInquiries.id, row.id));
  await audit(ctx, 'inquiry_update', 'eval_inquiry', row.id, { title: input.title ?? row.title, ...input });
}

export async function archiveInquiry(ctx: Ctx, id: string) {
  const row = await inquiry(ctx.tx, ctx.congressId, id, true);
  if (row.archivedAt) return;
  await ctx.tx.update(evalInquiries).set({ archivedAt: now() }).where(eq(evalInquiries.id, row.id));
  await audit(ctx, 'inquiry_archive', 'eval_inquiry', row.id, { title: row.title });
}
