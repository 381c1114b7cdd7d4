/** Changes to projects, each in the caller's transaction and each in the audit log (design §6). */
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { ChangeKind, CreateChange, CreateMilestone, CreateProject, DecideChange, Plan, ProgressUpdate, UpdateMilestone, UpdateProject } from '../../shared/projects/schema.ts';
import type { Tx } from '../db/client.ts';
import { candidates, changeRequests, departments, milestones, projectFiles, projectPlans, projects, projectUpdates } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import type { CheckedFile } from '../gathering/attachments.ts';
import { becameProjects, projectCompleted } from '../notify/triggers.ts';

type Project = typeof projects.$inferSelect;
type Ctx = { tx: Tx; actor: NonNullable<Actor>; congressId: string };

const audit = (ctx: Ctx, action: string, projectId: string, details: Record<string, unknown>) =>
  appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congressId, action: `projects.${action}`, targetType: 'project', targetId: projectId, details });

async function checkDepartments(ctx: Ctx, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await ctx.tx.select({ id: departments.id }).from(departments).where(and(inArray(departments.id, ids), eq(departments.congressId, ctx.congressId)));
  if (rows.length !== new Set(ids).size) throw new AppError('department_not_found');
}

export async function createProject(ctx: Ctx, input: z.infer<typeof CreateProject>) {
  const co = [...new Set(input.coDepartmentIds.filter((d) => d !== input.leadDepartmentId))];
  await checkDepartments(ctx, [input.leadDepartmentId, ...co]);
  const [row] = await ctx.tx.insert(projects).values({ ...input, coDepartmentIds: co, congressId: ctx.congressId }).returning();
  await audit(ctx, 'create', row.id, { title: row.title, year: row.year });
  return row;
}

/**
 * Publishing a result makes each elected candidate a project (once: the candidate is unique on projects), with its
 * lead and co-operating departments, planned investment, funding source and planned completion.
 */
export async function projectsFromElected(ctx: Ctx, voteId: string, elected: string[]) {
  if (elected.length === 0) return 0;
  const rows = await ctx.tx.select().from(candidates).where(and(inArray(candidates.id, elected), eq(candidates.congressId, ctx.congressId)));
  const made = await ctx.tx
    .insert(projects)
    .values(
      rows.map((c) => ({
        congressId: ctx.congressId,
        year: c.year,
        candidateId: c.id,
        voteId,
        title: c.title,
        content: c.content,
        leadDepartmentId: c.leadDepartmentId,
        coDepartmentIds: c.coDepartmentIds,
        plannedInvestment: c.plannedInvestment,
        fundingSource: c.fundingSource,
        plannedCompletion: c.plannedCompletion,
        expectedOutcome: c.expectedOutcome,
      })),
    )
    .onConflictDoNothing({ target: projects.candidateId })
    .returning({ id: projects.id, title: projects.title, candidateId: projects.candidateId });
  for (const p of made) await audit(ctx, 'create_from_vote', p.id, { title: p.title, voteId });
  await becameProjects(ctx.tx, ctx.congressId, made);
  return made.length;
}

export async function updateProject(ctx: Ctx, p: Project, input: z.infer<typeof UpdateProject>) {
  const lead = input.leadDepartmentId ?? p.leadDepartmentId;
  const co = input.coDepartmentIds ? [...new Set(input.coDepartmentIds.filter((d) => d !== lead))] : undefined;
  await checkDepartments(ctx, [lead, ...(co ?? [])]);
  await ctx.tx.update(projects).set({ ...input, ...(co ? { coDepartmentIds: co } : {}), updatedAt: new Date() }).where(eq(projects.id, p.id));
  await audit(ctx, 'update', p.id, input);
}

export async function completeProject(ctx: Ctx, p: Project, completedOn: string) {
  if (p.status !== 'active') throw new AppError('project_not_active');
  await ctx.tx.update(projects).set({ status: 'completed', completedOn, updatedAt: new Date() }).where(eq(projects.id, p.id));
  await audit(ctx, 'complete', p.id, { completedOn });
  await projectCompleted(ctx.tx, p);
}

export async function savePlan(ctx: Ctx, p: Project, plan: Plan) {
  const values = { ...plan, projectId: p.id, updatedAt: new Date() };
  await ctx.tx.insert(projectPlans).values(values).onConflictDoUpdate({ target: projectPlans.projectId, set: values });
  await audit(ctx, 'plan', p.id, { deadline: plan.deadline, annualTargets: plan.annualTargets.length });
}

export async function addMilestone(ctx: Ctx, p: Project, input: z.infer<typeof CreateMilestone>) {
  const [m] = await ctx.tx.insert(milestones).values({ ...input, projectId: p.id }).returning();
  await audit(ctx, 'milestone_add', p.id, { milestoneId: m.id, ...input });
  return m;
}

async function milestoneOf(ctx: Ctx, p: Project, milestoneId: string) {
  const [m] = await ctx.tx.select().from(milestones).where(and(eq(milestones.id, milestoneId), eq(milestones.projectId, p.id))).for('update');
  if (!m) throw new AppError('milestone_not_found');
  return m;
}

/** Done needs its actual date (today by default); reopening clears it. */
export async function updateMilestone(ctx: Ctx, p: Project, milestoneId: string, input: z.infer<typeof UpdateMilestone>, today: string) {
  const m = await milestoneOf(ctx, p, milestoneId);
  const status = input.status ?? m.status;
  let actualDate = input.actualDate !== undefined ? input.actualDate : m.actualDate;
  if (status === 'done') actualDate ??= today;
  else actualDate = null;
  if (actualDate && actualDate > today) throw new AppError('actual_date_future');
  await ctx.tx.update(milestones).set({ ...input, status, actualDate }).where(eq(milestones.id, m.id));
  await audit(ctx, 'milestone_update', p.id, { milestoneId: m.id, ...input, actualDate });
}

export async function deleteMilestone(ctx: Ctx, p: Project, milestoneId: string) {
  const m = await milestoneOf(ctx, p, milestoneId);
  await ctx.tx.delete(milestones).where(eq(milestones.id, m.id));
  await audit(ctx, 'milestone_delete', p.id, { milestoneId: m.id, name: m.name });
}

/** A department's report: its own figure, money spent to date, and what was done (public). */
export async function reportProgress(ctx: Ctx, p: Project, input: z.infer<typeof ProgressUpdate>) {
  if (p.status !== 'active') throw new AppError('project_not_active');
  await ctx.tx.insert(projectUpdates).values({ projectId: p.id, accountId: ctx.actor.id, progressPercent: input.progressPercent ?? null, spentInvestment: input.spentInvestment ?? null, summary: input.summary });
  await ctx.tx
    .update(projects)
    .set({
      ...(input.progressPercent !== undefined ? { reportedProgress: input.progressPercent } : {}),
      ...(input.spentInvestment !== undefined ? { spentInvestment: input.spentInvestment } : {}),
      updatedAt: new Date(),
    })
    .where(eq(projects.id, p.id));
  await audit(ctx, 'report', p.id, input);
}

/** Evidence: a photo is public (the progress page shows it), a document is not. */
export async function addFile(ctx: Ctx, p: Project, file: CheckedFile, opts: { caption: string; milestoneId?: string; inspectionId?: string }) {
  if (opts.milestoneId) await milestoneOf(ctx, p, opts.milestoneId);
  const kind = file.mime.startsWith('image/') ? ('photo' as const) : ('document' as const);
  const [row] = await ctx.tx
    .insert(projectFiles)
    .values({ projectId: p.id, milestoneId: opts.milestoneId ?? null, inspectionId: opts.inspectionId ?? null, kind, filename: file.filename, mime: file.mime, size: file.size, sha256: file.sha256, caption: opts.caption, public: kind === 'photo' && !opts.inspectionId, bytes: file.bytes })
    .returning();
  await audit(ctx, 'file_add', p.id, { fileId: row.id, filename: row.filename, kind, size: row.size, milestoneId: row.milestoneId, inspectionId: row.inspectionId });
  return row;
}

export async function deleteFile(ctx: Ctx, p: Project, fileId: string) {
  const [f] = await ctx.tx.select({ id: projectFiles.id, filename: projectFiles.filename }).from(projectFiles).where(and(eq(projectFiles.id, fileId), eq(projectFiles.projectId, p.id)));
  if (!f) throw new AppError('file_not_found');
  await ctx.tx.delete(projectFiles).where(eq(projectFiles.id, f.id));
  await audit(ctx, 'file_delete', p.id, { fileId: f.id, filename: f.filename });
}

const ALLOWED_FROM: Record<z.infer<typeof ChangeKind>, Project['status'][]> = {
  major_change: ['active', 'suspended'],
  suspension: ['active'],
  termination: ['active', 'suspended'],
  resumption: ['suspended'],
};

export async function requestChange(ctx: Ctx, p: Project, input: z.infer<typeof CreateChange>) {
  if (!ALLOWED_FROM[input.kind].includes(p.status)) throw new AppError('change_not_applicable', { status: { zh: STATUS_ZH[p.status], en: p.status } });
  if (input.kind === 'major_change' && Object.keys(input.changes).length === 0 && !input.reason) throw new AppError('change_empty');
  const [open] = await ctx.tx.select({ id: changeRequests.id }).from(changeRequests).where(and(eq(changeRequests.projectId, p.id), eq(changeRequests.state, 'pending')));
  if (open) throw new AppError('change_pending');
  const [row] = await ctx.tx.insert(changeRequests).values({ projectId: p.id, kind: input.kind, reason: input.reason, changes: input.kind === 'major_change' ? input.changes : {}, requestedBy: ctx.actor.id }).returning();
  await audit(ctx, 'change_request', p.id, { changeId: row.id, kind: row.kind, changes: row.changes });
  return row;
}

const STATUS_ZH: Record<Project['status'], string> = { active: '实施中', completed: '已完成', suspended: '已暂停', terminated: '已终止' };

/** The standing committee (or the session) decides; an approved request takes effect on the project at once. */
export async function decideChange(ctx: Ctx, p: Project, changeId: string, input: z.infer<typeof DecideChange>) {
  const [cr] = await ctx.tx.select().from(changeRequests).where(and(eq(changeRequests.id, changeId), eq(changeRequests.projectId, p.id))).for('update');
  if (!cr) throw new AppError('change_not_found');
  if (cr.state !== 'pending') throw new AppError('change_decided');
  if (input.announcementDate && input.announcementDate < input.decisionDate) throw new AppError('announcement_before_decision');
  if (input.approved) {
    if (!ALLOWED_FROM[cr.kind].includes(p.status)) throw new AppError('change_not_applicable', { status: { zh: STATUS_ZH[p.status], en: p.status } });
    const set: Partial<typeof projects.$inferInsert> =
      cr.kind === 'suspension' ? { status: 'suspended' } : cr.kind === 'termination' ? { status: 'terminated' } : cr.kind === 'resumption' ? { status: 'active' } : { ...cr.changes };
    await ctx.tx.update(projects).set({ ...set, updatedAt: new Date() }).where(eq(projects.id, p.id));
  }
  await ctx.tx
    .update(changeRequests)
    .set({ state: input.approved ? 'approved' : 'rejected', decidedBy: input.decidedBy, decisionDate: input.decisionDate, announcementDate: input.announcementDate ?? null, note: input.note })
    .where(eq(changeRequests.id, cr.id));
  await audit(ctx, 'change_decide', p.id, { changeId: cr.id, kind: cr.kind, ...input });
}
