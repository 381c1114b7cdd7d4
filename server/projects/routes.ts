import { and, asc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { CongressId } from '../../shared/congress/schema.ts';
import { fieldMessage } from '../../shared/errors.ts';
import { shanghaiToday } from '../../shared/projects/rules.ts';
import {
  AnswerFinding,
  ChangeParams,
  CompleteProject,
  CreateChange,
  CreateFinding,
  CreateInspection,
  CreateMilestone,
  CreateProject,
  DecideChange,
  FileParams,
  Finding,
  FindingParams,
  Inspection,
  InspectionParams,
  InspectionQuery,
  MilestoneParams,
  Plan,
  ProgressReport,
  ProgressUpdate,
  ProjectDetail,
  ProjectFile,
  ProjectParams,
  ProjectQuery,
  ProjectSummary,
  PublicProject,
  PublicProjectList,
  PublicProjectsQuery,
  ReportQuery,
  ReviewAnswer,
  UpdateMilestone,
  UpdateProject,
} from '../../shared/projects/schema.ts';
import { findings, projectFiles, projects } from '../db/schema/index.ts';
import { checkFiles } from '../gathering/attachments.ts';
import { actorOf } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { CACHE_CONTROL, cachedPublic } from '../lib/public-cache.ts';
import { rejectNul, v } from '../lib/validate.ts';
import { canDecideChange, canRequestChange, editableProject, onProject, projectsAccess, readableProject, type Who } from './access.ts';
import { addFile, addMilestone, completeProject, createProject, decideChange, deleteFile, deleteMilestone, reportProgress, requestChange, savePlan, updateMilestone, updateProject } from './actions.ts';
import { describeProject, filesOf, findingsOf, projectOrder, summarize } from './describe.ts';
import { addFinding, answerFinding, createInspection, describeInspections, getInspection, listInspections, reviewAnswer } from './inspections.ts';
import { progressReport, reportCsv } from './report.ts';
import { publicPhoto, publicProject, publicProjectList } from './public.ts';

const P = '/congresses/:congressId/projects';
const I = '/congresses/:congressId/inspections';

const ctxOf = (c: Context<AppEnv>, who: Who) => (tx: Parameters<Parameters<AppEnv['Variables']['deps']['db']['transaction']>[0]>[0]) => ({ tx, actor: actorOf(who.auth), congressId: who.congress.id });

/** One uploaded file (`file`), with an optional `caption` and `milestoneId`: multipart/form-data. */
async function readUpload(c: Context<AppEnv>) {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'multipart/form-data') throw new AppError('unsupported_media', { expected: 'multipart/form-data' });
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new AppError('validation', {}, [{ path: 'file', code: 'multipart_broken', message: fieldMessage('multipart_broken', c.get('lang')) }]);
  }
  const file = form.file;
  if (!(file instanceof File)) throw new AppError('validation', {}, [{ path: 'file', code: 'file_required', message: fieldMessage('file_required', c.get('lang')) }]);
  const caption = typeof form.caption === 'string' ? form.caption.trim().slice(0, 200) : '';
  rejectNul({ caption }, c.get('lang'));
  const milestoneId = typeof form.milestoneId === 'string' && form.milestoneId ? form.milestoneId : undefined;
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

export const projectRoutes = new Hono<AppEnv>()
  .get(P, doc('projects', 'Projects (a department sees only its own)', z.array(ProjectSummary)), v('param', CongressId), v('query', ProjectQuery), async (c) => {
    const who = await projectsAccess(c, c.req.valid('param').congressId);
    const q = c.req.valid('query');
    const db = c.get('deps').db;
    const rows = await db
      .select()
      .from(projects)
      .where(and(eq(projects.congressId, who.congress.id), q.year ? eq(projects.year, q.year) : undefined, q.status ? eq(projects.status, q.status) : undefined))
      .orderBy(asc(projects.year), ...projectOrder);
    const mine = rows.filter((p) => (who.readAll || onProject(who, p)) && (!q.departmentId || p.leadDepartmentId === q.departmentId || p.coDepartmentIds.includes(q.departmentId)));
    return c.json(await summarize(db, who.congress.id, mine));
  })
  .post(P, doc('projects', 'Create a project directly (staff); elected candidates become projects when the result is published', ProjectDetail, 201), v('param', CongressId), v('json', CreateProject), async (c) => {
    const who = await projectsAccess(c, c.req.valid('param').congressId);
    if (!who.staff) throw new AppError('forbidden');
    const db = c.get('deps').db;
    const row = await db.transaction((tx) => createProject(ctxOf(c, who)(tx), c.req.valid('json')));
    return c.json(await describeProject(db, who, row), 201);
  })
  .get(`${P}/report`, doc('projects', '进展报告: the mid-year or year-end progress report', ProgressReport), v('param', CongressId), v('query', ReportQuery), async (c) => {
    const who = await projectsAccess(c, c.req.valid('param').congressId);
    const { year, period } = c.req.valid('query');
    return c.json(await progressReport(c.get('deps').db, who, year, period));
  })
  .get(`${P}/report.csv`, doc('projects', 'The progress report as CSV (UTF-8 with BOM)'), v('param', CongressId), v('query', ReportQuery), async (c) => {
    const who = await projectsAccess(c, c.req.valid('param').congressId);
    const { year, period } = c.req.valid('query');
    const csv = reportCsv(await progressReport(c.get('deps').db, who, year, period));
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="progress-${year}-${period}.csv"` });
  })
  .get(`${P}/:projectId`, doc('projects', 'One project with its plan, milestones, reports, files, changes and findings', ProjectDetail), v('param', ProjectParams), async (c) => {
    const { congressId, projectId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)));
  })
  .patch(`${P}/:projectId`, doc('projects', 'Edit the basics (staff); a major change after the vote goes through a change request', ProjectDetail), v('param', ProjectParams), v('json', UpdateProject), async (c) => {
    const { congressId, projectId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    if (!who.staff) throw new AppError('forbidden');
    const db = c.get('deps').db;
    await db.transaction(async (tx) => updateProject(ctxOf(c, who)(tx), await editableProject(tx, who, projectId), c.req.valid('json')));
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)));
  })
  .post(`${P}/:projectId/complete`, doc('projects', 'Record completion (竣工)', ProjectDetail), v('param', ProjectParams), v('json', CompleteProject), async (c) => {
    const { congressId, projectId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    const { completedOn } = c.req.valid('json');
    if (completedOn > shanghaiToday()) throw new AppError('actual_date_future');
    await db.transaction(async (tx) => completeProject(ctxOf(c, who)(tx), await editableProject(tx, who, projectId), completedOn));
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)));
  })
  .put(`${P}/:projectId/plan`, doc('projects', '实施方案: targets, deadline, funding, support measures, annual targets', ProjectDetail), v('param', ProjectParams), v('json', Plan), async (c) => {
    const { congressId, projectId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    await db.transaction(async (tx) => savePlan(ctxOf(c, who)(tx), await editableProject(tx, who, projectId), c.req.valid('json')));
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)));
  })
  .post(`${P}/:projectId/milestones`, doc('projects', 'Add a milestone (节点)', ProjectDetail, 201), v('param', ProjectParams), v('json', CreateMilestone), async (c) => {
    const { congressId, projectId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    await db.transaction(async (tx) => addMilestone(ctxOf(c, who)(tx), await editableProject(tx, who, projectId), c.req.valid('json')));
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)), 201);
  })
  .patch(`${P}/:projectId/milestones/:milestoneId`, doc('projects', 'Update a milestone: status, actual date, note, plan', ProjectDetail), v('param', MilestoneParams), v('json', UpdateMilestone), async (c) => {
    const { congressId, projectId, milestoneId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    await db.transaction(async (tx) => updateMilestone(ctxOf(c, who)(tx), await editableProject(tx, who, projectId), milestoneId, c.req.valid('json'), shanghaiToday()));
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)));
  })
  .delete(`${P}/:projectId/milestones/:milestoneId`, doc('projects', 'Remove a milestone', ProjectDetail), v('param', MilestoneParams), async (c) => {
    const { congressId, projectId, milestoneId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    await db.transaction(async (tx) => deleteMilestone(ctxOf(c, who)(tx), await editableProject(tx, who, projectId), milestoneId));
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)));
  })
  .post(`${P}/:projectId/updates`, doc('projects', 'A progress report: own figure, 万元 spent, a summary (public)', ProjectDetail, 201), v('param', ProjectParams), v('json', ProgressUpdate), async (c) => {
    const { congressId, projectId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    await db.transaction(async (tx) => reportProgress(ctxOf(c, who)(tx), await editableProject(tx, who, projectId), c.req.valid('json')));
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)), 201);
  })
  .post(`${P}/:projectId/files`, doc('projects', 'Upload evidence (multipart `file`, `caption`, `milestoneId`): JPEG/PNG/WebP photo or PDF, 5 MB at most', ProjectFile, 201), v('param', ProjectParams), async (c) => {
    const { congressId, projectId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    await editableProject(db, who, projectId); // before reading a large body
    const up = await readUpload(c);
    const row = await db.transaction(async (tx) => addFile(ctxOf(c, who)(tx), await editableProject(tx, who, projectId), up.file, { caption: up.caption, milestoneId: up.milestoneId }));
    return c.json((await filesOf(db, eq(projectFiles.id, row.id)))[0], 201);
  })
  .get(`${P}/:projectId/files/:fileId`, doc('projects', 'A file of the project'), v('param', FileParams), async (c) => {
    const { congressId, projectId, fileId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    const p = await readableProject(db, who, projectId);
    const [f] = await db.select().from(projectFiles).where(and(eq(projectFiles.id, fileId), eq(projectFiles.projectId, p.id)));
    if (!f) throw new AppError('file_not_found');
    return sendFile(c, f);
  })
  .delete(`${P}/:projectId/files/:fileId`, doc('projects', 'Remove a file', z.object({ ok: z.literal(true) })), v('param', FileParams), async (c) => {
    const { congressId, projectId, fileId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    await c.get('deps').db.transaction(async (tx) => deleteFile(ctxOf(c, who)(tx), await editableProject(tx, who, projectId), fileId));
    return c.json({ ok: true as const });
  })
  .post(`${P}/:projectId/changes`, doc('projects', 'Request a major change, suspension, termination or resumption', ProjectDetail, 201), v('param', ProjectParams), v('json', CreateChange), async (c) => {
    const { congressId, projectId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    await db.transaction(async (tx) => {
      const p = await readableProject(tx, who, projectId, true);
      if (!canRequestChange(who, p)) throw new AppError('forbidden');
      await requestChange(ctxOf(c, who)(tx), p, c.req.valid('json'));
    });
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)), 201);
  })
  .post(`${P}/:projectId/changes/:changeId/decide`, doc('projects', 'Record the decision of the standing committee (or the session) and its announcement', ProjectDetail), v('param', ChangeParams), v('json', DecideChange), async (c) => {
    const { congressId, projectId, changeId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    if (!canDecideChange(who)) throw new AppError('forbidden');
    const db = c.get('deps').db;
    await db.transaction(async (tx) => decideChange(ctxOf(c, who)(tx), await readableProject(tx, who, projectId, true), changeId, c.req.valid('json')));
    return c.json(await describeProject(db, who, await readableProject(db, who, projectId)));
  })
  // ---- inspections ----
  .get(I, doc('projects', 'Inspections (视察)', z.array(Inspection)), v('param', CongressId), v('query', InspectionQuery), async (c) => {
    const who = await projectsAccess(c, c.req.valid('param').congressId);
    return c.json(await listInspections(c.get('deps').db, who, c.req.valid('query')));
  })
  .post(I, doc('projects', 'Record an inspection: date, attending representatives, summary, suggestions (staff)', Inspection, 201), v('param', CongressId), v('json', CreateInspection), async (c) => {
    const who = await projectsAccess(c, c.req.valid('param').congressId);
    if (!who.staff) throw new AppError('forbidden');
    const db = c.get('deps').db;
    const row = await db.transaction((tx) => createInspection(ctxOf(c, who)(tx), who, c.req.valid('json')));
    return c.json((await describeInspections(db, who, [row]))[0], 201);
  })
  .get(`${I}/:inspectionId`, doc('projects', 'One inspection with its findings and photos', Inspection), v('param', InspectionParams), async (c) => {
    const { congressId, inspectionId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    return c.json((await describeInspections(db, who, [await getInspection(db, who, inspectionId)]))[0]);
  })
  .post(`${I}/:inspectionId/findings`, doc('projects', 'A finding; with a department and a date it demands an answer', Inspection, 201), v('param', InspectionParams), v('json', CreateFinding), async (c) => {
    const { congressId, inspectionId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    if (!who.staff) throw new AppError('forbidden');
    const db = c.get('deps').db;
    const insp = await getInspection(db, who, inspectionId);
    await db.transaction((tx) => addFinding(ctxOf(c, who)(tx), insp, c.req.valid('json')));
    return c.json((await describeInspections(db, who, [insp]))[0], 201);
  })
  .post(`${I}/:inspectionId/files`, doc('projects', 'A photo or document of the inspection (multipart `file`, `caption`)', ProjectFile, 201), v('param', InspectionParams), async (c) => {
    const { congressId, inspectionId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    if (!who.staff) throw new AppError('forbidden');
    const db = c.get('deps').db;
    const insp = await getInspection(db, who, inspectionId);
    const up = await readUpload(c);
    const row = await db.transaction(async (tx) => addFile(ctxOf(c, who)(tx), await readableProject(tx, who, insp.projectId), up.file, { caption: up.caption, inspectionId: insp.id }));
    return c.json((await filesOf(db, eq(projectFiles.id, row.id)))[0], 201);
  })
  .get('/congresses/:congressId/findings', doc('projects', 'Inspection findings (a department gets those addressed to it)', z.array(Finding)), v('param', CongressId), async (c) => {
    const who = await projectsAccess(c, c.req.valid('param').congressId);
    const all = await findingsOf(c.get('deps').db, who.congress.id, and());
    return c.json(who.readAll ? all : all.filter((f) => f.department && who.departmentIds.includes(f.department.id)));
  })
  .post('/congresses/:congressId/findings/:findingId/answer', doc('projects', 'The department answers a finding', Finding), v('param', FindingParams), v('json', AnswerFinding), async (c) => {
    const { congressId, findingId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    const db = c.get('deps').db;
    await db.transaction((tx) => answerFinding(ctxOf(c, who)(tx), who, findingId, c.req.valid('json').answer));
    return c.json((await findingsOf(db, who.congress.id, and(eq(findings.id, findingId))))[0]);
  })
  .post('/congresses/:congressId/findings/:findingId/review', doc('projects', 'Staff accept an answer or return it', Finding), v('param', FindingParams), v('json', ReviewAnswer), async (c) => {
    const { congressId, findingId } = c.req.valid('param');
    const who = await projectsAccess(c, congressId);
    if (!who.staff) throw new AppError('forbidden');
    const db = c.get('deps').db;
    const { accept, note } = c.req.valid('json');
    await db.transaction((tx) => reviewAnswer(ctxOf(c, who)(tx), findingId, accept, note));
    return c.json((await findingsOf(db, who.congress.id, and(eq(findings.id, findingId))))[0]);
  });

/** The progress pages and public photos answer from the public cache (lib/public-cache.ts); the year makes another page. */
const page = cachedPublic({ cacheControl: CACHE_CONTROL.page });
const yearPage = cachedPublic({ cacheControl: CACHE_CONTROL.page, query: (c) => c.req.query('year') ?? '' });

export const publicProjectRoutes = new Hono<AppEnv>()
  .get('/public/congresses/:congressId/projects', doc('projects', 'The public progress page: a year’s projects', PublicProjectList), v('param', CongressId), v('query', PublicProjectsQuery), yearPage, async (c) =>
    c.json(await publicProjectList(c.get('deps').db, c.req.valid('param').congressId, c.req.valid('query').year)),
  )
  .get('/public/projects/:projectId', doc('projects', 'One project for the public: progress, milestones, photos, spending, announcements', PublicProject), v('param', z.object({ projectId: z.uuid() })), page, async (c) =>
    c.json(await publicProject(c.get('deps').db, c.req.valid('param').projectId)),
  )
  .get('/public/files/:fileId', doc('projects', 'A public project photo'), v('param', z.object({ fileId: z.uuid() })), page, async (c) => {
    const f = await publicPhoto(c.get('deps').db, c.req.valid('param').fileId);
    return sendFile(c, f);
  });

