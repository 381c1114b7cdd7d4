/** Projects as the pages show them: the summary row (list, dashboard, reports) and the whole project. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { daysLate, derivedProgress, findingOverdue, projectHealth } from '../../shared/projects/rules.ts';
import type { Finding, ProjectDetail, ProjectFile, ProjectSummary } from '../../shared/projects/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, changeRequests, departments, findings, inspections, milestones, projectFiles, projectPlans, projects, projectUpdates } from '../db/schema/index.ts';
import { canDecideChange, canEditProject, canRequestChange } from '../../shared/projects/policy.ts';
import type { Who } from './access.ts';
import { shanghaiToday } from '../../shared/time.ts';
import { decisionOfVote } from '../ballot/decision.ts';

/**
 * The one order of projects in every list: by when they were made, then by title, then by id. Projects made by one
 * publication share their created_at, so without the tie-breaks their order was the table's physical order — changed
 * by a restore, a move to PostgreSQL or an ordinary update (found by the migration test, issue 19).
 */
export const projectOrder = [asc(projects.createdAt), asc(projects.title), asc(projects.id)] as const;

type Project = typeof projects.$inferSelect;

async function departmentNames(db: DbOrTx, congressId: string) {
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.congressId, congressId));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function summarize(db: DbOrTx, congressId: string, rows: Project[], today = shanghaiToday()): Promise<ProjectSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [deps, ms, fs, cs] = await Promise.all([
    departmentNames(db, congressId),
    db.select({ projectId: milestones.projectId, plannedDate: milestones.plannedDate, status: milestones.status, weight: milestones.weight }).from(milestones).where(inArray(milestones.projectId, ids)),
    db.select({ projectId: findings.projectId, state: findings.state, answerDueOn: findings.answerDueOn }).from(findings).where(inArray(findings.projectId, ids)),
    db.select({ projectId: changeRequests.projectId, n: sql<number>`count(*)::int` }).from(changeRequests).where(and(inArray(changeRequests.projectId, ids), eq(changeRequests.state, 'pending'))).groupBy(changeRequests.projectId),
  ]);
  const dep = (id: string) => deps.get(id) ?? { id, name: '—' };
  return rows.map((p) => {
    const mine = ms.filter((m) => m.projectId === p.id);
    const fnd = fs.filter((f) => f.projectId === p.id);
    const pendingChanges = Number(cs.find((c) => c.projectId === p.id)?.n ?? 0);
    return {
      id: p.id,
      year: p.year,
      title: p.title,
      status: p.status,
      health: projectHealth({ status: p.status, plannedCompletion: p.plannedCompletion, pendingChanges }, mine, today),
      leadDepartment: dep(p.leadDepartmentId),
      coDepartments: p.coDepartmentIds.map(dep),
      plannedInvestment: p.plannedInvestment,
      spentInvestment: p.spentInvestment,
      plannedCompletion: p.plannedCompletion,
      completedOn: p.completedOn,
      derivedProgress: derivedProgress(mine),
      reportedProgress: p.reportedProgress,
      milestones: mine.length,
      lateMilestones: mine.filter((m) => daysLate(m, today) > 0).length,
      openFindings: fnd.filter((f) => f.state === 'awaiting_answer' || f.state === 'answered' || f.state === 'returned').length,
      overdueFindings: fnd.filter((f) => findingOverdue(f, today)).length,
      pendingChanges,
      candidateId: p.candidateId,
      fundingSource: p.fundingSource,
    };
  });
}

const fileOut = (f: Omit<typeof projectFiles.$inferSelect, 'bytes' | 'sha256' | 'projectId'>): ProjectFile => ({
  id: f.id,
  kind: f.kind,
  filename: f.filename,
  mime: f.mime,
  size: f.size,
  caption: f.caption,
  milestoneId: f.milestoneId,
  inspectionId: f.inspectionId,
  public: f.public,
  createdAt: f.createdAt.toISOString(),
});

/** File descriptions (never the bytes) of some projects. */
export async function filesOf(db: DbOrTx, where: ReturnType<typeof eq>) {
  const rows = await db
    .select({ id: projectFiles.id, kind: projectFiles.kind, filename: projectFiles.filename, mime: projectFiles.mime, size: projectFiles.size, caption: projectFiles.caption, milestoneId: projectFiles.milestoneId, inspectionId: projectFiles.inspectionId, public: projectFiles.public, createdAt: projectFiles.createdAt })
    .from(projectFiles)
    .where(where)
    .orderBy(asc(projectFiles.createdAt), asc(projectFiles.id));
  return rows.map(fileOut);
}

export async function findingsOf(db: DbOrTx, congressId: string, where: ReturnType<typeof and>, today = shanghaiToday()): Promise<Finding[]> {
  const deps = await departmentNames(db, congressId);
  const rows = await db
    .select({ f: findings, i: { title: inspections.title, date: inspections.date }, p: { title: projects.title } })
    .from(findings)
    .innerJoin(inspections, eq(inspections.id, findings.inspectionId))
    .innerJoin(projects, eq(projects.id, findings.projectId))
    .where(and(eq(inspections.congressId, congressId), where))
    .orderBy(desc(inspections.date), asc(findings.createdAt), asc(findings.id));
  return rows.map(({ f, i, p }) => ({
    id: f.id,
    inspectionId: f.inspectionId,
    inspectionTitle: i.title,
    inspectionDate: i.date,
    projectId: f.projectId,
    projectTitle: p.title,
    text: f.text,
    department: f.departmentId ? (deps.get(f.departmentId) ?? { id: f.departmentId, name: '—' }) : null,
    answerDueOn: f.answerDueOn,
    state: f.state,
    answer: f.answer,
    answeredAt: f.answeredAt?.toISOString() ?? null,
    reviewNote: f.reviewNote,
    overdue: findingOverdue(f, today),
  }));
}

export async function describeProject(db: DbOrTx, who: Who, p: Project): Promise<ProjectDetail> {
  const today = shanghaiToday();
  const [summary] = await summarize(db, who.congress.id, [p], today);
  const [plan] = await db.select().from(projectPlans).where(eq(projectPlans.projectId, p.id));
  const ms = await db.select().from(milestones).where(eq(milestones.projectId, p.id)).orderBy(asc(milestones.plannedDate), asc(milestones.createdAt), asc(milestones.id));
  const files = await filesOf(db, eq(projectFiles.projectId, p.id));
  const ups = await db
    .select({ u: projectUpdates, by: accounts.displayName })
    .from(projectUpdates)
    .leftJoin(accounts, eq(accounts.id, projectUpdates.accountId))
    .where(eq(projectUpdates.projectId, p.id))
    .orderBy(desc(projectUpdates.createdAt), asc(projectUpdates.id));
  const changes = await db.select({ c: changeRequests, by: accounts.displayName }).from(changeRequests).leftJoin(accounts, eq(accounts.id, changeRequests.requestedBy)).where(eq(changeRequests.projectId, p.id)).orderBy(desc(changeRequests.createdAt), asc(changeRequests.id));
  return {
    ...summary,
    content: p.content,
    expectedOutcome: p.expectedOutcome,
    plan: plan ? { targets: plan.targets, deadline: plan.deadline, fundingArrangement: plan.fundingArrangement, supportMeasures: plan.supportMeasures, annualTargets: plan.annualTargets, updatedAt: plan.updatedAt.toISOString() } : null,
    milestoneList: ms.map((m) => ({
      id: m.id,
      name: m.name,
      plannedDate: m.plannedDate,
      weight: m.weight,
      status: m.status,
      actualDate: m.actualDate,
      note: m.note,
      late: daysLate(m, today) > 0,
      daysLate: daysLate(m, today),
      files: files.filter((f) => f.milestoneId === m.id),
    })),
    updates: ups.map(({ u, by }) => ({ id: u.id, at: u.createdAt.toISOString(), by: by ?? '—', progressPercent: u.progressPercent, spentInvestment: u.spentInvestment, summary: u.summary })),
    files: files.filter((f) => !f.inspectionId),
    changes: changes.map(({ c, by }) => ({
      id: c.id,
      kind: c.kind,
      reason: c.reason,
      changes: c.changes,
      state: c.state,
      requestedBy: by ?? '—',
      requestedAt: c.createdAt.toISOString(),
      decidedBy: c.decidedBy,
      decisionDate: c.decisionDate,
      announcementDate: c.announcementDate,
      note: c.note,
    })),
    findings: await findingsOf(db, who.congress.id, and(eq(findings.projectId, p.id)), today),
    decision: await decisionOfVote(db, p.congressId, p.voteId),
    can: { edit: canEditProject(who, p) && p.status !== 'terminated', report: canEditProject(who, p) && p.status === 'active', requestChange: canRequestChange(who, p) && p.status !== 'terminated', decideChange: canDecideChange(who) },
  };
}
