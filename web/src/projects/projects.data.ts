/**
 * The projects stage (实施与监督, SPEC §6) as the web app calls it: projects with their plan, milestones, evidence,
 * progress reports and change requests; inspections with findings, answers and reviews; the progress report; and,
 * without an account, the public progress page.
 */
import type { z } from 'zod';
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
import { api, ApiError, query } from '../api.ts';
import { lang, t } from '../i18n.ts';
import { me } from '../session.ts';

export type { Finding, Health, Inspection, Milestone, MilestoneStatus, Plan, ProgressReport, ProjectDetail, ProjectFile, ProjectStatus, ProjectSummary, PublicProject };
export type Change = z.infer<typeof ChangeRequest>;
export type ChangeKind = Change['kind'];
export type PublicList = z.infer<typeof PublicProjectList>;
export type PublicCard = PublicList['projects'][number];
export type Period = 'mid' | 'end';

const base = (c: string) => `/congresses/${c}`;
const project = (c: string, p: string) => `${base(c)}/projects/${p}`;

/**
 * A multipart upload (`file`, `caption`, `milestoneId`), sent like every other write: same origin, the UI language,
 * the session's CSRF token; a failure becomes an ApiError with the server's message.
 */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': lang(), 'X-CSRF-Token': me()?.csrfToken ?? '' },
    });
  } catch {
    throw new ApiError(0, 'network', t('error.network'));
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  if (res.ok) return json as T;
  const err = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  const details = Array.isArray(err?.details) ? (err.details as { path?: unknown; message?: unknown }[]).map((d) => ({ path: String(d.path ?? ''), message: String(d.message ?? '') })) : [];
  throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? t('error.http', { status: res.status }), details, err?.details);
}

const fileForm = (file: File, opts: { caption?: string; milestoneId?: string | null }) => {
  const form = new FormData();
  form.append('file', file, file.name);
  if (opts.caption?.trim()) form.append('caption', opts.caption.trim());
  if (opts.milestoneId) form.append('milestoneId', opts.milestoneId);
  return form;
};

// ---- projects ----
export type ProjectFilter = { year?: number; status?: ProjectStatus; departmentId?: string };
export const fetchProjects = (c: string, f: ProjectFilter = {}) => api.get<ProjectSummary[]>(`${base(c)}/projects${query(f)}`);
export const fetchProject = (c: string, p: string) => api.get<ProjectDetail>(project(c, p));
export const createProject = (c: string, body: z.input<typeof CreateProject>) => api.post<ProjectDetail>(`${base(c)}/projects`, body);
export const updateProject = (c: string, p: string, body: z.input<typeof UpdateProject>) => api.patch<ProjectDetail>(project(c, p), body);
export const completeProject = (c: string, p: string, completedOn: string) => api.post<ProjectDetail>(`${project(c, p)}/complete`, { completedOn });
export const savePlan = (c: string, p: string, body: z.input<typeof Plan>) => api.put<ProjectDetail>(`${project(c, p)}/plan`, body);

export const addMilestone = (c: string, p: string, body: z.input<typeof CreateMilestone>) => api.post<ProjectDetail>(`${project(c, p)}/milestones`, body);
export const updateMilestone = (c: string, p: string, m: string, body: z.input<typeof UpdateMilestone>) =>
  api.patch<ProjectDetail>(`${project(c, p)}/milestones/${m}`, body);
export const deleteMilestone = (c: string, p: string, m: string) => api.del<ProjectDetail>(`${project(c, p)}/milestones/${m}`);

export const postProgress = (c: string, p: string, body: z.input<typeof ProgressUpdate>) => api.post<ProjectDetail>(`${project(c, p)}/updates`, body);

export const uploadProjectFile = (c: string, p: string, file: File, opts: { caption?: string; milestoneId?: string | null } = {}) =>
  postForm<ProjectFile>(`${project(c, p)}/files`, fileForm(file, opts));
export const deleteProjectFile = (c: string, p: string, f: string) => api.del<unknown>(`${project(c, p)}/files/${f}`);
/** The bytes, for <img src> and download links (the session cookie goes along). */
export const fileUrl = (c: string, p: string, f: string) => `/api${project(c, p)}/files/${f}`;

export const requestChange = (c: string, p: string, body: z.input<typeof CreateChange>) => api.post<ProjectDetail>(`${project(c, p)}/changes`, body);
export const decideChange = (c: string, p: string, changeId: string, body: z.input<typeof DecideChange>) =>
  api.post<ProjectDetail>(`${project(c, p)}/changes/${changeId}/decide`, body);

// ---- inspections (视察) and findings ----
export const fetchInspections = (c: string, f: { year?: number; projectId?: string } = {}) => api.get<Inspection[]>(`${base(c)}/inspections${query(f)}`);
export const fetchInspection = (c: string, i: string) => api.get<Inspection>(`${base(c)}/inspections/${i}`);
export const createInspection = (c: string, body: z.input<typeof CreateInspection>) => api.post<Inspection>(`${base(c)}/inspections`, body);
export const addFinding = (c: string, i: string, body: z.input<typeof CreateFinding>) => api.post<Inspection>(`${base(c)}/inspections/${i}/findings`, body);
export const uploadInspectionFile = (c: string, i: string, file: File, caption?: string) =>
  postForm<ProjectFile>(`${base(c)}/inspections/${i}/files`, fileForm(file, { caption }));
export const fetchFindings = (c: string) => api.get<Finding[]>(`${base(c)}/findings`);
export const answerFinding = (c: string, f: string, body: z.input<typeof AnswerFinding>) => api.post<Finding>(`${base(c)}/findings/${f}/answer`, body);
export const reviewAnswer = (c: string, f: string, body: z.input<typeof ReviewAnswer>) => api.post<Finding>(`${base(c)}/findings/${f}/review`, body);

// ---- progress report (进展报告) ----
export const fetchReport = (c: string, year: number, period: Period) => api.get<ProgressReport>(`${base(c)}/projects/report${query({ year, period })}`);
export const reportCsvUrl = (c: string, year: number, period: Period) => `/api${base(c)}/projects/report.csv${query({ year, period })}`;

// ---- public, no account ----
export const fetchPublicProjects = (c: string, year?: number) => api.get<PublicList>(`/public/congresses/${c}/projects${query({ year })}`);
export const fetchPublicProject = (p: string) => api.get<PublicProject>(`/public/projects/${p}`);
export const publicFileUrl = (f: string) => `/api/public/files/${f}`;

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
