/**
 * The public progress page: this year's projects with progress, milestones, photos, spending and announced decisions.
 * Nothing private: no contacts, no internal notes, no documents, no inspection findings, no names of staff.
 */
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { daysLate } from '../../shared/projects/rules.ts';
import type { PublicProject } from '../../shared/projects/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { changeRequests, congresses, evalRounds, evalTargets, milestones, projectFiles, projects, projectUpdates } from '../db/schema/index.ts';
import { computeResults } from '../evaluation/results.ts';
import { AppError } from '../lib/errors.ts';
import { decisionOfVote } from '../ballot/decision.ts';
import { projectOrder, summarize } from './describe.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

type Project = typeof projects.$inferSelect;

/** The latest published evaluation round that graded this project, and its grade (null when withheld). */
async function latestGrade(db: DbOrTx, p: Project) {
  const rounds = await db
    .select({ round: evalRounds })
    .from(evalTargets)
    .innerJoin(evalRounds, eq(evalRounds.id, evalTargets.roundId))
    .where(and(eq(evalTargets.targetId, p.id), eq(evalTargets.kind, 'project'), isNotNull(evalRounds.publishedAt)))
    .orderBy(desc(evalRounds.publishedAt))
    .limit(1);
  if (!rounds.length) return null;
  const [congress] = await db.select().from(congresses).where(eq(congresses.id, p.congressId));
  const res = await computeResults(db, congress, rounds[0].round);
  const t = res.targets.find((x) => x.kind === 'project' && x.id === p.id);
  return { roundTitle: rounds[0].round.title, year: rounds[0].round.year, grade: t?.grade ?? null, overall: t?.groups.all.rates?.overall ?? null };
}

async function publicOne(db: DbOrTx, p: Project, today: string): Promise<PublicProject> {
  const [s] = await summarize(db, p.congressId, [p], today);
  const ms = await db.select().from(milestones).where(eq(milestones.projectId, p.id)).orderBy(asc(milestones.plannedDate), asc(milestones.createdAt), asc(milestones.id));
  const photos = await db
    .select({ id: projectFiles.id, caption: projectFiles.caption, milestoneId: projectFiles.milestoneId })
    .from(projectFiles)
    .where(and(eq(projectFiles.projectId, p.id), eq(projectFiles.public, true)))
    .orderBy(desc(projectFiles.createdAt), asc(projectFiles.id));
  const ups = await db.select({ at: projectUpdates.createdAt, summary: projectUpdates.summary, progressPercent: projectUpdates.progressPercent }).from(projectUpdates).where(eq(projectUpdates.projectId, p.id)).orderBy(desc(projectUpdates.createdAt), asc(projectUpdates.id));
  const decided = await db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.projectId, p.id), isNotNull(changeRequests.decisionDate)))
    .orderBy(desc(changeRequests.decisionDate));
  const names = new Map(ms.map((m) => [m.id, m.name]));
  return {
    id: p.id,
    year: p.year,
    title: p.title,
    content: p.content,
    expectedOutcome: p.expectedOutcome,
    status: p.status,
    health: s.health,
    leadDepartment: s.leadDepartment.name,
    coDepartments: s.coDepartments.map((d) => d.name),
    plannedInvestment: p.plannedInvestment,
    spentInvestment: p.spentInvestment,
    plannedCompletion: p.plannedCompletion,
    completedOn: p.completedOn,
    derivedProgress: s.derivedProgress,
    reportedProgress: s.reportedProgress,
    milestones: ms.map((m) => ({ name: m.name, plannedDate: m.plannedDate, actualDate: m.actualDate, status: m.status, late: daysLate(m, today) > 0 })),
    photos: photos.map((f) => ({ id: f.id, caption: f.caption, milestone: f.milestoneId ? (names.get(f.milestoneId) ?? null) : null })),
    updates: ups.map((u) => ({ at: u.at.toISOString(), summary: u.summary, progressPercent: u.progressPercent })),
    evaluation: await latestGrade(db, p),
    announcements: decided.map((c) => ({ kind: c.kind, approved: c.state === 'approved', decisionDate: c.decisionDate!, announcementDate: c.announcementDate, reason: c.reason })),
    decision: await decisionOfVote(db, p.congressId, p.voteId),
  };
}

export async function publicProjectList(db: DbOrTx, congressId: string, year?: number) {
  const [congress] = await db.select({ id: congresses.id, name: congresses.name }).from(congresses).where(eq(congresses.id, congressId));
  if (!congress) throw new AppError('congress_not_found');
  const years = (await db.selectDistinct({ year: projects.year }).from(projects).where(eq(projects.congressId, congressId))).map((r) => r.year).sort((a, b) => b - a);
  const y = year ?? years.find((x) => x <= shanghaiYear()) ?? years[0] ?? shanghaiYear();
  const rows = await db.select().from(projects).where(and(eq(projects.congressId, congressId), eq(projects.year, y))).orderBy(...projectOrder);
  const today = shanghaiToday();
  const sums = await summarize(db, congressId, rows, today);
  const ids = rows.map((r) => r.id);
  const photos = ids.length ? await db.select({ id: projectFiles.id, projectId: projectFiles.projectId }).from(projectFiles).where(and(inArray(projectFiles.projectId, ids), eq(projectFiles.public, true))).orderBy(desc(projectFiles.createdAt), asc(projectFiles.id)) : [];
  return {
    congress,
    year: y,
    years,
    projects: sums.map((s) => ({
      id: s.id,
      year: s.year,
      title: s.title,
      status: s.status,
      health: s.health,
      leadDepartment: s.leadDepartment.name,
      coDepartments: s.coDepartments.map((d) => d.name),
      plannedInvestment: s.plannedInvestment,
      spentInvestment: s.spentInvestment,
      plannedCompletion: s.plannedCompletion,
      completedOn: s.completedOn,
      derivedProgress: s.derivedProgress,
      reportedProgress: s.reportedProgress,
      photo: photos.find((f) => f.projectId === s.id)?.id ?? null,
    })),
  };
}

export async function publicProject(db: DbOrTx, projectId: string) {
  const [p] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!p) throw new AppError('project_not_found');
  return publicOne(db, p, shanghaiToday());
}

/** A public photo's bytes (documents and inspection photos are not public). */
export async function publicPhoto(db: DbOrTx, fileId: string) {
  const [f] = await db.select().from(projectFiles).where(and(eq(projectFiles.id, fileId), eq(projectFiles.public, true)));
  if (!f) throw new AppError('file_not_found');
  return f;
}

/** The project a proposal became (through its candidate), for the tracking page. */
export async function projectOfCandidate(db: DbOrTx, candidateId: string | null) {
  if (!candidateId) return null;
  const [p] = await db.select({ id: projects.id, congressId: projects.congressId }).from(projects).where(eq(projects.candidateId, candidateId));
  return p ?? null;
}
