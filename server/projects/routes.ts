import { and, asc, eq } from 'drizzle-orm';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Contract } from '../../shared/contract.ts';
import { fieldMessage, type Lang } from '../../shared/errors.ts';
import * as C from '../../shared/projects/contract.ts';
import { canReadProject, canRequestChange, canSeeFinding } from '../../shared/projects/policy.ts';
import { findings, projectFiles, projects } from '../db/schema/index.ts';
import { checkFiles } from '../gathering/attachments.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { CACHE_CONTROL, cachedPublic } from '../lib/public-cache.ts';
import { filesIn, textIn } from '../lib/upload.ts';
import { rejectNul } from '../lib/validate.ts';
import { editableProject, readableProject, whoOf, type Who } from './access.ts';
import { addFile, addMilestone, completeProject, createProject, decideChange, deleteFile, deleteMilestone, reportProgress, requestChange, savePlan, updateMilestone, updateProject } from './actions.ts';
import { describeProject, filesOf, findingsOf, projectOrder, summarize } from './describe.ts';
import { addFinding, answerFinding, createInspection, describeInspections, getInspection, listInspections, reviewAnswer } from './inspections.ts';
import { progressReport, reportCsv } from './report.ts';
import { publicPhoto, publicProject, publicProjectList } from './public.ts';
import { shanghaiToday } from '../../shared/time.ts';

const ctxOf = (who: Who) => (tx: Parameters<Parameters<AppEnv['Variables']['deps']['db']['transaction']>[0]>[0]) => ({ tx, actor: actorOf(who.auth), congressId: who.congress.id });

/**
 * The evidence form (multipart, read by the contract helper): one `file`, an optional `caption` and `milestoneId`.
 * The file is checked by its bytes (a JPEG/PNG/WebP photo or a PDF, 5 MB at most).
 */
async function evidenceOf(form: Record<string, unknown>, lang: Lang) {
  const [file] = filesIn(form, 'file');
  if (!file) throw new AppError('validation', {}, [{ path: 'file', code: 'file_required', message: fieldMessage('file_required', lang) }]);
  const caption = (textIn(form, 'caption') ?? '').trim().slice(0, 200);
  rejectNul({ caption }, lang);
  const milestoneId = textIn(form, 'milestoneId') || undefined;
  if (milestoneId && !z.uuid().safeParse(milestoneId).success) throw new AppError('milestone_not_found');
  const [checked] = await checkFiles([file]);
  return { file: checked, caption, milestoneId };
}

function sendFile(c: Context<AppEnv>, f: typeof projectFiles.$inferSelect) {
  c.header('Content-Type', f.mime);
  c.header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
  c.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(new Uint8Array(f.bytes));
}

export const projectRoutes = new Hono<AppEnv>();

implement(projectRoutes, C.listProjects, async (c, { access, query: q }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  const rows = await db
    .select()
    .from(projects)
    .where(and(eq(projects.congressId, who.congress.id), q.year ? eq(projects.year, q.year) : undefined, q.status ? eq(projects.status, q.status) : undefined))
    .orderBy(asc(projects.year), ...projectOrder);
  const mine = rows.filter((p) => canReadProject(who, p) && (!q.departmentId || p.leadDepartmentId === q.departmentId || p.coDepartmentIds.includes(q.departmentId)));
  return summarize(db, who.congress.id, mine);
});

implement(projectRoutes, C.createProject, async (c, { access, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  const row = await db.transaction((tx) => createProject(ctxOf(who)(tx), body));
  return describeProject(db, who, row);
});

implement(projectRoutes, C.getReport, async (c, { access, query: { year, period } }) => progressReport(c.get('deps').db, whoOf(access), year, period));

implement(projectRoutes, C.getReportCsv, async (c, { access, query: { year, period } }) => {
  const csv = reportCsv(await progressReport(c.get('deps').db, whoOf(access), year, period));
  return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="progress-${year}-${period}.csv"` });
});

implement(projectRoutes, C.getProject, async (c, { access, params: { projectId } }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  return describeProject(db, who, await readableProject(db, who, projectId));
});

implement(projectRoutes, C.updateProject, async (c, { access, params: { projectId }, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction(async (tx) => updateProject(ctxOf(who)(tx), await editableProject(tx, who, projectId), body));
  return describeProject(db, who, await readableProject(db, who, projectId));
});

implement(projectRoutes, C.completeProject, async (c, { access, params: { projectId }, body: { completedOn } }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  if (completedOn > shanghaiToday()) throw new AppError('actual_date_future');
  await db.transaction(async (tx) => completeProject(ctxOf(who)(tx), await editableProject(tx, who, projectId), completedOn));
  return describeProject(db, who, await readableProject(db, who, projectId));
});

implement(projectRoutes, C.savePlan, async (c, { access, params: { projectId }, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction(async (tx) => savePlan(ctxOf(who)(tx), await editableProject(tx, who, projectId), body));
  return describeProject(db, who, await readableProject(db, who, projectId));
});

implement(projectRoutes, C.addMilestone, async (c, { access, params: { projectId }, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction(async (tx) => addMilestone(ctxOf(who)(tx), await editableProject(tx, who, projectId), body));
  return describeProject(db, who, await readableProject(db, who, projectId));
});

implement(projectRoutes, C.updateMilestone, async (c, { access, params: { projectId, milestoneId }, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction(async (tx) => updateMilestone(ctxOf(who)(tx), await editableProject(tx, who, projectId), milestoneId, body, shanghaiToday()));
  return describeProject(db, who, await readableProject(db, who, projectId));
});

implement(projectRoutes, C.deleteMilestone, async (c, { access, params: { projectId, milestoneId } }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction(async (tx) => deleteMilestone(ctxOf(who)(tx), await editableProject(tx, who, projectId), milestoneId));
  return describeProject(db, who, await readableProject(db, who, projectId));
});

implement(projectRoutes, C.reportProgress, async (c, { access, params: { projectId }, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction(async (tx) => reportProgress(ctxOf(who)(tx), await editableProject(tx, who, projectId), body));
  return describeProject(db, who, await readableProject(db, who, projectId));
});

implement(projectRoutes, C.uploadProjectFile, async (c, { access, params: { projectId }, form }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await editableProject(db, who, projectId); // before the file's bytes are checked
  const up = await evidenceOf(form, c.get('lang'));
  const row = await db.transaction(async (tx) => addFile(ctxOf(who)(tx), await editableProject(tx, who, projectId), up.file, { caption: up.caption, milestoneId: up.milestoneId }));
  return (await filesOf(db, eq(projectFiles.id, row.id)))[0];
});

implement(projectRoutes, C.getProjectFile, async (c, { access, params: { projectId, fileId } }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  const p = await readableProject(db, who, projectId);
  const [f] = await db.select().from(projectFiles).where(and(eq(projectFiles.id, fileId), eq(projectFiles.projectId, p.id)));
  if (!f) throw new AppError('file_not_found');
  return sendFile(c, f);
});

implement(projectRoutes, C.deleteProjectFile, async (c, { access, params: { projectId, fileId } }) => {
  const who = whoOf(access);
  await c.get('deps').db.transaction(async (tx) => deleteFile(ctxOf(who)(tx), await editableProject(tx, who, projectId), fileId));
  return { ok: true as const };
});

implement(projectRoutes, C.requestChange, async (c, { access, params: { projectId }, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction(async (tx) => {
    const p = await readableProject(tx, who, projectId, true);
    if (!canRequestChange(who, p)) throw new AppError('forbidden');
    await requestChange(ctxOf(who)(tx), p, body);
  });
  return describeProject(db, who, await readableProject(db, who, projectId));
});

implement(projectRoutes, C.decideChange, async (c, { access, params: { projectId, changeId }, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction(async (tx) => decideChange(ctxOf(who)(tx), await readableProject(tx, who, projectId, true), changeId, body));
  return describeProject(db, who, await readableProject(db, who, projectId));
});

// ---- inspections ----

implement(projectRoutes, C.listInspections, async (c, { access, query }) => listInspections(c.get('deps').db, whoOf(access), query));

implement(projectRoutes, C.createInspection, async (c, { access, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  const row = await db.transaction((tx) => createInspection(ctxOf(who)(tx), who, body));
  return (await describeInspections(db, who, [row]))[0];
});

implement(projectRoutes, C.getInspection, async (c, { access, params: { inspectionId } }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  return (await describeInspections(db, who, [await getInspection(db, who, inspectionId)]))[0];
});

implement(projectRoutes, C.addFinding, async (c, { access, params: { inspectionId }, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  const insp = await getInspection(db, who, inspectionId);
  await db.transaction((tx) => addFinding(ctxOf(who)(tx), insp, body));
  return (await describeInspections(db, who, [insp]))[0];
});

implement(projectRoutes, C.uploadInspectionFile, async (c, { access, params: { inspectionId }, form }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  const insp = await getInspection(db, who, inspectionId);
  const up = await evidenceOf(form, c.get('lang'));
  const row = await db.transaction(async (tx) => addFile(ctxOf(who)(tx), await readableProject(tx, who, insp.projectId), up.file, { caption: up.caption, inspectionId: insp.id }));
  return (await filesOf(db, eq(projectFiles.id, row.id)))[0];
});

implement(projectRoutes, C.listFindings, async (c, { access }) => {
  const who = whoOf(access);
  const all = await findingsOf(c.get('deps').db, who.congress.id, and());
  return all.filter((f) => canSeeFinding(who, { departmentId: f.department?.id ?? null }));
});

implement(projectRoutes, C.answerFinding, async (c, { access, params: { findingId }, body }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction((tx) => answerFinding(ctxOf(who)(tx), who, findingId, body.answer));
  return (await findingsOf(db, who.congress.id, and(eq(findings.id, findingId))))[0];
});

implement(projectRoutes, C.reviewAnswer, async (c, { access, params: { findingId }, body: { accept, note } }) => {
  const who = whoOf(access);
  const db = c.get('deps').db;
  await db.transaction((tx) => reviewAnswer(ctxOf(who)(tx), findingId, accept, note));
  return (await findingsOf(db, who.congress.id, and(eq(findings.id, findingId))))[0];
});

/**
 * The progress pages and public photos answer from the public cache (lib/public-cache.ts); the year makes another page.
 * The cache is route middleware registered before each route (implement() takes no middleware): a hit answers before
 * the handler; a miss runs it and keeps only a 200. Bad input is not even asked of the cache: it goes straight to the
 * handler, whose validation refuses it.
 */
const page = cachedPublic({ cacheControl: CACHE_CONTROL.page });
const yearPage = cachedPublic({ cacheControl: CACHE_CONTROL.page, query: (c) => c.req.query('year') ?? '' });

export const publicProjectRoutes = new Hono<AppEnv>();

implement(publicProjectRoutes, C.listPublicProjects, async (c, { params, query }) => publicProjectList(c.get('deps').db, params.congressId, query.year), { use: [yearPage] });
implement(publicProjectRoutes, C.getPublicProject, async (c, { params }) => publicProject(c.get('deps').db, params.projectId), { use: [page] });
implement(publicProjectRoutes, C.getPublicFile, async (c, { params }) => sendFile(c, await publicPhoto(c.get('deps').db, params.fileId)), { use: [page] });
