/**
 * The evaluation stage (满意度测评, SPEC §7) as the web app calls it: rounds and their questionnaire, printed codes,
 * the count of answers while open, results and comments once closed, the league table, rectifications (整改) — and,
 * without an account, opening a code and submitting its answers.
 */
import type { z } from 'zod';
import type {
  Answer,
  Audience,
  CodeSlip,
  Comments,
  CreateRound,
  GradeValue,
  Group,
  Items,
  League,
  MyCode,
  Questionnaire,
  Rectification,
  Results,
  Round,
  RoundState,
  Submission,
  Target,
  TargetKind,
  TargetResult,
  UpdateRound,
} from '../../../shared/evaluation/schema.ts';
import type { ProjectSummary } from '../../../shared/projects/schema.ts';
import { api, query } from '../api.ts';

export type { Audience, Group, Items, Questionnaire, Rectification, Results, Round, Submission, Target, TargetKind, TargetResult, ProjectSummary };
export type AnswerValue = z.infer<typeof Answer>;
export type Grade = z.infer<typeof GradeValue>;
export type State = z.infer<typeof RoundState>;
export type Slip = z.infer<typeof CodeSlip>;
export type CommentList = z.infer<typeof Comments>;
export type LeagueRow = z.infer<typeof League>[number];
export type NewRound = z.input<typeof CreateRound>;
export type RoundUpdate = z.input<typeof UpdateRound>;

export const AUDIENCES: readonly Audience[] = ['representatives', 'residents'];
export const ANSWERS: readonly AnswerValue[] = ['satisfied', 'basic', 'dissatisfied', 'unknown'];

const rounds = (c: string) => `/congresses/${c}/evaluation/rounds`;
const round = (c: string, r: string) => `${rounds(c)}/${r}`;

export const fetchRounds = (c: string) => api.get<Round[]>(rounds(c));
export const fetchRound = (c: string, r: string) => api.get<Round>(round(c, r));
export const createRound = (c: string, body: NewRound) => api.post<Round>(rounds(c), body);
export const updateRound = (c: string, r: string, body: RoundUpdate) => api.patch<Round>(round(c, r), body);
export const openRound = (c: string, r: string) => api.post<Round>(`${round(c, r)}/open`, {});
export const closeRound = (c: string, r: string) => api.post<Round>(`${round(c, r)}/close`, {});
export const publishRound = (c: string, r: string) => api.post<Round>(`${round(c, r)}/publish`, {});
export const generateCodes = (c: string, r: string, audience: Audience, count: number) => api.post<{ generated: number }>(`${round(c, r)}/codes`, { audience, count });
export const fetchSlips = (c: string, r: string, audience: Audience) => api.get<Slip[]>(`${round(c, r)}/codes${query({ audience })}`);
export const recordIssued = (c: string, r: string, audience: Audience, count: number) => api.post<Round>(`${round(c, r)}/issued`, { audience, count });
export const getMyCode = (c: string, r: string) => api.post<z.infer<typeof MyCode>>(`${round(c, r)}/my-code`, {});
export const fetchResults = (c: string, r: string) => api.get<Results>(`${round(c, r)}/results`);
export const fetchComments = (c: string, r: string) => api.get<CommentList>(`${round(c, r)}/comments`);
export const reevaluate = (c: string, r: string, title?: string) => api.post<Round>(`${round(c, r)}/reevaluate`, title ? { title } : {});
/** The CSV is served as a download (same origin, the session cookie goes with it). */
export const resultsCsvUrl = (c: string, r: string) => `/api${round(c, r)}/results.csv`;

export const fetchLeague = (c: string) => api.get<LeagueRow[]>(`/congresses/${c}/evaluation/league`);

const rects = (c: string) => `/congresses/${c}/rectifications`;
export const fetchRectifications = (c: string) => api.get<Rectification[]>(rects(c));
export const fileRectification = (c: string, id: string, report: string) => api.post<Rectification>(`${rects(c)}/${id}/report`, { report });
export const reviewRectification = (c: string, id: string, accept: boolean, note: string) => api.post<Rectification>(`${rects(c)}/${id}/review`, { accept, note });
export const setRectificationDeadline = (c: string, id: string, deadline: string) => api.post<Rectification>(`${rects(c)}/${id}/deadline`, { deadline });

/** The projects of a year, to choose what a round evaluates. */
export const fetchProjects = (c: string, year: number) => api.get<ProjectSummary[]>(`/congresses/${c}/projects${query({ year })}`);

// ---- answering, no account ----
export const openByToken = (token: string) => api.post<Questionnaire>('/public/evaluation/open', { token });
export const openBySerial = (congressId: string, serial: string) => api.post<Questionnaire>('/public/evaluation/open', { congressId, serial });
export const submitAnswers = (body: Submission) => api.post<{ ok: true }>('/public/evaluation/submit', body);

/** A QR may hold the whole address `<origin>/e#<token>` or the bare token. */
export const tokenOf = (scanned: string) => (scanned.includes('#') ? scanned.slice(scanned.indexOf('#') + 1) : scanned).trim();

export const paths = {
  rounds: (c: string) => `/c/${c}/evaluation`,
  round: (c: string, r: string) => `/c/${c}/evaluation/${r}`,
  codes: (c: string, r: string, audience: Audience) => `/c/${c}/evaluation/${r}/codes?audience=${audience}`,
  report: (c: string, r: string) => `/c/${c}/evaluation/${r}/report`,
  league: (c: string) => `/c/${c}/evaluation/league`,
  rectifications: (c: string) => `/c/${c}/rectifications`,
  /** Where a code is typed by its serial (the congress has to be known). */
  answer: (c: string) => `/e?c=${c}`,
};
