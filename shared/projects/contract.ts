/** The projects stage's API routes (实施与监督, design §6), each once (shared/contract.ts). */
import { z } from 'zod';
import { MB, route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
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
} from './schema.ts';

const tag = 'projects';
const P = '/congresses/:congressId/projects';
const I = '/congresses/:congressId/inspections';
const Ok = z.object({ ok: z.literal(true) });

/** Evidence: one file of 5 MB at most in its form (the body may be a little larger: the form's own bytes). */
const evidence = {
  bodyKind: 'multipart',
  accepts: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
  limit: 6 * MB,
  limitLabel: '5 MB',
} as const;
/** What checking an evidence file can refuse (server/gathering/attachments.ts). */
const FILE_ERRORS = ['attachment_empty', 'attachment_too_large', 'attachment_type', 'too_many_attachments'] as const;
/** A project a write can reach: one this person may read, not terminated. */
const EDIT_ERRORS = ['project_not_found', 'project_terminated'] as const;

// ---- projects ----

export const listProjects = route({
  method: 'GET',
  path: P,
  tag,
  summary: 'Projects (a department sees only its own)',
  permission: 'projects.read',
  params: CongressId,
  query: ProjectQuery,
  response: z.array(ProjectSummary),
});

export const createProject = route({
  method: 'POST',
  path: P,
  tag,
  summary: 'Create a project directly (staff); elected candidates become projects when the result is published',
  permission: 'projects.manage',
  params: CongressId,
  body: CreateProject,
  status: 201,
  response: ProjectDetail,
  errors: ['department_not_found'],
});

export const getReport = route({
  method: 'GET',
  path: `${P}/report`,
  tag,
  summary: '进展报告: the mid-year or year-end progress report',
  permission: 'projects.read',
  params: CongressId,
  query: ReportQuery,
  response: ProgressReport,
});

export const getReportCsv = route({
  method: 'GET',
  path: `${P}/report.csv`,
  tag,
  summary: 'The progress report as CSV (UTF-8 with BOM)',
  permission: 'projects.read',
  params: CongressId,
  query: ReportQuery,
  produces: 'csv',
});

export const getProject = route({
  method: 'GET',
  path: `${P}/:projectId`,
  tag,
  summary: 'One project with its plan, milestones, reports, files, changes and findings',
  permission: 'projects.read',
  params: ProjectParams,
  response: ProjectDetail,
  errors: ['project_not_found'],
});

export const updateProject = route({
  method: 'PATCH',
  path: `${P}/:projectId`,
  tag,
  summary: 'Edit the basics (staff); a major change after the vote goes through a change request',
  permission: 'projects.manage',
  params: ProjectParams,
  body: UpdateProject,
  response: ProjectDetail,
  errors: [...EDIT_ERRORS, 'department_not_found'],
});

export const completeProject = route({
  method: 'POST',
  path: `${P}/:projectId/complete`,
  tag,
  summary: 'Record completion (竣工)',
  permission: 'projects.carry',
  params: ProjectParams,
  body: CompleteProject,
  response: ProjectDetail,
  errors: [...EDIT_ERRORS, 'actual_date_future', 'project_not_active'],
});

export const savePlan = route({
  method: 'PUT',
  path: `${P}/:projectId/plan`,
  tag,
  summary: '实施方案: targets, deadline, funding, support measures, annual targets',
  permission: 'projects.carry',
  params: ProjectParams,
  body: Plan,
  response: ProjectDetail,
  errors: EDIT_ERRORS,
});

export const addMilestone = route({
  method: 'POST',
  path: `${P}/:projectId/milestones`,
  tag,
  summary: 'Add a milestone (节点)',
  permission: 'projects.carry',
  params: ProjectParams,
  body: CreateMilestone,
  status: 201,
  response: ProjectDetail,
  errors: EDIT_ERRORS,
});

export const updateMilestone = route({
  method: 'PATCH',
  path: `${P}/:projectId/milestones/:milestoneId`,
  tag,
  summary: 'Update a milestone: status, actual date, note, plan',
  permission: 'projects.carry',
  params: MilestoneParams,
  body: UpdateMilestone,
  response: ProjectDetail,
  errors: [...EDIT_ERRORS, 'milestone_not_found', 'actual_date_future'],
});

export const deleteMilestone = route({
  method: 'DELETE',
  path: `${P}/:projectId/milestones/:milestoneId`,
  tag,
  summary: 'Remove a milestone',
  permission: 'projects.carry',
  params: MilestoneParams,
  response: ProjectDetail,
  errors: [...EDIT_ERRORS, 'milestone_not_found'],
});

export const reportProgress = route({
  method: 'POST',
  path: `${P}/:projectId/updates`,
  tag,
  summary: 'A progress report: own figure, 万元 spent, a summary (public)',
  permission: 'projects.carry',
  params: ProjectParams,
  body: ProgressUpdate,
  status: 201,
  response: ProjectDetail,
  errors: [...EDIT_ERRORS, 'project_not_active'],
});

export const uploadProjectFile = route({
  method: 'POST',
  path: `${P}/:projectId/files`,
  tag,
  summary: 'Upload evidence (multipart `file`, `caption`, `milestoneId`): JPEG/PNG/WebP photo or PDF, 5 MB at most',
  description: 'A photo is public (the progress page shows it); a document is not.',
  permission: 'projects.carry',
  params: ProjectParams,
  ...evidence,
  status: 201,
  response: ProjectFile,
  errors: [...EDIT_ERRORS, 'milestone_not_found', ...FILE_ERRORS],
});

export const getProjectFile = route({
  method: 'GET',
  path: `${P}/:projectId/files/:fileId`,
  tag,
  summary: 'A file of the project',
  description: 'The bytes, served inline with the type judged from them, in a sandbox.',
  permission: 'projects.read',
  params: FileParams,
  produces: 'file',
  errors: ['project_not_found', 'file_not_found'],
});

export const deleteProjectFile = route({
  method: 'DELETE',
  path: `${P}/:projectId/files/:fileId`,
  tag,
  summary: 'Remove a file',
  permission: 'projects.carry',
  params: FileParams,
  response: Ok,
  errors: [...EDIT_ERRORS, 'file_not_found'],
});

export const requestChange = route({
  method: 'POST',
  path: `${P}/:projectId/changes`,
  tag,
  summary: 'Request a major change, suspension, termination or resumption',
  permission: 'projects.changes.request',
  params: ProjectParams,
  body: CreateChange,
  status: 201,
  response: ProjectDetail,
  errors: ['project_not_found', 'change_not_applicable', 'change_empty', 'change_pending'],
});

export const decideChange = route({
  method: 'POST',
  path: `${P}/:projectId/changes/:changeId/decide`,
  tag,
  summary: 'Record the decision of the standing committee (or the session) and its announcement',
  permission: 'projects.changes.decide',
  params: ChangeParams,
  body: DecideChange,
  response: ProjectDetail,
  errors: ['project_not_found', 'change_not_found', 'change_decided', 'announcement_before_decision', 'change_not_applicable'],
});

// ---- inspections (视察) and findings ----

export const listInspections = route({
  method: 'GET',
  path: I,
  tag,
  summary: 'Inspections (视察)',
  permission: 'projects.read',
  params: CongressId,
  query: InspectionQuery,
  response: z.array(Inspection),
});

export const createInspection = route({
  method: 'POST',
  path: I,
  tag,
  summary: 'Record an inspection: date, attending representatives, summary, suggestions (staff)',
  permission: 'projects.inspections.manage',
  params: CongressId,
  body: CreateInspection,
  status: 201,
  response: Inspection,
  errors: ['project_not_found', 'representative_not_found', 'inspection_future'],
});

export const getInspection = route({
  method: 'GET',
  path: `${I}/:inspectionId`,
  tag,
  summary: 'One inspection with its findings and photos',
  permission: 'projects.read',
  params: InspectionParams,
  response: Inspection,
  errors: ['inspection_not_found'],
});

export const addFinding = route({
  method: 'POST',
  path: `${I}/:inspectionId/findings`,
  tag,
  summary: 'A finding; with a department and a date it demands an answer',
  permission: 'projects.inspections.manage',
  params: InspectionParams,
  body: CreateFinding,
  status: 201,
  response: Inspection,
  errors: ['inspection_not_found', 'department_not_found', 'finding_department_not_on_project'],
});

export const uploadInspectionFile = route({
  method: 'POST',
  path: `${I}/:inspectionId/files`,
  tag,
  summary: 'A photo or document of the inspection (multipart `file`, `caption`)',
  description: 'Inspection files are never public.',
  permission: 'projects.inspections.manage',
  params: InspectionParams,
  ...evidence,
  status: 201,
  response: ProjectFile,
  errors: ['inspection_not_found', 'project_not_found', ...FILE_ERRORS],
});

export const listFindings = route({
  method: 'GET',
  path: '/congresses/:congressId/findings',
  tag,
  summary: 'Inspection findings (a department gets those addressed to it)',
  permission: 'projects.read',
  params: CongressId,
  response: z.array(Finding),
});

export const answerFinding = route({
  method: 'POST',
  path: '/congresses/:congressId/findings/:findingId/answer',
  tag,
  summary: 'The department answers a finding',
  permission: 'projects.findings.answer',
  params: FindingParams,
  body: AnswerFinding,
  response: Finding,
  errors: ['finding_not_found', 'finding_not_awaiting'],
});

export const reviewAnswer = route({
  method: 'POST',
  path: '/congresses/:congressId/findings/:findingId/review',
  tag,
  summary: 'Staff accept an answer or return it',
  permission: 'projects.inspections.manage',
  params: FindingParams,
  body: ReviewAnswer,
  response: Finding,
  errors: ['finding_not_found', 'finding_not_answered'],
});

// ---- public, no account (answered from the public cache: server/lib/public-cache.ts) ----

export const listPublicProjects = route({
  method: 'GET',
  path: '/public/congresses/:congressId/projects',
  tag,
  summary: 'The public progress page: a year’s projects',
  permission: 'public',
  params: CongressId,
  query: PublicProjectsQuery,
  response: PublicProjectList,
  errors: ['congress_not_found'],
});

export const getPublicProject = route({
  method: 'GET',
  path: '/public/projects/:projectId',
  tag,
  summary: 'One project for the public: progress, milestones, photos, spending, announcements',
  permission: 'public',
  params: z.object({ projectId: z.uuid() }),
  response: PublicProject,
  errors: ['project_not_found'],
});

export const getPublicFile = route({
  method: 'GET',
  path: '/public/files/:fileId',
  tag,
  summary: 'A public project photo',
  permission: 'public',
  params: z.object({ fileId: z.uuid() }),
  produces: 'file',
  errors: ['file_not_found'],
});
