/** 视察: inspections of a project by representatives, their findings, and the departments' answers. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateFinding, CreateInspection, Inspection } from '../../shared/projects/schema.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { departments, findings, inspections, projectFiles, projects, representatives } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { canAnswerFinding, canReadProject, departmentsOf, readsAllProjects } from '../../shared/projects/policy.ts';
import { readableProject, type Who } from './access.ts';
import { filesOf, findingsOf } from './describe.ts';
import { shanghaiToday } from '../../shared/time.ts';
import { findingToAnswer, inspectionRecorded } from '../notify/triggers.ts';

type Ctx = { tx: Tx; actor: NonNullable<Actor>; congressId: string };
type InspectionRow = typeof inspections.$inferSelect;

const audit = (ctx: Ctx, action: string, targetId: string, details: Record<string, unknown>) =>
  appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congressId, action: `inspections.${action}`, targetType: 'inspection', targetId, details });

export async function getInspection(db: DbOrTx, who: Who, inspectionId: string) {
  const [row] = await db.select().from(inspections).where(and(eq(inspections.id, inspectionId), eq(inspections.congressId, who.congress.id)));
  if (!row) throw new AppError('inspection_not_found');
  await readableProject(db, who, row.projectId).catch(() => {
    throw new AppError('inspection_not_found');
  });
  return row;
}

export async function describeInspections(db: DbOrTx, who: Who, rows: InspectionRow[]): Promise<Inspection[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const titles = new Map((await db.select({ id: projects.id, title: projects.title }).from(projects).where(inArray(projects.id, [...new Set(rows.map((r) => r.projectId))]))).map((p) => [p.id, p.title]));
  const reps = new Map(
    (await db.select({ id: representatives.id, name: representatives.name }).from(representatives).where(eq(representatives.congressId, who.congress.id))).map((r) => [r.id, r.name]),
  );
  const fs = await findingsOf(db, who.congress.id, and(inArray(findings.inspectionId, ids)));
  const files = await filesOf(db, inArray(projectFiles.inspectionId, ids) as ReturnType<typeof eq>);
  return rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    projectTitle: titles.get(r.projectId) ?? '—',
    date: r.date,
    title: r.title,
    attendees: r.attendeeIds.map((id) => ({ id, name: reps.get(id) ?? '—' })),
    summary: r.summary,
    suggestions: r.suggestions,
    findings: fs.filter((f) => f.inspectionId === r.id),
    files: files.filter((f) => f.inspectionId === r.id),
  }));
}

/** Inspections this person may see: all of the congress, or those of a department's own projects. */
export async function listInspections(db: DbOrTx, who: Who, q: { year?: number; projectId?: string }) {
  const rows = await db
    .select({ i: inspections, p: projects })
    .from(inspections)
    .innerJoin(projects, eq(projects.id, inspections.projectId))
    .where(and(eq(inspections.congressId, who.congress.id), q.year ? eq(projects.year, q.year) : undefined, q.projectId ? eq(inspections.projectId, q.projectId) : undefined))
    .orderBy(desc(inspections.date), asc(inspections.id));
  return describeInspections(db, who, rows.filter((r) => canReadProject(who, r.p)).map((r) => r.i));
}

export async function createInspection(ctx: Ctx, who: Who, input: z.infer<typeof CreateInspection>) {
  const p = await readableProject(ctx.tx, who, input.projectId);
  const attendees = [...new Set(input.attendeeIds)];
  if (attendees.length) {
    const found = await ctx.tx.select({ id: representatives.id }).from(representatives).where(and(inArray(representatives.id, attendees), eq(representatives.congressId, ctx.congressId)));
    if (found.length !== attendees.length) throw new AppError('representative_not_found');
  }
  if (input.date > shanghaiToday()) throw new AppError('inspection_future');
  const [row] = await ctx.tx.insert(inspections).values({ ...input, attendeeIds: attendees, congressId: ctx.congressId, projectId: p.id }).returning();
  await audit(ctx, 'create', row.id, { projectId: p.id, date: row.date, title: row.title, attendees: attendees.length });
  await inspectionRecorded(ctx.tx, row, p.title);
  return row;
}

/** A finding; with a department and a due date it demands an answer. The department must be on the project. */
export async function addFinding(ctx: Ctx, inspection: InspectionRow, input: z.infer<typeof CreateFinding>) {
  const [p] = await ctx.tx.select().from(projects).where(eq(projects.id, inspection.projectId));
  if (input.departmentId) {
    const [d] = await ctx.tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, input.departmentId), eq(departments.congressId, ctx.congressId)));
    if (!d) throw new AppError('department_not_found');
    if (!departmentsOf(p).includes(input.departmentId)) throw new AppError('finding_department_not_on_project');
  }
  const state = input.departmentId && input.answerDueOn ? ('awaiting_answer' as const) : ('noted' as const);
  const [row] = await ctx.tx.insert(findings).values({ inspectionId: inspection.id, projectId: p.id, text: input.text, departmentId: input.departmentId ?? null, answerDueOn: input.answerDueOn ?? null, state }).returning();
  await audit(ctx, 'finding', inspection.id, { findingId: row.id, departmentId: row.departmentId, answerDueOn: row.answerDueOn });
  if (state === 'awaiting_answer') await findingToAnswer(ctx.tx, ctx.congressId, row, p.title);
  return row;
}

async function findingFor(ctx: Ctx, findingId: string) {
  const [row] = await ctx.tx
    .select({ f: findings })
    .from(findings)
    .innerJoin(inspections, eq(inspections.id, findings.inspectionId))
    .where(and(eq(findings.id, findingId), eq(inspections.congressId, ctx.congressId)))
    .for('update', { of: findings });
  if (!row) throw new AppError('finding_not_found');
  return row.f;
}

/** The department named on the finding answers (again, after a return). */
export async function answerFinding(ctx: Ctx, who: Who, findingId: string, answer: string) {
  const f = await findingFor(ctx, findingId);
  if (!canAnswerFinding(who, f)) {
    if (!readsAllProjects(who)) throw new AppError('finding_not_found');
    throw new AppError('forbidden');
  }
  if (f.state !== 'awaiting_answer' && f.state !== 'returned') throw new AppError('finding_not_awaiting');
  await ctx.tx.update(findings).set({ answer, state: 'answered', answeredAt: new Date() }).where(eq(findings.id, f.id));
  await audit(ctx, 'answer', f.inspectionId, { findingId: f.id });
  return f.id;
}

/** Staff accept the answer, or return it with a note for the department to answer again. */
export async function reviewAnswer(ctx: Ctx, findingId: string, accept: boolean, note: string) {
  const f = await findingFor(ctx, findingId);
  if (f.state !== 'answered') throw new AppError('finding_not_answered');
  await ctx.tx.update(findings).set({ state: accept ? 'accepted' : 'returned', reviewNote: note }).where(eq(findings.id, f.id));
  if (!accept) {
    const [p] = await ctx.tx.select({ title: projects.title }).from(projects).where(eq(projects.id, f.projectId));
    await findingToAnswer(ctx.tx, ctx.congressId, f, p?.title ?? '', `returned-${f.answeredAt?.getTime() ?? 0}`);
  }
  await audit(ctx, accept ? 'accept' : 'return', f.inspectionId, { findingId: f.id, note });
  return f.id;
}
