/** Gathering and screening (征集与初定): windows, proposals, screening decisions, candidates and candidate lists. */
import type { z } from 'zod';
import type {
  AcceptProposal,
  Candidate,
  CandidateFields,
  CandidateList,
  Checks,
  CollectionWindow,
  Proposal,
  SimilarProposal,
  StaffProposal,
} from '../../../shared/gathering/schema.ts';
import { api, query } from '../api.ts';
import type { Category, Channel, ProposalStatus } from '../labels.ts';

export type { Candidate, CandidateFields, CandidateList, Checks, CollectionWindow, Proposal };
export type Similar = z.infer<typeof SimilarProposal>;

const base = (congressId: string) => `/congresses/${congressId}`;

// ---- collection windows (征集期) ----
export const fetchWindows = (congressId: string) => api.get<CollectionWindow[]>(`${base(congressId)}/collection-windows`);
export const createWindow = (congressId: string, body: { year: number; opensOn: string; closesOn: string }) =>
  api.post<{ id: string }>(`${base(congressId)}/collection-windows`, body);
export const updateWindow = (congressId: string, windowId: string, body: { opensOn?: string; closesOn?: string }) =>
  api.patch<{ ok: true }>(`${base(congressId)}/collection-windows/${windowId}`, body);
export const closeWindow = (congressId: string, windowId: string) => api.post<{ ok: true }>(`${base(congressId)}/collection-windows/${windowId}/close`);

/** The window the public page shows: the open one, else the next scheduled, else the latest. */
export function currentWindow(windows: readonly CollectionWindow[]): CollectionWindow | null {
  return windows.find((w) => w.state === 'open') ?? windows.find((w) => w.state === 'scheduled') ?? windows[0] ?? null;
}

// ---- proposals (项目建议) ----
export type ProposalFilter = { year?: number; status?: ProposalStatus; channel?: Channel; category?: Category; location?: string; q?: string };
export const fetchProposals = (congressId: string, f: ProposalFilter) => api.get<Proposal[]>(`${base(congressId)}/proposals${query(f)}`);
export const fetchProposal = (congressId: string, id: string) => api.get<Proposal>(`${base(congressId)}/proposals/${id}`);
export const fetchSimilar = (congressId: string, id: string) => api.get<Similar[]>(`${base(congressId)}/proposals/${id}/similar`);
export const submitStaffProposal = (congressId: string, input: z.input<typeof StaffProposal>, files: readonly File[]) =>
  api.postWithFiles<Proposal>(`${base(congressId)}/proposals`, input, files);
export const attachmentUrl = (congressId: string, proposalId: string, attachmentId: string) =>
  `/api${base(congressId)}/proposals/${proposalId}/attachments/${attachmentId}`;
/** The export takes the same filters as the list. */
export const proposalsCsvUrl = (congressId: string, f: ProposalFilter & { status?: ProposalStatus }) =>
  `/api${base(congressId)}/proposals/export.csv${query(f)}`;

// ---- screening (初定) ----
const proposalPath = (congressId: string, id: string) => `${base(congressId)}/proposals/${id}`;
export const saveChecks = (congressId: string, id: string, checks: Checks) => api.put<{ ok: true }>(`${proposalPath(congressId, id)}/checks`, checks);
export const acceptProposal = (congressId: string, id: string, body: z.input<typeof AcceptProposal>) =>
  api.post<Candidate>(`${proposalPath(congressId, id)}/accept`, body);
export const mergeProposal = (congressId: string, id: string, body: { intoId: string; reason: string }) =>
  api.post<{ ok: true }>(`${proposalPath(congressId, id)}/merge`, body);
export const rejectProposal = (congressId: string, id: string, body: { reason: string; reserve: boolean }) =>
  api.post<{ ok: true }>(`${proposalPath(congressId, id)}/reject`, body);
export const reserveProposal = (congressId: string, id: string) => api.post<{ ok: true }>(`${proposalPath(congressId, id)}/reserve`);
export const reviveProposal = (congressId: string, id: string, windowId: string) => api.post<Proposal>(`${proposalPath(congressId, id)}/revive`, { windowId });

// ---- candidates (候选项目) and lists (候选项目清单) ----
export const fetchCandidates = (congressId: string, year?: number) => api.get<Candidate[]>(`${base(congressId)}/candidates${query({ year })}`);
export const candidatesCsvUrl = (congressId: string, year?: number) => `/api${base(congressId)}/candidates/export.csv${query({ year })}`;
export const updateCandidate = (congressId: string, id: string, body: Partial<CandidateFields>) => api.patch<Candidate>(`${base(congressId)}/candidates/${id}`, body);

export const fetchLists = (congressId: string) => api.get<CandidateList[]>(`${base(congressId)}/candidate-lists`);
export const fetchList = (congressId: string, id: string) => api.get<CandidateList>(`${base(congressId)}/candidate-lists/${id}`);
export const createList = (congressId: string, body: { title: string; year: number; seats: number; candidateIds: string[] }) =>
  api.post<CandidateList>(`${base(congressId)}/candidate-lists`, body);
export const updateList = (congressId: string, id: string, body: Partial<{ title: string; seats: number; candidateIds: string[] }>) =>
  api.patch<CandidateList>(`${base(congressId)}/candidate-lists/${id}`, body);
export const freezeList = (congressId: string, id: string, acknowledgeSurplusWarning: boolean) =>
  api.post<CandidateList>(`${base(congressId)}/candidate-lists/${id}/freeze`, { acknowledgeSurplusWarning });
export const newListVersion = (congressId: string, id: string) => api.post<CandidateList>(`${base(congressId)}/candidate-lists/${id}/new-version`);

/** Add up amounts in 万元 (strings with up to two decimals) in whole fen, so no float error creeps into a total. */
export function sumWan(amounts: readonly (string | null | undefined)[]): number {
  let cents = 0;
  for (const a of amounts) {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec((a ?? '').trim());
    if (m) cents += Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  }
  return cents / 100;
}
