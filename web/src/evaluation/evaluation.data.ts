/**
 * The evaluation stage (满意度测评, design §7) as the web app calls it: rounds and their questionnaire, printed codes,
 * the count of answers while open, results and comments once closed, the league table, rectifications (整改) — and,
 * without an account, opening a code and submitting its answers.
 */
import type { z } from 'zod';
import type {
  Audience,
  CodeSlip,
  Comments,
  CreateRound,
  Group,
  Items,
  League,
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
  Official as OfficialSchema,
  Inquiry as InquirySchema,
  OfficialInput,
  InquiryInput,
} from '../../../shared/evaluation/schema.ts';
import { listDepartments } from '../../../shared/departments/contract.ts';
import { listRepresentatives } from '../../../shared/roster/contract.ts';
import type { ProjectSummary } from '../../../shared/projects/schema.ts';
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/evaluation/contract.ts';
import { listProjects } from '../../../shared/projects/contract.ts';
import { call } from '../api.ts';

export type { Audience, Group, Items, Questionnaire, Rectification, Results, Round, Submission, Target, TargetKind, TargetResult, ProjectSummary };
export type { AnswerValue, Grade } from '../../../shared/evaluation/kinds.ts';
export type State = z.infer<typeof RoundState>;
export type Slip = z.infer<typeof CodeSlip>;
export type CommentList = z.infer<typeof Comments>;
export type LeagueRow = z.infer<typeof League>[number];
export type NewRound = z.input<typeof CreateRound>;
export type RoundUpdate = z.input<typeof UpdateRound>;

export const AUDIENCES: readonly Audience[] = ['representatives', 'residents'];
/** The answer scale and its grades, said once (shared/evaluation/kinds.ts). */
export { ANSWERS, GRADES, offeredAnswers } from '../../../shared/evaluation/kinds.ts';

const R = (c: string, r: string) => ({ congressId: c, roundId: r });
const X = (c: string, id: string) => ({ congressId: c, rectificationId: id });

export const fetchRounds = (c: string) => call(C.listRounds, { params: { congressId: c } });
export const fetchRound = (c: string, r: string) => call(C.getRound, { params: R(c, r) });
export const createRound = (c: string, body: NewRound) => call(C.createRound, { params: { congressId: c }, body });
export const updateRound = (c: string, r: string, body: RoundUpdate) => call(C.updateRound, { params: R(c, r), body });
export const openRound = (c: string, r: string) => call(C.openRound, { params: R(c, r) });
export const closeRound = (c: string, r: string) => call(C.closeRound, { params: R(c, r) });
export const publishRound = (c: string, r: string) => call(C.publishRound, { params: R(c, r) });
export const generateCodes = (c: string, r: string, audience: Audience, count: number) => call(C.generateCodes, { params: R(c, r), body: { audience, count } });
export const fetchSlips = (c: string, r: string, audience: Audience) => call(C.listSlips, { params: R(c, r), query: { audience } });
export const recordIssued = (c: string, r: string, audience: Audience, count: number) => call(C.recordIssued, { params: R(c, r), body: { audience, count } });
export const getMyCode = (c: string, r: string) => call(C.takeMyCode, { params: R(c, r) });
export const fetchResults = (c: string, r: string) => call(C.getResults, { params: R(c, r) });
export const fetchComments = (c: string, r: string) => call(C.listComments, { params: R(c, r) });
export const reevaluate = (c: string, r: string, title?: string) => call(C.reevaluate, { params: R(c, r), body: title ? { title } : {} });
/** The CSV is served as a download (same origin, the session cookie goes with it). */
export const resultsCsvUrl = (c: string, r: string) => urlOf(C.getResultsCsv, R(c, r));

export const fetchLeague = (c: string, kind: TargetKind = 'department') => call(C.getLeague, { params: { congressId: c }, query: { kind } });

// ---- the targets the office keeps: appointed officials and 专题询问 ----
export type Official = z.infer<typeof OfficialSchema>;
export type Inquiry = z.infer<typeof InquirySchema>;
export type OfficialBody = z.input<typeof OfficialInput>;
export type InquiryBody = z.input<typeof InquiryInput>;
export const fetchOfficials = (c: string, includeArchived = false) => call(C.listOfficials, { params: { congressId: c }, query: { archived: includeArchived ? 'include' : 'exclude' } });
export const createOfficial = (c: string, body: OfficialBody) => call(C.createOfficial, { params: { congressId: c }, body });
export const updateOfficial = (c: string, id: string, body: Partial<OfficialBody>) => call(C.updateOfficial, { params: { congressId: c, officialId: id }, body });
export const archiveOfficial = (c: string, id: string) => call(C.archiveOfficial, { params: { congressId: c, officialId: id } });
export const fetchInquiries = (c: string, includeArchived = false) => call(C.listInquiries, { params: { congressId: c }, query: { archived: includeArchived ? 'include' : 'exclude' } });
export const createInquiry = (c: string, body: InquiryBody) => call(C.createInquiry, { params: { congressId: c }, body });
export const updateInquiry = (c: string, id: string, body: Partial<InquiryBody>) => call(C.updateInquiry, { params: { congressId: c, inquiryId: id }, body });
export const archiveInquiry = (c: string, id: string) => call(C.archiveInquiry, { params: { congressId: c, inquiryId: id } });
/** The departments and the roster, to choose targets from. */
export const fetchDepartments = (c: string) => call(listDepartments, { params: { congressId: c } });
export const fetchRepresentatives = (c: string, q?: string) => call(listRepresentatives, { params: { congressId: c }, query: { status: 'seated', ...(q ? { q } : {}) } });

export const fetchRectifications = (c: string) => call(C.listRectifications, { params: { congressId: c } });
export const fileRectification = (c: string, id: string, report: string) => call(C.fileRectification, { params: X(c, id), body: { report } });
export const reviewRectification = (c: string, id: string, accept: boolean, note: string) => call(C.reviewRectification, { params: X(c, id), body: { accept, note } });
export const setRectificationDeadline = (c: string, id: string, deadline: string) => call(C.setRectificationDeadline, { params: X(c, id), body: { deadline } });

/** The projects of a year, to choose what a round evaluates. */
export const fetchProjects = (c: string, year: number) => call(listProjects, { params: { congressId: c }, query: { year } });

// ---- answering, no account ----
export const openByToken = (token: string) => call(C.openQuestionnaire, { body: { token } });
/** 会场测评: a hall tablet asks for one code of the round for the representative whose delegate card it scanned. */
export const codeForCard = (roundId: string, card: string) => call(C.hallCard, { body: { roundId, card } });
/** A delegate card's QR (`…/l#<token>`, a token of type ms-login), told from a slip's (`…/e#<token>`). */
export function isDelegateCard(scanned: string): boolean {
  const s = scanned.trim();
  if (s.includes('#')) return /\/l$/.test(s.slice(0, s.indexOf('#')));
  try {
    const header = JSON.parse(atob(s.split('.')[0].replace(/-/g, '+').replace(/_/g, '/'))) as { typ?: unknown };
    return header.typ === 'ms-login';
  } catch {
    return false;
  }
}
export const openBySerial = (congressId: string, serial: string) => call(C.openQuestionnaire, { body: { congressId, serial } });
export const submitAnswers = (body: Submission) => call(C.submitAnswers, { body });

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
