/**
 * The projects stage (实施与监督, design §6) as the web app calls it: projects with their plan, milestones, evidence,
 * progress reports and change requests; inspections with findings, answers and reviews; the progress report; and,
 * without an account, the public progress page.
 */
import type { z } from 'zod';
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/projects/contract.ts';
import type {
  AnswerFinding,
  ChangeRequest,
  CreateChange,
  CreateFinding,
  CreateInspection,
  CreateMilestone,
  CreateProject,
  DecideChange,
  Finding,
  Health,
  Inspection,
  Milestone,
  MilestoneStatus,
  Plan,
  ProgressReport,
  ProgressUpdate,
  ProjectDetail,
  ProjectFile,
  ProjectStatus,
  ProjectSummary,
  PublicProject,
  PublicProjectList,
  ReviewAnswer,
  UpdateMilestone,
  UpdateProject,
} from '../../../shared/projects/schema.ts';
import { call, query } from '../api.ts';

export type { Finding, Health, Inspection, Milestone, MilestoneStatus, Plan, ProgressReport, ProjectDetail, ProjectFile, ProjectStatus, ProjectSummary, PublicProject };
export type Change = z.infer<typeof ChangeRequest>;
export type ChangeKind = Change['kind'];
export type PublicList = z.infer<typeof PublicProjectList>;
export type PublicCard = PublicList['projects'][number];
export type Period = 'mid' | 'end';

/** The evidence form (`file`, `caption`, `milestoneId`): multipart, sent like every other write (api.ts `call`). */
const fileForm = (file: File, opts: { caption?: string; milestoneId?: string | null }) => {
  const form = new FormData();
  form.append('file', file, file.name);
  if (opts.caption?.trim()) form.append('caption', opts.caption.trim());
  if (opts.milestoneId) form.append('milestoneId', opts.milestoneId);
  return form;
};

// ---- projects ----
export type ProjectFilter = { year?: number; status?: ProjectStatus; departmentId?: string };
export const fetchProjects = (c: string, f: ProjectFilter = {}) => call(C.listProjects, { params: { congressId: c }, query: f });
export const fetchProject = (c: string, p: string) => call(C.getProject, { params: { congressId: c, projectId: p } });
export const createProject = (c: string, body: z.input<typeof CreateProject>) => call(C.createProject, { params: { congressId: c }, body });
export const updateProject = (c: string, p: string, body: z.input<typeof UpdateProject>) => call(C.updateProject, { params: { congressId: c, projectId: p }, body });
export const completeProject = (c: string, p: string, completedOn: string) => call(C.completeProject, { params: { congressId: c, projectId: p }, body: { completedOn } });
export const savePlan = (c: string, p: string, body: z.input<typeof Plan>) => call(C.savePlan, { params: { congressId: c, projectId: p }, body });

export const addMilestone = (c: string, p: string, body: z.input<typeof CreateMilestone>) => call(C.addMilestone, { params: { congressId: c, projectId: p }, body });
export const updateMilestone = (c: string, p: string, m: string, body: z.input<typeof UpdateMilestone>) =>
  call(C.updateMilestone, { params: { congressId: c, projectId: p, milestoneId: m }, body });
export const deleteMilestone = (c: string, p: string, m: string) => call(C.deleteMilestone, { params: { congressId: c, projectId: p, milestoneId: m } });

export const postProgress = (c: string, p: string, body: z.input<typeof ProgressUpdate>) => call(C.reportProgress, { params: { congressId: c, projectId: p }, body });

export const uploadProjectFile = (c: string, p: string, file: File, opts: { caption?: string; milestoneId?: string | null } = {}) =>
  call(C.uploadProjectFile, { params: { congressId: c, projectId: p }, body: fileForm(file, opts) });
export const deleteProjectFile = (c: string, p: string, f: string) => call(C.deleteProjectFile, { params: { congressId: c, projectId: p, fileId: f } });
/** The bytes, for <img src> and download links (the session cookie goes along). */
export const fileUrl = (c: string, p: string, f: string) => urlOf(C.getProjectFile, { congressId: c, projectId: p, fileId: f });

export const requestChange = (c: string, p: string, body: z.input<typeof CreateChange>) => call(C.requestChange, { params: { congressId: c, projectId: p }, body });
export const decideChange = (c: string, p: string, changeId: string, body: z.input<typeof DecideChange>) =>
  call(C.decideChange, { params: { congressId: c, projectId: p, changeId }, body });

// ---- inspections (视察) and findings ----
export const fetchInspections = (c: string, f: { year?: number; projectId?: string } = {}) => call(C.listInspections, { params: { congressId: c }, query: f });
export const fetchInspection = (c: string, i: string) => call(C.getInspection, { params: { congressId: c, inspectionId: i } });
export const createInspection = (c: string, body: z.input<typeof CreateInspection>) => call(C.createInspection, { params: { congressId: c }, body });
export const addFinding = (c: string, i: string, body: z.input<typeof CreateFinding>) => call(C.addFinding, { params: { congressId: c, inspectionId: i }, body });
export const uploadInspectionFile = (c: string, i: string, file: File, caption?: string) =>
  call(C.uploadInspectionFile, { params: { congressId: c, inspectionId: i }, body: fileForm(file, { caption }) });
export const fetchFindings = (c: string) => call(C.listFindings, { params: { congressId: c } });
export const answerFinding = (c: string, f: string, body: z.input<typeof AnswerFinding>) => call(C.answerFinding, { params: { congressId: c, findingId: f }, body });
export const reviewAnswer = (c: string, f: string, body: z.input<typeof ReviewAnswer>) => call(C.reviewAnswer, { params: { congressId: c, findingId: f }, body });

// ---- progress report (进展报告) ----
export const fetchReport = (c: string, year: number, period: Period) => call(C.getReport, { params: { congressId: c }, query: { year, period } });
/** The CSV is a download link, not a call. */
export const reportCsvUrl = (c: string, year: number, period: Period) => urlOf(C.getReportCsv, { congressId: c }, { year, period });

// ---- public, no account ----
export const fetchPublicProjects = (c: string, year?: number) => call(C.listPublicProjects, { params: { congressId: c }, query: { year } });
export const fetchPublicProject = (p: string) => call(C.getPublicProject, { params: { projectId: p } });
export const publicFileUrl = (f: string) => urlOf(C.getPublicFile, { fileId: f });

/** Pages a person opens. */
export const paths = {
  dashboard: (c: string) => `/c/${c}/projects/dashboard`,
  list: (c: string) => `/c/${c}/projects`,
  project: (c: string, p: string) => `/c/${c}/projects/${p}`,
  inspections: (c: string) => `/c/${c}/inspections`,
  inspection: (c: string, i: string) => `/c/${c}/inspections/${i}`,
  report: (c: string, year?: number, period?: Period) => `/c/${c}/projects/report${query({ year, period })}`,
  publicList: (c: string, year?: number) => `/progress/${c}${query({ year })}`,
  publicProject: (c: string, p: string) => `/progress/${c}/${p}`,
};
